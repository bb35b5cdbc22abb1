export * from './common.ts';
export * from './attachments.ts';
export * from './plans.ts';
export * from './honours.ts';
export * from './votes.ts';

export * from './common.ts';
export * from './attachments.ts';
export * from './plans.ts';

export * from './common.ts';
export * from './attachments.ts';
export * from './plans.ts';
export * from './evaluation.ts';
export * from './commitments.ts';

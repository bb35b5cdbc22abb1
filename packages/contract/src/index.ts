export * from './common.ts';
export * from './attachments.ts';
export * from './plans.ts';
export * from './assessment.ts';
export * from './dashboard.ts';
export * from './benchmarking.ts';

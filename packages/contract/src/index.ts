export * from './common.ts';
export * from './attachments.ts';
export * from './plans.ts';
export * from './reports.ts';
export * from './activities.ts';
export * from './exemplars.ts';
export * from './inspections.ts';
export * from './bulletins.ts';

import { z } from 'zod';
import { localizedText, page, timestamp } from './common.ts';

/** 任务: background jobs (the roster and organization imports) and the issues an import found. */

export const jobStatus = z.enum(['queued', 'running', 'succeeded', 'failed']);

export const previewResult = z.object({
  phase: z.literal('preview'),
  totalRows: z.number().int(),
  validRows: z.number().int(),
  invalidRows: z.number().int(),
  issueCount: z.number().int(),
  headerRow: z.number().int().nullable(),
  orgId: z.number().int(),
});

export const commitResult = z.object({ phase: z.literal('committed'), imported: z.number().int(), skipped: z.number().int() });

const fieldError = z.object({ field: z.string(), code: z.string(), message: localizedText });

export const job = z.object({
  id: z.number().int(),
  kind: z.string(),
  status: jobStatus,
  /** The job's phase: 'preview', then 'commit' once committed. */
  phase: z.enum(['preview', 'commit']).nullable(),
  filename: z.string().nullable(),
  progress: z.number().int(),
  total: z.number().int().nullable(),
  result: z.discriminatedUnion('phase', [previewResult, commitResult]).nullable(),
  error: z.object({ code: z.string(), messages: localizedText, errors: z.array(fieldError).optional() }).nullable(),
  createdAt: timestamp,
  finishedAt: timestamp.nullable(),
});

export const importIssue = z.object({
  rowNumber: z.number().int(),
  field: z.string(),
  code: z.string(),
  /** In the request's language (Accept-Language). */
  message: z.string(),
  messages: localizedText,
});

export const importIssuePage = page(importIssue);

export type JobStatus = z.infer<typeof jobStatus>;
export type PreviewResult = z.infer<typeof previewResult>;
export type CommitResult = z.infer<typeof commitResult>;
export type Job = z.infer<typeof job>;
export type ImportIssue = z.infer<typeof importIssue>;

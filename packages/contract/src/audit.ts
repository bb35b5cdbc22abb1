import { z } from 'zod';
import { page, timestamp } from './common.ts';

/** 审计: the audit log, read by the audit admin. */

export const auditEntry = z.object({
  id: z.number().int(),
  at: timestamp,
  userId: z.number().int().nullable(),
  username: z.string().nullable(),
  role: z.string().nullable(),
  orgId: z.number().int().nullable(),
  orgName: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  /** What the action changed, as the action recorded it. */
  summary: z.unknown(),
  ip: z.string().nullable(),
  outcome: z.enum(['success', 'failure', 'denied']),
});

export const auditPage = page(auditEntry);

export type AuditEntry = z.infer<typeof auditEntry>;
export type AuditPage = z.infer<typeof auditPage>;

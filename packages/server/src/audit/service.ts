import type { Insertable } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { AuditLogTable } from '../db/schema.ts';
import { nowIso } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { auditRepository } from './repository.ts';

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string | number | null;
  /** Before/after summary; never personal data in clear (masked values only). */
  summary?: Record<string, unknown>;
  outcome?: 'success' | 'failure' | 'denied';
}

/** Records what an actor did. Call inside the transaction of the write it describes. */
export async function audit(ex: Executor, actor: Actor, entry: AuditEntry): Promise<void> {
  await auditRepository.insert(ex, auditRow(actor, entry));
}

/** The audit row of what an actor did, for callers that write rows in batches (the ballot box's group commit). */
export function auditRow(actor: Actor, entry: AuditEntry): Insertable<AuditLogTable> {
  return {
    at: nowIso(),
    user_id: actor.userId,
    username: actor.username,
    role: actor.grant.role,
    org_id: actor.grant.orgId,
    org_path: actor.grant.orgPath,
    action: entry.action,
    target_type: entry.targetType ?? null,
    target_id: entry.targetId == null ? null : String(entry.targetId),
    summary: entry.summary ? JSON.stringify(entry.summary) : null,
    ip: actor.ip,
    outcome: entry.outcome ?? 'success',
  };
}

/** Records an event without a logged-in actor (login failures, lockouts). */
export async function auditAnonymous(
  ex: Executor,
  e: AuditEntry & { userId?: number | null; username?: string | null; role?: string | null; orgId?: number | null; orgPath?: string | null; ip: string | null },
): Promise<void> {
  await auditRepository.insert(ex, {
    at: nowIso(),
    user_id: e.userId ?? null,
    username: e.username ?? null,
    role: e.role ?? null,
    org_id: e.orgId ?? null,
    org_path: e.orgPath ?? null,
    action: e.action,
    target_type: e.targetType ?? null,
    target_id: e.targetId == null ? null : String(e.targetId),
    summary: e.summary ? JSON.stringify(e.summary) : null,
    ip: e.ip,
    outcome: e.outcome ?? 'success',
  });
}

import type { Generated } from 'kysely';

/** Table types of the audit log, rate limits, background jobs and settings; part of `DB` in schema.ts. */
export interface SystemTables {
  audit_log: AuditLogTable;
  rate_limit: RateLimitTable;
  job: JobTable;
  setting: SettingTable;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  user_id: number | null;
  username: string | null;
  role: string | null;
  org_id: number | null;
  /** Path of the actor's organization, so the audit log itself can be scoped to a subtree. */
  org_path: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  summary: string | null;
  ip: string | null;
  outcome: 'success' | 'failure' | 'denied';
}

export interface RateLimitTable {
  key: string;
  window_start: string;
  count: number;
}

export interface JobTable {
  id: Generated<number>;
  kind: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  params: string;
  progress: Generated<number>;
  total: number | null;
  result: string | null;
  error: string | null;
  user_id: number;
  grant_id: number;
  org_id: number;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  locked_by: string | null;
  heartbeat_at: string | null;
}

export interface SettingTable {
  key: string;
  value: string;
  updated_at: string;
  updated_by: number | null;
}

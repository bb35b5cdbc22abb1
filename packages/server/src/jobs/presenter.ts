import type { Job as JobDto } from '@zx/contract/jobs';
import type { Job } from '../db/schema.ts';

export function presentJob(j: Job): JobDto {
  const params = JSON.parse(j.params) as { phase?: JobDto['phase']; filename?: string };
  return {
    id: j.id,
    kind: j.kind,
    status: j.status,
    phase: params.phase ?? null,
    filename: params.filename ?? null,
    progress: j.progress,
    total: j.total,
    result: j.result ? (JSON.parse(j.result) as JobDto['result']) : null,
    error: j.error ? (JSON.parse(j.error) as JobDto['error']) : null,
    createdAt: j.created_at,
    finishedAt: j.finished_at,
  };
}
export type { JobDto };

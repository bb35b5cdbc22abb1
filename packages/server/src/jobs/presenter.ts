import type { Job as JobDto } from '@zx/contract/jobs';
import type { JobRecord } from './repository.ts';

export function presentJob(j: JobRecord): JobDto {
  return {
    id: j.id,
    kind: j.kind,
    status: j.status,
    phase: j.params.phase ?? null,
    filename: j.params.filename ?? null,
    progress: j.progress,
    total: j.total,
    result: j.result,
    error: j.error,
    createdAt: j.created_at,
    finishedAt: j.finished_at,
  };
}
export type { JobDto };

import type { Job } from '../db/schema.ts';

export function presentJob(j: Job) {
  const params = JSON.parse(j.params) as { phase?: string; filename?: string };
  return {
    id: j.id,
    kind: j.kind,
    status: j.status,
    phase: params.phase ?? null,
    filename: params.filename ?? null,
    progress: j.progress,
    total: j.total,
    result: j.result ? JSON.parse(j.result) : null,
    error: j.error ? JSON.parse(j.error) : null,
    createdAt: j.created_at,
    finishedAt: j.finished_at,
  };
}
export type JobDto = ReturnType<typeof presentJob>;

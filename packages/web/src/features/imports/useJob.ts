import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Job } from '../../api/types.ts';

export type JobStage = 'preview' | 'commit';

export const isCommitted = (job: Job | undefined) => job?.result?.phase === 'committed';

/** Whether polling can stop: a preview ends when the job finishes; a commit when the committed result is in. */
export function jobSettled(job: Job | undefined, stage: JobStage): boolean {
  if (!job) return false;
  if (job.status === 'failed') return true;
  if (job.status !== 'succeeded') return false;
  return stage === 'preview' ? true : isCommitted(job);
}

/** Polls GET /jobs/{id} every 500 ms until the job settles for the current stage. */
export function useJob(id: number | null, stage: JobStage) {
  return useQuery({
    queryKey: ['jobs', id],
    queryFn: () => api.GET('/jobs/{id}', { params: { path: { id: id! } } }),
    enabled: id !== null,
    staleTime: 0,
    refetchInterval: (q) => (jobSettled(q.state.data, stage) ? false : 500),
  });
}

export function useJobIssues(id: number | null, page: number, pageSize: number, enabled: boolean) {
  return useQuery({
    queryKey: ['jobs', id, 'issues', page, pageSize],
    queryFn: () => api.GET('/jobs/{id}/issues', { params: { path: { id: id! }, query: { page, pageSize } } }),
    enabled: enabled && id !== null,
    placeholderData: (prev) => prev,
  });
}

export function jobPercent(job: Job | undefined): number {
  if (!job) return 0;
  if (job.total && job.total > 0) return Math.min(100, Math.round((job.progress / job.total) * 100));
  return job.status === 'succeeded' ? 100 : 0;
}

export function jobErrorText(job: Job, lang: string): string {
  const e = job.error;
  if (!e) return '';
  return lang.startsWith('en') ? e.messages.en : e.messages.zh;
}

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Benchmark, BenchmarkStepCode, GapRow, Measure, MeasureList } from '@zx/contract/benchmarking';

export type { Benchmark, GapRow, Measure };
export type BenchmarkStep = BenchmarkStepCode;

export const useBenchmark = (campaignId: number | null, orgId: number | null) =>
  useQuery({
    queryKey: ['benchmark', campaignId, orgId],
    queryFn: () => api.get<Benchmark>(`/benchmarks/${campaignId}/${orgId}`),
    enabled: !!campaignId && !!orgId,
    placeholderData: keepPreviousData,
  });

export const useMeasures = (q: { orgId?: number | null; status?: string | null; campaignId?: number | null; page: number }) =>
  useQuery({
    queryKey: ['measures', q],
    queryFn: () =>
      api.get<MeasureList>('/measures', {
        orgId: q.orgId ?? undefined,
        status: q.status ?? undefined,
        campaignId: q.campaignId ?? undefined,
        subtree: 1,
        page: q.page,
        pageSize: 20,
      }),
    placeholderData: keepPreviousData,
  });

function useInvalidate() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: ['benchmark'] });
    void qc.invalidateQueries({ queryKey: ['measures'] });
  };
}

export function useSaveBenchmark(campaignId: number, orgId: number) {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (b: { exemplarIds: number[]; reflection?: string | null }) => api.put<Benchmark>(`/benchmarks/${campaignId}/${orgId}`, b),
    onSuccess: done,
  });
}

export function useSetStep(campaignId: number, orgId: number) {
  const done = useInvalidate();
  return useMutation({ mutationFn: (step: BenchmarkStep) => api.post<Benchmark>(`/benchmarks/${campaignId}/${orgId}/step`, { step }), onSuccess: done });
}

export interface MeasureBody {
  dimensionKey: string;
  content: string;
  ownerMemberId: number;
  dueOn: string;
}

export function useSaveMeasure(campaignId: number, orgId: number, id: number | null) {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (b: MeasureBody) => (id ? api.patch<Measure>(`/measures/${id}`, b) : api.post<Measure>(`/benchmarks/${campaignId}/${orgId}/measures`, b)),
    onSuccess: done,
  });
}

export function useMeasureAction(id: number) {
  const done = useInvalidate();
  return useMutation({
    mutationFn: ({ action, body }: { action: 'close' | 'reopen' | 'comments' | 'delete'; body?: Record<string, unknown> }) =>
      action === 'delete' ? api.del(`/measures/${id}`) : api.post<Measure>(`/measures/${id}/${action}`, body ?? {}),
    onSuccess: done,
  });
}

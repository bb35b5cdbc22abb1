import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type QueryParams, type RequestBody } from '../../api/client.ts';
import type { Benchmark, BenchmarkStepCode, GapRow, Measure } from '@zx/contract/benchmarking';

export type { Benchmark, GapRow, Measure };
export type BenchmarkStep = BenchmarkStepCode;

export const useBenchmark = (campaignId: number | null, orgId: number | null) =>
  useQuery({
    queryKey: ['benchmark', campaignId, orgId],
    queryFn: () => api.GET('/benchmarks/{campaignId}/{orgId}', { params: { path: { campaignId: campaignId!, orgId: orgId! } } }),
    enabled: !!campaignId && !!orgId,
    placeholderData: keepPreviousData,
  });

/** open, closed, or open and past due. */
export type MeasureStatusFilter = NonNullable<QueryParams<'/measures'>['status']>;

export const useMeasures = (q: { orgId?: number | null; status?: MeasureStatusFilter | null; campaignId?: number | null; page: number }) =>
  useQuery({
    queryKey: ['measures', q],
    queryFn: () =>
      api.GET('/measures', {
        params: {
          query: {
            orgId: q.orgId ?? undefined,
            status: q.status ?? undefined,
            campaignId: q.campaignId ?? undefined,
            subtree: '1',
            page: q.page,
            pageSize: 20,
          },
        },
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
    mutationFn: (b: { exemplarIds: number[]; reflection?: string | null }) =>
      api.PUT('/benchmarks/{campaignId}/{orgId}', { params: { path: { campaignId, orgId } }, body: b }),
    onSuccess: done,
  });
}

export function useSetStep(campaignId: number, orgId: number) {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (step: BenchmarkStep) => api.POST('/benchmarks/{campaignId}/{orgId}/step', { params: { path: { campaignId, orgId } }, body: { step } }),
    onSuccess: done,
  });
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
    mutationFn: (b: MeasureBody) =>
      id
        ? api.PATCH('/measures/{id}', { params: { path: { id } }, body: b })
        : api.POST('/benchmarks/{campaignId}/{orgId}/measures', { params: { path: { campaignId, orgId } }, body: b }),
    onSuccess: done,
  });
}

/** Close (with evidence), reopen or comment on a measure, with the body each takes; or delete it. */
export type MeasureAction =
  | { action: 'close'; body: RequestBody<'post', '/measures/{id}/close'> }
  | { action: 'reopen'; body: RequestBody<'post', '/measures/{id}/reopen'> }
  | { action: 'comments'; body: RequestBody<'post', '/measures/{id}/comments'> }
  | { action: 'delete' };

export function useMeasureAction(id: number) {
  const done = useInvalidate();
  return useMutation({
    mutationFn: async (a: MeasureAction) => {
      const at = { params: { path: { id } } };
      switch (a.action) {
        case 'close':
          return api.POST('/measures/{id}/close', { ...at, body: a.body });
        case 'reopen':
          return api.POST('/measures/{id}/reopen', { ...at, body: a.body });
        case 'comments':
          return api.POST('/measures/{id}/comments', { ...at, body: a.body });
        case 'delete':
          return api.DELETE('/measures/{id}', at);
      }
    },
    onSuccess: done,
  });
}

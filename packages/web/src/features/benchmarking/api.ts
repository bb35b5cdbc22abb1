import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import type { Attachment } from '../activities/api.ts';

export type BenchmarkStep = 'mobilize' | 'study' | 'compare' | 'list' | 'supervise' | 'improve';

export interface GapRow {
  key: string;
  nameZh: string;
  nameEn: string;
  max: number;
  own: number | null;
  exemplars: (number | null)[];
  benchmark: number | null;
  gapToExemplar: number | null;
  gapToFull: number | null;
}

export interface Measure {
  id: number;
  benchmarkId: number;
  campaignId: number;
  orgId: number;
  orgName: string;
  dimensionKey: string;
  dimensionNameZh: string;
  dimensionNameEn: string;
  content: string;
  ownerMemberId: number;
  ownerName: string;
  dueOn: string;
  status: 'open' | 'closed';
  overdue: boolean;
  evidence: { activity: { id: number; title: string; heldOn: string; deleted: boolean } | null; attachments: Attachment[] };
  closingNote: string | null;
  closedAt: string | null;
  createdAt: string;
  comments: { id: number; authorName: string; orgName: string; body: string; createdAt: string }[];
  canEdit: boolean;
  canClose: boolean;
  canComment: boolean;
  canReopen: boolean;
}

export interface Benchmark {
  campaign: { id: number; name: string };
  org: { id: number; name: string };
  id: number | null;
  step: BenchmarkStep | null;
  steps: { key: BenchmarkStep; nameZh: string; nameEn: string }[];
  reflection: string | null;
  /** The campaign's rubric: the standard the unit measures itself against. */
  standardName: { zh: string; en: string };
  standard: { key: string; nameZh: string; nameEn: string; max: number }[];
  own: { total: number; max: number; tier: string | null; verifiedAt: string } | null;
  exemplars: {
    id: number;
    title: string;
    orgId: number;
    orgName: string;
    selectorOrgName: string | null;
    levelZh: string | null;
    levelEn: string | null;
    total: number | null;
    tier: string | null;
  }[];
  gaps: {
    rows: GapRow[];
    totals: { max: number; own: number | null; exemplars: (number | null)[]; benchmark: number | null; gapToExemplar: number | null; gapToFull: number | null };
    behind: string[];
  };
  measures: Measure[];
  canWrite: boolean;
  canSupervise: boolean;
}

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
      api.get<Page<Measure>>('/measures', {
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

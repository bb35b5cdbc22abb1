import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CommitmentCategory } from '@zx/domain/assessment/commitment';
import { api } from '../../api/client.ts';
import type {
  CadreList,
  CadreReportView,
  CadreRow,
  CadreYear,
  CommitmentItem,
  CommitmentOutcome,
  CommitmentRules,
  CommitmentVersion,
  ReportFile,
} from '@zx/contract/commitments';

export type { CadreList, CadreReportView, CadreRow, CadreYear, CommitmentItem, CommitmentOutcome, CommitmentRules, CommitmentVersion, ReportFile };

export interface ItemInput {
  text: string;
  category?: CommitmentCategory | null;
  dueOn?: string | null;
}
export interface ReportInput {
  content: string;
  items: { commitmentId: number; status: CommitmentOutcome | null; note: string | null; activityIds: number[]; attachmentIds: number[] }[];
}

const cadre = (memberId: number, year: number) => ({ params: { path: { memberId, year } } });
const KEY = ['commitments'] as const;

export const useCadreList = (q: { orgId?: number; year: number; subtree: boolean; page: number }) =>
  useQuery({
    queryKey: [...KEY, 'list', q],
    queryFn: () =>
      api.GET('/commitments/cadres', { params: { query: { orgId: q.orgId, year: q.year, subtree: q.subtree ? '1' : '0', page: q.page, pageSize: 50 } } }),
  });

export const useCadreYear = (memberId: number, year: number) =>
  useQuery({
    queryKey: [...KEY, 'cadre', memberId, year],
    queryFn: () => api.GET('/commitments/cadres/{memberId}/{year}', cadre(memberId, year)),
    enabled: memberId > 0,
  });

/** The report; opening it as a reader records a read receipt. */
export const useCadreReport = (memberId: number, year: number, enabled = true) =>
  useQuery({
    queryKey: [...KEY, 'report', memberId, year],
    queryFn: () => api.GET('/commitments/cadres/{memberId}/{year}/report', cadre(memberId, year)),
    enabled: enabled && memberId > 0,
  });

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: KEY });
}

export function useCommitmentWrites(memberId: number, year: number) {
  const done = useInvalidate();
  return {
    add: useMutation({
      mutationFn: (b: ItemInput) => api.POST('/commitments/cadres/{memberId}/{year}/items', { ...cadre(memberId, year), body: b }),
      onSuccess: done,
    }),
    update: useMutation({
      mutationFn: ({ id, ...b }: ItemInput & { id: number }) => api.PATCH('/commitments/items/{id}', { params: { path: { id } }, body: b }),
      onSuccess: done,
    }),
    remove: useMutation({ mutationFn: (id: number) => api.DELETE('/commitments/items/{id}', { params: { path: { id } } }), onSuccess: done }),
    revise: useMutation({
      mutationFn: ({ id, ...b }: ItemInput & { id: number }) => api.POST('/commitments/items/{id}/revise', { params: { path: { id } }, body: b }),
      onSuccess: done,
    }),
    publish: useMutation({
      mutationFn: (note: string | null) => api.POST('/commitments/cadres/{memberId}/{year}/publish', { ...cadre(memberId, year), body: { note } }),
      onSuccess: done,
    }),
  };
}

export function useReportWrites(memberId: number, year: number) {
  const done = useInvalidate();
  return {
    save: useMutation({
      mutationFn: (b: ReportInput) => api.PUT('/commitments/cadres/{memberId}/{year}/report', { ...cadre(memberId, year), body: b }),
      onSuccess: done,
    }),
    submit: useMutation({
      mutationFn: (b: ReportInput) => api.POST('/commitments/cadres/{memberId}/{year}/report/submit', { ...cadre(memberId, year), body: b }),
      onSuccess: done,
    }),
  };
}

/** The organization's activities to cite as evidence; only for roles that read activities (a member-role cadre cites files). */
export const useEvidenceActivities = (orgId: number, enabled: boolean) =>
  useQuery({
    queryKey: ['activities', 'evidence', orgId],
    queryFn: () => api.GET('/activities', { params: { query: { orgId, subtree: '1', pageSize: 100 } } }),
    enabled: enabled && orgId > 0,
    staleTime: 60_000,
  });

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
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
  category?: string | null;
  dueOn?: string | null;
}
export interface ReportInput {
  content: string;
  items: { commitmentId: number; status: CommitmentOutcome | null; note: string | null; activityIds: number[]; attachmentIds: number[] }[];
}

const base = (memberId: number, year: number) => `/commitments/cadres/${memberId}/${year}`;
const KEY = ['commitments'] as const;

export const useCadreList = (q: { orgId?: number; year: number; subtree: boolean; page: number }) =>
  useQuery({
    queryKey: [...KEY, 'list', q],
    queryFn: () => api.get<CadreList>('/commitments/cadres', { orgId: q.orgId, year: q.year, subtree: q.subtree ? 1 : 0, page: q.page, pageSize: 50 }),
  });

export const useCadreYear = (memberId: number, year: number) =>
  useQuery({ queryKey: [...KEY, 'cadre', memberId, year], queryFn: () => api.get<CadreYear>(base(memberId, year)), enabled: memberId > 0 });

/** The report; opening it as a reader records a read receipt. */
export const useCadreReport = (memberId: number, year: number, enabled = true) =>
  useQuery({
    queryKey: [...KEY, 'report', memberId, year],
    queryFn: () => api.get<CadreReportView>(`${base(memberId, year)}/report`),
    enabled: enabled && memberId > 0,
  });

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: KEY });
}

export function useCommitmentWrites(memberId: number, year: number) {
  const done = useInvalidate();
  return {
    add: useMutation({ mutationFn: (b: ItemInput) => api.post<CommitmentItem>(`${base(memberId, year)}/items`, b), onSuccess: done }),
    update: useMutation({
      mutationFn: ({ id, ...b }: ItemInput & { id: number }) => api.patch<CommitmentItem>(`/commitments/items/${id}`, b),
      onSuccess: done,
    }),
    remove: useMutation({ mutationFn: (id: number) => api.del(`/commitments/items/${id}`), onSuccess: done }),
    revise: useMutation({
      mutationFn: ({ id, ...b }: ItemInput & { id: number }) => api.post<CommitmentItem>(`/commitments/items/${id}/revise`, b),
      onSuccess: done,
    }),
    publish: useMutation({ mutationFn: (note: string | null) => api.post<CadreYear>(`${base(memberId, year)}/publish`, { note }), onSuccess: done }),
  };
}

export function useReportWrites(memberId: number, year: number) {
  const done = useInvalidate();
  return {
    save: useMutation({ mutationFn: (b: ReportInput) => api.put<CadreReportView>(`${base(memberId, year)}/report`, b), onSuccess: done }),
    submit: useMutation({ mutationFn: (b: ReportInput) => api.post<CadreReportView>(`${base(memberId, year)}/report/submit`, b), onSuccess: done }),
  };
}

/** The organization's activities to pick evidence from (the cadre's unit and below). */
/** The organization's activities to cite as evidence; only for roles that read activities (a member-role cadre cites files). */
export const useEvidenceActivities = (orgId: number, enabled: boolean) =>
  useQuery({
    queryKey: ['activities', 'evidence', orgId],
    queryFn: () =>
      api.get<{ items: { id: number; title: string; heldOn: string; type: string; orgName: string }[] }>('/activities', { orgId, subtree: 1, pageSize: 100 }),
    enabled: enabled && orgId > 0,
    staleTime: 60_000,
  });

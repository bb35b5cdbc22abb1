import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { ExemplarDetail, ExemplarList, ExemplarStatus, ExemplarSummary } from '@zx/contract/exemplars';

export type { ExemplarDetail, ExemplarStatus, ExemplarSummary };
export type ExemplarKind = ExemplarSummary['kind'];

export interface ExemplarQuery {
  status?: ExemplarStatus | null;
  kind?: ExemplarKind | null;
  demoSite?: boolean;
  decidable?: boolean;
  q?: string;
  page: number;
  pageSize?: number;
}

export const useExemplars = (q: ExemplarQuery, enabled = true) =>
  useQuery({
    queryKey: ['exemplars', q],
    queryFn: () =>
      api.get<ExemplarList>('/exemplars', {
        status: q.status ?? undefined,
        kind: q.kind ?? undefined,
        demoSite: q.demoSite ? 1 : undefined,
        decidable: q.decidable ? 1 : undefined,
        q: q.q || undefined,
        page: q.page,
        pageSize: q.pageSize ?? 24,
      }),
    placeholderData: keepPreviousData,
    enabled,
  });

export const useExemplar = (id: number) =>
  useQuery({ queryKey: ['exemplar', id], queryFn: () => api.get<ExemplarDetail>(`/exemplars/${id}`), enabled: id > 0 });

export interface NominationBody {
  campaignId?: number | null;
  kind: ExemplarKind;
  nomineeOrgId?: number | null;
  nomineeMemberId?: number | null;
  title: string;
  materials: string;
  photoIds: number[];
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: ['exemplars'] });
    void qc.invalidateQueries({ queryKey: ['exemplar'] });
  };
}

export function useNominate() {
  const done = useInvalidate();
  return useMutation({ mutationFn: (b: NominationBody) => api.post<ExemplarDetail>('/exemplars', b), onSuccess: done });
}

export function useExemplarAction(id: number) {
  const done = useInvalidate();
  return useMutation({
    mutationFn: ({ action, body }: { action: 'decide' | 'withdraw' | 'demo-site' | 'vote' | 'vote/close'; body?: Record<string, unknown> }) =>
      api.post<ExemplarDetail>(`/exemplars/${id}/${action}`, body ?? {}),
    onSuccess: done,
  });
}

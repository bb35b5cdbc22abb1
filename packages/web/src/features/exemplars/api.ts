import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type RequestBody } from '../../api/client.ts';
import type { ExemplarDetail, ExemplarStatus, ExemplarSummary } from '@zx/contract/exemplars';

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
      api.GET('/exemplars', {
        params: {
          query: {
            status: q.status ?? undefined,
            kind: q.kind ?? undefined,
            demoSite: q.demoSite ? '1' : undefined,
            decidable: q.decidable ? '1' : undefined,
            q: q.q || undefined,
            page: q.page,
            pageSize: q.pageSize ?? 24,
          },
        },
      }),
    placeholderData: keepPreviousData,
    enabled,
  });

export const useExemplar = (id: number) =>
  useQuery({ queryKey: ['exemplar', id], queryFn: () => api.GET('/exemplars/{id}', { params: { path: { id } } }), enabled: id > 0 });

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
  return useMutation({ mutationFn: (b: NominationBody) => api.POST('/exemplars', { body: b }), onSuccess: done });
}

/** One action on a nomination, with the body its operation takes. */
export type ExemplarAction =
  | { action: 'decide'; body: RequestBody<'post', '/exemplars/{id}/decide'> }
  | { action: 'demo-site'; body: RequestBody<'post', '/exemplars/{id}/demo-site'> }
  | { action: 'vote'; body: RequestBody<'post', '/exemplars/{id}/vote'> }
  | { action: 'withdraw' | 'vote/close' };

export function useExemplarAction(id: number) {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (a: ExemplarAction) => {
      const at = { params: { path: { id } } };
      switch (a.action) {
        case 'decide':
          return api.POST('/exemplars/{id}/decide', { ...at, body: a.body });
        case 'demo-site':
          return api.POST('/exemplars/{id}/demo-site', { ...at, body: a.body });
        case 'vote':
          return api.POST('/exemplars/{id}/vote', { ...at, body: a.body });
        case 'withdraw':
          return api.POST('/exemplars/{id}/withdraw', at);
        case 'vote/close':
          return api.POST('/exemplars/{id}/vote/close', at);
      }
    },
    onSuccess: done,
  });
}

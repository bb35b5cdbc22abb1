import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BulletinBody, ScoreWeights } from '@zx/domain';
import { api } from '../../api/client.ts';
import type { Bulletin, BulletinStatus, BulletinSummary } from '@zx/contract/bulletins';

export type { Bulletin, BulletinStatus, BulletinSummary };

export interface BulletinQuery {
  campaignId?: number | null;
  status?: BulletinStatus | null;
  page: number;
}

export interface GenerateBulletin {
  campaignId: number;
  orgId: number;
  periodFrom: string;
  periodTo: string;
  weights?: Partial<ScoreWeights>;
}

export type BulletinEdit = Partial<Pick<BulletinBody, 'addressee' | 'opening' | 'overviewText' | 'requirements' | 'closing' | 'signature' | 'dateLine'>> & {
  title?: string;
  highlightIds?: number[];
};

export const useBulletins = (q: BulletinQuery) =>
  useQuery({
    queryKey: ['bulletins', q],
    queryFn: () =>
      api.GET('/bulletins', { params: { query: { campaignId: q.campaignId ?? undefined, status: q.status ?? undefined, page: q.page, pageSize: 20 } } }),
    placeholderData: keepPreviousData,
  });

export const useBulletin = (id: number) => useQuery({ queryKey: ['bulletin', id], queryFn: () => api.GET('/bulletins/{id}', { params: { path: { id } } }) });

/** Every write answers the bulletin as it now stands; the list is refreshed too. */
export function useBulletinAction(id: number) {
  const qc = useQueryClient();
  const done = (b?: Bulletin) => {
    if (b) qc.setQueryData(['bulletin', id], b);
    void qc.invalidateQueries({ queryKey: ['bulletins'] });
  };
  const at = { params: { path: { id } } };
  return {
    save: useMutation({ mutationFn: (body: BulletinEdit) => api.PUT('/bulletins/{id}', { ...at, body }), onSuccess: done }),
    number: useMutation({ mutationFn: (prefix: string | null) => api.POST('/bulletins/{id}/number', { ...at, body: { prefix } }), onSuccess: done }),
    publish: useMutation({
      mutationFn: () => api.POST('/bulletins/{id}/publish', at),
      onSuccess: (b) => {
        done(b);
        void qc.invalidateQueries({ queryKey: ['inbox'] });
      },
    }),
    remove: useMutation({ mutationFn: () => api.DELETE('/bulletins/{id}', at), onSuccess: () => done() }),
  };
}

export function useGenerateBulletin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: GenerateBulletin) => api.POST('/bulletins', { body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['bulletins'] }),
  });
}

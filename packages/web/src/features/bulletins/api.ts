import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BulletinBody, ScoreWeights } from '@zx/domain';
import { api } from '../../api/client.ts';
import type { Bulletin, BulletinList, BulletinStatus, BulletinSummary } from '@zx/contract/bulletins';

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
    queryFn: () => api.get<BulletinList>('/bulletins', { ...q, pageSize: 20 }),
    placeholderData: keepPreviousData,
  });

export const useBulletin = (id: number) => useQuery({ queryKey: ['bulletin', id], queryFn: () => api.get<Bulletin>(`/bulletins/${id}`) });

/** Every write answers the bulletin as it now stands; the list is refreshed too. */
export function useBulletinAction(id: number) {
  const qc = useQueryClient();
  const done = (b?: Bulletin) => {
    if (b) qc.setQueryData(['bulletin', id], b);
    void qc.invalidateQueries({ queryKey: ['bulletins'] });
  };
  return {
    save: useMutation({ mutationFn: (body: BulletinEdit) => api.put<Bulletin>(`/bulletins/${id}`, body), onSuccess: done }),
    number: useMutation({ mutationFn: (prefix: string | null) => api.post<Bulletin>(`/bulletins/${id}/number`, { prefix }), onSuccess: done }),
    publish: useMutation({
      mutationFn: () => api.post<Bulletin>(`/bulletins/${id}/publish`),
      onSuccess: (b) => {
        done(b);
        void qc.invalidateQueries({ queryKey: ['inbox'] });
      },
    }),
    remove: useMutation({ mutationFn: () => api.del(`/bulletins/${id}`), onSuccess: () => done() }),
  };
}

export function useGenerateBulletin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: GenerateBulletin) => api.post<Bulletin>('/bulletins', body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['bulletins'] }),
  });
}

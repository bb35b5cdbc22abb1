import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import type { Attachment } from '../activities/api.ts';

export type ExemplarKind = 'unit' | 'person';
export type ExemplarStatus = 'nominated' | 'selected' | 'not_selected' | 'withdrawn';

export interface ExemplarSummary {
  id: number;
  campaignId: number | null;
  kind: ExemplarKind;
  status: ExemplarStatus;
  title: string;
  nomineeOrgId: number;
  nomineeOrgName: string;
  nomineeMemberId: number | null;
  nomineeMemberName: string | null;
  nomineeName: string;
  nominatorOrgId: number;
  nominatorOrgName: string;
  nominatedOn: string;
  selectorOrgId: number | null;
  selectorOrgName: string | null;
  level: { typeCode: string; nameZh: string; nameEn: string } | null;
  decisionMethod: 'committee' | 'vote' | null;
  decidedOn: string | null;
  demoSite: boolean;
  demoSiteSince: string | null;
  photoCount: number;
  coverUrl: string | null;
  visitCount: number;
  updatedAt: string;
}

export interface ExemplarDetail extends ExemplarSummary {
  materials: string;
  decisionNote: string | null;
  campaignName: string | null;
  photos: Attachment[];
  visits: { id: number; title: string; heldOn: string; orgName: string; attendeeCount: number; canOpen: boolean }[];
  /** The representative vote held on the nomination (ballot engine), if any. */
  vote: {
    id: number;
    status: 'draft' | 'open' | 'closed' | 'cancelled';
    closesAt: string | null;
    openedAt: string | null;
    closedAt: string | null;
    rollSize: number;
    votedCount: number;
    result: {
      ballots: number;
      turnout: number;
      quorumMet: boolean;
      withheld: { code: string; message: { zh: string; en: string } } | null;
      counts: Record<string, number>;
      approveRate: number | null;
    } | null;
  } | null;
  canStartVote: boolean;
  canCloseVote: boolean;
  canDecide: boolean;
  canWithdraw: boolean;
  canManageSite: boolean;
}

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
      api.get<Page<ExemplarSummary>>('/exemplars', {
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

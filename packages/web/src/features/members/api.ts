import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Member, MemberDetail, Page } from '../../api/types.ts';

export interface RosterQuery {
  orgId: number;
  subtree: boolean;
  q: string;
  /** '' = every status */
  status: string;
  position: string;
  gender: string;
  page: number;
  pageSize: number;
  sort: string;
  order: '' | 'asc' | 'desc';
}

export function useRoster(query: RosterQuery) {
  return useQuery({
    queryKey: ['members', 'list', query],
    queryFn: () =>
      api.get<Page<Member>>('/members', {
        orgId: query.orgId,
        subtree: query.subtree ? 1 : 0,
        q: query.q.trim(),
        status: query.status,
        position: query.position,
        gender: query.gender,
        page: query.page,
        pageSize: query.pageSize,
        sort: query.order ? query.sort : undefined,
        order: query.order || undefined,
      }),
    placeholderData: (prev) => prev,
  });
}

export function useMember(id: number) {
  return useQuery({
    queryKey: ['members', 'detail', id],
    queryFn: () => api.get<MemberDetail>(`/members/${id}`),
    enabled: Number.isFinite(id) && id > 0,
  });
}

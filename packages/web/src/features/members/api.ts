import { useQuery } from '@tanstack/react-query';
import { api, type QueryParams } from '../../api/client.ts';

type RosterFilter = QueryParams<'/members'>;

export interface RosterQuery {
  orgId: number;
  subtree: boolean;
  q: string;
  /** '' = every status (position, gender: every one) */
  status: '' | NonNullable<RosterFilter['status']>;
  position: '' | NonNullable<RosterFilter['position']>;
  gender: '' | NonNullable<RosterFilter['gender']>;
  page: number;
  pageSize: number;
  sort: string;
  order: '' | 'asc' | 'desc';
}

export function useRoster(query: RosterQuery) {
  return useQuery({
    queryKey: ['members', 'list', query],
    queryFn: () =>
      api.GET('/members', {
        params: {
          query: {
            orgId: query.orgId,
            subtree: query.subtree ? '1' : '0',
            q: query.q.trim(),
            status: query.status || undefined,
            position: query.position || undefined,
            gender: query.gender || undefined,
            page: query.page,
            pageSize: query.pageSize,
            sort: query.order ? query.sort : undefined,
            order: query.order || undefined,
          },
        },
      }),
    placeholderData: (prev) => prev,
  });
}

export function useMember(id: number) {
  return useQuery({
    queryKey: ['members', 'detail', id],
    queryFn: () => api.GET('/members/{id}', { params: { path: { id } } }),
    enabled: Number.isFinite(id) && id > 0,
  });
}

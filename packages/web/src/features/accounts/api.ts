import { useQuery } from '@tanstack/react-query';
import { api, type QueryParams } from '../../api/client.ts';
import type { Account } from '../../api/types.ts';

export interface AccountQuery {
  q: string;
  /** '' = every role */
  role: '' | NonNullable<QueryParams<'/accounts'>['role']>;
  page: number;
  pageSize: number;
}

export function useAccounts(query: AccountQuery) {
  return useQuery({
    queryKey: ['accounts', 'list', query],
    queryFn: () =>
      api.GET('/accounts', { params: { query: { q: query.q.trim(), role: query.role || undefined, page: query.page, pageSize: query.pageSize } } }),
    placeholderData: (prev) => prev,
  });
}

export const isLocked = (a: Account) => a.locked ?? (!!a.lockedUntil && new Date(a.lockedUntil).getTime() > Date.now());

import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Account, Page } from '../../api/types.ts';

export interface AccountQuery {
  q: string;
  role: string;
  page: number;
  pageSize: number;
}

export function useAccounts(query: AccountQuery) {
  return useQuery({
    queryKey: ['accounts', 'list', query],
    queryFn: () => api.get<Page<Account>>('/accounts', { q: query.q.trim(), role: query.role, page: query.page, pageSize: query.pageSize }),
    placeholderData: (prev) => prev,
  });
}

export const isLocked = (a: Account) => a.locked ?? (!!a.lockedUntil && new Date(a.lockedUntil).getTime() > Date.now());

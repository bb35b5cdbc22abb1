import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Notice } from '@zx/contract/inbox';
import { api } from '../../api/client.ts';

export type { Notice };

export const INBOX_KEY = ['inbox'] as const;

/** The badge: polled every minute and whenever the window regains focus. */
export const useUnreadCount = () =>
  useQuery({
    queryKey: [...INBOX_KEY, 'unread'],
    queryFn: () => api.GET('/inbox/unread-count'),
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
    staleTime: 10_000,
  });

export const useInbox = (unreadOnly: boolean, page: number, pageSize = 20) =>
  useQuery({
    queryKey: [...INBOX_KEY, 'list', unreadOnly, page, pageSize],
    queryFn: () => api.GET('/inbox', { params: { query: { unreadOnly: unreadOnly ? '1' : '0', page, pageSize } } }),
    placeholderData: keepPreviousData,
    refetchOnWindowFocus: true,
  });

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.POST('/inbox/{id}/read', { params: { path: { id } } }),
    onSettled: () => void qc.invalidateQueries({ queryKey: INBOX_KEY }),
  });
}

export function useMarkAllRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.POST('/inbox/read-all'),
    onSettled: () => void qc.invalidateQueries({ queryKey: INBOX_KEY }),
  });
}

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Notice, UnreadCount } from '@zx/contract/inbox';
import { api } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';

export type { Notice };

export const INBOX_KEY = ['inbox'] as const;

/** The badge: polled every minute and whenever the window regains focus. */
export const useUnreadCount = () =>
  useQuery({
    queryKey: [...INBOX_KEY, 'unread'],
    queryFn: () => api.get<UnreadCount>('/inbox/unread-count'),
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
    staleTime: 10_000,
  });

export const useInbox = (unreadOnly: boolean, page: number, pageSize = 20) =>
  useQuery({
    queryKey: [...INBOX_KEY, 'list', unreadOnly, page, pageSize],
    queryFn: () => api.get<Page<Notice>>('/inbox', { unreadOnly: unreadOnly ? 1 : 0, page, pageSize }),
    placeholderData: keepPreviousData,
    refetchOnWindowFocus: true,
  });

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post<{ ok: true }>(`/inbox/${id}/read`),
    onSettled: () => void qc.invalidateQueries({ queryKey: INBOX_KEY }),
  });
}

export function useMarkAllRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ marked: number }>('/inbox/read-all'),
    onSettled: () => void qc.invalidateQueries({ queryKey: INBOX_KEY }),
  });
}

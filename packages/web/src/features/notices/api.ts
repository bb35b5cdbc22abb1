import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type RequestBody } from '../../api/client.ts';

import type { CampaignNotice, MyNotice, MyNoticeDetail, NoticeListItem, NoticeReceipts, Quiz, QuizResult } from '@zx/contract/notices';

export type { CampaignNotice, MyNotice, MyNoticeDetail, NoticeListItem, NoticeReceipts, Quiz, QuizResult };
export type NoticeDraft = RequestBody<'post', '/notices'>;

// The member's side.
export const useMyNotices = () => useQuery({ queryKey: ['notices', 'mine'], queryFn: () => api.GET('/notices/mine') });

export const useMyNotice = (id: number) =>
  useQuery({ queryKey: ['notices', 'mine', id], queryFn: () => api.GET('/notices/mine/{id}', { params: { path: { id } } }) });

export function useNoticeReply(id: number) {
  const qc = useQueryClient();
  const done = (detail: MyNoticeDetail) => {
    qc.setQueryData(['notices', 'mine', id], detail);
    void qc.invalidateQueries({ queryKey: ['notices', 'mine'], exact: true });
  };
  return {
    acknowledge: useMutation({ mutationFn: () => api.POST('/notices/mine/{id}/acknowledge', { params: { path: { id } } }), onSuccess: done }),
    answer: useMutation({
      mutationFn: (answers: Record<string, number[]>) => api.POST('/notices/mine/{id}/answers', { params: { path: { id } }, body: { answers } }),
      onSuccess: (r) => done(r.notice),
    }),
  };
}

// The cadres' side.
export const useNotices = (campaignId: number | null) =>
  useQuery({
    queryKey: ['notices', 'list', campaignId],
    queryFn: () => api.GET('/notices', { params: { query: { campaignId: campaignId ?? undefined } } }),
    enabled: !!campaignId,
  });

export const useNotice = (id: number | null) =>
  useQuery({ queryKey: ['notices', 'one', id], queryFn: () => api.GET('/notices/{id}', { params: { path: { id: id! } } }), enabled: !!id });

export const useReceipts = (id: number, enabled: boolean) =>
  useQuery({ queryKey: ['notices', 'receipts', id], queryFn: () => api.GET('/notices/{id}/receipts', { params: { path: { id } } }), enabled });

/**
 * The unit's own active members and whether each is aware and has pledged in the campaign (the
 * dashboard's member drill-down, for the unit's own cadres), joined by member.
 */
export const useMemberReach = (campaignId: number | null, orgId: number) =>
  useQuery({
    queryKey: ['notices', 'reach', campaignId, orgId],
    queryFn: async () => {
      const figure = (f: 'aware' | 'pledged') =>
        api.GET('/campaigns/{id}/dashboard/members', { params: { path: { id: campaignId! }, query: { orgId, figure: f, pageSize: 200 } } });
      const [aware, pledged] = await Promise.all([figure('aware'), figure('pledged')]);
      const pledgedIds = new Set(pledged.items.filter((m) => m.done).map((m) => m.memberId));
      const items = aware.items.map((m) => ({ memberId: m.memberId, name: m.name, aware: m.done, pledged: pledgedIds.has(m.memberId) }));
      return { total: aware.total, aware: items.filter((m) => m.aware).length, pledged: pledgedIds.size, items };
    },
    enabled: !!campaignId,
  });

export const useChildOrgs = (parentId: number) =>
  useQuery({ queryKey: ['orgs', 'tree', parentId], queryFn: () => api.GET('/orgs/tree', { params: { query: { parentId } } }) });

export function useNoticeActions() {
  const qc = useQueryClient();
  const onSuccess = () => qc.invalidateQueries({ queryKey: ['notices'] });
  return {
    create: useMutation({ mutationFn: (b: NoticeDraft) => api.POST('/notices', { body: b }), onSuccess }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: number; body: RequestBody<'put', '/notices/{id}'> }) => api.PUT('/notices/{id}', { params: { path: { id } }, body }),
      onSuccess,
    }),
    send: useMutation({ mutationFn: (id: number) => api.POST('/notices/{id}/send', { params: { path: { id } } }), onSuccess }),
    remove: useMutation({ mutationFn: (id: number) => api.DELETE('/notices/{id}', { params: { path: { id } } }), onSuccess }),
  };
}

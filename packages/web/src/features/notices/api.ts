import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type RequestBody } from '../../api/client.ts';

import type { CampaignNotice, MemberReach, MyNotice, MyNoticeDetail, NoticeListItem, NoticeReceipts, Quiz, QuizResult } from '@zx/contract/notices';

export type { CampaignNotice, MemberReach, MyNotice, MyNoticeDetail, NoticeListItem, NoticeReceipts, Quiz, QuizResult };
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

export const useMemberReach = (campaignId: number | null, orgId: number, state: 'all' | 'missing') =>
  useQuery({
    queryKey: ['notices', 'reach', campaignId, orgId, state],
    queryFn: () => api.GET('/campaigns/{id}/reach/members', { params: { path: { id: campaignId! }, query: { orgId, state } } }),
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

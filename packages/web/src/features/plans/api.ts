import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Attachment } from '@zx/contract/attachments';
import type { Plan, PlanList, PlanListStatus, PlanRow, PlanTarget, PlanVersion } from '@zx/contract/plans';
import { api } from '../../api/client.ts';

export type { Plan, PlanList, PlanListStatus, PlanRow, PlanTarget, PlanVersion };
export type PlanAttachment = Attachment;

export interface PlanDraft {
  theme: string;
  contentHtml: string;
  targets: PlanTarget[];
  attachmentIds: number[];
}

const unit = (campaignId: number, orgId: number) => ({ params: { path: { id: campaignId, orgId } } });

export const usePlan = (campaignId: number | null, orgId: number | null) =>
  useQuery({
    queryKey: ['plan', campaignId, orgId],
    queryFn: () => api.GET('/campaigns/{id}/plans/{orgId}', unit(campaignId!, orgId!)),
    enabled: !!campaignId && !!orgId,
  });

export const usePlanList = (campaignId: number | null, q: { status: PlanListStatus; q: string; page: number; pageSize: number }) =>
  useQuery({
    queryKey: ['plans', campaignId, q],
    queryFn: () => api.GET('/campaigns/{id}/plans', { params: { path: { id: campaignId! }, query: q } }),
    enabled: !!campaignId,
    placeholderData: keepPreviousData,
  });

/** Save, submit and review all answer with the plan as it now stands. */
export function usePlanActions(campaignId: number, orgId: number) {
  const qc = useQueryClient();
  const done = (p: Plan) => {
    qc.setQueryData(['plan', campaignId, orgId], p);
    void qc.invalidateQueries({ queryKey: ['plans', campaignId] });
  };
  return {
    save: useMutation({ mutationFn: (d: PlanDraft) => api.PUT('/campaigns/{id}/plans/{orgId}', { ...unit(campaignId, orgId), body: d }), onSuccess: done }),
    submit: useMutation({
      mutationFn: (d: PlanDraft) => api.POST('/campaigns/{id}/plans/{orgId}/submit', { ...unit(campaignId, orgId), body: d }),
      onSuccess: done,
    }),
    review: useMutation({
      mutationFn: (r: { decision: 'approve' | 'return'; comment?: string }) =>
        api.POST('/campaigns/{id}/plans/{orgId}/review', { ...unit(campaignId, orgId), body: r }),
      onSuccess: done,
    }),
  };
}

/** Review from the list, where the unit's id comes with each call. */
export function useReviewFromList(campaignId: number | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (r: { orgId: number; decision: 'approve' | 'return'; comment?: string }) =>
      api.POST('/campaigns/{id}/plans/{orgId}/review', { ...unit(campaignId!, r.orgId), body: { decision: r.decision, comment: r.comment } }),
    onSuccess: (p) => {
      qc.setQueryData(['plan', campaignId, p.org.id], p);
      void qc.invalidateQueries({ queryKey: ['plans', campaignId] });
    },
  });
}

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PlanListStatus, PlanTarget } from '@zx/domain/campaign/plan';
import { api } from '../../api/client.ts';

export type { PlanListStatus, PlanTarget };

export interface PlanAttachment {
  id: number;
  name: string;
  mime: string;
  size: number;
  kind: 'file' | 'photo';
  url: string;
  thumbUrl: string | null;
}

export interface PlanVersion {
  version: number;
  theme: string;
  contentHtml: string;
  targets: PlanTarget[];
  attachments: PlanAttachment[];
  submittedAt: string;
  submittedBy: string | null;
  decision: 'approved' | 'returned' | null;
  reviewComment: string | null;
  reviewedAt: string | null;
  reviewedBy: string | null;
}

export interface Plan {
  campaignId: number;
  campaignName: string;
  org: { id: number; name: string; typeCode: string; parentId: number | null; parentName: string | null; responsiblePerson: string | null };
  required: boolean;
  status: PlanListStatus;
  theme: string;
  contentHtml: string;
  targets: PlanTarget[];
  attachments: PlanAttachment[];
  version: number;
  submittedAt: string | null;
  decidedAt: string | null;
  updatedAt: string | null;
  dueOn: string | null;
  overdue: boolean;
  lastReview: { version: number; decision: 'approved' | 'returned'; comment: string | null; reviewedAt: string | null; reviewedBy: string | null } | null;
  versions: PlanVersion[];
  canEdit: boolean;
  canSubmit: boolean;
  canReview: boolean;
}

export interface PlanRow {
  orgId: number;
  name: string;
  typeCode: string;
  parentId: number | null;
  parentName: string | null;
  responsiblePerson: string | null;
  status: PlanListStatus;
  theme: string | null;
  version: number;
  submittedAt: string | null;
  decidedAt: string | null;
  updatedAt: string | null;
  dueOn: string | null;
  overdue: boolean;
  canReview: boolean;
}

export interface PlanList {
  items: PlanRow[];
  total: number;
  page: number;
  pageSize: number;
  counts: Record<PlanListStatus | 'all', number>;
}

export interface PlanDraft {
  theme: string;
  contentHtml: string;
  targets: PlanTarget[];
  attachmentIds: number[];
}

const base = (campaignId: number) => `/campaigns/${campaignId}/plans`;

export const usePlan = (campaignId: number | null, orgId: number | null) =>
  useQuery({
    queryKey: ['plan', campaignId, orgId],
    queryFn: () => api.get<Plan>(`${base(campaignId!)}/${orgId}`),
    enabled: !!campaignId && !!orgId,
  });

export const usePlanList = (campaignId: number | null, q: { status: PlanListStatus; q: string; page: number; pageSize: number }) =>
  useQuery({
    queryKey: ['plans', campaignId, q],
    queryFn: () => api.get<PlanList>(base(campaignId!), q),
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
    save: useMutation({ mutationFn: (d: PlanDraft) => api.put<Plan>(`${base(campaignId)}/${orgId}`, d), onSuccess: done }),
    submit: useMutation({ mutationFn: (d: PlanDraft) => api.post<Plan>(`${base(campaignId)}/${orgId}/submit`, d), onSuccess: done }),
    review: useMutation({
      mutationFn: (r: { decision: 'approve' | 'return'; comment?: string }) => api.post<Plan>(`${base(campaignId)}/${orgId}/review`, r),
      onSuccess: done,
    }),
  };
}

/** Review from the list, where the unit's id comes with each call. */
export function useReviewFromList(campaignId: number | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (r: { orgId: number; decision: 'approve' | 'return'; comment?: string }) =>
      api.post<Plan>(`${base(campaignId!)}/${r.orgId}/review`, { decision: r.decision, comment: r.comment }),
    onSuccess: (p) => {
      qc.setQueryData(['plan', campaignId, p.org.id], p);
      void qc.invalidateQueries({ queryKey: ['plans', campaignId] });
    },
  });
}

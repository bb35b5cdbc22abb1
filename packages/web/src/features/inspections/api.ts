import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';

export type RectificationStatus = 'open' | 'answered' | 'closed';

export interface Rectification {
  id: number;
  inspectionId: number;
  orgId: number;
  orgName: string;
  description: string;
  owner: string;
  dueOn: string;
  status: RectificationStatus;
  overdue: boolean;
  answer: string | null;
  answeredAt: string | null;
  closedAt: string | null;
  reviewComment: string | null;
  visitedOn: string;
  inspectorName: string;
  inspectorOrgId: number;
  inspectorOrgName: string | null;
  canAnswer: boolean;
  canClose: boolean;
  canReopen: boolean;
}

export interface Inspection {
  id: number;
  orgId: number;
  orgName: string;
  campaignId: number | null;
  campaignName: string | null;
  visitedOn: string;
  findings: string;
  score: number | null;
  inspectorName: string;
  inspectorOrgId: number;
  inspectorOrgName: string | null;
  createdAt: string;
}

export interface InspectionSummary extends Inspection {
  itemCounts: { total: number; open: number; answered: number; closed: number; overdue: number };
}

export interface InspectionDetail extends Inspection {
  items: Rectification[];
}

export interface InspectionQuery {
  orgId?: number | null;
  campaignId?: number | null;
  from?: string | null;
  to?: string | null;
  page: number;
}

export const useInspections = (q: InspectionQuery) =>
  useQuery({
    queryKey: ['inspections', q],
    queryFn: () => api.get<Page<InspectionSummary>>('/inspections', { ...q, subtree: 1, pageSize: 20 }),
    placeholderData: keepPreviousData,
  });

export const useInspection = (id: number) => useQuery({ queryKey: ['inspection', id], queryFn: () => api.get<InspectionDetail>(`/inspections/${id}`) });

export const useRectifications = (q: { status?: string; orgId?: number | null; page: number }) =>
  useQuery({
    queryKey: ['rectifications', q],
    queryFn: () => api.get<Page<Rectification>>('/rectifications', { ...q, subtree: 1, pageSize: 20 }),
    placeholderData: keepPreviousData,
  });

/** Answer, close and reopen: each refreshes every view of visits and items. */
export function useItemAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, body }: { id: number; action: 'answer' | 'close' | 'reopen'; body: Record<string, unknown> }) =>
      api.post(`/rectifications/${id}/${action}`, body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['inspection'] });
      void qc.invalidateQueries({ queryKey: ['inspections'] });
      void qc.invalidateQueries({ queryKey: ['rectifications'] });
    },
  });
}

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type {
  Inspection,
  InspectionDetail,
  InspectionList,
  InspectionSummary,
  Rectification,
  RectificationList,
  RectificationStatus,
} from '@zx/contract/inspections';

export type { Inspection, InspectionDetail, InspectionSummary, Rectification, RectificationStatus };

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
    queryFn: () => api.get<InspectionList>('/inspections', { ...q, subtree: 1, pageSize: 20 }),
    placeholderData: keepPreviousData,
  });

export const useInspection = (id: number) => useQuery({ queryKey: ['inspection', id], queryFn: () => api.get<InspectionDetail>(`/inspections/${id}`) });

export const useRectifications = (q: { status?: string; orgId?: number | null; page: number }) =>
  useQuery({
    queryKey: ['rectifications', q],
    queryFn: () => api.get<RectificationList>('/rectifications', { ...q, subtree: 1, pageSize: 20 }),
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

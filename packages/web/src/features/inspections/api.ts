import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type QueryParams, type RequestBody } from '../../api/client.ts';
import type { Inspection, InspectionDetail, InspectionSummary, Rectification, RectificationStatus } from '@zx/contract/inspections';

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
    queryFn: () =>
      api.GET('/inspections', {
        params: {
          query: {
            orgId: q.orgId ?? undefined,
            campaignId: q.campaignId ?? undefined,
            from: q.from ?? undefined,
            to: q.to ?? undefined,
            page: q.page,
            subtree: '1',
            pageSize: 20,
          },
        },
      }),
    placeholderData: keepPreviousData,
  });

export const useInspection = (id: number) =>
  useQuery({ queryKey: ['inspection', id], queryFn: () => api.GET('/inspections/{id}', { params: { path: { id } } }) });

/** An item's status, or `overdue`: not closed and past its deadline. */
export type ItemStatusFilter = QueryParams<'/rectifications'>['status'];

export const useRectifications = (q: { status?: ItemStatusFilter; orgId?: number | null; page: number }) =>
  useQuery({
    queryKey: ['rectifications', q],
    queryFn: () =>
      api.GET('/rectifications', { params: { query: { status: q.status, orgId: q.orgId ?? undefined, page: q.page, subtree: '1', pageSize: 20 } } }),
    placeholderData: keepPreviousData,
  });

/** An item answered by its unit, closed or sent back by the inspecting side, with the body each takes. */
export type ItemAction =
  | { id: number; action: 'answer'; body: RequestBody<'post', '/rectifications/{id}/answer'> }
  | { id: number; action: 'close'; body: RequestBody<'post', '/rectifications/{id}/close'> }
  | { id: number; action: 'reopen'; body: RequestBody<'post', '/rectifications/{id}/reopen'> };

/** Answer, close and reopen: each refreshes every view of visits and items. */
export function useItemAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (a: ItemAction) => {
      const at = { params: { path: { id: a.id } } };
      switch (a.action) {
        case 'answer':
          return api.POST('/rectifications/{id}/answer', { ...at, body: a.body });
        case 'close':
          return api.POST('/rectifications/{id}/close', { ...at, body: a.body });
        case 'reopen':
          return api.POST('/rectifications/{id}/reopen', { ...at, body: a.body });
      }
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['inspection'] });
      void qc.invalidateQueries({ queryKey: ['inspections'] });
      void qc.invalidateQueries({ queryKey: ['rectifications'] });
    },
  });
}

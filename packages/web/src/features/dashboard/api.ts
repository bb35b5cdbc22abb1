import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Dashboard, DashboardChild, DashboardPlanState, DashboardTask, DashboardTaskStatus, DashboardUnitRow, LaggingUnit } from '@zx/contract/dashboard';
import { api } from '../../api/client.ts';

export type { Dashboard, DashboardChild, DashboardTask, LaggingUnit };
export type TaskStatus = DashboardTaskStatus;
export type PlanState = DashboardPlanState;
export type UnitRow = DashboardUnitRow;

/** Which rows behind a figure: a task's units by status, or the plan's units by state. */
export type UnitsFilter = { taskKey: string; status: TaskStatus } | { plan: PlanState };

export const useDashboard = (campaignId: number, orgId: number | null) =>
  useQuery({
    queryKey: ['dashboard', campaignId, orgId],
    queryFn: () => api.GET('/campaigns/{id}/dashboard', { params: { path: { id: campaignId }, query: { orgId: orgId ?? undefined } } }),
    placeholderData: keepPreviousData,
  });

export const useUnits = (campaignId: number, orgId: number, filter: UnitsFilter | null, page: number, pageSize = 20) =>
  useQuery({
    queryKey: ['dashboard', campaignId, orgId, 'units', filter, page, pageSize],
    queryFn: () => api.GET('/campaigns/{id}/units', { params: { path: { id: campaignId }, query: { orgId, ...filter, page, pageSize } } }),
    enabled: !!filter,
    placeholderData: keepPreviousData,
  });

export const useLagging = (campaignId: number, orgId: number, limit = 10) =>
  useQuery({
    queryKey: ['dashboard', campaignId, orgId, 'lagging', limit],
    queryFn: () => api.GET('/campaigns/{id}/lagging', { params: { path: { id: campaignId }, query: { orgId, limit } } }),
  });

/** 0..1 as a percentage with at most one decimal; '—' when there is nothing to divide by. */
export function pct(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '—';
  return `${Math.round(rate * 1000) / 10}%`;
}

/** Where the activities behind a figure are listed (the activities page reads these query parameters). */
export const activitiesLink = (campaignId: number, orgId: number, type?: string) =>
  `/activities?campaignId=${campaignId}&orgId=${orgId}${type ? `&type=${type}` : ''}`;

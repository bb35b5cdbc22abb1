import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { EvidenceRule } from '@zx/domain/campaign/template';
import { api } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import type { Campaign } from '../campaigns/api.ts';

export type TaskStatus = 'done' | 'pending' | 'overdue';
export type PlanState = 'missing' | 'submitted' | 'approved';

export interface DashboardTask {
  key: string;
  phaseKey: string;
  nameZh: string;
  nameEn: string;
  evidence: EvidenceRule;
  dueOn: string | null;
  required: number;
  done: number;
  rate: number | null;
  overdue: number;
  status: TaskStatus;
}

export interface DashboardChild {
  id: number;
  name: string;
  typeCode: string;
  responsiblePerson: string | null;
  members: number;
  participants: number;
  participationRate: number | null;
  plansRequired: number;
  plansSubmitted: number;
  plansApproved: number;
  activities: number;
  tasksRequired: number;
  tasksDone: number;
  completionRate: number | null;
  tasks: Record<string, { required: number; done: number }>;
}

/** GET /campaigns/:id/dashboard — figures of one organization, read from roll-up rows. */
export interface Dashboard {
  campaign: Campaign;
  org: { id: number; name: string; typeCode: string; responsiblePerson: string | null };
  ancestors: { id: number; name: string }[];
  members: number;
  participants: number;
  participationRate: number | null;
  plans: { required: number; submitted: number; approved: number; submissionRate: number | null; approvalRate: number | null };
  activities: {
    total: number;
    byType: { type: string; nameZh: string; nameEn: string; count: number }[];
    byMonth: { month: string; count: number }[];
  };
  tasks: DashboardTask[];
  targets: { redFlagUnits: number; excellentRatioTargetAvg: number | null };
  assessment: {
    status: 'assessed' | 'not_assessed';
    unitsVerified: number;
    redFlagUnits: number;
    membersEvaluated: number;
    membersExcellent: number;
    redFlagRatio: number | null;
    excellentMemberRatio: number | null;
  };
  children: DashboardChild[];
}

export interface UnitRow {
  orgId: number;
  name: string;
  typeCode: string;
  parentName: string | null;
  responsiblePerson: string | null;
  status: TaskStatus | PlanState;
  dueOn: string | null;
}

/** Which rows behind a figure: a task's units by status, or the plan's units by state. */
export type UnitsFilter = { taskKey: string; status: TaskStatus } | { plan: PlanState };

export interface LaggingUnit {
  orgId: number;
  name: string;
  parentName: string | null;
  responsiblePerson: string | null;
  overdueTasks: { key: string; nameZh: string; nameEn: string }[];
}

export const useDashboard = (campaignId: number, orgId: number | null) =>
  useQuery({
    queryKey: ['dashboard', campaignId, orgId],
    queryFn: () => api.get<Dashboard>(`/campaigns/${campaignId}/dashboard`, { orgId }),
    placeholderData: keepPreviousData,
  });

export const useUnits = (campaignId: number, orgId: number, filter: UnitsFilter | null, page: number, pageSize = 20) =>
  useQuery({
    queryKey: ['dashboard', campaignId, orgId, 'units', filter, page, pageSize],
    queryFn: () => api.get<Page<UnitRow>>(`/campaigns/${campaignId}/units`, { orgId, ...filter, page, pageSize }),
    enabled: !!filter,
    placeholderData: keepPreviousData,
  });

export const useLagging = (campaignId: number, orgId: number, limit = 10) =>
  useQuery({
    queryKey: ['dashboard', campaignId, orgId, 'lagging', limit],
    queryFn: () => api.get<LaggingUnit[]>(`/campaigns/${campaignId}/lagging`, { orgId, limit }),
  });

/** 0..1 as a percentage with at most one decimal; '—' when there is nothing to divide by. */
export function pct(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '—';
  return `${Math.round(rate * 1000) / 10}%`;
}

/** Where the activities behind a figure are listed (the activities page reads these query parameters). */
export const activitiesLink = (campaignId: number, orgId: number, type?: string) =>
  `/activities?campaignId=${campaignId}&orgId=${orgId}${type ? `&type=${type}` : ''}`;

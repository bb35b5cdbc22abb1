import { z } from 'zod';
import { ACTIVITY_TYPES, type ActivityTypeCode } from '@zx/domain/campaign/activity-types';
import { isoDate, timestamp } from './common.ts';
import { campaign, evidenceRule } from './campaigns.ts';

/** 数据看板: an organization's figures in a campaign (read from roll-up rows), the units behind them, a unit's tasks. */

const activityType = z.enum(ACTIVITY_TYPES.map((t) => t.code) as [ActivityTypeCode, ...ActivityTypeCode[]]);

export const dashboardTaskStatus = z.enum(['done', 'pending', 'overdue']);
export const dashboardPlanState = z.enum(['missing', 'submitted', 'approved']);

const count = z.number().int();
const rate = z.number().nullable();
const dashboardOrg = z.object({ id: z.number().int(), name: z.string(), typeCode: z.string(), responsiblePerson: z.string().nullable() });

export const dashboardTask = z.object({
  key: z.string(),
  phaseKey: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  evidence: evidenceRule,
  dueOn: isoDate.nullable(),
  required: count,
  done: count,
  rate,
  overdue: count,
  status: dashboardTaskStatus,
});

export const dashboardChild = z.object({
  id: z.number().int(),
  name: z.string(),
  typeCode: z.string(),
  responsiblePerson: z.string().nullable(),
  members: count,
  participants: count,
  participationRate: rate,
  plansRequired: count,
  plansSubmitted: count,
  plansApproved: count,
  activities: count,
  tasksRequired: count,
  tasksDone: count,
  completionRate: rate,
  tasks: z.record(z.string(), z.object({ required: count, done: count })),
});

/** GET /campaigns/:id/dashboard — figures of one organization, read from roll-up rows. */
export const dashboard = z.object({
  /** The campaign as GET /campaigns/:id shows it. */
  campaign,
  org: dashboardOrg,
  ancestors: z.array(z.object({ id: z.number().int(), name: z.string() })),
  members: count,
  participants: count,
  participationRate: rate,
  plans: z.object({ required: count, submitted: count, approved: count, submissionRate: rate, approvalRate: rate }),
  activities: z.object({
    total: count,
    byType: z.array(z.object({ type: activityType, nameZh: z.string(), nameEn: z.string(), count })),
    byMonth: z.array(z.object({ month: z.string(), count })),
  }),
  tasks: z.array(dashboardTask),
  targets: z.object({ redFlagUnits: count, excellentRatioTargetAvg: z.number().nullable() }),
  assessment: z.object({
    status: z.enum(['assessed', 'not_assessed']),
    unitsVerified: count,
    redFlagUnits: count,
    membersEvaluated: count,
    membersExcellent: count,
    redFlagRatio: rate,
    excellentMemberRatio: rate,
  }),
  children: z.array(dashboardChild),
});

/** A unit behind a figure: its task status, or its plan state. */
export const dashboardUnitRow = z.object({
  orgId: z.number().int(),
  name: z.string(),
  typeCode: z.string(),
  parentName: z.string().nullable(),
  responsiblePerson: z.string().nullable(),
  dueOn: isoDate.nullable(),
  status: z.enum([...dashboardTaskStatus.options, ...dashboardPlanState.options]),
});
export const dashboardUnits = z.object({ items: z.array(dashboardUnitRow), total: count, page: count, pageSize: count });

export const laggingUnit = z.object({
  orgId: z.number().int(),
  name: z.string(),
  parentName: z.string().nullable(),
  responsiblePerson: z.string().nullable(),
  overdueTasks: z.array(z.object({ key: z.string(), nameZh: z.string(), nameEn: z.string() })),
});

export const unitTask = z.object({
  key: z.string(),
  phaseKey: z.string(),
  phaseNameZh: z.string(),
  phaseNameEn: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  descriptionZh: z.string(),
  evidence: evidenceRule,
  dueOn: isoDate.nullable(),
  applicable: z.boolean(),
  done: z.boolean(),
  status: dashboardTaskStatus,
  confirmable: z.boolean(),
  confirmedAt: timestamp.nullable(),
  evidenceLink: z.string().nullable(),
});

/** GET /campaigns/:id/tasks — one unit's own tasks (also the answer of a confirmation). */
export const unitTasks = z.object({ org: dashboardOrg, tasks: z.array(unitTask) });

export type DashboardTaskStatus = z.infer<typeof dashboardTaskStatus>;
export type DashboardPlanState = z.infer<typeof dashboardPlanState>;
export type DashboardTask = z.infer<typeof dashboardTask>;
export type DashboardChild = z.infer<typeof dashboardChild>;
export type Dashboard = z.infer<typeof dashboard>;
export type DashboardUnitRow = z.infer<typeof dashboardUnitRow>;
export type DashboardUnits = z.infer<typeof dashboardUnits>;
export type LaggingUnit = z.infer<typeof laggingUnit>;
export type UnitTask = z.infer<typeof unitTask>;
export type UnitTasks = z.infer<typeof unitTasks>;

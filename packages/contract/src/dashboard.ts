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

/** 知晓率: active members aware of the campaign (acknowledged, or passed the quiz of, one of its notices). */
export const dashboardAwareness = z.object({ members: count, aware: count, rate });
/** 亮明身份·岗位承诺: active members who stated their post and a pledge. */
export const dashboardPledges = z.object({ members: count, pledged: count, rate });
/** 覆盖面: branches with at least one activity, active members who attended at least one. */
export const dashboardCoverage = z.object({
  branches: count,
  branchesWithActivity: count,
  branchRate: rate,
  members: count,
  membersAttended: count,
  memberRate: rate,
});
/** Media coverage recorded in the subtree, by kind (报刊, 广播 …) and level (中央 … 县), and posts approved for the public portal. */
export const dashboardMedia = z.object({
  total: count,
  byKind: z.array(z.object({ kind: z.string(), count })),
  byLevel: z.array(z.object({ level: z.string(), count })),
  postsPublished: count,
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
  aware: count,
  awarenessRate: rate,
  pledged: count,
  pledgeRate: rate,
  branches: count,
  branchesWithActivity: count,
  branchCoverageRate: rate,
  media: count,
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
  awareness: dashboardAwareness,
  pledges: dashboardPledges,
  coverage: dashboardCoverage,
  media: dashboardMedia,
  children: z.array(dashboardChild),
});

/** The figures a branch's own cadres drill into, member by member. */
export const dashboardMemberFigure = z.enum(['attended']);
/** One active member of a branch and whether they count in a figure (names only: the branch's own cadres read it). */
export const dashboardMemberRow = z.object({ memberId: z.number().int(), name: z.string(), done: z.boolean() });
export const dashboardMembers = z.object({ items: z.array(dashboardMemberRow), total: count, page: count, pageSize: count });

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
export type DashboardMemberFigure = z.infer<typeof dashboardMemberFigure>;
export type DashboardMembers = z.infer<typeof dashboardMembers>;

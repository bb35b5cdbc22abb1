import { ACTIVITY_TYPES, dueDate, isoToday, type Action, type CampaignTemplate, type EvidenceRule, type PhaseDates } from '@zx/domain';
import type { AppContext } from '../context.ts';
import type { Executor } from '../db/database.ts';
import { nowIso } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { requireAccess } from '../access/index.ts';
import { isInSubtree } from '../access/paths.ts';
import { audit } from '../audit/service.ts';
import { conflict, forbidden, notFound, validationFailed } from '../http/errors.ts';
import { idsOnPath } from '../access/paths.ts';
import { presentCampaign } from '../campaigns/service.ts';
import { METRIC, refreshUnits, tasksOf } from '../campaigns/rollup.ts';
import { dashboardPolicy } from './policy.ts';
import type { DashboardUnitRow } from '@zx/contract/dashboard';
import { dashboardRepository as repo, type Stats, type UnitsFilter } from './repository.ts';
import { REACH_METRICS, reachColumns, reachFigures } from './reach.ts';

const CAMPAIGN = { zh: '主题实践活动', en: 'Campaign' };
const TASK = { zh: '任务', en: 'Task' };

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
const sumTypes = (counts: Record<string, number>, types: Iterable<string>) => [...types].reduce((n, t) => n + (counts[t] ?? 0), 0);

/**
 * The campaign as the actor sees it, and the organization whose figures are asked for (in the
 * actor's scope and covered by the campaign). `acting`: the action the caller acts with.
 */
async function resolve(ex: Executor, actor: Actor, campaignId: number, orgId?: number, acting: Action = 'campaign.read') {
  const c = await requireAccess(ex, actor, acting, 'campaign', campaignId);
  const targetId = orgId ?? (dashboardPolicy.opensOnCampaignOrg(actor, c) ? c.orgId : actor.grant.orgId);
  const org = await requireAccess(ex, actor, acting, 'org', targetId);
  if (!isInSubtree(c.orgPath, org.path)) throw notFound(CAMPAIGN);
  return { c, org };
}

function taskList(definition: CampaignTemplate, dates: PhaseDates[]) {
  return tasksOf(definition).map((t) => {
    const phase = dates.find((d) => d.key === t.phaseKey);
    return { ...t, dueOn: phase ? dueDate(t.due, phase) : null };
  });
}

/** Figures of one organization from its roll-up row set (subtree sums) and type counts. */
function figuresOf(stats: Stats, types: Record<string, number>, members: number, tasks: ReturnType<typeof taskList>, planOrgTypes: string[], today: string) {
  const get = (k: string) => stats.get(k) ?? 0;
  const taskFigures = tasks.map((t) => {
    const required = sumTypes(types, t.orgTypes);
    const done = get(METRIC.taskDone(t.key));
    const pastDue = !!t.dueOn && today > t.dueOn;
    return {
      key: t.key,
      phaseKey: t.phaseKey,
      nameZh: t.nameZh,
      nameEn: t.nameEn,
      evidence: t.evidence as EvidenceRule,
      dueOn: t.dueOn,
      required,
      done,
      rate: ratio(done, required),
      overdue: pastDue ? required - done : 0,
      status: (done >= required ? 'done' : pastDue ? 'overdue' : 'pending') as 'done' | 'pending' | 'overdue',
    };
  });
  const plansRequired = sumTypes(types, planOrgTypes);
  const participants = get(METRIC.participants);
  return {
    members,
    participants,
    participationRate: ratio(participants, members),
    plans: {
      required: plansRequired,
      submitted: get(METRIC.planSubmitted),
      approved: get(METRIC.planApproved),
      submissionRate: ratio(get(METRIC.planSubmitted), plansRequired),
      approvalRate: ratio(get(METRIC.planApproved), plansRequired),
    },
    activities: get(METRIC.activities),
    tasks: taskFigures,
    tasksRequired: taskFigures.reduce((n, t) => n + t.required, 0),
    tasksDone: taskFigures.reduce((n, t) => n + t.done, 0),
  };
}

/**
 * Red Flag and excellent-member ratios from the roll-ups fed by the assessment engine: Red Flag
 * units over the units that set targets (those required to register a plan), excellent members
 * over members with an approved evaluation grade. `not_assessed` until either exists below.
 */
function assessmentFigures(s: Stats, units: number) {
  const verified = s.get(METRIC.selfAssessmentVerified) ?? 0;
  const redFlag = s.get(METRIC.redFlag) ?? 0;
  const evaluated = s.get(METRIC.membersEvaluated) ?? 0;
  const excellent = s.get(METRIC.membersExcellent) ?? 0;
  return {
    status: (verified || redFlag || evaluated ? 'assessed' : 'not_assessed') as 'assessed' | 'not_assessed',
    unitsVerified: verified,
    redFlagUnits: redFlag,
    membersEvaluated: evaluated,
    membersExcellent: excellent,
    redFlagRatio: verified || redFlag ? ratio(redFlag, units) : null,
    excellentMemberRatio: evaluated ? excellent / evaluated : null,
  };
}

/** Where the evidence of a task is produced in the web app. */
function evidenceLink(campaignId: number, e: EvidenceRule): string | null {
  switch (e.kind) {
    case 'plan_approved':
      return `/plans?campaignId=${campaignId}`;
    case 'activities':
      return `/activities/new?campaignId=${campaignId}&type=${e.activityType}${e.form ? `&form=${e.form}` : ''}`;
    case 'report_submitted':
      return '/reports';
    default:
      return null;
  }
}

export const dashboardService = {
  /**
   * The dashboard of one organization in a campaign. Reads the organization's and its children's
   * roll-up rows and type counts only: O(children), whatever the size of the subtree.
   */
  async figures(ctx: AppContext, actor: Actor, campaignId: number, orgId?: number, today = isoToday(), acting: Action = 'campaign.read') {
    const { c, org } = await resolve(ctx.db, actor, campaignId, orgId, acting);
    const tasks = taskList(c.definition, c.dates);
    // A child row needs no breakdown by activity type or month.
    const childMetrics = [
      METRIC.activities,
      METRIC.participants,
      METRIC.planSubmitted,
      METRIC.planApproved,
      ...REACH_METRICS,
      ...tasks.map((t) => METRIC.taskDone(t.key)),
    ];
    const ancestorIds = idsOnPath(org.path).slice(idsOnPath(c.orgPath).length - 1, -1);
    // Two rounds of parallel reads, each by primary key or (parent_id) index.
    const [children, ownStats, ancestorRows] = await Promise.all([
      repo.children(ctx.db, org.id),
      repo.stats(ctx.db, campaignId, [org.id]),
      repo.orgNames(ctx.db, ancestorIds),
    ]);
    const childIds = children.map((child) => child.id);
    const [childStats, types] = await Promise.all([repo.stats(ctx.db, campaignId, childIds, childMetrics), repo.typeCounts(ctx.db, [org.id, ...childIds])]);
    const stats = new Map([...ownStats, ...childStats]);
    const own = figuresOf(stats.get(org.id)!, types.get(org.id)!, org.subtree_member_count, tasks, c.planTypes, today);
    const s = stats.get(org.id)!;

    const ancestors = ancestorIds
      .map((id) => ancestorRows.find((a) => a.id === id)!)
      .filter((a) => a && dashboardPolicy.showsAncestor(actor, a))
      .map((a) => ({ id: a.id, name: a.name }));

    const byMonth = [...s]
      .filter(([k]) => k.startsWith('activities@'))
      .map(([k, n]) => ({ month: k.slice('activities@'.length), count: n }))
      .filter((m) => m.count > 0)
      .sort((a, b) => a.month.localeCompare(b.month));
    const excellentUnits = s.get(METRIC.targetExcellentUnits) ?? 0;
    return {
      campaign: presentCampaign(c, actor, today),
      org: { id: org.id, name: org.name, typeCode: org.type_code, responsiblePerson: org.responsible_person },
      ancestors,
      members: own.members,
      participants: own.participants,
      participationRate: own.participationRate,
      plans: own.plans,
      activities: {
        total: own.activities,
        byType: ACTIVITY_TYPES.map((t) => ({ type: t.code, nameZh: t.nameZh, nameEn: t.nameEn, count: s.get(METRIC.activityType(t.code)) ?? 0 })),
        byMonth,
      },
      tasks: own.tasks,
      targets: {
        redFlagUnits: s.get(METRIC.targetRedFlag) ?? 0,
        excellentRatioTargetAvg: excellentUnits ? (s.get(METRIC.targetExcellentSum) ?? 0) / excellentUnits : null,
      },
      assessment: assessmentFigures(s, own.plans.required),
      ...reachFigures(s, types.get(org.id)!, org.subtree_member_count),
      children: children.map((child) => {
        const f = figuresOf(stats.get(child.id)!, types.get(child.id)!, child.subtree_member_count, tasks, c.planTypes, today);
        return {
          id: child.id,
          name: child.name,
          typeCode: child.type_code,
          responsiblePerson: child.responsible_person,
          members: f.members,
          participants: f.participants,
          participationRate: f.participationRate,
          plansRequired: f.plans.required,
          plansSubmitted: f.plans.submitted,
          plansApproved: f.plans.approved,
          activities: f.activities,
          tasksRequired: f.tasksRequired,
          tasksDone: f.tasksDone,
          completionRate: ratio(f.tasksDone, f.tasksRequired),
          tasks: Object.fromEntries(f.tasks.map((t) => [t.key, { required: t.required, done: t.done }])),
          ...reachColumns(stats.get(child.id)!, types.get(child.id)!, child.subtree_member_count),
        };
      }),
    };
  },

  /**
   * The units behind a figure: those of the subtree a task (or the plan) applies to, with their
   * state. Paged; this one does scan the subtree's organizations, as any list of them must.
   */
  async units(
    ctx: AppContext,
    actor: Actor,
    campaignId: number,
    q: {
      orgId?: number;
      taskKey?: string;
      status?: 'done' | 'pending' | 'overdue';
      plan?: 'missing' | 'submitted' | 'approved';
      page: number;
      pageSize: number;
    },
    today = isoToday(),
  ) {
    const { c, org } = await resolve(ctx.db, actor, campaignId, q.orgId);
    const task = q.taskKey ? taskList(c.definition, c.dates).find((t) => t.key === q.taskKey) : undefined;
    if (q.taskKey && !task) throw notFound(TASK);
    const metric = task ? METRIC.taskDone(task.key) : METRIC.planSubmitted;
    const types = task ? task.orgTypes : c.planTypes;
    const pastDue = !!task?.dueOn && today > task.dueOn;
    let only: UnitsFilter['only'];
    if (task && q.status === 'done') only = { has: metric };
    else if (task && q.status) only = (q.status === 'overdue') === pastDue ? { lacks: metric } : 'none';
    else if (!task && q.plan === 'missing') only = { lacks: metric };
    else if (!task && q.plan === 'submitted') only = { has: metric };
    else if (!task && q.plan === 'approved') only = { has: METRIC.planApproved };
    const planTask = taskList(c.definition, c.dates).find((t) => t.evidence.kind === 'plan_approved');
    const dueOn = task?.dueOn ?? planTask?.dueOn ?? null;
    // The total is the figure itself, read from the roll-ups like the dashboard (no count over the subtree).
    const [rows, [stats], [typeCounts]] = await Promise.all([
      repo.units(ctx.db, ctx.dialect, {
        campaignId,
        rootPath: org.path,
        types,
        metric,
        approvedMetric: METRIC.planApproved,
        only,
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      }),
      repo.stats(ctx.db, campaignId, [org.id]).then((m) => [...m.values()]),
      repo.typeCounts(ctx.db, [org.id]).then((m) => [...m.values()]),
    ]);
    const required = sumTypes(typeCounts, types);
    const doneCount = stats.get(metric) ?? 0;
    const approvedCount = stats.get(METRIC.planApproved) ?? 0;
    let total: number;
    if (task) total = !q.status ? required : q.status === 'done' ? doneCount : (q.status === 'overdue') === pastDue ? required - doneCount : 0;
    else total = q.plan === 'missing' ? required - doneCount : q.plan === 'submitted' ? doneCount : q.plan === 'approved' ? approvedCount : required;
    return {
      items: rows.map((r) => ({
        orgId: r.id,
        name: r.name,
        typeCode: r.type_code,
        parentName: r.parent_name,
        responsiblePerson: r.responsible_person,
        dueOn,
        status: task
          ? Number(r.done) > 0
            ? 'done'
            : pastDue
              ? 'overdue'
              : 'pending'
          : Number(r.approved) > 0
            ? 'approved'
            : Number(r.done) > 0
              ? 'submitted'
              : 'missing',
      })) satisfies DashboardUnitRow[],
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  },

  /** Units with at least one task past its due date and not done, most behind first. */
  async laggingUnits(
    ctx: AppContext,
    actor: Actor,
    campaignId: number,
    orgId: number | undefined,
    limit: number,
    today = isoToday(),
    acting: Action = 'campaign.read',
  ) {
    const { c, org } = await resolve(ctx.db, actor, campaignId, orgId, acting);
    const overdueTasks = taskList(c.definition, c.dates).filter((t) => t.dueOn && today > t.dueOn);
    if (!overdueTasks.length) return [];
    const types = [...new Set(overdueTasks.flatMap((t) => t.orgTypes))];
    const units = await repo.unitsOfTypes(ctx.db, org.path, types);
    const done = await repo.doneInSubtree(
      ctx.db,
      campaignId,
      org.path,
      overdueTasks.map((t) => METRIC.taskDone(t.key)),
    );
    return units
      .map((u) => ({
        orgId: u.id,
        name: u.name,
        parentName: u.parent_name,
        responsiblePerson: u.responsible_person,
        overdueTasks: overdueTasks
          .filter((t) => t.orgTypes.includes(u.type_code) && !done.has(`${u.id}|${METRIC.taskDone(t.key)}`))
          .map((t) => ({ key: t.key, nameZh: t.nameZh, nameEn: t.nameEn })),
      }))
      .filter((u) => u.overdueTasks.length)
      .sort((a, b) => b.overdueTasks.length - a.overdueTasks.length)
      .slice(0, limit);
  },

  /** One unit's own tasks with their status, and what makes each done. */
  async unitTasks(ctx: AppContext, actor: Actor, campaignId: number, orgId?: number, today = isoToday()) {
    const { c, org } = await resolve(ctx.db, actor, campaignId, orgId);
    const [own, confirmations] = await Promise.all([repo.ownStats(ctx.db, campaignId, org.id), repo.confirmations(ctx.db, campaignId, org.id)]);
    const doneMetrics = new Set(own.filter((r) => Number(r.own) > 0).map((r) => r.metric));
    return {
      org: { id: org.id, name: org.name, typeCode: org.type_code, responsiblePerson: org.responsible_person },
      tasks: taskList(c.definition, c.dates).map((t) => {
        const phase = c.definition.phases.find((p) => p.key === t.phaseKey)!;
        const applicable = t.orgTypes.includes(org.type_code);
        const done = applicable && doneMetrics.has(METRIC.taskDone(t.key));
        return {
          key: t.key,
          phaseKey: t.phaseKey,
          phaseNameZh: phase.nameZh,
          phaseNameEn: phase.nameEn,
          nameZh: t.nameZh,
          nameEn: t.nameEn,
          descriptionZh: t.descriptionZh,
          evidence: t.evidence,
          dueOn: t.dueOn,
          applicable,
          done,
          status: (done ? 'done' : t.dueOn && today > t.dueOn ? 'overdue' : 'pending') as 'done' | 'pending' | 'overdue',
          confirmable: applicable && dashboardPolicy.confirm(actor, org) && t.evidence.kind === 'confirmation',
          confirmedAt: confirmations.find((x) => x.task_key === t.key)?.confirmed_at ?? null,
          evidenceLink: evidenceLink(campaignId, t.evidence),
        };
      }),
    };
  },

  /** The manual tick, only for tasks whose evidence rule is a confirmation. */
  async setConfirmation(ctx: AppContext, actor: Actor, campaignId: number, taskKey: string, orgId: number, confirmed: boolean, note: string | null) {
    await ctx.db.transaction().execute(async (trx) => {
      const { c, org } = await resolve(trx, actor, campaignId, orgId, 'task.confirm');
      if (!dashboardPolicy.confirm(actor, org)) throw forbidden();
      const task = tasksOf(c.definition).find((t) => t.key === taskKey);
      if (!task) throw notFound(TASK);
      if (task.evidence.kind !== 'confirmation') {
        throw conflict(
          'TASK_NOT_CONFIRMABLE',
          '该任务由系统根据实际记录自动判定完成，不能手动勾选',
          'This task is completed from its evidence; it cannot be ticked by hand',
        );
      }
      if (!task.orgTypes.includes(org.type_code)) {
        throw validationFailed([
          {
            field: 'orgId',
            code: 'TASK_NOT_APPLICABLE',
            message: { zh: '该任务不适用于此组织类型', en: 'This task does not apply to this type of organization' },
          },
        ]);
      }
      if (confirmed) {
        await repo.confirm(trx, { campaign_id: campaignId, org_id: org.id, task_key: taskKey, note, confirmed_at: nowIso(), confirmed_by: actor.userId });
      } else {
        await repo.unconfirm(trx, campaignId, org.id, taskKey);
      }
      await refreshUnits(trx, campaignId, [org.id]);
      await audit(trx, actor, {
        action: confirmed ? 'task.confirm' : 'task.unconfirm',
        targetType: 'campaign',
        targetId: campaignId,
        summary: { orgId: org.id, taskKey, note },
      });
    });
    return dashboardService.unitTasks(ctx, actor, campaignId, orgId);
  },
};

import { evidenceMet, type CampaignTemplate, type TemplateTask } from '@zx/domain';
import type { Executor } from '../db/database.ts';
import { idsOnPath } from '../access/paths.ts';
import type { CampaignModel } from './model.ts';
import { campaignRepository } from './repository.ts';
import { rollupRepository as repo, type UnitRow } from './rollup-repository.ts';

/**
 * Campaign roll-up rows (campaign_stat). For each campaign and organization, `own` holds the
 * figures of the organization's own facts and `subtree` their sum over its subtree, so the
 * dashboard of any organization reads its row and its children's rows: O(children), never a
 * scan of members or activities (DESIGN.md, "Heavy aggregates").
 *
 * One rule keeps them true: after any write that changes a unit's facts, `refreshUnits`
 * recomputes that unit's own figures from its rows (a handful of indexed queries over one unit)
 * and adds the difference to the unit and every ancestor inside the campaign — in the write's
 * transaction. Organization moves shift whole subtrees (`onSubtreeMoved`).
 */
export const METRIC = {
  activities: 'activities',
  activityType: (type: string) => `activities:${type}`,
  activityMonth: (month: string) => `activities@${month}`,
  participants: 'participants',
  planSubmitted: 'plan_submitted',
  planApproved: 'plan_approved',
  taskDone: (key: string) => `task:${key}`,
  targetRedFlag: 'target_red_flag',
  targetExcellentSum: 'target_excellent_sum',
  targetExcellentUnits: 'target_excellent_units',
  selfAssessmentVerified: 'assessment_verified',
  redFlag: 'red_flag',
  membersEvaluated: 'members_evaluated',
  membersExcellent: 'members_excellent',
  /** 覆盖面: 1 for a branch (团支部) with at least one activity in the campaign. */
  branchWithActivity: 'branch_with_activity',
  /** 知晓率: the unit's own active members who acknowledged (or passed the quiz of) a campaign notice (notices/). */
  membersAware: 'members_aware',
  /** 亮明身份·岗位承诺: the unit's own active members with a pledge in the campaign. */
  membersPledged: 'members_pledged',
  /** Media coverage recorded by the unit (publicity/): all, by kind (`media:press`) and by level (`media@city`). */
  media: 'media',
  mediaKind: (kind: string) => `media:${kind}`,
  mediaLevel: (level: string) => `media@${level}`,
  /** The unit's posts approved for the public portal (publicity/). */
  postsPublished: 'posts_published',
} as const;

/** The organization type whose units 覆盖面 counts (share of branches with at least one activity). */
export const COVERAGE_UNIT_TYPE = 'branch';

export type { UnitRow };

/**
 * What a capability outside campaigns adds to a unit's own figures in a campaign: counts under
 * METRIC keys (each added when not zero) and the facts task evidence (`evidenceMet`) reads from it.
 * Each capability exports its provider (assessment/facts.ts, evaluation/facts.ts) and
 * src/capabilities.ts registers them, so the roll-up imports no capability.
 */
export interface UnitFacts {
  figures: Record<string, number>;
  evidence?: { selfAssessmentVerified?: boolean };
}
export type UnitFactsProvider = (ex: Executor, c: CampaignModel, unit: UnitRow) => Promise<UnitFacts>;

let unitFactsProviders: readonly UnitFactsProvider[] | null = null;

/** The providers of unit facts, in the order their figures are added (src/capabilities.ts at app start; a second call replaces them). */
export function registerUnitFacts(providers: readonly UnitFactsProvider[]): void {
  unitFactsProviders = [...providers];
}

export function tasksOf(definition: CampaignTemplate): Array<TemplateTask & { phaseKey: string }> {
  return definition.phases.flatMap((p) => p.tasks.map((t) => ({ ...t, phaseKey: p.key })));
}

/** The campaign by id (the model), whatever the scope: for writes that have checked access already. */
export async function loadCampaign(ex: Executor, id: number): Promise<CampaignModel | null> {
  return (await campaignRepository.byId(ex, id)) ?? null;
}

/** A unit's own figures in a campaign, computed from its rows. Inactive units count nothing. */
export async function ownFigures(ex: Executor, c: CampaignModel, unit: UnitRow): Promise<Map<string, number>> {
  const v = new Map<string, number>();
  if (unit.status !== 'active') return v;
  const add = (k: string, n = 1) => v.set(k, (v.get(k) ?? 0) + n);

  const activities = await repo.unitActivities(ex, c.id, unit.id);
  for (const a of activities) {
    add(METRIC.activities);
    add(METRIC.activityType(a.type));
    add(METRIC.activityMonth(a.held_on.slice(0, 7)));
  }

  if (unit.type_code === COVERAGE_UNIT_TYPE && activities.length) add(METRIC.branchWithActivity);

  const participants = await repo.unitParticipants(ex, c.id, unit.id);
  if (participants) add(METRIC.participants, participants);

  const plan = await repo.unitPlan(ex, c.id, unit.id);
  const planApproved = plan?.status === 'approved';
  if (plan && c.planTypes.includes(unit.type_code)) {
    if (plan.status === 'submitted' || planApproved) add(METRIC.planSubmitted);
    if (planApproved) {
      add(METRIC.planApproved);
      const { targets } = plan;
      if (targets.some((t) => t.kind === 'red_flag')) add(METRIC.targetRedFlag);
      const excellent = targets.find((t) => t.kind === 'excellent_member_ratio' && t.value != null);
      if (excellent) {
        add(METRIC.targetExcellentSum, Math.round(excellent.value!));
        add(METRIC.targetExcellentUnits);
      }
    }
  }

  if (!unitFactsProviders) throw new Error('campaigns/rollup.ts: no unit facts registered (buildApp wires them: src/capabilities.ts)');
  let selfAssessmentVerified = false;
  for (const provide of unitFactsProviders) {
    const facts = await provide(ex, c, unit);
    for (const [metric, n] of Object.entries(facts.figures)) if (n) add(metric, n);
    if (facts.evidence?.selfAssessmentVerified) selfAssessmentVerified = true;
  }

  const tasks = tasksOf(c.definition).filter((t) => t.orgTypes.includes(unit.type_code));
  if (tasks.length) {
    const reportTasks = await repo.unitReportedTasks(ex, c.id, unit.id);
    const confirmed = await repo.unitConfirmedTasks(ex, c.id, unit.id);
    for (const t of tasks) {
      const phase = c.dates.find((d) => d.key === t.phaseKey);
      const activityCounts: Record<string, number> = {};
      if (t.evidence.kind === 'activities' && phase) {
        for (const a of activities) {
          if (a.held_on < phase.startsOn || a.held_on > phase.endsOn) continue;
          activityCounts[a.type] = (activityCounts[a.type] ?? 0) + 1;
          if (a.form) activityCounts[`${a.type}:${a.form}`] = (activityCounts[`${a.type}:${a.form}`] ?? 0) + 1;
        }
      }
      const done = evidenceMet(t.evidence, {
        planApproved,
        activityCounts,
        reportSubmitted: reportTasks.has(t.key),
        selfAssessmentVerified,
        confirmed: confirmed.has(t.key),
      });
      if (done) add(METRIC.taskDone(t.key));
    }
  }
  return v;
}

/**
 * Adds `deltas` to `orgId`'s own figures and to the subtree figures of it and of every
 * ancestor inside the campaign, as one upsert.
 */
async function applyDeltas(ex: Executor, c: CampaignModel, orgId: number, orgPath: string, deltas: Map<string, number>, ownToo = true): Promise<void> {
  const campaignDepth = idsOnPath(c.orgPath).length;
  const chain = idsOnPath(orgPath).slice(campaignDepth - 1);
  const rows = [...deltas]
    .filter(([, d]) => d !== 0)
    .flatMap(([metric, d]) => chain.map((id) => ({ campaign_id: c.id, org_id: id, metric, own: ownToo && id === orgId ? d : 0, subtree: d })));
  await repo.addStats(ex, rows);
}

async function refreshOne(ex: Executor, c: CampaignModel, unit: UnitRow): Promise<void> {
  if (!unit.path.startsWith(c.orgPath)) return;
  const stored = await repo.storedOwn(ex, c.id, unit.id);
  const next = await ownFigures(ex, c, unit);
  const deltas = new Map<string, number>();
  for (const s of stored) deltas.set(s.metric, -Number(s.own));
  for (const [k, n] of next) deltas.set(k, (deltas.get(k) ?? 0) + n);
  await applyDeltas(ex, c, unit.id, unit.path, deltas);
}

/** Call after a write that changed these units' facts in this campaign (same transaction). */
export async function refreshUnits(ex: Executor, campaignId: number, orgIds: number[]): Promise<void> {
  const c = await loadCampaign(ex, campaignId);
  if (!c) return;
  for (const unit of await repo.unitsByIds(ex, orgIds)) await refreshOne(ex, c, unit);
}

/**
 * Call after a change that can touch these units in every campaign covering them: a member
 * leaving or joining (participation), an organization deactivated, reactivated or retyped.
 */
export async function refreshUnitsInAllCampaigns(ex: Executor, orgIds: number[]): Promise<void> {
  for (const unit of await repo.unitsByIds(ex, orgIds)) {
    for (const c of await campaignRepository.covering(ex, unit.path)) await refreshOne(ex, c, unit);
  }
}

/** After a campaign's phase dates change: every unit with figures is recomputed. */
export async function refreshCampaign(ex: Executor, campaignId: number): Promise<void> {
  await refreshUnits(ex, campaignId, await repo.orgsWithOwnFigures(ex, campaignId));
}

/**
 * A subtree moved from `oldPath` to `newPath` (organization paths already rewritten): every
 * copied path declared in db/org-paths.ts follows it, and the campaign figures leave the old ancestors and join the new ones.
 */
export async function onSubtreeMoved(ex: Executor, rootId: number, oldPath: string, newPath: string): Promise<void> {
  await repo.rewriteFollowingPaths(ex, oldPath, newPath);
  const oldParent = oldPath.slice(0, oldPath.slice(0, -1).lastIndexOf('/') + 1);
  const newParent = newPath.slice(0, newPath.slice(0, -1).lastIndexOf('/') + 1);
  const campaigns = new Map<number, CampaignModel>();
  for (const c of [...(await campaignRepository.covering(ex, oldParent)), ...(await campaignRepository.covering(ex, newParent))]) campaigns.set(c.id, c);

  for (const c of campaigns.values()) {
    const coveredBefore = oldParent.startsWith(c.orgPath);
    const coveredAfter = newParent.startsWith(c.orgPath);
    if (coveredBefore) {
      const sums = await repo.storedSubtree(ex, c.id, rootId);
      const minus = new Map(sums.map((s) => [s.metric, -Number(s.subtree)]));
      const plus = new Map(sums.map((s) => [s.metric, Number(s.subtree)]));
      await applyDeltas(ex, c, -1, oldParent, minus, false);
      if (coveredAfter) {
        await applyDeltas(ex, c, -1, newParent, plus, false);
      } else {
        await repo.deleteStatsInSubtree(ex, c.id, newPath);
      }
    } else if (coveredAfter) {
      for (const unit of await repo.unitsInSubtree(ex, newPath)) await refreshOne(ex, c, unit);
    }
  }
}

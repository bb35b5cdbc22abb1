import { sql } from 'kysely';
import { evidenceMet, type CampaignTemplate, type TemplateTask } from '@zx/domain';
import type { Executor } from '../db/database.ts';
import { idsOnPath } from '../access/paths.ts';
import { pathInSubtree } from '../access/repository/subtree.ts';
import { FOLLOWING_PATHS } from '../db/org-paths.ts';
import type { CampaignModel } from './model.ts';
import { campaignRepository } from './repository.ts';

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
} as const;

export interface UnitRow {
  id: number;
  path: string;
  type_code: string;
  status: string;
}

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

  const activities = await ex
    .selectFrom('activity')
    .select(['type', 'form', 'held_on'])
    .where('campaign_id', '=', c.id)
    .where('org_id', '=', unit.id)
    .execute();
  for (const a of activities) {
    add(METRIC.activities);
    add(METRIC.activityType(a.type));
    add(METRIC.activityMonth(a.held_on.slice(0, 7)));
  }

  const participants = await ex
    .selectFrom('activity_attendance as aa')
    .innerJoin('activity as a', 'a.id', 'aa.activity_id')
    .innerJoin('member as m', 'm.id', 'aa.member_id')
    .select((eb) => eb.fn.count(sql`distinct aa.member_id`).as('n'))
    .where('a.campaign_id', '=', c.id)
    .where('m.org_id', '=', unit.id)
    .where('m.status', '=', 'active')
    .executeTakeFirstOrThrow();
  if (Number(participants.n)) add(METRIC.participants, Number(participants.n));

  const plan = await ex.selectFrom('unit_plan').select(['status', 'targets']).where('campaign_id', '=', c.id).where('org_id', '=', unit.id).executeTakeFirst();
  const planApproved = plan?.status === 'approved';
  if (plan && c.planTypes.includes(unit.type_code)) {
    if (plan.status === 'submitted' || planApproved) add(METRIC.planSubmitted);
    if (planApproved) {
      add(METRIC.planApproved);
      const targets = JSON.parse(plan.targets) as Array<{ kind: string; value: number | null }>;
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
    const reportTasks = new Set(
      (
        await ex
          .selectFrom('report_submission as s')
          .innerJoin('report_request as r', 'r.id', 's.request_id')
          .select('r.task_key')
          .where('r.campaign_id', '=', c.id)
          .where('s.org_id', '=', unit.id)
          .where('s.status', '=', 'submitted')
          .execute()
      ).map((r) => r.task_key),
    );
    const confirmed = new Set(
      (await ex.selectFrom('task_confirmation').select('task_key').where('campaign_id', '=', c.id).where('org_id', '=', unit.id).execute()).map(
        (r) => r.task_key,
      ),
    );
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
  for (let i = 0; i < rows.length; i += 400) {
    await ex
      .insertInto('campaign_stat')
      .values(rows.slice(i, i + 400))
      .onConflict((oc) =>
        oc.columns(['campaign_id', 'org_id', 'metric']).doUpdateSet((eb) => ({
          own: eb('campaign_stat.own', '+', eb.ref('excluded.own')),
          subtree: eb('campaign_stat.subtree', '+', eb.ref('excluded.subtree')),
        })),
      )
      .execute();
  }
}

async function refreshOne(ex: Executor, c: CampaignModel, unit: UnitRow): Promise<void> {
  if (!unit.path.startsWith(c.orgPath)) return;
  const stored = await ex.selectFrom('campaign_stat').select(['metric', 'own']).where('campaign_id', '=', c.id).where('org_id', '=', unit.id).execute();
  const next = await ownFigures(ex, c, unit);
  const deltas = new Map<string, number>();
  for (const s of stored) deltas.set(s.metric, -Number(s.own));
  for (const [k, n] of next) deltas.set(k, (deltas.get(k) ?? 0) + n);
  await applyDeltas(ex, c, unit.id, unit.path, deltas);
}

const unitsByIds = (ex: Executor, ids: number[]) =>
  ids.length
    ? ex
        .selectFrom('organization')
        .select(['id', 'path', 'type_code', 'status'])
        .where('id', 'in', [...new Set(ids)])
        .execute()
    : Promise.resolve([]);

/** Call after a write that changed these units' facts in this campaign (same transaction). */
export async function refreshUnits(ex: Executor, campaignId: number, orgIds: number[]): Promise<void> {
  const c = await loadCampaign(ex, campaignId);
  if (!c) return;
  for (const unit of await unitsByIds(ex, orgIds)) await refreshOne(ex, c, unit);
}

/**
 * Call after a change that can touch these units in every campaign covering them: a member
 * leaving or joining (participation), an organization deactivated, reactivated or retyped.
 */
export async function refreshUnitsInAllCampaigns(ex: Executor, orgIds: number[]): Promise<void> {
  for (const unit of await unitsByIds(ex, orgIds)) {
    for (const c of await campaignRepository.covering(ex, unit.path)) await refreshOne(ex, c, unit);
  }
}

/** After a campaign's phase dates change: every unit with figures is recomputed. */
export async function refreshCampaign(ex: Executor, campaignId: number): Promise<void> {
  const ids = await ex.selectFrom('campaign_stat').select('org_id').distinct().where('campaign_id', '=', campaignId).where('own', '!=', 0).execute();
  await refreshUnits(
    ex,
    campaignId,
    ids.map((r) => r.org_id),
  );
}

/**
 * A subtree moved from `oldPath` to `newPath` (organization paths already rewritten): every
 * copied path declared in db/org-paths.ts follows it, and the campaign figures leave the old ancestors and join the new ones.
 */
export async function onSubtreeMoved(ex: Executor, rootId: number, oldPath: string, newPath: string): Promise<void> {
  for (const { table, column } of FOLLOWING_PATHS) {
    await sql`UPDATE ${sql.table(table)} SET ${sql.ref(column)} = ${newPath} || substr(${sql.ref(column)}, ${oldPath.length + 1}) WHERE ${pathInSubtree(column, oldPath)}`.execute(
      ex,
    );
  }
  const oldParent = oldPath.slice(0, oldPath.slice(0, -1).lastIndexOf('/') + 1);
  const newParent = newPath.slice(0, newPath.slice(0, -1).lastIndexOf('/') + 1);
  const campaigns = new Map<number, CampaignModel>();
  for (const c of [...(await campaignRepository.covering(ex, oldParent)), ...(await campaignRepository.covering(ex, newParent))]) campaigns.set(c.id, c);

  for (const c of campaigns.values()) {
    const coveredBefore = oldParent.startsWith(c.orgPath);
    const coveredAfter = newParent.startsWith(c.orgPath);
    if (coveredBefore) {
      const sums = await ex.selectFrom('campaign_stat').select(['metric', 'subtree']).where('campaign_id', '=', c.id).where('org_id', '=', rootId).execute();
      const minus = new Map(sums.map((s) => [s.metric, -Number(s.subtree)]));
      const plus = new Map(sums.map((s) => [s.metric, Number(s.subtree)]));
      await applyDeltas(ex, c, -1, oldParent, minus, false);
      if (coveredAfter) {
        await applyDeltas(ex, c, -1, newParent, plus, false);
      } else {
        await ex
          .deleteFrom('campaign_stat')
          .where('campaign_id', '=', c.id)
          .where('org_id', 'in', (eb) => eb.selectFrom('organization').select('id').where(pathInSubtree('path', newPath)))
          .execute();
      }
    } else if (coveredAfter) {
      const units = await ex.selectFrom('organization').select(['id', 'path', 'type_code', 'status']).where(pathInSubtree('path', newPath)).execute();
      for (const unit of units) await refreshOne(ex, c, unit);
    }
  }
}

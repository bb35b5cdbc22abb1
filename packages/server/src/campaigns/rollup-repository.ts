import { sql } from 'kysely';
import type { PlanTarget } from '@zx/domain';
import type { Executor } from '../db/database.ts';
import { pathInSubtree } from '../access/repository/subtree.ts';
import { FOLLOWING_PATHS } from '../db/org-paths.ts';

/** A unit as the roll-up reads it. */
export interface UnitRow {
  id: number;
  path: string;
  type_code: string;
  status: string;
}

/** One roll-up row change: added to `own` and `subtree` of (campaign, organization, metric). */
export interface StatDelta {
  campaign_id: number;
  org_id: number;
  metric: string;
  own: number;
  subtree: number;
}

/**
 * The roll-up's queries (campaigns/rollup.ts): a unit's own rows in a campaign, read by
 * (campaign_id, org_id) indexes, and the campaign_stat rows themselves. Whatever the scope: the
 * roll-up runs inside writes that have checked it.
 */
export const rollupRepository = {
  /** The unit's activities in the campaign. */
  unitActivities: (ex: Executor, campaignId: number, orgId: number) =>
    ex.selectFrom('activity').select(['type', 'form', 'held_on']).where('campaign_id', '=', campaignId).where('org_id', '=', orgId).execute(),

  /** Distinct active members of the unit who attended any activity of the campaign (wherever it was held). */
  async unitParticipants(ex: Executor, campaignId: number, orgId: number): Promise<number> {
    const r = await ex
      .selectFrom('activity_attendance as aa')
      .innerJoin('activity as a', 'a.id', 'aa.activity_id')
      .innerJoin('member as m', 'm.id', 'aa.member_id')
      .select((eb) => eb.fn.count(sql`distinct aa.member_id`).as('n'))
      .where('a.campaign_id', '=', campaignId)
      .where('m.org_id', '=', orgId)
      .where('m.status', '=', 'active')
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },

  /** The unit's plan status and targets, if it has a plan. */
  async unitPlan(ex: Executor, campaignId: number, orgId: number): Promise<{ status: string; targets: PlanTarget[] } | undefined> {
    const plan = await ex
      .selectFrom('unit_plan')
      .select(['status', 'targets'])
      .where('campaign_id', '=', campaignId)
      .where('org_id', '=', orgId)
      .executeTakeFirst();
    return plan && { status: plan.status, targets: JSON.parse(plan.targets) as PlanTarget[] };
  },

  /** Task keys of the campaign's report requests the unit has submitted. */
  async unitReportedTasks(ex: Executor, campaignId: number, orgId: number): Promise<Set<string | null>> {
    const rows = await ex
      .selectFrom('report_submission as s')
      .innerJoin('report_request as r', 'r.id', 's.request_id')
      .select('r.task_key')
      .where('r.campaign_id', '=', campaignId)
      .where('s.org_id', '=', orgId)
      .where('s.status', '=', 'submitted')
      .execute();
    return new Set(rows.map((r) => r.task_key));
  },

  /** Task keys the unit has ticked by hand. */
  async unitConfirmedTasks(ex: Executor, campaignId: number, orgId: number): Promise<Set<string>> {
    const rows = await ex.selectFrom('task_confirmation').select('task_key').where('campaign_id', '=', campaignId).where('org_id', '=', orgId).execute();
    return new Set(rows.map((r) => r.task_key));
  },

  /** The unit's own figures as stored. */
  storedOwn: (ex: Executor, campaignId: number, orgId: number) =>
    ex.selectFrom('campaign_stat').select(['metric', 'own']).where('campaign_id', '=', campaignId).where('org_id', '=', orgId).execute(),

  /** The subtree sums stored for an organization. */
  storedSubtree: (ex: Executor, campaignId: number, orgId: number) =>
    ex.selectFrom('campaign_stat').select(['metric', 'subtree']).where('campaign_id', '=', campaignId).where('org_id', '=', orgId).execute(),

  /** Adds each delta to its row (created at zero when missing), 400 rows a statement. */
  async addStats(ex: Executor, rows: StatDelta[]): Promise<void> {
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
  },

  /** Forgets a campaign's rows of every organization in the subtree at `path`. */
  deleteStatsInSubtree: (ex: Executor, campaignId: number, path: string) =>
    ex
      .deleteFrom('campaign_stat')
      .where('campaign_id', '=', campaignId)
      .where('org_id', 'in', (eb) => eb.selectFrom('organization').select('id').where(pathInSubtree('path', path)))
      .execute(),

  /** Organizations with own figures in the campaign. */
  async orgsWithOwnFigures(ex: Executor, campaignId: number): Promise<number[]> {
    const rows = await ex.selectFrom('campaign_stat').select('org_id').distinct().where('campaign_id', '=', campaignId).where('own', '!=', 0).execute();
    return rows.map((r) => r.org_id);
  },

  unitsByIds: (ex: Executor, ids: number[]): Promise<UnitRow[]> =>
    ids.length
      ? ex
          .selectFrom('organization')
          .select(['id', 'path', 'type_code', 'status'])
          .where('id', 'in', [...new Set(ids)])
          .execute()
      : Promise.resolve([]),

  unitsInSubtree: (ex: Executor, path: string): Promise<UnitRow[]> =>
    ex.selectFrom('organization').select(['id', 'path', 'type_code', 'status']).where(pathInSubtree('path', path)).execute(),

  /** Every copied organization path declared in db/org-paths.ts follows a subtree moved from `oldPath` to `newPath`. */
  async rewriteFollowingPaths(ex: Executor, oldPath: string, newPath: string): Promise<void> {
    for (const { table, column } of FOLLOWING_PATHS) {
      await sql`UPDATE ${sql.table(table)} SET ${sql.ref(column)} = ${newPath} || substr(${sql.ref(column)}, ${oldPath.length + 1}) WHERE ${pathInSubtree(column, oldPath)}`.execute(
        ex,
      );
    }
  },
};

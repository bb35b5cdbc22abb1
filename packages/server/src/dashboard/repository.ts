import { sql } from 'kysely';
import type { Dialect, Executor } from '../db/database.ts';
import { pathInSubtree } from '../access/repository/subtree.ts';
import type { DashboardMemberFigure } from '@zx/contract/dashboard';

/** Subtree sums of a campaign's roll-up rows by metric, per organization. */
export type Stats = Map<string, number>;

export interface UnitsFilter {
  campaignId: number;
  /** The subtree listed (already checked to be in scope). */
  rootPath: string;
  /** Organization types the figure counts. */
  types: string[];
  /** The metric that marks a unit done (task) or submitted (plan). */
  metric: string;
  approvedMetric: string;
  /** Only units with (`has`) or without (`lacks`) the metric; `none` for a filter that matches nothing. */
  only?: { has: string } | { lacks: string } | 'none';
  limit: number;
  offset: number;
}

/**
 * The dashboard reads roll-up rows (campaign_stat, org_type_count) and the organizations they
 * belong to; each query names the organization or subtree the service already checked.
 */
export const dashboardRepository = {
  /** Active children of an organization in code order. */
  children: (ex: Executor, orgId: number) =>
    ex
      .selectFrom('organization')
      .select(['id', 'name', 'type_code', 'responsible_person', 'subtree_member_count'])
      .where('parent_id', '=', orgId)
      .where('status', '=', 'active')
      .orderBy('code')
      .orderBy('id')
      .execute(),

  /** Names and paths of these organizations (the breadcrumb). */
  orgNames: async (ex: Executor, ids: number[]) =>
    ids.length ? ex.selectFrom('organization').select(['id', 'name', 'path']).where('id', 'in', ids).execute() : [],

  /** Subtree figures of these organizations (all metrics, or only `metrics`). */
  async stats(ex: Executor, campaignId: number, orgIds: number[], metrics?: string[]) {
    const out = new Map<number, Stats>(orgIds.map((id) => [id, new Map()]));
    if (!orgIds.length) return out;
    let q = ex.selectFrom('campaign_stat').select(['org_id', 'metric', 'subtree']).where('campaign_id', '=', campaignId).where('org_id', 'in', orgIds);
    if (metrics) q = q.where('metric', 'in', metrics);
    const rows = await q.execute();
    for (const r of rows) out.get(r.org_id)!.set(r.metric, Number(r.subtree));
    return out;
  },

  /** Active organizations of each type in each of these organizations' subtrees. */
  async typeCounts(ex: Executor, orgIds: number[]) {
    const out = new Map<number, Record<string, number>>(orgIds.map((id) => [id, {}]));
    if (!orgIds.length) return out;
    const rows = await ex.selectFrom('org_type_count').select(['org_id', 'type_code', 'count']).where('org_id', 'in', orgIds).execute();
    for (const r of rows) out.get(r.org_id)![r.type_code] = Number(r.count);
    return out;
  },

  /**
   * One page of the units behind a figure, in path order, with their own done and approved counts.
   * Paged; this one does scan the subtree's organizations, as any list of them must.
   */
  units(ex: Executor, dialect: Dialect, f: UnitsFilter) {
    let base = ex
      .selectFrom('organization as o')
      .leftJoin('organization as p', 'p.id', 'o.parent_id')
      .leftJoin('campaign_stat as s', (j) => j.onRef('s.org_id', '=', 'o.id').on('s.campaign_id', '=', f.campaignId).on('s.metric', '=', f.metric))
      .leftJoin('campaign_stat as a', (j) => j.onRef('a.org_id', '=', 'o.id').on('a.campaign_id', '=', f.campaignId).on('a.metric', '=', f.approvedMetric))
      .where(pathInSubtree('o.path', f.rootPath))
      .where('o.status', '=', 'active')
      // Both planners should walk the subtree in path order and stop at the page. SQLite would take
      // the (type_code, path) index for a list of types and sort every unit (`|| ''` keeps it off);
      // PostgreSQL needs the real column for its row estimate, or it sorts every unit too.
      .where(dialect === 'sqlite' ? sql<string>`o.type_code || ''` : sql.ref<string>('o.type_code'), 'in', f.types.length ? f.types : ['-']);
    // EXISTS rather than a test on the joined value: PostgreSQL estimates a semi/anti join from
    // the statistics (and so keeps the path-ordered walk); it guesses 0.5 % for `coalesce(...) = 0`.
    const has = (m: string) =>
      sql<boolean>`exists (select 1 from campaign_stat x where x.campaign_id = ${f.campaignId} and x.org_id = o.id and x.metric = ${m} and x.own > 0)`;
    if (f.only === 'none') base = base.where(sql<boolean>`1 = 0`);
    else if (f.only && 'has' in f.only) base = base.where(has(f.only.has));
    else if (f.only) base = base.where(sql<boolean>`not ${has(f.only.lacks)}`);
    return base
      .select([
        'o.id',
        'o.name',
        'o.type_code',
        'o.responsible_person',
        'p.name as parent_name',
        sql<number>`coalesce(s.own, 0)`.as('done'),
        sql<number>`coalesce(a.own, 0)`.as('approved'),
      ])
      .orderBy('o.path')
      .limit(f.limit)
      .offset(f.offset)
      .execute();
  },

  /** Active units of these types in a subtree, in path order. */
  unitsOfTypes: (ex: Executor, rootPath: string, types: string[]) =>
    ex
      .selectFrom('organization as o')
      .leftJoin('organization as p', 'p.id', 'o.parent_id')
      .select(['o.id', 'o.name', 'o.type_code', 'o.responsible_person', 'p.name as parent_name'])
      .where(pathInSubtree('o.path', rootPath))
      .where('o.status', '=', 'active')
      .where('o.type_code', 'in', types)
      .orderBy('o.path')
      .execute(),

  /** Which units of a subtree have done which of these metrics themselves (`org_id|metric`). */
  doneInSubtree: async (ex: Executor, campaignId: number, rootPath: string, metrics: string[]) => {
    const rows = await ex
      .selectFrom('campaign_stat as s')
      .innerJoin('organization as o', 'o.id', 's.org_id')
      .select(['s.org_id', 's.metric'])
      .where('s.campaign_id', '=', campaignId)
      .where(pathInSubtree('o.path', rootPath))
      .where('s.metric', 'in', metrics)
      .where('s.own', '>', 0)
      .execute();
    return new Set(rows.map((r) => `${r.org_id}|${r.metric}`));
  },

  /**
   * One page of a unit's own active members with whether each counts in a figure of the campaign
   * (`done` 1/0), by name; and how many match. `attended`: at least one activity of the campaign.
   */
  async membersByFigure(
    ex: Executor,
    f: { campaignId: number; orgId: number; figure: DashboardMemberFigure; state?: 'done' | 'missing'; limit: number; offset: number },
  ): Promise<[Array<{ id: number; name: string; done: number }>, number]> {
    const done = sql<number>`case when exists (select 1 from activity_attendance aa join activity a on a.id = aa.activity_id
      where aa.member_id = m.id and a.campaign_id = ${f.campaignId}) then 1 else 0 end`;
    let base = ex.selectFrom('member as m').where('m.org_id', '=', f.orgId).where('m.status', '=', 'active');
    if (f.state) base = base.where(done, '=', f.state === 'done' ? 1 : 0);
    const [rows, total] = await Promise.all([
      base
        .select(['m.id', 'm.name', done.as('done')])
        .orderBy('m.name')
        .orderBy('m.id')
        .limit(f.limit)
        .offset(f.offset)
        .execute(),
      base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    ]);
    return [rows.map((r) => ({ id: r.id, name: r.name, done: Number(r.done) })), Number(total.n)];
  },

  /** A unit's own figures (not its subtree's). */
  ownStats: (ex: Executor, campaignId: number, orgId: number) =>
    ex.selectFrom('campaign_stat').select(['metric', 'own']).where('campaign_id', '=', campaignId).where('org_id', '=', orgId).execute(),

  confirmations: (ex: Executor, campaignId: number, orgId: number) =>
    ex.selectFrom('task_confirmation').select(['task_key', 'confirmed_at']).where('campaign_id', '=', campaignId).where('org_id', '=', orgId).execute(),

  /** The manual tick of a confirmation task (a second tick keeps the first time and takes the new note). */
  confirm: (ex: Executor, row: { campaign_id: number; org_id: number; task_key: string; note: string | null; confirmed_at: string; confirmed_by: number }) =>
    ex
      .insertInto('task_confirmation')
      .values(row)
      .onConflict((oc) => oc.columns(['campaign_id', 'org_id', 'task_key']).doUpdateSet({ note: row.note }))
      .execute(),

  unconfirm: (ex: Executor, campaignId: number, orgId: number, taskKey: string) =>
    ex.deleteFrom('task_confirmation').where('campaign_id', '=', campaignId).where('org_id', '=', orgId).where('task_key', '=', taskKey).execute(),
};

import { sql, type Insertable, type Updateable } from 'kysely';
import type { CommitmentRules } from '@zx/domain';
import type { Executor } from '../db/database.ts';
import type { CadreReportItemTable, CommitmentItemTable, CommitmentPlanTable } from '../db/schema-commitments.ts';
import { pathInSubtree } from '../access/repository/subtree.ts';
import { readSetting, writeSetting } from '../settings/store.ts';
import { commitmentRulesSchema } from './rules-schema.ts';

/** The key of the commitment rules in the settings. */
export const RULES_SETTING = 'commitments';

/** A commitment as a published version froze it, marked added or revised in that version. */
export interface VersionItem {
  id: number;
  seq: number;
  text: string;
  category: string | null;
  dueOn: string | null;
  change: 'added' | 'revised' | null;
}

/** A report item's word on one commitment, with the evidence it cites (ids of activities and files). */
export type ReportItem = Omit<CadreReportItemTable, 'activity_ids' | 'attachment_ids'> & { activity_ids: number[]; attachment_ids: number[] };

/** Display order of positions: the secretary first. */
const POSITION_ORDER = sql<number>`case m.position when 'secretary' then 1 when 'deputy_secretary' then 2 when 'organization_member' then 3 when 'publicity_member' then 4 else 5 end`;

export const commitmentRepository = {
  /** The stored commitment rules, each one checked against its bounds (a partial set: the defaults fill in); undefined when never set. */
  storedRules: async (ex: Executor): Promise<Partial<CommitmentRules> | undefined> => {
    const text = await readSetting(ex, RULES_SETTING);
    return text === undefined ? undefined : commitmentRulesSchema.partial().parse(JSON.parse(text));
  },
  saveRules: (ex: Executor, rules: CommitmentRules, userId: number) => writeSetting(ex, RULES_SETTING, rules, userId),

  member: (ex: Executor, id: number) =>
    ex
      .selectFrom('member as m')
      .innerJoin('organization as o', 'o.id', 'm.org_id')
      .select(['m.id', 'm.name', 'm.position', 'm.status', 'm.org_id', 'o.path as org_path', 'o.name as org_name'])
      .where('m.id', '=', id)
      .executeTakeFirst(),

  plan: (ex: Executor, memberId: number, year: number) =>
    ex
      .selectFrom('commitment_plan as p')
      .innerJoin('organization as o', 'o.id', 'p.org_id')
      .selectAll('p')
      .select(['o.path as org_path', 'o.name as org_name'])
      .where('p.member_id', '=', memberId)
      .where('p.year', '=', year)
      .executeTakeFirst(),

  planById: (ex: Executor, id: number) =>
    ex
      .selectFrom('commitment_plan as p')
      .innerJoin('organization as o', 'o.id', 'p.org_id')
      .selectAll('p')
      .select(['o.path as org_path', 'o.name as org_name'])
      .where('p.id', '=', id)
      .executeTakeFirst(),

  insertPlan: (ex: Executor, row: Insertable<CommitmentPlanTable>) => ex.insertInto('commitment_plan').values(row).returning('id').executeTakeFirstOrThrow(),
  updatePlan: (ex: Executor, id: number, patch: Updateable<CommitmentPlanTable>) => ex.updateTable('commitment_plan').set(patch).where('id', '=', id).execute(),

  /** Items of a plan in the given states, in display order. */
  items: (ex: Executor, planId: number, states: CommitmentItemTable['state'][]) =>
    ex.selectFrom('commitment_item').selectAll().where('plan_id', '=', planId).where('state', 'in', states).orderBy('seq').orderBy('id').execute(),

  item: (ex: Executor, id: number) => ex.selectFrom('commitment_item').selectAll().where('id', '=', id).executeTakeFirst(),
  insertItem: (ex: Executor, row: Insertable<CommitmentItemTable>) => ex.insertInto('commitment_item').values(row).returning('id').executeTakeFirstOrThrow(),
  updateItem: (ex: Executor, id: number, patch: Updateable<CommitmentItemTable>) => ex.updateTable('commitment_item').set(patch).where('id', '=', id).execute(),
  deleteItem: (ex: Executor, id: number) => ex.deleteFrom('commitment_item').where('id', '=', id).execute(),
  nextSeq: async (ex: Executor, planId: number) => {
    const r = await ex
      .selectFrom('commitment_item')
      .select((eb) => eb.fn.max('seq').as('m'))
      .where('plan_id', '=', planId)
      .executeTakeFirst();
    return Number(r?.m ?? 0) + 1;
  },

  versions: async (ex: Executor, planId: number) =>
    (await ex.selectFrom('commitment_version').selectAll().where('plan_id', '=', planId).orderBy('version', 'desc').execute()).map((v) => ({
      ...v,
      items: JSON.parse(v.items) as VersionItem[],
    })),
  insertVersion: (
    ex: Executor,
    row: {
      plan_id: number;
      version: number;
      items: VersionItem[];
      note: string | null;
      on_behalf: number;
      published_at: string;
      published_by: number | null;
      published_by_name: string;
    },
  ) =>
    ex
      .insertInto('commitment_version')
      .values({ ...row, items: JSON.stringify(row.items) })
      .execute(),

  report: (ex: Executor, planId: number) => ex.selectFrom('cadre_report').selectAll().where('plan_id', '=', planId).executeTakeFirst(),
  insertReport: (ex: Executor, row: { plan_id: number; status: 'draft'; content: string; created_at: string; updated_at: string; updated_by: number | null }) =>
    ex.insertInto('cadre_report').values(row).returning('id').executeTakeFirstOrThrow(),
  updateReport: (
    ex: Executor,
    id: number,
    patch: {
      status?: 'draft' | 'submitted';
      content?: string;
      submitted_at?: string;
      submitted_by?: number | null;
      updated_at: string;
      updated_by: number | null;
    },
  ) => ex.updateTable('cadre_report').set(patch).where('id', '=', id).execute(),
  reportItems: async (ex: Executor, reportId: number): Promise<ReportItem[]> =>
    (await ex.selectFrom('cadre_report_item').selectAll().where('report_id', '=', reportId).execute()).map((r) => ({
      ...r,
      activity_ids: JSON.parse(r.activity_ids) as number[],
      attachment_ids: JSON.parse(r.attachment_ids) as number[],
    })),
  replaceReportItems: async (ex: Executor, reportId: number, rows: ReportItem[]) => {
    await ex.deleteFrom('cadre_report_item').where('report_id', '=', reportId).execute();
    if (rows.length)
      await ex
        .insertInto('cadre_report_item')
        .values(rows.map((r) => ({ ...r, activity_ids: JSON.stringify(r.activity_ids), attachment_ids: JSON.stringify(r.attachment_ids) })))
        .execute();
  },
  /** A revision that replaces a published item takes over the report's word on it. */
  moveReportItem: (ex: Executor, fromItemId: number, toItemId: number) =>
    ex.updateTable('cadre_report_item').set({ item_id: toItemId }).where('item_id', '=', fromItemId).execute(),

  readCount: async (ex: Executor, reportId: number) => {
    const r = await ex
      .selectFrom('cadre_report_read')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('report_id', '=', reportId)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },
  markRead: (ex: Executor, reportId: number, userId: number, at: string) =>
    ex
      .insertInto('cadre_report_read')
      .values({ report_id: reportId, user_id: userId, read_at: at })
      .onConflict((oc) => oc.columns(['report_id', 'user_id']).doNothing())
      .execute(),

  /** Of `ids`, the files stored under the subtree at `orgPath` (the only ones a report there can hold). */
  filesIn: async (ex: Executor, orgPath: string, ids: number[]) => {
    if (!ids.length) return new Set<number>();
    const rows = await ex.selectFrom('attachment').select('id').where('id', 'in', ids).where(pathInSubtree('org_path', orgPath)).execute();
    return new Set(rows.map((r) => r.id));
  },

  /** Of `ids`, the activities held by the subtree at `orgPath`. */
  activitiesIn: async (ex: Executor, orgPath: string, ids: number[]) => {
    if (!ids.length) return new Set<number>();
    const rows = await ex
      .selectFrom('activity as a')
      .innerJoin('organization as o', 'o.id', 'a.org_id')
      .select('a.id')
      .where('a.id', 'in', ids)
      .where(pathInSubtree('o.path', orgPath))
      .execute();
    return new Set(rows.map((r) => r.id));
  },
  activities: (ex: Executor, ids: number[]) =>
    ex
      .selectFrom('activity')
      .select(['id', 'title', 'held_on', 'type'])
      .where('id', 'in', ids.length ? ids : [0])
      .execute(),

  /**
   * Cadres for the 承诺公示 list: active members holding a position at `orgId` (or anywhere in
   * the subtree at `orgPath`), with their plan and report of `year`.
   */
  cadres(ex: Executor, f: { orgId: number; orgPath: string; subtree: boolean; year: number }) {
    let q = ex
      .selectFrom('member as m')
      .innerJoin('organization as o', 'o.id', 'm.org_id')
      .leftJoin('commitment_plan as p', (j) => j.onRef('p.member_id', '=', 'm.id').on('p.year', '=', f.year))
      .leftJoin('cadre_report as r', 'r.plan_id', 'p.id')
      .where('m.status', '=', 'active')
      .where('m.position', '<>', 'none');
    q = f.subtree ? q.where(pathInSubtree('o.path', f.orgPath)) : q.where('m.org_id', '=', f.orgId);
    return q;
  },
  cadreColumns: [
    'm.id as member_id',
    'm.name',
    'm.position',
    'o.id as org_id',
    'o.name as org_name',
    'o.path as org_path',
    'p.id as plan_id',
    'p.version',
    'p.last_published_at',
    'r.id as report_id',
    'r.status as report_status',
    'r.submitted_at',
  ] as const,

  /** One page of `cadres` in display order (the secretary first), with the totals of the whole list. */
  async cadrePage(ex: Executor, f: { orgId: number; orgPath: string; subtree: boolean; year: number }, page: { page: number; pageSize: number }) {
    const base = commitmentRepository.cadres(ex, f);
    const [rows, totals] = await Promise.all([
      base
        .select(commitmentRepository.cadreColumns)
        .orderBy('o.path')
        .orderBy(POSITION_ORDER)
        .orderBy('m.name')
        .orderBy('m.id')
        .limit(page.pageSize)
        .offset((page.page - 1) * page.pageSize)
        .execute(),
      base
        .select((eb) => [
          eb.fn.countAll().as('cadres'),
          eb.fn.count('p.id').filterWhere('p.version', '>', 0).as('published'),
          eb.fn.count('r.id').filterWhere('r.status', '=', 'submitted').as('submitted'),
        ])
        .executeTakeFirstOrThrow(),
    ]);
    return { rows, totals: { cadres: Number(totals.cadres), published: Number(totals.published), submitted: Number(totals.submitted) } };
  },

  /** Plans kept at `orgId` for `year` whose cadre is no longer an active cadre there (moved on, stepped down). */
  formerCadres: (ex: Executor, orgId: number, year: number) =>
    ex
      .selectFrom('commitment_plan as p')
      .innerJoin('member as m', 'm.id', 'p.member_id')
      .innerJoin('organization as o', 'o.id', 'p.org_id')
      .leftJoin('cadre_report as r', 'r.plan_id', 'p.id')
      .select([
        'm.id as member_id',
        'm.name',
        'm.position',
        'o.id as org_id',
        'o.name as org_name',
        'o.path as org_path',
        'p.id as plan_id',
        'p.version',
        'p.last_published_at',
        'r.id as report_id',
        'r.status as report_status',
        'r.submitted_at',
      ])
      .where('p.org_id', '=', orgId)
      .where('p.year', '=', year)
      .where((eb) => eb.or([eb('m.org_id', '<>', orgId), eb('m.status', '<>', 'active'), eb('m.position', '=', 'none')]))
      .orderBy('m.name')
      .execute(),

  publishedCounts: async (ex: Executor, planIds: number[]) => {
    const out = new Map<number, number>();
    if (!planIds.length) return out;
    const rows = await ex
      .selectFrom('commitment_item')
      .select(['plan_id', (eb) => eb.fn.countAll().as('n')])
      .where('plan_id', 'in', planIds)
      .where('state', '=', 'published')
      .groupBy('plan_id')
      .execute();
    for (const r of rows) out.set(r.plan_id, Number(r.n));
    return out;
  },
  readCounts: async (ex: Executor, reportIds: number[]) => {
    const out = new Map<number, number>();
    if (!reportIds.length) return out;
    const rows = await ex
      .selectFrom('cadre_report_read')
      .select(['report_id', (eb) => eb.fn.countAll().as('n')])
      .where('report_id', 'in', reportIds)
      .groupBy('report_id')
      .execute();
    for (const r of rows) out.set(r.report_id, Number(r.n));
    return out;
  },

  /** The report status of each cadre's plan of `year` that has a report. */
  reportStatuses: (ex: Executor, memberIds: number[], year: number) =>
    ex
      .selectFrom('commitment_plan as p')
      .innerJoin('cadre_report as r', 'r.plan_id', 'p.id')
      .select(['p.member_id', 'r.status'])
      .where('p.member_id', 'in', memberIds)
      .where('p.year', '=', year)
      .execute(),

  /** The stored file `id` if it lies under the subtree at `orgPath` (what serving it needs). */
  fileIn: (ex: Executor, orgPath: string, id: number) =>
    ex
      .selectFrom('attachment')
      .select(['name', 'mime', 'hash', 'thumb_hash'])
      .where('id', '=', id)
      .where(pathInSubtree('org_path', orgPath))
      .executeTakeFirst(),

  /** Published plans of `year` whose report is not submitted (the December reminder). */
  reportsOutstanding: (ex: Executor, year: number) =>
    ex
      .selectFrom('commitment_plan as p')
      .innerJoin('member as m', 'm.id', 'p.member_id')
      .innerJoin('organization as o', 'o.id', 'p.org_id')
      .leftJoin('cadre_report as r', 'r.plan_id', 'p.id')
      .select(['p.id', 'p.member_id', 'p.year', 'm.name', 'o.id as org_id', 'o.path as org_path'])
      .where('p.year', '=', year)
      .where('p.version', '>', 0)
      .where('o.status', '=', 'active')
      .where((eb) => eb.or([eb('r.id', 'is', null), eb('r.status', '<>', 'submitted')]))
      .orderBy('p.id')
      .execute(),
};

import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { BenchmarkTable, CatchUpMeasureTable } from '../db/schema-exemplars.ts';
import { pathInSubtree } from '../access/repository/subtree.ts';

/** A catch-up measure with its names (the measures list's and the access module's `measure` rows), its evidence files parsed. */
export type MeasureRecord = Omit<Selectable<CatchUpMeasureTable>, 'evidence_attachment_ids'> & {
  evidenceAttachmentIds: number[];
  org_name: string;
  owner_name: string;
  campaign_id: number;
};

/** Reads a stored measure row (with its names) into the record. */
export const measureFromRow = <R extends Selectable<CatchUpMeasureTable> & { org_name: string; owner_name: string; campaign_id: number }>({
  evidence_attachment_ids,
  ...rest
}: R): MeasureRecord => ({ ...rest, evidenceAttachmentIds: JSON.parse(evidence_attachment_ids) as number[] });

type MeasureWrite<T> = Omit<T, 'evidence_attachment_ids'> & { evidenceAttachmentIds?: number[] };

/** A measure write with its evidence files serialized (when it names them). */
const storedMeasure = <T extends { evidenceAttachmentIds?: number[] }>({ evidenceAttachmentIds, ...rest }: T) => ({
  ...rest,
  ...(evidenceAttachmentIds !== undefined ? { evidence_attachment_ids: JSON.stringify(evidenceAttachmentIds) } : {}),
});

export interface MeasureFilter {
  /** The unit's subtree (already checked to be in scope), or one unit with `orgId`. */
  orgPath?: string;
  orgId?: number;
  campaignId?: number;
  benchmarkId?: number;
  status?: 'open' | 'closed' | 'overdue';
}

/** The same shape as the access module's `measure` rows. */
const measureNames = ['o.name as org_name', 'mem.name as owner_name', 'b.campaign_id'] as const;

/** A unit's exercise and measures are seen from the unit up: lists take the root the access module gave (scopeRoot). */
export const benchmarkRepository = {
  /** The exercise of a unit already checked to be in scope. */
  find: (ex: Executor, campaignId: number, orgId: number) =>
    ex.selectFrom('benchmark').selectAll().where('campaign_id', '=', campaignId).where('org_id', '=', orgId).executeTakeFirst(),

  insert: (ex: Executor, row: Insertable<BenchmarkTable>) => ex.insertInto('benchmark').values(row).returning('id').executeTakeFirstOrThrow(),

  update: (ex: Executor, id: number, patch: Updateable<BenchmarkTable>) => ex.updateTable('benchmark').set(patch).where('id', '=', id).execute(),

  exemplarIds: async (ex: Executor, benchmarkId: number) =>
    (await ex.selectFrom('benchmark_exemplar').select('exemplar_id').where('benchmark_id', '=', benchmarkId).orderBy('position').execute()).map(
      (r) => r.exemplar_id,
    ),

  setExemplars: async (ex: Executor, benchmarkId: number, ids: number[]) => {
    await ex.deleteFrom('benchmark_exemplar').where('benchmark_id', '=', benchmarkId).execute();
    if (ids.length)
      await ex
        .insertInto('benchmark_exemplar')
        .values(ids.map((exemplar_id, position) => ({ benchmark_id: benchmarkId, exemplar_id, position })))
        .execute();
  },

  measures(ex: Executor, scopePath: string, f: MeasureFilter, today: string, page?: { limit: number; offset: number }) {
    let q = ex
      .selectFrom('catch_up_measure as m')
      .innerJoin('benchmark as b', 'b.id', 'm.benchmark_id')
      .innerJoin('organization as o', 'o.id', 'm.org_id')
      .innerJoin('member as mem', 'mem.id', 'm.owner_member_id')
      .where(pathInSubtree('m.org_path', scopePath));
    if (f.orgPath) q = q.where(pathInSubtree('m.org_path', f.orgPath));
    if (f.orgId) q = q.where('m.org_id', '=', f.orgId);
    if (f.campaignId) q = q.where('b.campaign_id', '=', f.campaignId);
    if (f.benchmarkId) q = q.where('m.benchmark_id', '=', f.benchmarkId);
    if (f.status === 'overdue') q = q.where('m.status', '=', 'open').where('m.due_on', '<', today);
    else if (f.status) q = q.where('m.status', '=', f.status);
    const rows = q.selectAll('m').select(measureNames).orderBy('m.status', 'desc').orderBy('m.due_on').orderBy('m.id');
    return Promise.all([
      (page ? rows.limit(page.limit).offset(page.offset) : rows).execute().then((r) => r.map(measureFromRow)),
      q
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
        .then((r) => Number(r.n)),
    ]);
  },

  /** A new measure: no evidence yet. */
  insertMeasure: (ex: Executor, row: Omit<Insertable<CatchUpMeasureTable>, 'evidence_attachment_ids'>) =>
    ex
      .insertInto('catch_up_measure')
      .values({ ...row, evidence_attachment_ids: '[]' })
      .returning('id')
      .executeTakeFirstOrThrow(),

  updateMeasure: (ex: Executor, id: number, patch: MeasureWrite<Updateable<CatchUpMeasureTable>>) =>
    ex.updateTable('catch_up_measure').set(storedMeasure(patch)).where('id', '=', id).execute(),

  deleteMeasure: async (ex: Executor, id: number) => {
    await ex.deleteFrom('catch_up_comment').where('measure_id', '=', id).execute();
    await ex.deleteFrom('catch_up_measure').where('id', '=', id).execute();
  },

  comments: async (ex: Executor, measureIds: number[]) => {
    if (!measureIds.length) return [];
    return ex
      .selectFrom('catch_up_comment as c')
      .innerJoin('organization as o', 'o.id', 'c.author_org_id')
      .select(['c.id', 'c.measure_id', 'c.author_name', 'c.body', 'c.created_at', 'o.name as org_name'])
      .where('c.measure_id', 'in', measureIds)
      .orderBy('c.id')
      .execute();
  },

  insertComment: (
    ex: Executor,
    row: { measure_id: number; author_user_id: number; author_name: string; author_org_id: number; body: string; created_at: string },
  ) => ex.insertInto('catch_up_comment').values(row).returning('id').executeTakeFirstOrThrow(),

  counts: async (ex: Executor, benchmarkId: number) => {
    const rows = await ex
      .selectFrom('catch_up_measure')
      .select(['status', (eb) => eb.fn.countAll().as('n')])
      .where('benchmark_id', '=', benchmarkId)
      .groupBy('status')
      .execute();
    const n = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
    return { open: n('open'), closed: n('closed') };
  },

  /** An active member of the unit's subtree (a measure's owner). */
  memberIn: (ex: Executor, unitPath: string, memberId: number) =>
    ex
      .selectFrom('member as m')
      .innerJoin('organization as o', 'o.id', 'm.org_id')
      .select(['m.id', 'm.name'])
      .where('m.id', '=', memberId)
      .where('m.status', '=', 'active')
      .where(pathInSubtree('o.path', unitPath))
      .executeTakeFirst(),

  /** An activity held by the unit or a unit below it (a measure's evidence). */
  activityIn: (ex: Executor, unitPath: string, activityId: number) =>
    ex
      .selectFrom('activity')
      .select(['id', 'title', 'held_on', 'org_path'])
      .where('id', '=', activityId)
      .where(pathInSubtree('org_path', unitPath))
      .executeTakeFirst(),

  activities: async (ex: Executor, ids: number[]) => {
    if (!ids.length) return new Map<number, { id: number; title: string; held_on: string }>();
    return new Map((await ex.selectFrom('activity').select(['id', 'title', 'held_on']).where('id', 'in', ids).execute()).map((a) => [a.id, a]));
  },

  /** Open measures due between two days whose unit has not been reminded yet (jobs/reminders.ts, through reminders.ts). */
  dueUnreminded: (ex: Executor, from: string, until: string) =>
    ex
      .selectFrom('catch_up_measure as m')
      .innerJoin('benchmark as b', 'b.id', 'm.benchmark_id')
      .select(['m.id', 'm.org_id', 'm.org_path', 'm.content', 'm.due_on', 'b.campaign_id'])
      .where('m.status', '=', 'open')
      .where('m.due_on', '>=', from)
      .where('m.due_on', '<=', until)
      .where('m.reminded_at', 'is', null)
      .orderBy('m.id')
      .execute(),

  async markReminded(ex: Executor, ids: number[], at: string) {
    for (let i = 0; i < ids.length; i += 500) {
      await ex
        .updateTable('catch_up_measure')
        .set({ reminded_at: at })
        .where('id', 'in', ids.slice(i, i + 500))
        .execute();
    }
  },
};

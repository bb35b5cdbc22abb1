import { sql, type Insertable, type Updateable } from 'kysely';
import type { BulletinBody, ScoreWeights } from '@zx/domain';
import type { Executor } from '../db/database.ts';
import type { BulletinTable } from '../db/schema.ts';
import { pathInSubtree } from '../access/repository/subtree.ts';
import { bulletinReadable } from '../access/repository/bulletins.ts';

/** A list's reader: the root of its subtree (scopeRoot) and whether it reads drafts (bulletins/policy.ts). */
export interface Reader {
  root: string;
  readsDrafts: boolean;
}

/** Bulletins the reader may read (the rule is the access module's, shared with the `bulletin` kind). */
function readable(ex: Executor, r: Reader) {
  return ex
    .selectFrom('bulletin as b')
    .innerJoin('organization as o', 'o.id', 'b.org_id')
    .innerJoin('campaign as c', 'c.id', 'b.campaign_id')
    .where(bulletinReadable(r.root, r.readsDrafts));
}

const columns = [
  'b.id',
  'b.campaign_id',
  'b.org_id',
  'b.org_path',
  'b.period_from',
  'b.period_to',
  'b.title',
  'b.number_prefix',
  'b.number_year',
  'b.number_seq',
  'b.status',
  'b.published_at',
  'b.created_at',
  'b.updated_at',
  'o.name as org_name',
  'c.name as campaign_name',
] as const;

export const bulletinRepository = {
  list(ex: Executor, r: Reader, q: { campaignId?: number; orgPath?: string; status?: 'draft' | 'published'; page: number; pageSize: number }) {
    let base = readable(ex, r);
    if (q.campaignId) base = base.where('b.campaign_id', '=', q.campaignId);
    if (q.orgPath) base = base.where(pathInSubtree('b.org_path', q.orgPath));
    if (q.status) base = base.where('b.status', '=', q.status);
    return Promise.all([
      base
        .select([...columns])
        .orderBy('b.created_at', 'desc')
        .orderBy('b.id', 'desc')
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute(),
      base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    ]);
  },

  insert: (ex: Executor, row: Omit<Insertable<BulletinTable>, 'body' | 'score_weights'> & { body: BulletinBody; score_weights: ScoreWeights }) =>
    ex
      .insertInto('bulletin')
      .values({ ...row, body: JSON.stringify(row.body), score_weights: JSON.stringify(row.score_weights) })
      .returning('id')
      .executeTakeFirstOrThrow(),

  /** Sets the given columns; the body only when given. */
  update: (ex: Executor, id: number, patch: Omit<Updateable<BulletinTable>, 'body' | 'score_weights'> & { body?: BulletinBody }) => {
    const { body, ...rest } = patch;
    return ex
      .updateTable('bulletin')
      .set({ ...rest, ...(body && { body: JSON.stringify(body) }) })
      .where('id', '=', id)
      .execute();
  },

  delete: (ex: Executor, id: number) => ex.deleteFrom('bulletin').where('id', '=', id).where('status', '=', 'draft').executeTakeFirst(),

  /**
   * Gives a bulletin the next number of its organization and year in one statement. Two
   * concurrent calls can compute the same number on PostgreSQL; the unique constraint
   * (org_id, number_year, number_seq) refuses the second and the service retries.
   */
  assignNumber: (ex: Executor, id: number, orgId: number, year: number, prefix: string | null, at: string) =>
    ex
      .updateTable('bulletin')
      .set({
        number_prefix: prefix,
        number_year: year,
        number_seq: sql<number>`(select coalesce(max(x.number_seq), 0) + 1 from bulletin x where x.org_id = ${orgId} and x.number_year = ${year})`,
        updated_at: at,
      })
      .where('id', '=', id)
      .execute(),

  /** Notable activities of the subtree held in the period (the draft's highlights). */
  notableActivities: (ex: Executor, campaignId: number, orgPath: string, from: string, to: string, limit: number) =>
    ex
      .selectFrom('activity as a')
      .innerJoin('organization as o', 'o.id', 'a.org_id')
      .select(['a.id', 'a.org_id', 'o.name as org_name', 'a.title', 'a.held_on', 'a.type', 'a.summary'])
      .where('a.campaign_id', '=', campaignId)
      .where(pathInSubtree('a.org_path', orgPath))
      .where('a.notable', '=', 1)
      .where('a.held_on', '>=', from)
      .where('a.held_on', '<=', to)
      .orderBy('a.held_on')
      .orderBy('a.id')
      .limit(limit)
      .execute(),
};

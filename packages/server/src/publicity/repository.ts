import { sql, type Insertable, type Updateable } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { MediaCoverageTable, PostStatus, PostTable } from '../db/schema.ts';
import { pathInSubtree } from '../access/repository/subtree.ts';

type Lists = { photo_ids: number[]; activity_ids: number[] };
type StoredLists = { photo_ids: string; activity_ids: string };

const ids = (json: string): number[] => {
  const v = JSON.parse(json) as unknown;
  return Array.isArray(v) ? v.filter((x): x is number => Number.isInteger(x)) : [];
};

/** A post row as repositories return it (the access module's `post` kind too): its lists parsed. */
export const postRecord = <R extends StoredLists>(row: R): Omit<R, keyof StoredLists> & Lists => ({
  ...row,
  photo_ids: ids(row.photo_ids),
  activity_ids: ids(row.activity_ids),
});

export interface PostFilter {
  /** The subtree whose posts are listed. */
  orgPath: string;
  campaignId?: number;
  /** Only this unit's own posts. */
  orgId?: number;
  status?: PostStatus;
  /** Leave out the posts of this organization (a review queue never shows the reviewer's own). */
  notOrgPath?: string;
}

const postColumns = [
  'p.id',
  'p.campaign_id',
  'c.name as campaign_name',
  'p.org_id',
  'o.name as org_name',
  'p.org_path',
  'p.title',
  'p.status',
  'p.photo_ids',
  'p.activity_ids',
  'p.views',
  'p.submitted_at',
  'p.published_at',
  'p.created_by',
  'p.updated_at',
] as const;

export const postRepository = {
  insert: (ex: Executor, row: Omit<Insertable<PostTable>, keyof Lists> & Lists) =>
    ex
      .insertInto('post')
      .values({ ...row, photo_ids: JSON.stringify(row.photo_ids), activity_ids: JSON.stringify(row.activity_ids) })
      .returning('id')
      .executeTakeFirstOrThrow(),

  update: (ex: Executor, id: number, patch: Omit<Updateable<PostTable>, keyof Lists> & Partial<Lists>) => {
    const { photo_ids, activity_ids, ...rest } = patch;
    return ex
      .updateTable('post')
      .set({
        ...rest,
        ...(photo_ids ? { photo_ids: JSON.stringify(photo_ids) } : {}),
        ...(activity_ids ? { activity_ids: JSON.stringify(activity_ids) } : {}),
      })
      .where('id', '=', id)
      .execute();
  },

  delete: (ex: Executor, id: number) => ex.deleteFrom('post').where('id', '=', id).execute(),

  /** The whole post with its unit's and campaign's names (no scope: callers checked access). */
  byId: async (ex: Executor, id: number) => {
    const row = await ex
      .selectFrom('post as p')
      .innerJoin('organization as o', 'o.id', 'p.org_id')
      .innerJoin('campaign as c', 'c.id', 'p.campaign_id')
      .selectAll('p')
      .select(['o.name as org_name', 'c.name as campaign_name'])
      .where('p.id', '=', id)
      .executeTakeFirst();
    return row ? postRecord(row) : undefined;
  },

  page: async (ex: Executor, f: PostFilter, limit: number, offset: number) => {
    let q = ex
      .selectFrom('post as p')
      .innerJoin('organization as o', 'o.id', 'p.org_id')
      .innerJoin('campaign as c', 'c.id', 'p.campaign_id')
      .where(pathInSubtree('p.org_path', f.orgPath));
    if (f.campaignId) q = q.where('p.campaign_id', '=', f.campaignId);
    if (f.orgId) q = q.where('p.org_id', '=', f.orgId);
    if (f.status) q = q.where('p.status', '=', f.status);
    if (f.notOrgPath) q = q.where('p.org_path', '!=', f.notOrgPath);
    const total = Number((await q.select(sql<number>`count(*)`.as('n')).executeTakeFirst())?.n ?? 0);
    const rows = await q.select(postColumns).orderBy('p.updated_at', 'desc').orderBy('p.id', 'desc').limit(limit).offset(offset).execute();
    return { total, rows: rows.map(postRecord) };
  },

  /** Activities named by a post: their unit and campaign, for the check that they belong to it. */
  activities: (ex: Executor, activityIds: number[]) =>
    activityIds.length
      ? ex.selectFrom('activity').select(['id', 'org_id', 'org_path', 'campaign_id', 'title', 'held_on']).where('id', 'in', activityIds).execute()
      : Promise.resolve([]),

  /** Approved posts of a unit in a campaign (the roll-up's `posts_published`). */
  approvedCount: async (ex: Executor, campaignId: number, orgId: number) =>
    Number(
      (
        await ex
          .selectFrom('post')
          .select(sql<number>`count(*)`.as('n'))
          .where('campaign_id', '=', campaignId)
          .where('org_id', '=', orgId)
          .where('status', '=', 'approved')
          .executeTakeFirst()
      )?.n ?? 0,
    ),

  /** Submitted posts in `path`'s subtree but not of `path` itself: what a reviewer there may decide. */
  waitingBelow: (ex: Executor, path: string, limit: number) =>
    ex
      .selectFrom('post as p')
      .innerJoin('organization as o', 'o.id', 'p.org_id')
      .select(['p.id', 'p.title', 'p.campaign_id', 'p.submitted_at', 'o.name as org_name'])
      .where(pathInSubtree('p.org_path', path))
      .where('p.org_path', '!=', path)
      .where('p.status', '=', 'submitted')
      .orderBy('p.submitted_at', 'asc')
      .limit(limit)
      .execute(),

  /** An author's returned posts inside `path`'s subtree. */
  returnedOf: (ex: Executor, userId: number, path: string, limit: number) =>
    ex
      .selectFrom('post as p')
      .select(['p.id', 'p.title', 'p.campaign_id', 'p.reviewed_at', 'p.review_comment'])
      .where(pathInSubtree('p.org_path', path))
      .where('p.created_by', '=', userId)
      .where('p.status', '=', 'returned')
      .orderBy('p.reviewed_at', 'desc')
      .limit(limit)
      .execute(),
};

export interface MediaFilter {
  orgPath: string;
  campaignId?: number;
  orgId?: number;
  kind?: string;
  level?: string;
  from?: string;
  to?: string;
}

export const mediaRepository = {
  insert: (ex: Executor, row: Insertable<MediaCoverageTable>) => ex.insertInto('media_coverage').values(row).returning('id').executeTakeFirstOrThrow(),
  update: (ex: Executor, id: number, patch: Updateable<MediaCoverageTable>) => ex.updateTable('media_coverage').set(patch).where('id', '=', id).execute(),
  delete: (ex: Executor, id: number) => ex.deleteFrom('media_coverage').where('id', '=', id).execute(),

  page: async (ex: Executor, f: MediaFilter, limit: number, offset: number) => {
    let q = ex.selectFrom('media_coverage as m').innerJoin('organization as o', 'o.id', 'm.org_id').where(pathInSubtree('m.org_path', f.orgPath));
    if (f.campaignId) q = q.where('m.campaign_id', '=', f.campaignId);
    if (f.orgId) q = q.where('m.org_id', '=', f.orgId);
    if (f.kind) q = q.where('m.kind', '=', f.kind);
    if (f.level) q = q.where('m.level', '=', f.level);
    if (f.from) q = q.where('m.published_on', '>=', f.from);
    if (f.to) q = q.where('m.published_on', '<=', f.to);
    const total = Number((await q.select(sql<number>`count(*)`.as('n')).executeTakeFirst())?.n ?? 0);
    const rows = await q
      .selectAll('m')
      .select('o.name as org_name')
      .orderBy('m.published_on', 'desc')
      .orderBy('m.id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
    return { total, rows };
  },

  byId: (ex: Executor, id: number) =>
    ex
      .selectFrom('media_coverage as m')
      .innerJoin('organization as o', 'o.id', 'm.org_id')
      .selectAll('m')
      .select('o.name as org_name')
      .where('m.id', '=', id)
      .executeTakeFirst(),

  /** A unit's coverage in a campaign by kind and level (the roll-up's `media` figures). */
  unitCounts: (ex: Executor, campaignId: number, orgId: number) =>
    ex
      .selectFrom('media_coverage')
      .select(['kind', 'level', sql<number>`count(*)`.as('n')])
      .where('campaign_id', '=', campaignId)
      .where('org_id', '=', orgId)
      .groupBy(['kind', 'level'])
      .execute()
      .then((rows) => rows.map((r) => ({ kind: r.kind, level: r.level, n: Number(r.n) }))),
};

import type { Insertable } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { InspectionTable, RectificationTable } from '../db/schema.ts';
import { pathInSubtree } from '../access/repository/subtree.ts';

export interface InspectionFilter {
  /** Limits to one unit (or its subtree with `subtree`); already checked to be in scope. */
  orgPath?: string;
  orgId?: number;
  campaignId?: number;
  from?: string;
  to?: string;
}

export interface RectificationFilter {
  orgPath?: string;
  orgId?: number;
  status?: 'open' | 'answered' | 'closed' | 'overdue';
  inspectionId?: number;
}

const inspectionColumns = [
  'i.id',
  'i.campaign_id',
  'i.org_id',
  'i.org_path',
  'i.visited_on',
  'i.findings',
  'i.score',
  'i.inspector_user_id',
  'i.inspector_name',
  'i.inspector_org_path',
  'i.created_at',
  'o.name as org_name',
  'c.name as campaign_name',
] as const;

const rectificationColumns = [
  'r.id',
  'r.inspection_id',
  'r.org_id',
  'r.org_path',
  'r.description',
  'r.owner',
  'r.due_on',
  'r.status',
  'r.answer',
  'r.answered_at',
  'r.closed_at',
  'r.review_comment',
  'o.name as org_name',
  'i.visited_on',
  'i.inspector_name',
  'i.inspector_org_path',
] as const;

/** Every list takes the root of the actor's subtree (scopeRoot): a visit or item is seen only when its unit lies in it. One visit or item by id is the access module's `inspection` / `rectification` kind. */
export const inspectionRepository = {
  insert: (ex: Executor, row: Insertable<InspectionTable>) => ex.insertInto('inspection').values(row).returning('id').executeTakeFirstOrThrow(),

  insertItems: (ex: Executor, rows: Insertable<RectificationTable>[]) =>
    rows.length ? ex.insertInto('rectification').values(rows).execute() : Promise.resolve([]),

  list(ex: Executor, scopePath: string, f: InspectionFilter, page: { limit: number; offset: number }) {
    let q = ex
      .selectFrom('inspection as i')
      .innerJoin('organization as o', 'o.id', 'i.org_id')
      .leftJoin('campaign as c', 'c.id', 'i.campaign_id')
      .where(pathInSubtree('i.org_path', scopePath));
    if (f.orgPath) q = q.where(pathInSubtree('i.org_path', f.orgPath));
    if (f.orgId) q = q.where('i.org_id', '=', f.orgId);
    if (f.campaignId) q = q.where('i.campaign_id', '=', f.campaignId);
    if (f.from) q = q.where('i.visited_on', '>=', f.from);
    if (f.to) q = q.where('i.visited_on', '<=', f.to);
    return Promise.all([
      q.select(inspectionColumns).orderBy('i.visited_on', 'desc').orderBy('i.id', 'desc').limit(page.limit).offset(page.offset).execute(),
      q
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
        .then((r) => Number(r.n)),
    ]);
  },

  /** Item counts per status (and overdue) for a page of visits. */
  async itemCounts(ex: Executor, inspectionIds: number[], today: string) {
    if (!inspectionIds.length) return new Map<number, { total: number; open: number; answered: number; closed: number; overdue: number }>();
    const rows = await ex.selectFrom('rectification').select(['inspection_id', 'status', 'due_on']).where('inspection_id', 'in', inspectionIds).execute();
    const counts = new Map<number, { total: number; open: number; answered: number; closed: number; overdue: number }>();
    for (const r of rows) {
      const c = counts.get(r.inspection_id) ?? { total: 0, open: 0, answered: 0, closed: 0, overdue: 0 };
      c.total++;
      c[r.status]++;
      if (r.status !== 'closed' && r.due_on < today) c.overdue++;
      counts.set(r.inspection_id, c);
    }
    return counts;
  },

  items(ex: Executor, scopePath: string, f: RectificationFilter, today: string, page?: { limit: number; offset: number }) {
    let q = ex
      .selectFrom('rectification as r')
      .innerJoin('inspection as i', 'i.id', 'r.inspection_id')
      .innerJoin('organization as o', 'o.id', 'r.org_id')
      .where(pathInSubtree('r.org_path', scopePath));
    if (f.orgPath) q = q.where(pathInSubtree('r.org_path', f.orgPath));
    if (f.orgId) q = q.where('r.org_id', '=', f.orgId);
    if (f.inspectionId) q = q.where('r.inspection_id', '=', f.inspectionId);
    if (f.status === 'overdue') q = q.where('r.status', '!=', 'closed').where('r.due_on', '<', today);
    else if (f.status) q = q.where('r.status', '=', f.status);
    const rows = q.select(rectificationColumns).orderBy('r.due_on').orderBy('r.id');
    return Promise.all([
      (page ? rows.limit(page.limit).offset(page.offset) : rows).execute(),
      q
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
        .then((r) => Number(r.n)),
    ]);
  },

  updateItem: (ex: Executor, id: number, patch: Partial<Insertable<RectificationTable>>) =>
    ex.updateTable('rectification').set(patch).where('id', '=', id).execute(),

  orgNames: async (ex: Executor, ids: number[]) =>
    new Map(ids.length ? (await ex.selectFrom('organization').select(['id', 'name', 'path']).where('id', 'in', ids).execute()).map((o) => [o.id, o]) : []),

  campaign: (ex: Executor, id: number) => ex.selectFrom('campaign').select(['id', 'org_path', 'name']).where('id', '=', id).executeTakeFirst(),

  /** Open or answered items due between `from` and `to` that have had no reminder yet (jobs/reminders.ts). */
  dueSoon: (ex: Executor, from: string, to: string) =>
    ex
      .selectFrom('rectification')
      .select(['id', 'inspection_id', 'org_id', 'org_path', 'description', 'due_on'])
      .where('status', 'in', ['open', 'answered'])
      .where('due_on', '>=', from)
      .where('due_on', '<=', to)
      .where('reminded_at', 'is', null)
      .orderBy('id')
      .execute(),

  markReminded: async (ex: Executor, ids: number[], at: string) => {
    for (let i = 0; i < ids.length; i += 500)
      await ex
        .updateTable('rectification')
        .set({ reminded_at: at })
        .where('id', 'in', ids.slice(i, i + 500))
        .execute();
  },
};

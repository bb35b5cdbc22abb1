import type { Expression, Insertable, SqlBool, Updateable } from 'kysely';
import type { Dialect, Executor } from '../db/database.ts';
import type { ExemplarTable } from '../db/schema-exemplars.ts';
import { pathInSubtree } from '../access/repository/subtree.ts';

export interface ExemplarFilter {
  status?: string;
  kind?: string;
  demoSite?: boolean;
  campaignId?: number;
  /** Only records whose nominee lies in this subtree (already checked to be visible). */
  nomineePath?: string;
  /** Only records this organization may decide on: pending nominations of units strictly below it. */
  decidableBy?: string;
  q?: string;
}

const names = [
  'no.name as nominee_org_name',
  'no.type_code as nominee_org_type',
  'm.name as nominee_member_name',
  'nr.name as nominator_org_name',
  'so.name as selector_org_name',
] as const;

function base(ex: Executor) {
  return ex
    .selectFrom('exemplar as e')
    .innerJoin('organization as no', 'no.id', 'e.nominee_org_id')
    .innerJoin('organization as nr', 'nr.id', 'e.nominator_org_id')
    .leftJoin('organization as so', 'so.id', 'e.selector_org_id')
    .leftJoin('member as m', 'm.id', 'e.nominee_member_id');
}

/** An exemplar row as repositories return it (the access module's `exemplar` kind too): its photo ids parsed. */
export const exemplarRecord = <R extends { photo_ids: string }>(row: R): Omit<R, 'photo_ids'> & { photo_ids: number[] } => ({
  ...row,
  photo_ids: JSON.parse(row.photo_ids) as number[],
});

/** A new exemplar row: the photo ids as a list (stored as JSON text). */
export type NewExemplar = Omit<Insertable<ExemplarTable>, 'photo_ids'> & { photo_ids: number[] };

export const exemplarRepository = {
  insert: (ex: Executor, row: NewExemplar) =>
    ex
      .insertInto('exemplar')
      .values({ ...row, photo_ids: JSON.stringify(row.photo_ids) })
      .returning('id')
      .executeTakeFirstOrThrow(),

  update: (ex: Executor, id: number, patch: Omit<Updateable<ExemplarTable>, 'photo_ids'>) =>
    ex.updateTable('exemplar').set(patch).where('id', '=', id).execute(),

  /** Unscoped by design: exemplars a benchmark already chose (checked visible when chosen) keep their names. */
  findUnscoped: async (ex: Executor, id: number) => {
    const row = await base(ex).selectAll('e').select(names).where('e.id', '=', id).executeTakeFirst();
    return row && exemplarRecord(row);
  },

  /** `visible`: the access module's predicate over `e` (access/repository/exemplars.ts exemplarScope). */
  list(ex: Executor, visible: Expression<SqlBool>, f: ExemplarFilter, page: { limit: number; offset: number }, dialect: Dialect) {
    const like = dialect === 'postgres' ? 'ilike' : 'like';
    let q = base(ex).where(visible);
    if (f.status) q = q.where('e.status', '=', f.status as ExemplarTable['status']);
    if (f.kind) q = q.where('e.kind', '=', f.kind as ExemplarTable['kind']);
    if (f.demoSite) q = q.where('e.demo_site', '=', 1);
    if (f.campaignId) q = q.where('e.campaign_id', '=', f.campaignId);
    if (f.nomineePath) q = q.where(pathInSubtree('e.nominee_org_path', f.nomineePath));
    if (f.decidableBy)
      q = q.where('e.status', '=', 'nominated').where(pathInSubtree('e.nominee_org_path', f.decidableBy)).where('e.nominee_org_path', '!=', f.decidableBy);
    if (f.q) {
      const term = `%${f.q}%`;
      q = q.where((eb) => eb.or([eb('e.title', like, term), eb('no.name', like, term), eb('m.name', like, term)]));
    }
    return Promise.all([
      q
        .selectAll('e')
        .select(names)
        .orderBy('e.updated_at', 'desc')
        .orderBy('e.id', 'desc')
        .limit(page.limit)
        .offset(page.offset)
        .execute()
        .then((rows) => rows.map(exemplarRecord)),
      q
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
        .then((r) => Number(r.n)),
    ]);
  },

  campaign: (ex: Executor, id: number) => ex.selectFrom('campaign').select(['id', 'org_path', 'name']).where('id', '=', id).executeTakeFirst(),

  org: (ex: Executor, id: number) =>
    ex.selectFrom('organization').select(['id', 'path', 'name', 'type_code', 'parent_id']).where('id', '=', id).executeTakeFirst(),

  /** The 示范点参观 activities linked to a site, newest first, with the visiting unit. */
  visits: (ex: Executor, exemplarId: number) =>
    ex
      .selectFrom('demo_site_visit as v')
      .innerJoin('activity as a', 'a.id', 'v.activity_id')
      .innerJoin('organization as o', 'o.id', 'a.org_id')
      .select(['a.id', 'a.title', 'a.held_on', 'a.org_path', 'a.attendee_count', 'o.name as org_name'])
      .where('v.exemplar_id', '=', exemplarId)
      .orderBy('a.held_on', 'desc')
      .orderBy('a.id', 'desc')
      .limit(200)
      .execute(),

  visitCounts: async (ex: Executor, ids: number[]) => {
    if (!ids.length) return new Map<number, number>();
    const rows = await ex
      .selectFrom('demo_site_visit')
      .select(['exemplar_id', (eb) => eb.fn.countAll().as('n')])
      .where('exemplar_id', 'in', ids)
      .groupBy('exemplar_id')
      .execute();
    return new Map(rows.map((r) => [r.exemplar_id, Number(r.n)]));
  },

  siteOfActivity: (ex: Executor, activityId: number) =>
    ex
      .selectFrom('demo_site_visit as v')
      .innerJoin('exemplar as e', 'e.id', 'v.exemplar_id')
      .innerJoin('organization as o', 'o.id', 'e.nominee_org_id')
      .select(['e.id', 'e.title', 'o.name as org_name'])
      .where('v.activity_id', '=', activityId)
      .executeTakeFirst(),

  setVisit: async (ex: Executor, activityId: number, exemplarId: number | null) => {
    await ex.deleteFrom('demo_site_visit').where('activity_id', '=', activityId).execute();
    if (exemplarId) await ex.insertInto('demo_site_visit').values({ activity_id: activityId, exemplar_id: exemplarId }).execute();
  },
};

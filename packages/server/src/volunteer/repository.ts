import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { VolunteerEntryStatus, VolunteerServiceTable } from '../db/schema.ts';
import { pathInSubtree } from '../access/repository/subtree.ts';

const columns = [
  'v.id',
  'v.member_id',
  'v.served_on',
  'v.year',
  'v.hours_tenths',
  'v.description',
  'v.photo_id',
  'v.activity_id',
  'v.status',
  'v.reason',
  'v.source',
  'v.created_at',
  'v.created_by',
  'v.updated_at',
  'v.reviewed_at',
  'v.reviewed_by',
  'm.name as member_name',
  'm.org_id',
  'o.path as org_path',
  'o.name as org_name',
  'a.title as activity_title',
] as const;

const base = (ex: Executor) =>
  ex
    .selectFrom('volunteer_service as v')
    .innerJoin('member as m', 'm.id', 'v.member_id')
    .innerJoin('organization as o', 'o.id', 'm.org_id')
    .leftJoin('activity as a', 'a.id', 'v.activity_id')
    .select(columns);

export type VolunteerRow = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

/** 为青年服务: the volunteer service log (volunteer_service). */
export const volunteerRepository = {
  byId: (ex: Executor, id: number) => base(ex).where('v.id', '=', id).executeTakeFirst(),

  /** A member's entries of a year, newest first. */
  ofMember: (ex: Executor, memberId: number, year: number) =>
    base(ex).where('v.member_id', '=', memberId).where('v.year', '=', year).orderBy('v.served_on', 'desc').orderBy('v.id', 'desc').limit(500).execute(),

  /** One page of the entries of members in a subtree (the verification queue), oldest waiting first. */
  async page(ex: Executor, f: { orgPath: string; status?: VolunteerEntryStatus; year?: number }, page: { limit: number; offset: number }) {
    let q = ex
      .selectFrom('volunteer_service as v')
      .innerJoin('member as m', 'm.id', 'v.member_id')
      .innerJoin('organization as o', 'o.id', 'm.org_id')
      .where(pathInSubtree('o.path', f.orgPath));
    if (f.status) q = q.where('v.status', '=', f.status);
    if (f.year) q = q.where('v.year', '=', f.year);
    const [ids, total] = await Promise.all([
      q.select('v.id').orderBy('v.created_at').orderBy('v.id').limit(page.limit).offset(page.offset).execute(),
      q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    ]);
    const rows = ids.length
      ? await base(ex)
          .where(
            'v.id',
            'in',
            ids.map((r) => r.id),
          )
          .orderBy('v.created_at')
          .orderBy('v.id')
          .execute()
      : [];
    return { rows, total: Number(total.n) };
  },

  insert: (ex: Executor, row: Insertable<VolunteerServiceTable>) => ex.insertInto('volunteer_service').values(row).returning('id').executeTakeFirstOrThrow(),

  update: (ex: Executor, id: number, patch: Updateable<VolunteerServiceTable>) => ex.updateTable('volunteer_service').set(patch).where('id', '=', id).execute(),

  delete: (ex: Executor, id: number) => ex.deleteFrom('volunteer_service').where('id', '=', id).execute(),

  /** Entries waiting for verification in the subtree (for to-dos): how many, and the oldest's date. */
  async waiting(ex: Executor, orgPath: string) {
    const r = await ex
      .selectFrom('volunteer_service as v')
      .innerJoin('member as m', 'm.id', 'v.member_id')
      .innerJoin('organization as o', 'o.id', 'm.org_id')
      .select([(eb) => eb.fn.countAll().as('n'), (eb) => eb.fn.min('v.created_at').as('oldest')])
      .where(pathInSubtree('o.path', orgPath))
      .where('v.status', '=', 'pending')
      .executeTakeFirstOrThrow();
    return { n: Number(r.n), oldest: (r.oldest as string | null) ?? null };
  },

  /** A member's rejected entries (for to-dos). */
  rejected: (ex: Executor, memberId: number) =>
    ex
      .selectFrom('volunteer_service')
      .select(['id', 'served_on', 'description', 'reason', 'reviewed_at'])
      .where('member_id', '=', memberId)
      .where('status', '=', 'rejected')
      .orderBy('reviewed_at', 'desc')
      .limit(20)
      .execute(),
};

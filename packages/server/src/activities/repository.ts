import type { Insertable, Updateable } from 'kysely';
import type { Dialect, Executor } from '../db/database.ts';
import type { ActivityTable } from '../db/schema.ts';
import { pathInSubtree } from '../access/repository/subtree.ts';

export interface ActivityFilter {
  orgId: number;
  orgPath: string;
  subtree: boolean;
  campaignId?: number;
  type?: string;
  from?: string;
  to?: string;
  notable?: boolean;
  q?: string;
}

const listColumns = [
  'a.id',
  'a.campaign_id',
  'a.org_id',
  'a.org_path',
  'a.type',
  'a.form',
  'a.title',
  'a.held_on',
  'a.place',
  'a.photo_ids',
  'a.notable',
  'a.attendee_count',
  'a.created_at',
  'o.name as org_name',
  'c.name as campaign_name',
] as const;

/** The JSON lists of an activity row, as stored. */
interface StoredLists {
  task_keys: string;
  photo_ids: string;
}
/** The same lists as repositories take and return them. */
interface Lists {
  task_keys: string[];
  photo_ids: number[];
}

const photoIds = (text: string) => JSON.parse(text) as number[];

/** An activity row as repositories return it (the access module's `activity` kind too): its task keys and photo ids parsed. */
export const activityRecord = <R extends StoredLists>(row: R): Omit<R, keyof StoredLists> & Lists => ({
  ...row,
  task_keys: JSON.parse(row.task_keys) as string[],
  photo_ids: photoIds(row.photo_ids),
});

export const activityRepository = {
  insert: (ex: Executor, row: Omit<Insertable<ActivityTable>, keyof Lists> & Lists) =>
    ex
      .insertInto('activity')
      .values({ ...row, task_keys: JSON.stringify(row.task_keys), photo_ids: JSON.stringify(row.photo_ids) })
      .returning('id')
      .executeTakeFirstOrThrow(),

  /** Sets the given columns; the lists only when given. */
  update: (ex: Executor, id: number, patch: Omit<Updateable<ActivityTable>, keyof Lists> & Partial<Lists>) => {
    const { task_keys, photo_ids, ...rest } = patch;
    return ex
      .updateTable('activity')
      .set({ ...rest, ...(task_keys && { task_keys: JSON.stringify(task_keys) }), ...(photo_ids && { photo_ids: JSON.stringify(photo_ids) }) })
      .where('id', '=', id)
      .execute();
  },

  delete: async (ex: Executor, id: number) => {
    await ex.deleteFrom('activity_attendance').where('activity_id', '=', id).execute();
    await ex.deleteFrom('activity_checkin').where('activity_id', '=', id).execute();
    await ex.deleteFrom('activity').where('id', '=', id).execute();
  },

  attendeeIds: async (ex: Executor, activityId: number) =>
    (await ex.selectFrom('activity_attendance').select('member_id').where('activity_id', '=', activityId).execute()).map((r) => r.member_id),

  attendees: (ex: Executor, activityId: number) =>
    ex
      .selectFrom('activity_attendance as aa')
      .innerJoin('member as m', 'm.id', 'aa.member_id')
      .innerJoin('organization as o', 'o.id', 'm.org_id')
      .select(['m.id', 'm.name', 'm.org_id', 'o.name as org_name', 'm.status', 'aa.source', 'aa.checked_in_at'])
      .where('aa.activity_id', '=', activityId)
      .orderBy('o.path')
      .orderBy('m.name')
      .execute(),

  /**
   * The hand-picked attendance becomes `memberIds`; QR check-ins stay whatever the list says (a
   * member both picked and checked in keeps their check-in). Returns the attendee count.
   */
  setAttendance: async (ex: Executor, activityId: number, memberIds: number[]) => {
    const qr = new Set(
      (await ex.selectFrom('activity_attendance').select('member_id').where('activity_id', '=', activityId).where('source', '=', 'qr').execute()).map(
        (r) => r.member_id,
      ),
    );
    await ex.deleteFrom('activity_attendance').where('activity_id', '=', activityId).where('source', '=', 'hand').execute();
    const hand = memberIds.filter((m) => !qr.has(m));
    for (let i = 0; i < hand.length; i += 400) {
      await ex
        .insertInto('activity_attendance')
        .values(hand.slice(i, i + 400).map((member_id) => ({ activity_id: activityId, member_id, source: 'hand' as const })))
        .execute();
    }
    return hand.length + qr.size;
  },

  /** The members who checked in by QR code. */
  qrAttendeeIds: async (ex: Executor, activityId: number) =>
    (await ex.selectFrom('activity_attendance').select('member_id').where('activity_id', '=', activityId).where('source', '=', 'qr').execute()).map(
      (r) => r.member_id,
    ),

  /** Of `ids`, the active members of the subtree at `orgPath`. */
  eligibleMembers: async (ex: Executor, orgPath: string, ids: number[]) => {
    const out = new Set<number>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await ex
        .selectFrom('member as m')
        .innerJoin('organization as o', 'o.id', 'm.org_id')
        .select('m.id')
        .where('m.id', 'in', ids.slice(i, i + 500))
        .where('m.status', '=', 'active')
        .where(pathInSubtree('o.path', orgPath))
        .execute();
      for (const r of rows) out.add(r.id);
    }
    return out;
  },

  /** The organizations members belong to (whose participation figures they count in). */
  memberOrgIds: async (ex: Executor, ids: number[]) => {
    const out = new Set<number>();
    for (let i = 0; i < ids.length; i += 500) {
      for (const r of await ex
        .selectFrom('member')
        .select('org_id')
        .distinct()
        .where('id', 'in', ids.slice(i, i + 500))
        .execute())
        out.add(r.org_id);
    }
    return [...out];
  },

  /** One page of the activities matching a filter, newest first (chosen on the index, then read with their names), and their count. */
  async page(ex: Executor, dialect: Dialect, f: ActivityFilter, page: { limit: number; offset: number }) {
    const base = matching(ex, f, dialect === 'postgres' ? 'ilike' : 'like');
    const [ids, total] = await Promise.all([
      base.select('a.id').orderBy('a.held_on', 'desc').orderBy('a.id', 'desc').limit(page.limit).offset(page.offset).execute(),
      base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    ]);
    const rows = await ex
      .selectFrom('activity as a')
      .innerJoin('organization as o', 'o.id', 'a.org_id')
      .innerJoin('campaign as c', 'c.id', 'a.campaign_id')
      .where('a.id', 'in', ids.length ? ids.map((r) => r.id) : [0])
      .select(listColumns)
      .orderBy('a.held_on', 'desc')
      .orderBy('a.id', 'desc')
      .execute();
    return { rows: rows.map((r) => ({ ...r, photo_ids: photoIds(r.photo_ids) })), total: Number(total.n) };
  },

  /** The activities of a period in date order, with the unit's name (a calendar month; at most 1000). */
  calendar: (ex: Executor, f: ActivityFilter) =>
    matching(ex, f, 'like')
      .innerJoin('organization as o', 'o.id', 'a.org_id')
      .select(['a.id', 'a.title', 'a.type', 'a.form', 'a.held_on', 'a.notable', 'o.name as org_name'])
      .orderBy('a.held_on')
      .orderBy('a.id')
      .limit(1000)
      .execute(),
};

/** Activities matching a filter (no joins: pages are chosen on the index). */
function matching(ex: Executor, f: ActivityFilter, like: 'like' | 'ilike') {
  let q = ex.selectFrom('activity as a');
  q = f.subtree ? q.where(pathInSubtree('a.org_path', f.orgPath)) : q.where('a.org_id', '=', f.orgId);
  if (f.campaignId) q = q.where('a.campaign_id', '=', f.campaignId);
  if (f.type) q = q.where('a.type', '=', f.type);
  if (f.from) q = q.where('a.held_on', '>=', f.from);
  if (f.to) q = q.where('a.held_on', '<=', f.to);
  if (f.notable !== undefined) q = q.where('a.notable', '=', f.notable ? 1 : 0);
  if (f.q) {
    const term = `%${f.q.replace(/[%_\\]/g, '')}%`;
    q = q.where((eb) => eb.or([eb('a.title', like, term), eb('a.place', like, term)]));
  }
  return q;
}

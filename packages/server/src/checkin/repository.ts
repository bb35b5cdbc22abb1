import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';

/** Check-in sessions (activity_checkin) and QR rows of the attendance (activity_attendance, source 'qr'). */
export const checkinRepository = {
  session: (ex: Executor, activityId: number) => ex.selectFrom('activity_checkin').selectAll().where('activity_id', '=', activityId).executeTakeFirst(),

  open: async (ex: Executor, row: { activity_id: number; margin_hours: number; opened_at: string; opened_by: number }) => {
    await ex
      .insertInto('activity_checkin')
      .values({ ...row, closed_at: null, closed_by: null })
      .onConflict((oc) =>
        oc
          .column('activity_id')
          .doUpdateSet({ margin_hours: row.margin_hours, opened_at: row.opened_at, opened_by: row.opened_by, closed_at: null, closed_by: null }),
      )
      .execute();
  },

  close: (ex: Executor, activityId: number, at: string, by: number) =>
    ex.updateTable('activity_checkin').set({ closed_at: at, closed_by: by }).where('activity_id', '=', activityId).execute(),

  /** The member's organization and status, as check-in rules read them. */
  member: (ex: Executor, memberId: number) =>
    ex
      .selectFrom('member as m')
      .innerJoin('organization as o', 'o.id', 'm.org_id')
      .select(['m.id', 'm.name', 'm.status', 'm.org_id', 'o.path as org_path'])
      .where('m.id', '=', memberId)
      .executeTakeFirst(),

  attendance: (ex: Executor, activityId: number, memberId: number) =>
    ex
      .selectFrom('activity_attendance')
      .select(['source', 'checked_in_at'])
      .where('activity_id', '=', activityId)
      .where('member_id', '=', memberId)
      .executeTakeFirst(),

  /** Adds the member as checked in; false when they were on the attendance already (a concurrent scan included). */
  insert: async (ex: Executor, activityId: number, memberId: number, at: string) => {
    const r = await ex
      .insertInto('activity_attendance')
      .values({ activity_id: activityId, member_id: memberId, source: 'qr', checked_in_at: at })
      .onConflict((oc) => oc.columns(['activity_id', 'member_id']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  },

  remove: async (ex: Executor, activityId: number, memberId: number) =>
    Number(
      (await ex.deleteFrom('activity_attendance').where('activity_id', '=', activityId).where('member_id', '=', memberId).executeTakeFirst()).numDeletedRows ??
        0,
    ),

  /** Keeps activity.attendee_count equal to the attendance rows. */
  recount: (ex: Executor, activityId: number) =>
    ex
      .updateTable('activity')
      .set({ attendee_count: sql<number>`(select count(*) from activity_attendance where activity_id = ${activityId})` })
      .where('id', '=', activityId)
      .execute(),

  counts: async (ex: Executor, activityId: number) => {
    const r = await ex
      .selectFrom('activity_attendance')
      .select([(eb) => eb.fn.countAll().as('all'), sql<number>`sum(case when source = 'qr' then 1 else 0 end)`.as('qr')])
      .where('activity_id', '=', activityId)
      .executeTakeFirstOrThrow();
    return { all: Number(r.all), qr: Number(r.qr ?? 0) };
  },

  recent: (ex: Executor, activityId: number, limit: number) =>
    ex
      .selectFrom('activity_attendance as aa')
      .innerJoin('member as m', 'm.id', 'aa.member_id')
      .innerJoin('organization as o', 'o.id', 'm.org_id')
      .select(['m.id', 'm.name', 'o.name as org_name', 'aa.checked_in_at'])
      .where('aa.activity_id', '=', activityId)
      .where('aa.source', '=', 'qr')
      .orderBy('aa.checked_in_at', 'desc')
      .orderBy('m.id', 'desc')
      .limit(limit)
      .execute(),

  /** Activities of the units a secretary acts for, held on `day`, whose check-in was never opened (to-dos). */
  todayWithoutCheckin: (ex: Executor, orgPath: string, day: string) =>
    ex
      .selectFrom('activity as a')
      .leftJoin('activity_checkin as k', 'k.activity_id', 'a.id')
      .select(['a.id', 'a.title', 'a.campaign_id', 'a.held_on'])
      .where('a.org_path', '=', orgPath)
      .where('a.held_on', '=', day)
      .where('k.activity_id', 'is', null)
      .orderBy('a.id')
      .limit(20)
      .execute(),
};

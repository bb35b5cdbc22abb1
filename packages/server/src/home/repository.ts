import type { Executor } from '../db/database.ts';

/** The member's own record (我的记录): what they attended, their grades, honours and hours. */
export const recordRepository = {
  member: (ex: Executor, memberId: number) =>
    ex
      .selectFrom('member as m')
      .innerJoin('organization as o', 'o.id', 'm.org_id')
      .select(['m.id', 'm.name', 'o.name as org_name'])
      .where('m.id', '=', memberId)
      .executeTakeFirst(),

  /** Activities of campaigns the member attended, newest first (at most `limit`). */
  activities: (ex: Executor, memberId: number, limit: number) =>
    ex
      .selectFrom('activity_attendance as aa')
      .innerJoin('activity as a', 'a.id', 'aa.activity_id')
      .innerJoin('campaign as c', 'c.id', 'a.campaign_id')
      .innerJoin('organization as o', 'o.id', 'a.org_id')
      .select(['a.id', 'a.title', 'a.held_on', 'a.type', 'o.name as org_name', 'c.id as campaign_id', 'c.name as campaign_name'])
      .where('aa.member_id', '=', memberId)
      .orderBy('a.held_on', 'desc')
      .orderBy('a.id', 'desc')
      .limit(limit)
      .execute(),

  activityCount: async (ex: Executor, memberId: number) =>
    Number(
      (
        await ex
          .selectFrom('activity_attendance')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('member_id', '=', memberId)
          .executeTakeFirstOrThrow()
      ).n,
    ),

  /** Final grades of approved annual evaluations (a proposed grade is the branch's, not yet the member's). */
  grades: (ex: Executor, memberId: number) =>
    ex
      .selectFrom('member_evaluation_participant as p')
      .innerJoin('member_evaluation as e', 'e.id', 'p.evaluation_id')
      .innerJoin('organization as o', 'o.id', 'e.org_id')
      .select(['e.year', 'p.final_grade', 'p.reevaluation_grade', 'o.name as org_name'])
      .where('p.member_id', '=', memberId)
      .where('e.stage', '=', 'approved')
      .where('p.final_grade', 'is not', null)
      .orderBy('e.year', 'desc')
      .execute(),

  honours: (ex: Executor, memberId: number) =>
    ex
      .selectFrom('honour_award')
      .select(['kind', 'year', 'awarded_on', 'issuer_org_name', 'certificate_no'])
      .where('member_id', '=', memberId)
      .orderBy('awarded_on', 'desc')
      .limit(100)
      .execute(),

  /** Verified volunteer hours per year (the view over the service log, volunteer/). */
  volunteerHours: async (ex: Executor, memberId: number) =>
    (await ex.selectFrom('volunteer_year_hours').select(['year', 'hours_tenths']).where('member_id', '=', memberId).orderBy('year', 'desc').execute()).map(
      (r) => ({ year: r.year, hours_tenths: Number(r.hours_tenths) }),
    ),
};

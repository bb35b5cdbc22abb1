import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';

/** The member evaluation's facts for the campaign roll-up (evaluation/facts.ts). */
export const evaluationFactsRepository = {
  /**
   * The unit's own active members (their current organization) holding an approved grade of
   * `year`, and of those the ones graded 优秀 — from whichever round gave it.
   */
  async approvedGrades(ex: Executor, orgId: number, year: number): Promise<{ evaluated: number; excellent: number }> {
    const row = await ex
      .selectFrom('member_evaluation_participant as p')
      .innerJoin('member_evaluation as e', 'e.id', 'p.evaluation_id')
      .innerJoin('member as m', 'm.id', 'p.member_id')
      // Distinct members: one transferred between two branches that both evaluated them counts once.
      .select([
        sql<number>`count(distinct p.member_id)`.as('evaluated'),
        sql<number>`count(distinct case when p.final_grade = 'excellent' then p.member_id end)`.as('excellent'),
      ])
      .where('m.org_id', '=', orgId)
      .where('m.status', '=', 'active')
      .where('e.year', '=', year)
      .where('e.stage', '=', 'approved')
      .where('p.final_grade', 'is not', null)
      .executeTakeFirst();
    return { evaluated: Number(row?.evaluated ?? 0), excellent: Number(row?.excellent ?? 0) };
  },
};

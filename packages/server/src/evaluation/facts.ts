import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import { METRIC, type UnitFactsProvider } from '../campaigns/rollup.ts';
import type { CampaignModel } from '../campaigns/model.ts';

/** What the roll-up rows (campaigns/rollup.ts `ownFigures`) need from a unit's annual member evaluation. */
export interface EvaluationFacts {
  /** Active members of the unit (its own roster) with an approved grade for the campaign's year. */
  evaluated: number;
  /** Of those, graded 优秀. */
  excellent: number;
}

/**
 * Counts the unit's own active members (their current organization) holding an approved grade
 * of the campaign's year — from whichever round gave it, so a member transferred after the
 * evaluation counts where they are now. The approval, a transfer and a status change refresh it.
 */
export async function evaluationFacts(ex: Executor, c: CampaignModel, unit: { id: number }): Promise<EvaluationFacts> {
  const row = await ex
    .selectFrom('member_evaluation_participant as p')
    .innerJoin('member_evaluation as e', 'e.id', 'p.evaluation_id')
    .innerJoin('member as m', 'm.id', 'p.member_id')
    // Distinct members: one transferred between two branches that both evaluated them counts once.
    .select([
      sql<number>`count(distinct p.member_id)`.as('evaluated'),
      sql<number>`count(distinct case when p.final_grade = 'excellent' then p.member_id end)`.as('excellent'),
    ])
    .where('m.org_id', '=', unit.id)
    .where('m.status', '=', 'active')
    .where('e.year', '=', c.year)
    .where('e.stage', '=', 'approved')
    .where('p.final_grade', 'is not', null)
    .executeTakeFirst();
  return { evaluated: Number(row?.evaluated ?? 0), excellent: Number(row?.excellent ?? 0) };
}

/** The member evaluation's share of a unit's figures in the campaign roll-up (registered by src/capabilities.ts). */
export const evaluationUnitFacts: UnitFactsProvider = async (ex, c, unit) => {
  const f = await evaluationFacts(ex, c, unit);
  return { figures: { [METRIC.membersEvaluated]: f.evaluated, [METRIC.membersExcellent]: f.excellent } };
};

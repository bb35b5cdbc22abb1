import type { Executor } from '../db/database.ts';
import { METRIC, type UnitFactsProvider } from '../campaigns/rollup.ts';
import type { CampaignModel } from '../campaigns/model.ts';
import { evaluationFactsRepository as repo } from './facts-repository.ts';

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
export function evaluationFacts(ex: Executor, c: CampaignModel, unit: { id: number }): Promise<EvaluationFacts> {
  return repo.approvedGrades(ex, unit.id, c.year);
}

/** The member evaluation's share of a unit's figures in the campaign roll-up (registered by src/capabilities.ts). */
export const evaluationUnitFacts: UnitFactsProvider = async (ex, c, unit) => {
  const f = await evaluationFacts(ex, c, unit);
  return { figures: { [METRIC.membersEvaluated]: f.evaluated, [METRIC.membersExcellent]: f.excellent } };
};

import type { Executor } from '../db/database.ts';
import { METRIC, type UnitFactsProvider } from '../campaigns/rollup.ts';
import type { CampaignModel } from '../campaigns/model.ts';
import { assessmentFactsRepository as repo } from './facts-repository.ts';

/** What the roll-up rows (campaigns/rollup.ts `ownFigures`) need from a unit's assessment in a campaign. */
export interface AssessmentFacts {
  /** The unit's self-assessment for this campaign has been verified by the level above. */
  selfAssessmentVerified: boolean;
  /** The unit holds the Red Flag title (红旗团委/红旗团支部) for the campaign's year. */
  redFlag: boolean;
}

export async function assessmentFacts(ex: Executor, c: CampaignModel, unit: { id: number; type_code: string }): Promise<AssessmentFacts> {
  const selfAssessmentVerified = await repo.verified(ex, c.id, unit.id);
  const redFlag = await repo.holdsTitle(ex, unit.id, c.year, 'red_flag');
  return { selfAssessmentVerified, redFlag };
}

/** The assessment's share of a unit's figures in the campaign roll-up (registered by src/capabilities.ts). */
export const assessmentUnitFacts: UnitFactsProvider = async (ex, c, unit) => {
  const f = await assessmentFacts(ex, c, unit);
  return {
    figures: { [METRIC.selfAssessmentVerified]: f.selfAssessmentVerified ? 1 : 0, [METRIC.redFlag]: f.redFlag ? 1 : 0 },
    evidence: { selfAssessmentVerified: f.selfAssessmentVerified },
  };
};

import { evaluationSettingsService } from './settings.ts';
import { evaluationOverview } from './overview.ts';
import { getRound } from './round-view.ts';
import { evaluationSteps } from './steps.ts';
import { evaluationGrading } from './grading.ts';

/**
 * A branch's annual round, assembled from its flows: the settings (settings.ts), the lists
 * (overview.ts), one round (round-view.ts), the first steps (steps.ts), the grades (grading.ts);
 * the vote has its own service (voting.ts).
 */
export const evaluationService = {
  ...evaluationSettingsService,
  ...evaluationOverview,
  get: getRound,
  ...evaluationSteps,
  ...evaluationGrading,
};

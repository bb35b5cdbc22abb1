import { registerUnitFacts } from './campaigns/rollup.ts';
import { assessmentUnitFacts } from './assessment/facts.ts';
import { evaluationUnitFacts } from './evaluation/facts.ts';

/**
 * What the capabilities contribute beyond their routes: the facts they feed into the campaign
 * roll-up. The roll-up (campaigns/rollup.ts) imports no capability; buildApp calls this before
 * anything can run (calling it again changes nothing).
 */
export function wireCapabilities(): void {
  // A unit's own figures: the assessment's (verified self-assessment, Red Flag title), then the member evaluation's.
  registerUnitFacts([assessmentUnitFacts, evaluationUnitFacts]);
}

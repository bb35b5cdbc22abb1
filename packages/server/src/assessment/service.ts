import { selfAssessmentService } from './self-assessment.ts';
import { sheetService } from './sheet.ts';
import { verificationService } from './verification.ts';

export { assessedTypes, type AssessmentListStatus, type ItemInput, type SelfInput, type VerifyInput, type VetoInput } from './footing.ts';

/** 达标争先 as the routes see it: the queue and sheet (sheet.ts), the unit's side (self-assessment.ts), the level above's (verification.ts). */
export const assessmentService = { ...sheetService, ...selfAssessmentService, ...verificationService };

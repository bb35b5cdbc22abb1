import { z } from 'zod';
import { validateEvaluationSettings } from '@zx/domain';

/** The evaluation rules' numbers as stored (the `evaluation` setting) and as sent to be saved. */
export const evaluationSettingsSchema = z.object({
  quorum: z.object({ num: z.number().int(), den: z.number().int(), strict: z.boolean() }),
  excellentCapPercent: z.number().int(),
  reevaluationMonths: z.number().int(),
  reevaluationMinMonths: z.number().int(),
  reevaluationMaxMonths: z.number().int(),
});

/**
 * The body of PUT /evaluations/settings: the schema refuses what the rules refuse, on the field
 * and with the rule's code — a quorum of 2/3 or less is EVALUATION_QUORUM_BELOW_FLOOR (422).
 */
export const evaluationSettingsBody = evaluationSettingsSchema.superRefine((value, check) => {
  for (const e of validateEvaluationSettings(value))
    check.addIssue({ code: 'custom', path: e.field.split('.'), message: `${e.code}|${e.message.zh}|${e.message.en}` });
});

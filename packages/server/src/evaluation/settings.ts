import { z } from 'zod';
import { DEFAULT_EVALUATION_SETTINGS, clampEvaluationSettings, validateEvaluationSettings, type EvaluationSettings } from '@zx/domain';
import type { Executor } from '../db/database.ts';
import { readSetting, writeSetting } from '../settings/store.ts';
import type { AppContext } from '../context.ts';
import type { Actor } from '../auth/actor.ts';
import { audit } from '../audit/service.ts';
import { forbidden, validationFailed } from '../http/errors.ts';
import { evaluationPolicy } from './policy.ts';

/**
 * The evaluation rules' numbers for the whole deployment (one city's practice), set at the top
 * of the tree; a round copies them when it opens, so a later change never rewrites a round.
 */
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

const KEY = 'evaluation';

/** The deployment's settings; a quorum stored below the floor (before it existed) is raised to it. */
export async function getEvaluationSettings(ex: Executor): Promise<EvaluationSettings> {
  const text = await readSetting(ex, KEY);
  if (text === undefined) return DEFAULT_EVALUATION_SETTINGS;
  const parsed = evaluationSettingsSchema.partial().safeParse(JSON.parse(text));
  return parsed.success ? clampEvaluationSettings({ ...DEFAULT_EVALUATION_SETTINGS, ...parsed.data }) : DEFAULT_EVALUATION_SETTINGS;
}

export async function saveEvaluationSettings(ex: Executor, value: EvaluationSettings, userId: number): Promise<void> {
  await writeSetting(ex, KEY, value, userId);
}

/** Reading the rules (those who run rounds and those who take part) and changing them (the top of the tree). */
export const evaluationSettingsService = {
  async settings(ctx: AppContext, actor: Actor) {
    if (!evaluationPolicy.readsSettings(actor)) throw forbidden();
    return { settings: await getEvaluationSettings(ctx.db), canEdit: evaluationPolicy.editSettings(actor) };
  },

  /** The deployment's numbers (quorum, 优秀 cap, re-evaluation window): only at the top of the tree. */
  async saveSettings(ctx: AppContext, actor: Actor, value: EvaluationSettings) {
    if (!evaluationPolicy.editSettings(actor)) throw forbidden();
    const errors = validateEvaluationSettings(value);
    if (errors.length) throw validationFailed(errors);
    await ctx.db.transaction().execute(async (trx) => {
      const before = await getEvaluationSettings(trx);
      await saveEvaluationSettings(trx, value, actor.userId);
      await audit(trx, actor, { action: 'evaluation.settings', targetType: 'setting', targetId: 'evaluation', summary: { before, after: value } });
    });
    return evaluationSettingsService.settings(ctx, actor);
  },
};

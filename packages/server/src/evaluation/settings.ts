import { validateEvaluationSettings, type EvaluationSettings } from '@zx/domain';
import type { AppContext } from '../context.ts';
import type { Actor } from '../auth/actor.ts';
import { audit } from '../audit/service.ts';
import { forbidden, validationFailed } from '../http/errors.ts';
import { evaluationPolicy } from './policy.ts';
import { evaluationRepository as repo } from './repository.ts';

/**
 * The evaluation rules' numbers for the whole deployment (one city's practice), set at the top
 * of the tree; a round copies them when it opens, so a later change never rewrites a round.
 * Their schema: settings-schema.ts; where they are stored: the repository.
 */

/** Reading the rules (those who run rounds and those who take part) and changing them (the top of the tree). */
export const evaluationSettingsService = {
  async settings(ctx: AppContext, actor: Actor) {
    if (!evaluationPolicy.readsSettings(actor)) throw forbidden();
    return { settings: await repo.settings(ctx.db), canEdit: evaluationPolicy.editSettings(actor) };
  },

  /** The deployment's numbers (quorum, 优秀 cap, re-evaluation window): only at the top of the tree. */
  async saveSettings(ctx: AppContext, actor: Actor, value: EvaluationSettings) {
    if (!evaluationPolicy.editSettings(actor)) throw forbidden();
    const errors = validateEvaluationSettings(value);
    if (errors.length) throw validationFailed(errors);
    await ctx.db.transaction().execute(async (trx) => {
      const before = await repo.settings(trx);
      await repo.saveSettings(trx, value, actor.userId);
      await audit(trx, actor, { action: 'evaluation.settings', targetType: 'setting', targetId: 'evaluation', summary: { before, after: value } });
    });
    return evaluationSettingsService.settings(ctx, actor);
  },
};

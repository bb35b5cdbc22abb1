import { z } from 'zod';
import { DEFAULT_COMMITMENT_RULES, type CommitmentRules } from '@zx/domain';
import type { AppContext } from '../context.ts';
import type { Executor } from '../db/database.ts';
import { readSetting, writeSetting } from '../settings/store.ts';
import type { Actor } from '../auth/actor.ts';
import { audit } from '../audit/service.ts';
import { forbidden, validationFailed } from '../http/errors.ts';
import { commitmentPolicy } from './policy.ts';

const SETTING_KEY = 'commitments';

export const commitmentRulesSchema = z.object({
  maxItems: z.number().int().min(1).max(100),
  itemMaxLength: z.number().int().min(20).max(2000),
  reportRecommendedLength: z.number().int().min(100).max(20000),
  reportMinLength: z.number().int().min(0).max(20000),
  reportMaxLength: z.number().int().min(500).max(50000),
  noteMaxLength: z.number().int().min(50).max(5000),
  evidenceMax: z.number().int().min(1).max(100),
  reminderMonth: z.number().int().min(1).max(12),
});

export async function commitmentRules(ex: Executor): Promise<CommitmentRules> {
  const text = await readSetting(ex, SETTING_KEY);
  if (text === undefined) return DEFAULT_COMMITMENT_RULES;
  return { ...DEFAULT_COMMITMENT_RULES, ...commitmentRulesSchema.partial().parse(JSON.parse(text)) };
}

/** Reading the rules, and changing them for the whole deployment (at the top of the tree). */
export const commitmentRulesService = {
  rules: (ctx: AppContext) => commitmentRules(ctx.db),

  /** Rules are set for the whole deployment, at the top of the tree. */
  async saveRules(ctx: AppContext, actor: Actor, value: CommitmentRules) {
    if (!commitmentPolicy.editRules(actor)) throw forbidden();
    if (value.reportMinLength > value.reportMaxLength) {
      throw validationFailed([
        { field: 'reportMinLength', code: 'RULE_MIN_ABOVE_MAX', message: { zh: '最少字数不能大于最多字数', en: 'The minimum cannot exceed the maximum' } },
      ]);
    }
    await ctx.db.transaction().execute(async (trx) => {
      const before = await commitmentRules(trx);
      await writeSetting(trx, SETTING_KEY, value, actor.userId);
      await audit(trx, actor, { action: 'commitment.rules', targetType: 'setting', targetId: SETTING_KEY, summary: { before, after: value } });
    });
    return commitmentRules(ctx.db);
  },
};

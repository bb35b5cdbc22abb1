import { DEFAULT_COMMITMENT_RULES, type CommitmentRules } from '@zx/domain';
import type { AppContext } from '../context.ts';
import type { Executor } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { audit } from '../audit/service.ts';
import { forbidden, validationFailed } from '../http/errors.ts';
import { commitmentRepository as repo, RULES_SETTING } from './repository.ts';
import { commitmentPolicy } from './policy.ts';

export { commitmentRulesSchema } from './rules-schema.ts';

/** The rules in force: the stored ones over the defaults. */
export async function commitmentRules(ex: Executor): Promise<CommitmentRules> {
  const stored = await repo.storedRules(ex);
  if (stored === undefined) return DEFAULT_COMMITMENT_RULES;
  return { ...DEFAULT_COMMITMENT_RULES, ...stored };
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
      await repo.saveRules(trx, value, actor.userId);
      await audit(trx, actor, { action: 'commitment.rules', targetType: 'setting', targetId: RULES_SETTING, summary: { before, after: value } });
    });
    return commitmentRules(ctx.db);
  },
};

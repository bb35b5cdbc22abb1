import type { AppContext } from '../context.ts';
import type { Executor } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { requireRole } from '../access/index.ts';
import { audit } from '../audit/service.ts';
import { forbidden } from '../http/errors.ts';
import { settingsPolicy } from './policy.ts';
import { settingsRepository } from './repository.ts';
import { SECURITY_SETTINGS_KEY, type SecuritySettings } from './settings.ts';

export const getSecuritySettings = (ex: Executor): Promise<SecuritySettings> => settingsRepository.security(ex);

export async function saveSecuritySettings(ex: Executor, value: SecuritySettings, userId: number): Promise<void> {
  await settingsRepository.write(ex, SECURITY_SETTINGS_KEY, value, userId);
}

export const settingsService = {
  security(ctx: AppContext, actor: Actor): Promise<SecuritySettings> {
    requireRole(actor, 'settings.write');
    return getSecuritySettings(ctx.db);
  },

  /** The settings are deployment-wide: only a security admin at the top of the tree sets them. */
  async updateSecurity(ctx: AppContext, actor: Actor, value: SecuritySettings): Promise<SecuritySettings> {
    requireRole(actor, 'settings.write');
    if (!settingsPolicy.editSecurity(actor)) throw forbidden();
    await ctx.db.transaction().execute(async (trx) => {
      const before = await getSecuritySettings(trx);
      await saveSecuritySettings(trx, value, actor.userId);
      await audit(trx, actor, { action: 'settings.security', targetType: 'setting', targetId: 'security', summary: { before, after: value } });
    });
    return getSecuritySettings(ctx.db);
  },
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.ts';
import { requireActor } from '../auth/hooks.ts';
import { requireRole } from '../access/index.ts';
import { settingsPolicy } from './policy.ts';
import { audit } from '../audit/service.ts';
import { forbidden } from '../http/errors.ts';
import { getSecuritySettings, saveSecuritySettings, securitySettingsSchema } from './settings.ts';
import { access } from '../access/guard.ts';
import { securitySettings } from '@zx/contract/settings';

const tags = ['设置 Settings'];

export const settingsRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/security',
      { config: access('settings.write'), schema: { tags, summary: '安全设置 Security settings', response: { 200: securitySettings } } },
      async (req) => {
        requireRole(requireActor(req), 'settings.write');
        return getSecuritySettings(ctx.db);
      },
    );

    app.put(
      '/security',
      {
        config: access('settings.write'),
        schema: { tags, summary: '修改安全设置 Update security settings', body: securitySettingsSchema, response: { 200: securitySettings } },
      },
      async (req) => {
        const actor = requireActor(req);
        requireRole(actor, 'settings.write');
        // The settings are deployment-wide: only a security admin at the top of the tree sets them.
        if (!settingsPolicy.editSecurity(actor)) throw forbidden();
        await ctx.db.transaction().execute(async (trx) => {
          const before = await getSecuritySettings(trx);
          await saveSecuritySettings(trx, req.body, actor.userId);
          await audit(trx, actor, { action: 'settings.security', targetType: 'setting', targetId: 'security', summary: { before, after: req.body } });
        });
        return getSecuritySettings(ctx.db);
      },
    );
  };

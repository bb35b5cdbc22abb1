import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.ts';
import { requireActor } from '../auth/hooks.ts';
import { securitySettingsSchema } from './settings.ts';
import { settingsService } from './service.ts';
import { access } from '../access/guard.ts';
import { securitySettings } from '@zx/contract/settings';

const tags = ['设置 Settings'];

export const settingsRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/security',
      { config: access('settings.write'), schema: { tags, summary: '安全设置 Security settings', response: { 200: securitySettings } } },
      async (req) => settingsService.security(ctx, requireActor(req)),
    );

    app.put(
      '/security',
      {
        config: access('settings.write'),
        schema: { tags, summary: '修改安全设置 Update security settings', body: securitySettingsSchema, response: { 200: securitySettings } },
      },
      async (req) => settingsService.updateSecurity(ctx, requireActor(req), req.body),
    );
  };

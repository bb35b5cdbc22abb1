import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.ts';
import { requireActor } from '../auth/hooks.ts';
import { idParam, okResponse } from '../http/schemas.ts';
import { inboxService } from './service.ts';
import { access } from '../access/guard.ts';
import { markedRead, noticePage, unreadCount } from '@zx/contract/inbox';

const tags = ['消息 Inbox'];

/** Every signed-in account has an inbox: notices to its grant organization and broadcasts above it. */
export const inboxRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/',
      {
        config: access('signedIn'),
        schema: {
          tags,
          summary: '我的消息 My notifications',
          querystring: z.object({
            unreadOnly: z.enum(['0', '1']).default('0'),
            page: z.coerce.number().int().min(1).default(1),
            pageSize: z.coerce.number().int().min(1).max(100).default(20),
          }),
          response: { 200: noticePage },
        },
      },
      async (req) => inboxService.list(ctx, requireActor(req), { ...req.query, unreadOnly: req.query.unreadOnly === '1' }),
    );

    app.get(
      '/unread-count',
      { config: access('signedIn'), schema: { tags, summary: '未读数（角标）Unread count for the badge', response: { 200: unreadCount } } },
      async (req) => inboxService.unreadCount(ctx, requireActor(req)),
    );

    app.post(
      '/:id/read',
      {
        config: access('signedIn', { params: { id: 'notification' } }),
        schema: { tags, summary: '标为已读 Mark read', params: idParam, response: { 200: okResponse } },
      },
      async (req) => {
        await inboxService.markRead(ctx, requireActor(req), req.params.id);
        return { ok: true as const };
      },
    );

    app.post('/read-all', { config: access('signedIn'), schema: { tags, summary: '全部标为已读 Mark all read', response: { 200: markedRead } } }, async (req) =>
      inboxService.markAllRead(ctx, requireActor(req)),
    );
  };

import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { binary } from '@zx/contract/common';
import { publicCampaign, publicPost, publicPostList } from '@zx/contract/publicity';
import type { AppContext } from '../context.ts';
import { access } from '../access/guard.ts';
import { publicService } from './public.ts';
import { viewCounter } from './views.ts';
import type { PortalEntry } from './portal-cache.ts';

const tags = ['公开门户 Public portal'];
/** Public answers are the one exception to the API's `no-store` (http/cache.ts): they hold only what was approved for the public. */
const PUBLIC_CACHE = 'public, max-age=60';
const campaignParam = z.object({ id: z.coerce.number().int().positive() });

/** Sends a cached answer's JSON bytes as they are (rendered and checked once, publicity/public.ts) with its ETag, or 304 when the reader holds it. */
function cached(req: FastifyRequest, reply: FastifyReply, entry: PortalEntry): FastifyReply {
  reply.header('cache-control', PUBLIC_CACHE).header('etag', entry.etag);
  const held = req.headers['if-none-match'];
  if (held && held.split(',').some((t) => t.trim() === entry.etag)) return reply.code(304).send();
  return reply.type('application/json; charset=utf-8').send(entry.json);
}

/** The public campaign portal (团属宣传阵地): no session, approved posts only (docs/publicity.md). */
export const publicRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    // Before the database closes (onClose hooks may run after it): the last counted views are written.
    app.addHook('preClose', async () => viewCounter(ctx).close());

    app.get(
      '/campaigns/:id',
      {
        config: access('public'),
        schema: { tags, summary: '公开门户：活动概况（无需登录）Public portal: the campaign', params: campaignParam, response: { 200: publicCampaign } },
      },
      async (req, reply) => {
        const entry = await publicService.campaign(ctx, req.params.id);
        viewCounter(ctx).portal(req.params.id);
        return cached(req, reply, entry);
      },
    );

    app.get(
      '/campaigns/:id/posts',
      {
        config: access('public'),
        schema: {
          tags,
          summary: '公开门户：已发布的稿件（最新在前）Public portal: approved posts, newest first',
          params: campaignParam,
          querystring: z.object({ page: z.coerce.number().int().min(1).max(1000).default(1), pageSize: z.coerce.number().int().min(1).max(50).default(10) }),
          response: { 200: publicPostList },
        },
      },
      async (req, reply) => cached(req, reply, await publicService.posts(ctx, req.params.id, req.query.page, req.query.pageSize)),
    );

    app.get(
      '/campaigns/:id/posts/:postId',
      {
        config: access('public'),
        schema: {
          tags,
          summary: '公开门户：一篇稿件 Public portal: one approved post',
          params: campaignParam.extend({ postId: z.coerce.number().int().positive() }),
          response: { 200: publicPost },
        },
      },
      async (req, reply) => {
        const entry = await publicService.post(ctx, req.params.id, req.params.postId);
        viewCounter(ctx).post(req.params.postId);
        return cached(req, reply, entry);
      },
    );

    for (const thumb of [false, true]) {
      app.get(
        thumb ? '/posts/:id/photos/:photoId/thumb' : '/posts/:id/photos/:photoId',
        {
          config: access('public'),
          schema: {
            tags,
            summary: thumb ? '公开门户：照片缩略图 Public portal: a photo thumbnail' : '公开门户：照片 Public portal: a photo',
            params: z.object({ id: z.coerce.number().int().positive(), photoId: z.coerce.number().int().positive() }),
            response: { 200: binary(thumb ? 'image/webp' : 'image/*') },
          },
        },
        async (req, reply) => {
          const photo = await publicService.photo(ctx, req.params.id, req.params.photoId, thumb);
          return reply.type(photo.mime).header('cache-control', PUBLIC_CACHE).header('x-content-type-options', 'nosniff').send(photo.bytes);
        },
      );
    }
  };

import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { MEDIA_KIND_CODES, MEDIA_LEVEL_CODES, POST_STATUSES } from '@zx/domain';
import { mediaCoverage, mediaCoverageList, post, postList } from '@zx/contract/publicity';
import type { AppContext } from '../context.ts';
import { requireActor } from '../auth/hooks.ts';
import { idParam, isoDate, okResponse, trimmed } from '../http/schemas.ts';
import { access } from '../access/guard.ts';
import { postService } from './posts.ts';
import { mediaService } from './media.ts';

const tags = ['宣传 Publicity'];
const idList = z.array(z.number().int().positive()).max(30);
const paging = { page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(100).default(20) };
const postText = {
  title: trimmed(1, 100),
  body: z.string().max(20_000),
  videoUrl: z.string().max(500).nullable().default(null),
  photoIds: idList.default([]),
  activityIds: idList.default([]),
};
const mediaBody = z.object({
  campaignId: z.number().int().positive(),
  orgId: z.number().int().positive(),
  kind: z.enum(MEDIA_KIND_CODES),
  level: z.enum(MEDIA_LEVEL_CODES),
  outlet: trimmed(1, 100),
  publishedOn: isoDate,
  title: trimmed(1, 200),
  url: z.string().max(1000).nullable().default(null),
  attachmentId: z.number().int().positive().nullable().default(null),
  postId: z.number().int().positive().nullable().default(null),
  activityId: z.number().int().positive().nullable().default(null),
});
const mediaIds = { campaignId: 'campaign', orgId: 'org', attachmentId: 'attachment', postId: 'post', activityId: 'activity' } as const;

/** Posts (宣传稿件) and the media coverage register of units in scope (docs/publicity.md). */
export const publicityRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/posts',
      {
        config: access('publicity.read', { query: { orgId: 'org', campaignId: 'campaign' } }),
        schema: {
          tags,
          summary: '宣传稿件列表（本组织及下级）Posts of an organization and its subtree',
          querystring: z.object({
            campaignId: z.coerce.number().int().positive().optional(),
            orgId: z.coerce.number().int().positive().optional(),
            status: z.enum(POST_STATUSES).optional(),
            ownOnly: z.enum(['0', '1']).optional(),
            ...paging,
          }),
          response: { 200: postList },
        },
      },
      async (req) => {
        const { page, pageSize, ownOnly, ...q } = req.query;
        return postService.list(ctx, requireActor(req), { ...q, ownOnly: ownOnly === '1' }, { page, pageSize });
      },
    );

    app.get(
      '/review-queue',
      {
        config: access('publicity.review', { query: { campaignId: 'campaign' } }),
        schema: {
          tags,
          summary: '待审核的下级稿件 Posts of units below awaiting review',
          querystring: z.object({ campaignId: z.coerce.number().int().positive().optional(), ...paging }),
          response: { 200: postList },
        },
      },
      async (req) => {
        const { page, pageSize, ...q } = req.query;
        return postService.reviewQueue(ctx, requireActor(req), q, { page, pageSize });
      },
    );

    app.post(
      '/posts',
      {
        config: access('publicity.write', { body: { campaignId: 'campaign', orgId: 'org', 'photoIds[]': 'attachment', 'activityIds[]': 'activity' } }),
        schema: {
          tags,
          summary: '撰写宣传稿件（草稿）Write a post (draft)',
          body: z.object({ campaignId: z.number().int().positive(), orgId: z.number().int().positive(), ...postText }),
          response: { 201: post },
        },
      },
      async (req, reply) => reply.status(201).send(await postService.create(ctx, requireActor(req), req.body)),
    );

    app.get(
      '/posts/:id',
      { config: access('publicity.read', { params: { id: 'post' } }), schema: { tags, summary: '宣传稿件 A post', params: idParam, response: { 200: post } } },
      async (req) => postService.get(ctx, requireActor(req), req.params.id),
    );

    app.put(
      '/posts/:id',
      {
        config: access('publicity.write', { params: { id: 'post' }, body: { 'photoIds[]': 'attachment', 'activityIds[]': 'activity' } }),
        schema: { tags, summary: '修改稿件 Edit a post', params: idParam, body: z.object(postText), response: { 200: post } },
      },
      async (req) => postService.update(ctx, requireActor(req), req.params.id, req.body),
    );

    app.delete(
      '/posts/:id',
      {
        config: access('publicity.write', { params: { id: 'post' } }),
        schema: { tags, summary: '删除未发布的稿件 Delete an unpublished post', params: idParam, response: { 200: okResponse } },
      },
      async (req) => postService.remove(ctx, requireActor(req), req.params.id),
    );

    app.post(
      '/posts/:id/submit',
      {
        config: access('publicity.write', { params: { id: 'post' } }),
        schema: { tags, summary: '提交上级审核 Submit for review', params: idParam, response: { 200: post } },
      },
      async (req) => postService.submit(ctx, requireActor(req), req.params.id),
    );

    app.post(
      '/posts/:id/review',
      {
        config: access('publicity.review', { params: { id: 'post' } }),
        schema: {
          tags,
          summary: '审核：通过（公开）或退回 Review: approve (public) or return',
          params: idParam,
          body: z.object({ decision: z.enum(['approve', 'return']), comment: z.string().max(1000).nullable().optional() }),
          response: { 200: post },
        },
      },
      async (req) => postService.review(ctx, requireActor(req), req.params.id, req.body),
    );

    app.post(
      '/posts/:id/withdraw',
      {
        config: access('publicity.write', { params: { id: 'post' } }),
        schema: { tags, summary: '撤回已发布的稿件 Withdraw (unpublish) a post', params: idParam, response: { 200: post } },
      },
      async (req) => postService.withdraw(ctx, requireActor(req), req.params.id),
    );

    app.get(
      '/media',
      {
        config: access('publicity.read', { query: { orgId: 'org', campaignId: 'campaign' } }),
        schema: {
          tags,
          summary: '媒体报道登记列表 Media coverage of an organization and its subtree',
          querystring: z.object({
            campaignId: z.coerce.number().int().positive().optional(),
            orgId: z.coerce.number().int().positive().optional(),
            ownOnly: z.enum(['0', '1']).optional(),
            kind: z.enum(MEDIA_KIND_CODES).optional(),
            level: z.enum(MEDIA_LEVEL_CODES).optional(),
            from: isoDate.optional(),
            to: isoDate.optional(),
            ...paging,
          }),
          response: { 200: mediaCoverageList },
        },
      },
      async (req) => {
        const { page, pageSize, ownOnly, ...q } = req.query;
        return mediaService.list(ctx, requireActor(req), { ...q, ownOnly: ownOnly === '1' }, { page, pageSize });
      },
    );

    app.post(
      '/media',
      {
        config: access('publicity.write', { body: mediaIds }),
        schema: { tags, summary: '登记媒体报道 Record media coverage', body: mediaBody, response: { 201: mediaCoverage } },
      },
      async (req, reply) => reply.status(201).send(await mediaService.create(ctx, requireActor(req), req.body)),
    );

    app.get(
      '/media/:id',
      {
        config: access('publicity.read', { params: { id: 'mediaCoverage' } }),
        schema: { tags, summary: '媒体报道 A coverage record', params: idParam, response: { 200: mediaCoverage } },
      },
      async (req) => mediaService.get(ctx, requireActor(req), req.params.id),
    );

    app.put(
      '/media/:id',
      {
        config: access('publicity.write', { params: { id: 'mediaCoverage' }, body: mediaIds }),
        schema: { tags, summary: '修改媒体报道 Edit a coverage record', params: idParam, body: mediaBody, response: { 200: mediaCoverage } },
      },
      async (req) => mediaService.update(ctx, requireActor(req), req.params.id, req.body),
    );

    app.delete(
      '/media/:id',
      {
        config: access('publicity.write', { params: { id: 'mediaCoverage' } }),
        schema: { tags, summary: '删除媒体报道 Delete a coverage record', params: idParam, response: { 200: okResponse } },
      },
      async (req) => mediaService.remove(ctx, requireActor(req), req.params.id),
    );
  };

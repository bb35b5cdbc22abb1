import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { EXEMPLAR_LIMITS } from '@zx/domain';
import type { AppContext } from '../context.ts';
import { requireActor } from '../auth/hooks.ts';
import { idParam, isoDate, isoDateTime } from '../http/schemas.ts';
import { notFound } from '../http/errors.ts';
import { exemplarService } from './service.ts';
import { access } from '../access/guard.ts';
import { binary } from '@zx/contract/common';
import { exemplarDetail, exemplarList } from '@zx/contract/exemplars';

const tags = ['先进典型 Exemplars'];
const id = z.number().int().positive();
const photoParams = z.object({ id: z.coerce.number().int().positive(), attachmentId: z.coerce.number().int().positive() });

export const exemplarRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/',
      {
        config: access('exemplar.read', { query: { campaignId: 'campaign', orgId: 'org' } }),
        schema: {
          tags,
          summary: '先进典型与推荐（本组织可见）Exemplars and nominations I may see',
          querystring: z.object({
            status: z.enum(['nominated', 'selected', 'not_selected', 'withdrawn']).optional(),
            kind: z.enum(['unit', 'person']).optional(),
            demoSite: z.enum(['0', '1']).optional(),
            /** Only pending nominations the signed-in organization may decide on. */
            decidable: z.enum(['0', '1']).optional(),
            campaignId: z.coerce.number().int().positive().optional(),
            orgId: z.coerce.number().int().positive().optional(),
            q: z.string().trim().max(40).optional(),
            page: z.coerce.number().int().min(1).default(1),
            pageSize: z.coerce.number().int().min(1).max(200).default(20),
          }),
          response: { 200: exemplarList },
        },
      },
      async (req) => {
        const { page, pageSize, demoSite, decidable, ...f } = req.query;
        return exemplarService.list(ctx, requireActor(req), { ...f, demoSite: demoSite === '1', decidable: decidable === '1' }, { page, pageSize });
      },
    );

    app.post(
      '/',
      {
        config: access('exemplar.nominate', { body: { campaignId: 'campaign', nomineeOrgId: 'org', nomineeMemberId: 'member', 'photoIds[]': 'attachment' } }),
        schema: {
          tags,
          summary: '推荐先进典型（集体或个人）Nominate a unit or a person',
          body: z.object({
            campaignId: id.nullable().optional(),
            kind: z.enum(['unit', 'person']),
            nomineeOrgId: id.nullable().optional(),
            nomineeMemberId: id.nullable().optional(),
            title: z.string().max(EXEMPLAR_LIMITS.title * 2),
            materials: z.string().max(EXEMPLAR_LIMITS.materials * 2),
            photoIds: z
              .array(id)
              .max(EXEMPLAR_LIMITS.photos + 1)
              .optional(),
          }),
          response: { 201: exemplarDetail },
        },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        const newId = await exemplarService.nominate(ctx, actor, req.body);
        return reply.status(201).send(await exemplarService.get(ctx, actor, newId));
      },
    );

    app.get(
      '/:id',
      {
        config: access('exemplar.read', { params: { id: 'exemplar' } }),
        schema: { tags, summary: '先进典型详情（照片、材料、级别、评选单位、示范点参观）Exemplar page', params: idParam, response: { 200: exemplarDetail } },
      },
      async (req) => exemplarService.get(ctx, requireActor(req), req.params.id),
    );

    app.post(
      '/:id/withdraw',
      {
        config: access('exemplar.nominate', { params: { id: 'exemplar' } }),
        schema: { tags, summary: '撤回推荐 Withdraw a pending nomination', params: idParam, response: { 200: exemplarDetail } },
      },
      async (req) => {
        const actor = requireActor(req);
        await exemplarService.withdraw(ctx, actor, req.params.id);
        return exemplarService.get(ctx, actor, req.params.id);
      },
    );

    app.post(
      '/:id/decide',
      {
        config: access('exemplar.select', { params: { id: 'exemplar' } }),
        schema: {
          tags,
          summary: '评选（上级组织会议决定）Select or not, by committee decision',
          params: idParam,
          body: z.object({
            decision: z.enum(['selected', 'not_selected']),
            method: z.enum(['committee', 'vote']).default('committee'),
            note: z
              .string()
              .max(EXEMPLAR_LIMITS.note * 2)
              .default(''),
            decidedOn: isoDate,
          }),
          response: { 200: exemplarDetail },
        },
      },
      async (req) => {
        const actor = requireActor(req);
        await exemplarService.decide(ctx, actor, req.params.id, req.body);
        return exemplarService.get(ctx, actor, req.params.id);
      },
    );

    app.post(
      '/:id/vote',
      {
        config: access('exemplar.select', { params: { id: 'exemplar' } }),
        schema: {
          tags,
          summary: '发起团员代表投票（同意/不同意/弃权，匿名）Hold a representative vote on the nomination',
          params: idParam,
          body: z.object({ closesAt: isoDateTime.nullable().optional() }),
          response: { 200: exemplarDetail },
        },
      },
      async (req) => {
        const actor = requireActor(req);
        await exemplarService.startVote(ctx, actor, req.params.id, req.body.closesAt ?? null);
        return exemplarService.get(ctx, actor, req.params.id);
      },
    );

    app.post(
      '/:id/vote/close',
      {
        config: access('exemplar.select', { params: { id: 'exemplar' } }),
        schema: { tags, summary: '结束代表投票并计票 Close the vote and tally', params: idParam, response: { 200: exemplarDetail } },
      },
      async (req) => {
        const actor = requireActor(req);
        await exemplarService.closeVote(ctx, actor, req.params.id);
        return exemplarService.get(ctx, actor, req.params.id);
      },
    );

    app.post(
      '/:id/demo-site',
      {
        config: access('exemplar.select', { params: { id: 'exemplar' } }),
        schema: {
          tags,
          summary: '设为/取消示范点 Designate or end a demonstration site',
          params: idParam,
          body: z.object({ demoSite: z.boolean() }),
          response: { 200: exemplarDetail },
        },
      },
      async (req) => {
        const actor = requireActor(req);
        await exemplarService.setDemoSite(ctx, actor, req.params.id, req.body.demoSite);
        return exemplarService.get(ctx, actor, req.params.id);
      },
    );

    app.get(
      '/:id/photos/:attachmentId',
      {
        config: access('exemplar.read', { params: { id: 'exemplar', attachmentId: 'exemplarPhoto' } }),
        schema: { tags, summary: '先进典型照片 A photo of the exemplar', params: photoParams, response: { 200: binary('image/*') } },
      },
      async (req, reply) => {
        const a = await exemplarService.photo(ctx, requireActor(req), req.params.id, req.params.attachmentId);
        return reply.type(a.mime).header('x-content-type-options', 'nosniff').header('cache-control', 'private, max-age=86400').send(ctx.files.read(a.hash));
      },
    );

    app.get(
      '/:id/photos/:attachmentId/thumb',
      {
        config: access('exemplar.read', { params: { id: 'exemplar', attachmentId: 'exemplarPhoto' } }),
        schema: { tags, summary: '照片缩略图 Thumbnail', params: photoParams, response: { 200: binary('image/webp') } },
      },
      async (req, reply) => {
        const a = await exemplarService.photo(ctx, requireActor(req), req.params.id, req.params.attachmentId);
        if (!a.thumb_hash) throw notFound({ zh: '缩略图', en: 'Thumbnail' });
        return reply
          .type('image/webp')
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, max-age=86400')
          .send(ctx.files.read(a.thumb_hash));
      },
    );
  };

import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.ts';
import { requireActor } from '../auth/hooks.ts';
import { idParam, isoDate, trimmed } from '../http/schemas.ts';
import { inspectionService, rectificationService } from './service.ts';
import { access } from '../access/guard.ts';
import { ok } from '@zx/contract/common';
import { inspectionDetail, inspectionList, rectificationList } from '@zx/contract/inspections';

const tags = ['检查指导 Inspections'];
const paging = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};
const orgFilter = {
  orgId: z.coerce.number().int().positive().optional(),
  subtree: z.enum(['0', '1']).default('1'),
};

export const inspectionRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/',
      {
        config: access('inspection.write', { body: { orgId: 'org', campaignId: 'campaign' } }),
        schema: {
          tags,
          summary: '记录检查指导及整改事项 Record a visit with rectification items',
          body: z.object({
            orgId: z.number().int().positive(),
            campaignId: z.number().int().positive().nullable().optional(),
            visitedOn: isoDate,
            findings: trimmed(1, 5000),
            score: z.number().int().min(0).max(100).nullable().optional(),
            items: z
              .array(z.object({ description: trimmed(1, 1000), owner: trimmed(1, 60), dueOn: isoDate }))
              .max(50)
              .default([]),
          }),
          response: { 201: inspectionDetail },
        },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        const id = await inspectionService.create(ctx, actor, req.body);
        return reply.status(201).send(await inspectionService.get(ctx, actor, id));
      },
    );

    app.get(
      '/',
      {
        config: access('inspection.read', { query: { orgId: 'org', campaignId: 'campaign' } }),
        schema: {
          tags,
          summary: '检查记录（本组织及下级）Visits to units in my subtree',
          querystring: z.object({
            ...orgFilter,
            campaignId: z.coerce.number().int().positive().optional(),
            from: isoDate.optional(),
            to: isoDate.optional(),
            ...paging,
          }),
          response: { 200: inspectionList },
        },
      },
      async (req) => {
        const { page, pageSize, subtree, ...f } = req.query;
        return inspectionService.list(ctx, requireActor(req), { ...f, subtree: subtree === '1' }, { page, pageSize });
      },
    );

    app.get(
      '/:id',
      {
        config: access('inspection.read', { params: { id: 'inspection' } }),
        schema: { tags, summary: '检查记录详情及整改事项 A visit with its items', params: idParam, response: { 200: inspectionDetail } },
      },
      async (req) => inspectionService.get(ctx, requireActor(req), req.params.id),
    );
  };

export const rectificationRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/',
      {
        config: access('inspection.read', { query: { orgId: 'org' } }),
        schema: {
          tags,
          summary: '整改事项（overdue = 未销号且已过期限）Rectification items in my subtree',
          querystring: z.object({ ...orgFilter, status: z.enum(['open', 'answered', 'closed', 'overdue']).optional(), ...paging }),
          response: { 200: rectificationList },
        },
      },
      async (req) => {
        const { page, pageSize, subtree, ...f } = req.query;
        return rectificationService.list(ctx, requireActor(req), { ...f, subtree: subtree === '1' }, { page, pageSize });
      },
    );

    app.post(
      '/:id/answer',
      {
        config: access('rectification.answer', { params: { id: 'rectification' } }),
        schema: {
          tags,
          summary: '答复整改事项 Answer an item (the unit)',
          params: idParam,
          body: z.object({ answer: trimmed(1, 5000) }),
          response: { 200: ok },
        },
      },
      async (req) => {
        await rectificationService.answer(ctx, requireActor(req), req.params.id, req.body.answer);
        return { ok: true as const };
      },
    );

    app.post(
      '/:id/close',
      {
        config: access('inspection.write', { params: { id: 'rectification' } }),
        schema: {
          tags,
          summary: '整改事项销号（上级）Close an answered item',
          params: idParam,
          body: z.object({ comment: z.string().trim().max(1000).nullable().optional() }),
          response: { 200: ok },
        },
      },
      async (req) => {
        await rectificationService.close(ctx, requireActor(req), req.params.id, req.body.comment || null);
        return { ok: true as const };
      },
    );

    app.post(
      '/:id/reopen',
      {
        config: access('inspection.write', { params: { id: 'rectification' } }),
        schema: {
          tags,
          summary: '退回整改事项（上级）Send an item back with a comment',
          params: idParam,
          body: z.object({ comment: trimmed(1, 1000) }),
          response: { 200: ok },
        },
      },
      async (req) => {
        await rectificationService.reopen(ctx, requireActor(req), req.params.id, req.body.comment);
        return { ok: true as const };
      },
    );
  };

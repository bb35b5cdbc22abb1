import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { BENCHMARK_STEP_KEYS, MEASURE_LIMITS } from '@zx/domain';
import type { AppContext } from '../context.ts';
import { requireActor } from '../auth/hooks.ts';
import { idParam, isoDate, trimmed } from '../http/schemas.ts';
import { benchmarkService } from './service.ts';
import { access } from '../access/guard.ts';
import { ok } from '@zx/contract/common';
import { benchmark, measure, measureList } from '@zx/contract/benchmarking';

const tags = ['对标定位 Benchmarking'];
/** The supervising side comments on and sends back measures: the level above with benchmark.write, or an inspector. */
const SUPERVISE = ['benchmark.write', 'inspection.write'] as const;
const id = z.number().int().positive();
const unitParams = z.object({ campaignId: z.coerce.number().int().positive(), orgId: z.coerce.number().int().positive() });
const measureFields = {
  dimensionKey: z.string().max(60),
  content: z.string().max(MEASURE_LIMITS.content * 2),
  ownerMemberId: id,
  dueOn: isoDate,
};

/** /api/v1/benchmarks/:campaignId/:orgId — one unit's exercise in a campaign. */
export const benchmarkRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/:campaignId/:orgId',
      {
        config: access('benchmark.read', { params: { campaignId: 'campaign', orgId: 'org' } }),
        schema: {
          tags,
          summary: '本单位对标：所选典型、各维度差距、赶超措施 The unit’s exercise: exemplars, gaps per dimension, measures',
          params: unitParams,
          response: { 200: benchmark },
        },
      },
      async (req) => benchmarkService.get(ctx, requireActor(req), req.params.campaignId, req.params.orgId),
    );

    app.put(
      '/:campaignId/:orgId',
      {
        config: access('benchmark.write', { params: { campaignId: 'campaign', orgId: 'org' }, body: { 'exemplarIds[]': 'exemplar' } }),
        schema: {
          tags,
          summary: '选择对标典型（及对照反思记录）Choose the exemplars (and keep reflection notes)',
          params: unitParams,
          body: z.object({ exemplarIds: z.array(id).max(20), reflection: z.string().max(10000).nullable().optional() }),
          response: { 200: benchmark },
        },
      },
      async (req) => benchmarkService.save(ctx, requireActor(req), req.params.campaignId, req.params.orgId, req.body),
    );

    app.post(
      '/:campaignId/:orgId/step',
      {
        config: access('benchmark.write', { params: { campaignId: 'campaign', orgId: 'org' } }),
        schema: {
          tags,
          summary: '推进对标步骤 Move to a step of the six',
          params: unitParams,
          body: z.object({ step: z.enum(BENCHMARK_STEP_KEYS) }),
          response: { 200: benchmark },
        },
      },
      async (req) => benchmarkService.setStep(ctx, requireActor(req), req.params.campaignId, req.params.orgId, req.body.step),
    );

    app.post(
      '/:campaignId/:orgId/measures',
      {
        config: access('benchmark.write', { params: { campaignId: 'campaign', orgId: 'org' }, body: { ownerMemberId: 'member' } }),
        schema: { tags, summary: '制定赶超措施 Add a catch-up measure', params: unitParams, body: z.object(measureFields), response: { 201: measure } },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        const newId = await benchmarkService.addMeasure(ctx, actor, req.params.campaignId, req.params.orgId, req.body);
        return reply.status(201).send(await benchmarkService.getMeasure(ctx, actor, newId));
      },
    );
  };

/** /api/v1/measures — catch-up measures across the subtree (supervision) and per measure. */
export const measureRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/',
      {
        config: access('benchmark.read', { query: { orgId: 'org', campaignId: 'campaign' } }),
        schema: {
          tags,
          summary: '赶超措施（本组织及下级；overdue = 未销号且已过期限）Measures of my subtree',
          querystring: z.object({
            orgId: z.coerce.number().int().positive().optional(),
            subtree: z.enum(['0', '1']).default('1'),
            campaignId: z.coerce.number().int().positive().optional(),
            status: z.enum(['open', 'closed', 'overdue']).optional(),
            page: z.coerce.number().int().min(1).default(1),
            pageSize: z.coerce.number().int().min(1).max(200).default(20),
          }),
          response: { 200: measureList },
        },
      },
      async (req) => {
        const { page, pageSize, subtree, ...f } = req.query;
        return benchmarkService.listMeasures(ctx, requireActor(req), { ...f, subtree: subtree === '1' }, { page, pageSize });
      },
    );

    app.get(
      '/:id',
      {
        config: access('benchmark.read', { params: { id: 'measure' } }),
        schema: { tags, summary: '赶超措施详情 A measure with its comments', params: idParam, response: { 200: measure } },
      },
      async (req) => benchmarkService.getMeasure(ctx, requireActor(req), req.params.id),
    );

    app.patch(
      '/:id',
      {
        config: access('benchmark.write', { params: { id: 'measure' }, body: { ownerMemberId: 'member' } }),
        schema: {
          tags,
          summary: '修改赶超措施（未销号）Edit an open measure',
          params: idParam,
          body: z.object(measureFields).partial(),
          response: { 200: measure },
        },
      },
      async (req) => {
        const actor = requireActor(req);
        await benchmarkService.updateMeasure(ctx, actor, req.params.id, req.body);
        return benchmarkService.getMeasure(ctx, actor, req.params.id);
      },
    );

    app.delete(
      '/:id',
      {
        config: access('benchmark.write', { params: { id: 'measure' } }),
        schema: { tags, summary: '删除赶超措施（未销号）Delete an open measure', params: idParam, response: { 200: ok } },
      },
      async (req) => {
        await benchmarkService.deleteMeasure(ctx, requireActor(req), req.params.id);
        return { ok: true as const };
      },
    );

    app.post(
      '/:id/close',
      {
        config: access('benchmark.write', { params: { id: 'measure' }, body: { activityId: 'activity', 'attachmentIds[]': 'attachment' } }),
        schema: {
          tags,
          summary: '销号（须有佐证：本单位活动或附件）Close with evidence',
          params: idParam,
          body: z.object({
            activityId: id.nullable().optional(),
            attachmentIds: z.array(id).max(MEASURE_LIMITS.attachments).optional(),
            note: z
              .string()
              .max(MEASURE_LIMITS.closingNote * 2)
              .nullable()
              .optional(),
          }),
          response: { 200: measure },
        },
      },
      async (req) => {
        const actor = requireActor(req);
        await benchmarkService.closeMeasure(ctx, actor, req.params.id, req.body);
        return benchmarkService.getMeasure(ctx, actor, req.params.id);
      },
    );

    app.post(
      '/:id/reopen',
      {
        config: access(SUPERVISE, { params: { id: 'measure' } }),
        schema: {
          tags,
          summary: '退回已销号措施（上级）Send a closed measure back',
          params: idParam,
          body: z.object({ comment: trimmed(1, MEASURE_LIMITS.comment) }),
          response: { 200: measure },
        },
      },
      async (req) => {
        const actor = requireActor(req);
        await benchmarkService.reopenMeasure(ctx, actor, req.params.id, req.body.comment);
        return benchmarkService.getMeasure(ctx, actor, req.params.id);
      },
    );

    app.post(
      '/:id/comments',
      {
        config: access(SUPERVISE, { params: { id: 'measure' } }),
        schema: {
          tags,
          summary: '督促意见（上级）Comment on a measure',
          params: idParam,
          body: z.object({ body: trimmed(1, MEASURE_LIMITS.comment) }),
          response: { 201: measure },
        },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        await benchmarkService.comment(ctx, actor, req.params.id, req.body.body);
        return reply.status(201).send(await benchmarkService.getMeasure(ctx, actor, req.params.id));
      },
    );
  };

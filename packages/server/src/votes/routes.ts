import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CADRE_RATING_SCALES, VOTE_KINDS } from '@zx/domain';
import type { AppContext } from '../context.ts';
import { requireActor } from '../auth/hooks.ts';
import { idParam, okResponse } from '../http/schemas.ts';
import { voteService } from './service.ts';

const tags = ['评议投票 Votes'];
const orgQuery = z.object({ orgId: z.coerce.number().int().positive() });
const isoTime = z.string().max(40).refine((s) => !Number.isNaN(Date.parse(s)), '时间无效|Invalid time');
const settings = z.object({
  quorum: z.object({ num: z.number().int().min(0).max(100), den: z.number().int().min(1).max(100), strict: z.boolean() }).optional(),
  minGroup: z.number().int().min(1).max(100).optional(),
  weighting: z.object({ memberWeight: z.number().int().min(0).max(100), upperWeight: z.number().int().min(0).max(100) }).nullable().optional(),
  flagBelow: z.number().min(0).max(1).optional(),
  exemptMonths: z.number().int().min(0).max(24).optional(),
}).optional();

export const voteRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.get('/representatives', { schema: { tags, summary: '团员代表名单 Representatives of an organization', querystring: orgQuery } }, async (req) =>
    voteService.representatives(ctx, requireActor(req), req.query.orgId));

  app.put('/representatives', {
    schema: { tags, summary: '设定团员代表（从名册中选择）Set the representatives (picked from the roster)', body: z.object({ orgId: z.number().int().positive(), memberIds: z.array(z.number().int().positive()).max(1000) }) },
  }, async (req) => voteService.setRepresentatives(ctx, requireActor(req), req.body.orgId, req.body.memberIds));

  app.get('/cadre-preview', {
    schema: { tags, summary: '述职评议预览：干部、免评、投票人 Preview a cadre rating: cadres, exemptions, roll', querystring: orgQuery.extend({ exemptMonths: z.coerce.number().int().min(0).max(24).optional() }) },
  }, async (req) => voteService.cadrePreview(ctx, requireActor(req), req.query.orgId, req.query.exemptMonths));

  app.get('/sessions', {
    schema: { tags, summary: '本级及下级的投票 Sessions in scope', querystring: z.object({ orgId: z.coerce.number().int().positive().optional(), kind: z.enum(VOTE_KINDS).optional(), status: z.enum(['draft', 'open', 'closed', 'cancelled']).optional() }) },
  }, async (req) => voteService.list(ctx, requireActor(req), req.query));

  app.post('/sessions', {
    schema: {
      tags, summary: '创建述职评议 Create a cadre rating session',
      body: z.object({
        orgId: z.number().int().positive(), titleZh: z.string().trim().max(100).nullable().optional(), scale: z.enum(CADRE_RATING_SCALES as [string, ...string[]]).optional(),
        reportYear: z.number().int().min(2000).max(2100).optional(), opensAt: isoTime.nullable().optional(), closesAt: isoTime.nullable().optional(), settings,
      }),
    },
  }, async (req, reply) => reply.status(201).send(await voteService.createCadreRating(ctx, requireActor(req), req.body as Parameters<typeof voteService.createCadreRating>[2])));

  app.get('/sessions/:id', { schema: { tags, summary: '投票详情 Session', params: idParam } }, async (req) => voteService.get(ctx, requireActor(req), req.params.id));

  app.delete('/sessions/:id', { schema: { tags, summary: '删除未开始的投票 Delete a draft', params: idParam, response: { 200: okResponse } } }, async (req) => {
    await voteService.remove(ctx, requireActor(req), req.params.id);
    return { ok: true as const };
  });

  app.get('/sessions/:id/roll', { schema: { tags, summary: '投票人名单与是否已投（不含所投内容）The roll and who has voted (never what)', params: idParam } }, async (req) =>
    voteService.roll(ctx, requireActor(req), req.params.id));

  app.post('/sessions/:id/open', { schema: { tags, summary: '开始投票（冻结投票人名单，留痕）Open (freezes the roll; audited)', params: idParam } }, async (req) =>
    voteService.open(ctx, requireActor(req), req.params.id));

  app.post('/sessions/:id/close', { schema: { tags, summary: '结束投票并计票（留痕）Close and tally (audited)', params: idParam } }, async (req) =>
    voteService.close(ctx, requireActor(req), req.params.id));

  app.get('/sessions/:id/result', { schema: { tags, summary: '评议结果（结束前密封）Result (sealed until close)', params: idParam } }, async (req) =>
    voteService.result(ctx, requireActor(req), req.params.id));

  app.put('/sessions/:id/subjects/:subjectId/upper-score', {
    schema: { tags, summary: '上级评分（加权）Upper level score for weighting', params: z.object({ id: z.coerce.number().int().positive(), subjectId: z.coerce.number().int().positive() }), body: z.object({ score: z.number().min(0).max(100).nullable() }) },
  }, async (req) => voteService.setUpperScore(ctx, requireActor(req), req.params.id, req.params.subjectId, req.body.score));

  app.get('/mine', { schema: { tags, summary: '我的投票 Sessions where I am on the roll' } }, async (req) => voteService.mine(ctx, requireActor(req)));

  app.get('/sessions/:id/ballot', { schema: { tags, summary: '选票 The ballot paper', params: idParam } }, async (req) => voteService.ballot(ctx, requireActor(req), req.params.id));

  app.post('/sessions/:id/ballot', {
    schema: { tags, summary: '投票（每人一次，匿名）Cast (once, anonymous)', params: idParam, body: z.object({ answers: z.record(z.string().regex(/^\d{1,12}$/), z.union([z.string().max(40), z.number().int()])) }) },
  }, async (req) => voteService.cast(ctx, requireActor(req), req.params.id, req.body.answers));
};


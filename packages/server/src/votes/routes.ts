import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CADRE_RATING_SCALES, VOTE_KINDS, ballotFloorErrors } from '@zx/domain';
import type { AppContext } from '../context.ts';
import { requireActor } from '../auth/hooks.ts';
import { idParam, isoDateTime, okResponse } from '../http/schemas.ts';
import { voteService } from './service.ts';
import { access } from '../access/guard.ts';
import {
  ballotCast,
  ballotPaper,
  cadrePreview,
  myVotes,
  representativeList,
  sessionDetail,
  sessionResult,
  voteRoll,
  voteSessionList,
} from '@zx/contract/votes';

const tags = ['评议投票 Votes'];
const orgQuery = z.object({ orgId: z.coerce.number().int().positive() });
/**
 * A rating's settings. The anonymity floors are rules (docs/votes.md): a quorum below 2/3 of the
 * roll or a group smaller than 5 is refused here, on its field, with the domain's code and
 * message (QUORUM_BELOW_FLOOR, MIN_GROUP_BELOW_FLOOR) — the schema accepts nothing the engine would not.
 */
const settings = z
  .object({
    quorum: z.object({ num: z.number().int().min(0).max(100), den: z.number().int().min(1).max(100), strict: z.boolean() }).optional(),
    minGroup: z.number().int().max(100).optional(),
    weighting: z
      .object({ memberWeight: z.number().int().min(0).max(100), upperWeight: z.number().int().min(0).max(100) })
      .nullable()
      .optional(),
    flagBelow: z.number().min(0).max(1).optional(),
    exemptMonths: z.number().int().min(0).max(24).optional(),
  })
  .superRefine((value, check) => {
    for (const e of ballotFloorErrors('cadre_rating', value)) {
      check.addIssue({ code: 'custom', path: e.field.split('.').slice(1), message: `${e.code}|${e.message.zh}|${e.message.en}` });
    }
  })
  .optional();

export const voteRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/representatives',
      {
        config: access('vote.manage', { query: { orgId: 'org' } }),
        schema: { tags, summary: '团员代表名单 Representatives of an organization', querystring: orgQuery, response: { 200: representativeList } },
      },
      async (req) => voteService.representatives(ctx, requireActor(req), req.query.orgId),
    );

    app.put(
      '/representatives',
      {
        config: access('vote.manage', { body: { orgId: 'org', 'memberIds[]': 'member' } }),
        schema: {
          tags,
          summary: '设定团员代表（从名册中选择）Set the representatives (picked from the roster)',
          body: z.object({ orgId: z.number().int().positive(), memberIds: z.array(z.number().int().positive()).max(1000) }),
          response: { 200: representativeList },
        },
      },
      async (req) => voteService.setRepresentatives(ctx, requireActor(req), req.body.orgId, req.body.memberIds),
    );

    app.get(
      '/cadre-preview',
      {
        config: access('vote.manage', { query: { orgId: 'org' } }),
        schema: {
          tags,
          summary: '述职评议预览：干部、免评、投票人 Preview a cadre rating: cadres, exemptions, roll',
          querystring: orgQuery.extend({ exemptMonths: z.coerce.number().int().min(0).max(24).optional() }),
          response: { 200: cadrePreview },
        },
      },
      async (req) => voteService.cadrePreview(ctx, requireActor(req), req.query.orgId, req.query.exemptMonths),
    );

    app.get(
      '/sessions',
      {
        config: access('vote.manage', { query: { orgId: 'org' } }),
        schema: {
          tags,
          summary: '本级及下级的投票 Sessions in scope',
          querystring: z.object({
            orgId: z.coerce.number().int().positive().optional(),
            kind: z.enum(VOTE_KINDS).optional(),
            status: z.enum(['draft', 'open', 'closed', 'cancelled']).optional(),
          }),
          response: { 200: voteSessionList },
        },
      },
      async (req) => voteService.list(ctx, requireActor(req), req.query),
    );

    app.post(
      '/sessions',
      {
        config: access('vote.manage', { body: { orgId: 'org' } }),
        schema: {
          tags,
          summary: '创建述职评议 Create a cadre rating session',
          body: z.object({
            orgId: z.number().int().positive(),
            titleZh: z.string().trim().max(100).nullable().optional(),
            scale: z.enum(CADRE_RATING_SCALES as [string, ...string[]]).optional(),
            reportYear: z.number().int().min(2000).max(2100).optional(),
            opensAt: isoDateTime.nullable().optional(),
            closesAt: isoDateTime.nullable().optional(),
            settings,
          }),
          response: { 201: sessionDetail },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await voteService.createCadreRating(ctx, requireActor(req), req.body as Parameters<typeof voteService.createCadreRating>[2])),
    );

    app.get(
      '/sessions/:id',
      {
        config: access('vote.manage', { params: { id: 'voteSession' } }),
        schema: { tags, summary: '投票详情 Session', params: idParam, response: { 200: sessionDetail } },
      },
      async (req) => voteService.get(ctx, requireActor(req), req.params.id),
    );

    app.delete(
      '/sessions/:id',
      {
        config: access('vote.manage', { params: { id: 'voteSession' } }),
        schema: { tags, summary: '删除未开始的投票 Delete a draft', params: idParam, response: { 200: okResponse } },
      },
      async (req) => {
        await voteService.remove(ctx, requireActor(req), req.params.id);
        return { ok: true as const };
      },
    );

    app.get(
      '/sessions/:id/roll',
      {
        config: access('vote.manage', { params: { id: 'voteSession' } }),
        schema: { tags, summary: '投票人名单与是否已投（不含所投内容）The roll and who has voted (never what)', params: idParam, response: { 200: voteRoll } },
      },
      async (req) => voteService.roll(ctx, requireActor(req), req.params.id),
    );

    app.post(
      '/sessions/:id/open',
      {
        config: access('vote.manage', { params: { id: 'voteSession' } }),
        schema: { tags, summary: '开始投票（冻结投票人名单，留痕）Open (freezes the roll; audited)', params: idParam, response: { 200: sessionDetail } },
      },
      async (req) => voteService.open(ctx, requireActor(req), req.params.id),
    );

    app.post(
      '/sessions/:id/close',
      {
        config: access('vote.manage', { params: { id: 'voteSession' } }),
        schema: { tags, summary: '结束投票并计票（留痕）Close and tally (audited)', params: idParam, response: { 200: sessionDetail } },
      },
      async (req) => voteService.close(ctx, requireActor(req), req.params.id),
    );

    app.get(
      '/sessions/:id/result',
      {
        config: access(['vote.cast', 'vote.manage'], { params: { id: 'voteSession' } }),
        schema: { tags, summary: '评议结果（结束前密封）Result (sealed until close)', params: idParam, response: { 200: sessionResult } },
      },
      async (req) => voteService.result(ctx, requireActor(req), req.params.id),
    );

    app.put(
      '/sessions/:id/subjects/:subjectId/upper-score',
      {
        config: access('vote.manage', { params: { id: 'voteSession', subjectId: 'voteSubject' } }),
        schema: {
          tags,
          summary: '上级评分（加权）Upper level score for weighting',
          params: z.object({ id: z.coerce.number().int().positive(), subjectId: z.coerce.number().int().positive() }),
          body: z.object({ score: z.number().min(0).max(100).nullable() }),
          response: { 200: sessionDetail },
        },
      },
      async (req) => voteService.setUpperScore(ctx, requireActor(req), req.params.id, req.params.subjectId, req.body.score),
    );

    app.get(
      '/mine',
      { config: access('vote.cast'), schema: { tags, summary: '我的投票 Sessions where I am on the roll', response: { 200: myVotes } } },
      async (req) => voteService.mine(ctx, requireActor(req)),
    );

    app.get(
      '/sessions/:id/ballot',
      {
        config: access('vote.cast', { params: { id: 'voteSession' } }),
        schema: { tags, summary: '选票 The ballot paper', params: idParam, response: { 200: ballotPaper } },
      },
      async (req) => voteService.ballot(ctx, requireActor(req), req.params.id),
    );

    app.post(
      '/sessions/:id/ballot',
      {
        config: access('vote.cast', { params: { id: 'voteSession' }, checkedInService: true }),
        schema: {
          tags,
          summary: '投票（每人一次，匿名）Cast (once, anonymous)',
          params: idParam,
          body: z.object({ answers: z.record(z.string().regex(/^\d{1,12}$/), z.union([z.string().max(40), z.number().int()])).default({}) }),
          response: { 200: ballotCast },
        },
      },
      async (req) => voteService.cast(ctx, requireActor(req), req.params.id, req.body.answers),
    );
  };

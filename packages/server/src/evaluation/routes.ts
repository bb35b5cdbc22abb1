import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { EVALUATION_GRADES, EVALUATION_STAGES, isoToday } from '@zx/domain';
import type { AppContext } from '../context.ts';
import { requireActor } from '../auth/hooks.ts';
import { idParam, isoDate, isoDateTime } from '../http/schemas.ts';
import { evaluationService as svc } from './service.ts';
import { evaluationVoteService as votes } from './voting.ts';
import { negativeListService } from './history.ts';
import { evaluationSettingsBody } from './settings-schema.ts';
import { access } from '../access/guard.ts';
import {
  evaluation,
  evaluationComments,
  evaluationSettingsView,
  evaluationUnitList,
  evaluationVoteClosed,
  memberEvaluationHistory,
  myEvaluations,
  negativeEntryCreated,
  negativeEntryLifted,
  negativeList,
} from '@zx/contract/evaluation';

const tags = ['团员教育评议 Member evaluation'];
const grade = z.enum(EVALUATION_GRADES);
const memberParams = z.object({ id: z.coerce.number().int().positive(), memberId: z.coerce.number().int().positive() });
const text = (max: number) => z.string().max(max);
const count = z.number().int().min(0).max(100_000).optional();
const proposal = z
  .array(z.object({ memberId: z.number().int().positive(), grade: grade.nullable(), reason: z.string().max(1000).nullable().optional() }))
  .max(2000);

export const evaluationRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/settings',
      {
        config: access(['evaluation.read', 'evaluation.participate']),
        schema: { tags, summary: '评议规则设置（到会比例、优秀比例、重新评议期限）Evaluation settings', response: { 200: evaluationSettingsView } },
      },
      async (req) => svc.settings(ctx, requireActor(req)),
    );
    app.put(
      '/settings',
      {
        config: access('evaluation.approve'),
        schema: {
          tags,
          summary: '修改评议规则（顶层组织）Change the evaluation settings (top of the tree)',
          body: evaluationSettingsBody,
          response: { 200: evaluationSettingsView },
        },
      },
      async (req) => svc.saveSettings(ctx, requireActor(req), req.body),
    );

    app.get(
      '/',
      {
        config: access('evaluation.read', { query: { orgId: 'org' } }),
        schema: {
          tags,
          summary:
            '各基层组织的年度评议进度（含未开展）；stage=submitted 为待审核 Units with their round of the year (not_started included); stage=submitted is the approval queue',
          querystring: z.object({
            year: z.coerce
              .number()
              .int()
              .min(2000)
              .max(2100)
              .default(() => Number(isoToday().slice(0, 4))),
            orgId: z.coerce.number().int().positive().optional(),
            stage: z.enum(['not_started', ...EVALUATION_STAGES] as [string, ...string[]]).optional(),
            q: z.string().max(60).optional(),
            page: z.coerce.number().int().min(1).default(1),
            pageSize: z.coerce.number().int().min(1).max(200).default(20),
          }),
          response: { 200: evaluationUnitList },
        },
      },
      async (req) => svc.list(ctx, requireActor(req), req.query),
    );

    app.get(
      '/mine',
      { config: access('evaluation.participate'), schema: { tags, summary: '我参加的评议 Rounds I take part in', response: { 200: myEvaluations } } },
      async (req) => svc.mine(ctx, requireActor(req)),
    );

    app.post(
      '/',
      {
        config: access('evaluation.manage', { body: { orgId: 'org' } }),
        schema: {
          tags,
          summary: "开展年度团员教育评议（参评人员为在册团员，开始时固定）Open the year's evaluation for an organization",
          body: z.object({ orgId: z.number().int().positive(), year: z.number().int().min(2000).max(2100) }),
          response: { 201: evaluation },
        },
      },
      async (req, reply) => reply.status(201).send(await svc.open(ctx, requireActor(req), req.body)),
    );

    app.get(
      '/:id',
      {
        config: access(['evaluation.read', 'evaluation.participate'], { params: { id: 'evaluation' } }),
        schema: { tags, summary: '评议详情 A round', params: idParam, response: { 200: evaluation } },
      },
      async (req) => svc.get(ctx, requireActor(req), req.params.id),
    );

    app.put(
      '/:id/study',
      {
        config: access('evaluation.manage', { params: { id: 'evaluation' } }),
        schema: {
          tags,
          summary: '登记学习教育 Record the study step',
          params: idParam,
          body: z.object({ heldOn: isoDate.nullable(), note: text(2000).nullable().optional() }),
          response: { 200: evaluation },
        },
      },
      async (req) => svc.saveStudy(ctx, requireActor(req), req.params.id, { heldOn: req.body.heldOn, note: req.body.note ?? null }),
    );

    app.post(
      '/:id/advance',
      {
        config: access('evaluation.manage', { params: { id: 'evaluation' } }),
        schema: {
          tags,
          summary: '进入下一环节（学习→自评→互评）Move to the next step',
          params: idParam,
          body: z.object({ stage: z.enum(['self_assessment', 'peer_review']) }),
          response: { 200: evaluation },
        },
      },
      async (req) => svc.advance(ctx, requireActor(req), req.params.id, req.body.stage),
    );

    app.put(
      '/:id/participants/:memberId/self-assessment',
      {
        config: access(['evaluation.participate', 'evaluation.manage'], { params: { id: 'evaluation', memberId: 'evaluationPeer' } }),
        schema: {
          tags,
          summary: '个人自评（本人填写，或支部代为录入）Self-assessment (by the member, or recorded by the secretary)',
          params: memberParams,
          body: z.object({ text: text(5000) }),
          response: { 200: evaluation },
        },
      },
      async (req) => svc.writeSelfAssessment(ctx, requireActor(req), req.params.id, req.params.memberId, req.body.text),
    );

    app.put(
      '/:id/participants/:memberId/comment',
      {
        config: access('evaluation.participate', { params: { id: 'evaluation', memberId: 'evaluationPeer' } }),
        schema: {
          tags,
          summary: '对其他团员的互评意见（仅支委会可见；空白为撤回）A peer comment (committee only; empty withdraws it)',
          params: memberParams,
          body: z.object({ text: text(2000) }),
          response: { 200: evaluation },
        },
      },
      async (req) => svc.writeComment(ctx, requireActor(req), req.params.id, req.params.memberId, req.body.text),
    );

    app.get(
      '/:id/comments',
      {
        config: access(['evaluation.manage', 'evaluation.approve'], { params: { id: 'evaluation' } }),
        schema: {
          tags,
          summary: '互评意见（支委会及上级）Peer comments (committee and the level above)',
          params: idParam,
          response: { 200: evaluationComments },
        },
      },
      async (req) => svc.comments(ctx, requireActor(req), req.params.id),
    );

    app.post(
      '/:id/vote',
      {
        config: access('evaluation.manage', { params: { id: 'evaluation' } }),
        schema: {
          tags,
          summary: '发起网上民主测评（投票引擎）Open the online vote',
          params: idParam,
          body: z.object({ closesAt: isoDateTime.nullable().optional() }),
          response: { 200: evaluation },
        },
      },
      async (req) => votes.openVote(ctx, requireActor(req), req.params.id, { closesAt: req.body.closesAt ?? null }),
    );

    app.post(
      '/:id/vote/close',
      {
        config: access('evaluation.manage', { params: { id: 'evaluation' } }),
        schema: { tags, summary: '结束网上投票并计票 Close and count the online vote', params: idParam, response: { 200: evaluationVoteClosed } },
      },
      async (req) => votes.closeVote(ctx, requireActor(req), req.params.id),
    );

    app.post(
      '/:id/vote/paper',
      {
        config: access('evaluation.manage', { params: { id: 'evaluation' }, body: { 'counts[].memberId': 'evaluationPeer' } }),
        schema: {
          tags,
          summary: '录入现场纸质投票结果 Enter the paper ballot count',
          params: idParam,
          body: z.object({
            present: z.number().int().min(0).max(100_000),
            counts: z
              .array(z.object({ memberId: z.number().int().positive(), excellent: count, qualified: count, basic: count, unqualified: count }))
              .max(2000),
          }),
          response: { 200: evaluation },
        },
      },
      async (req) => votes.recordPaperTally(ctx, requireActor(req), req.params.id, req.body),
    );

    app.put(
      '/:id/proposal',
      {
        config: access('evaluation.manage', { params: { id: 'evaluation' }, body: { 'grades[].memberId': 'evaluationPeer' } }),
        schema: {
          tags,
          summary: '支委会拟定等次（草稿）Save proposed grades',
          params: idParam,
          body: z.object({ grades: proposal }),
          response: { 200: evaluation },
        },
      },
      async (req) => svc.saveProposal(ctx, requireActor(req), req.params.id, req.body.grades),
    );

    app.post(
      '/:id/submit',
      {
        config: access('evaluation.manage', { params: { id: 'evaluation' }, body: { 'grades[].memberId': 'evaluationPeer' } }),
        schema: {
          tags,
          summary: '报上级审核 Submit the grades to the level above',
          params: idParam,
          body: z.object({ grades: proposal.optional() }),
          response: { 200: evaluation },
        },
      },
      async (req) => svc.submit(ctx, requireActor(req), req.params.id, req.body.grades),
    );

    app.post(
      '/:id/review',
      {
        config: access('evaluation.approve', { params: { id: 'evaluation' } }),
        schema: {
          tags,
          summary: '上级审定或退回（退回须填写意见）Approve or return (a return needs a comment)',
          params: idParam,
          body: z.object({ decision: z.enum(['approve', 'return']), comment: z.string().max(2000).nullable().optional() }),
          response: { 200: evaluation },
        },
      },
      async (req) => svc.review(ctx, requireActor(req), req.params.id, req.body),
    );

    app.post(
      '/:id/participants/:memberId/reevaluation',
      {
        config: access('evaluation.manage', { params: { id: 'evaluation', memberId: 'evaluationPeer' } }),
        schema: {
          tags,
          summary: '登记不合格团员的重新评议结果 Record the re-evaluation of an 不合格 member',
          params: memberParams,
          body: z.object({ grade, heldOn: isoDate, note: text(2000) }),
          response: { 200: evaluation },
        },
      },
      async (req) => svc.recordReevaluation(ctx, requireActor(req), req.params.id, req.params.memberId, req.body),
    );

    app.get(
      '/history/:memberId',
      {
        config: access(['evaluation.read', 'evaluation.participate'], { params: { memberId: 'evaluatedMember' } }),
        schema: {
          tags,
          summary: "团员历年评议等次与负面清单 A member's evaluation history and negative-list entries",
          params: z.object({ memberId: z.coerce.number().int().positive() }),
          response: { 200: memberEvaluationHistory },
        },
      },
      async (req) => negativeListService.history(ctx, requireActor(req), req.params.memberId),
    );

    app.get(
      '/negative-list',
      {
        config: access('evaluation.read', { query: { orgId: 'org' } }),
        schema: {
          tags,
          summary: '负面清单 The negative list of a subtree',
          querystring: z.object({ orgId: z.coerce.number().int().positive().optional(), includeLifted: z.enum(['0', '1']).default('0') }),
          response: { 200: negativeList },
        },
      },
      async (req) => negativeListService.list(ctx, requireActor(req), { orgId: req.query.orgId, includeLifted: req.query.includeLifted === '1' }),
    );

    app.post(
      '/negative-list',
      {
        config: access('evaluation.manage', { body: { memberId: 'member' } }),
        schema: {
          tags,
          summary: '列入负面清单 Put a member on the negative list',
          body: z.object({ memberId: z.number().int().positive(), reason: text(1000), startsOn: isoDate, endsOn: isoDate.nullable().optional() }),
          response: { 201: negativeEntryCreated },
        },
      },
      async (req, reply) => reply.status(201).send(await negativeListService.add(ctx, requireActor(req), { ...req.body, endsOn: req.body.endsOn ?? null })),
    );

    app.post(
      '/negative-list/:id/lift',
      {
        config: access('evaluation.manage', { params: { id: 'negativeEntry' } }),
        schema: {
          tags,
          summary: '撤销负面清单记录 Lift an entry',
          params: idParam,
          body: z.object({ reason: text(1000) }),
          response: { 200: negativeEntryLifted },
        },
      },
      async (req) => negativeListService.lift(ctx, requireActor(req), req.params.id, req.body.reason),
    );
  };

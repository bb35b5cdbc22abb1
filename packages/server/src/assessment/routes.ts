import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { TIER_CODES, TITLE_CODES, type Rubric } from '@zx/domain';
import type { AppContext } from '../context.ts';
import { requireActor } from '../auth/hooks.ts';
import { idParam } from '../http/schemas.ts';
import { rubricService } from './rubrics.ts';
import { assessmentService } from './service.ts';
import { tierService } from './tiers.ts';
import { access } from '../access/guard.ts';
import {
  assessmentQueue,
  assessmentSheet,
  rubricRecord,
  tierHistory,
  titleAwarded,
  titleList,
  toConfirm,
  upgradeReport,
  verifyPreview,
} from '@zx/contract/assessment';

const tags = ['达标争先 Assessment'];
const params = z.object({ id: z.coerce.number().int().positive(), orgId: z.coerce.number().int().positive() });
const note = z.string().max(2000).nullable().optional();
const year = z.coerce.number().int().min(2000).max(2100);
const text = (max: number) => z.string().max(max);

/** Loose shapes here; the domain's validateRubric gives the field-level, bilingual answers. */
const rubricBody = z.object({
  nameZh: text(120),
  nameEn: text(200),
  dimensions: z
    .array(
      z.object({
        key: text(60),
        nameZh: text(60),
        nameEn: text(120),
        items: z
          .array(
            z.object({
              key: text(60),
              textZh: text(300),
              textEn: text(500),
              points: z.number(),
              evidenceHintZh: text(300).default(''),
              evidenceHintEn: text(500).default(''),
            }),
          )
          .max(60),
      }),
    )
    .max(12),
  vetoes: z.array(z.object({ key: text(60), textZh: text(300), textEn: text(500) })).max(20),
  settings: z.object({
    totalPoints: z.number(),
    bands: z.object({ star5: z.number(), star4: z.number(), star3: z.number(), lagging: z.number() }),
    minAgeMonths: z.number(),
    topTierMinAgeMonths: z.number(),
    unknownFoundedOn: z.enum(['eligible', 'ineligible']),
    caps: z.array(z.object({ tier: z.enum(['star5', 'star4']), maxPercent: z.number() })).max(2),
    generalBranchTypes: z.array(text(40)).max(10),
    ladder: z.object({
      requirePrevious: z.boolean(),
      minTier: z.object({ standard: z.enum(TIER_CODES), four_good: z.enum(TIER_CODES), distinctive: z.enum(TIER_CODES), red_flag: z.enum(TIER_CODES) }),
    }),
  }),
});

const selfBody = z.object({
  summary: note,
  items: z
    .array(
      z.object({
        key: text(60),
        score: z.number(),
        note,
        activityIds: z.array(z.number().int().positive()).max(20).default([]),
        attachmentIds: z.array(z.number().int().positive()).max(20).default([]),
      }),
    )
    .max(200),
  vetoes: z
    .array(z.object({ key: text(60), failed: z.boolean(), note }))
    .max(40)
    .default([]),
});

export const rubricRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/',
      { config: access(['assessment.read', 'rubric.write']), schema: { tags, summary: '考评标准 Rubrics', response: { 200: z.array(rubricRecord) } } },
      async (req) => rubricService.list(ctx, requireActor(req)),
    );
    app.get(
      '/:id',
      {
        config: access(['assessment.read', 'rubric.write'], { params: { id: 'rubric' } }),
        schema: { tags, summary: '考评标准详情 Rubric', params: idParam, response: { 200: rubricRecord } },
      },
      async (req) => rubricService.get(ctx, requireActor(req), req.params.id),
    );
    app.put(
      '/:id',
      {
        config: access('rubric.write', { params: { id: 'rubric' } }),
        schema: { tags, summary: '修改考评标准（市级）Edit a rubric (top level only)', params: idParam, body: rubricBody, response: { 200: rubricRecord } },
      },
      async (req) => rubricService.update(ctx, requireActor(req), req.params.id, req.body as Omit<Rubric, 'key'>),
    );
    app.post(
      '/',
      {
        config: access('rubric.write'),
        schema: {
          tags,
          summary: '新建考评标准（市级）Create a rubric (top level only)',
          body: rubricBody.extend({ key: text(60) }),
          response: { 201: rubricRecord },
        },
      },
      async (req, reply) => reply.status(201).send(await rubricService.create(ctx, requireActor(req), req.body as Rubric)),
    );
  };

/** Registered under /campaigns: one self-assessment per unit per campaign. */
export const assessmentRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/:id/assessments',
      {
        config: access('assessment.read', { params: { id: 'campaign' }, query: { orgId: 'org' } }),
        schema: {
          tags,
          summary: '各单位自评与核定状态（核定队列）Units with their self-assessment status (the verification queue)',
          params: idParam,
          querystring: z.object({
            orgId: z.coerce.number().int().positive().optional(),
            status: z.enum(['missing', 'draft', 'submitted', 'returned', 'verified']).optional(),
            q: z.string().max(60).optional(),
            page: z.coerce.number().int().min(1).default(1),
            pageSize: z.coerce.number().int().min(1).max(200).default(20),
          }),
          response: { 200: assessmentQueue },
        },
      },
      async (req) => assessmentService.list(ctx, requireActor(req), req.params.id, req.query),
    );

    app.get(
      '/:id/assessments/:orgId',
      {
        config: access('signedIn', { params: { id: 'assessmentCampaign', orgId: 'assessmentUnit' } }),
        schema: { tags, summary: "单位自评表（范围内或本单位团员代表可读）A unit's self-assessment", params, response: { 200: assessmentSheet } },
      },
      async (req) => assessmentService.get(ctx, requireActor(req), req.params.id, req.params.orgId),
    );

    app.put(
      '/:id/assessments/:orgId',
      {
        config: access('assessment.write', {
          params: { id: 'campaign', orgId: 'org' },
          body: { 'items[].activityIds[]': 'activity', 'items[].attachmentIds[]': 'attachment' },
        }),
        schema: {
          tags,
          summary: '保存自评得分与佐证（修改后须重新签字）Save item scores and evidence',
          params,
          body: selfBody,
          response: { 200: assessmentSheet },
        },
      },
      async (req) => assessmentService.save(ctx, requireActor(req), req.params.id, req.params.orgId, req.body),
    );

    app.post(
      '/:id/assessments/:orgId/sign',
      {
        config: access('assessment.write', { params: { id: 'campaign', orgId: 'org' } }),
        schema: { tags, summary: '书记签字确认 The secretary signs', params, response: { 200: assessmentSheet } },
      },
      async (req) => assessmentService.sign(ctx, requireActor(req), req.params.id, req.params.orgId),
    );

    app.post(
      '/:id/assessments/:orgId/confirm',
      {
        config: access('signedIn', { params: { id: 'assessmentCampaign', orgId: 'assessmentUnit' } }),
        schema: {
          tags,
          summary: '团员代表确认并报上级核定 A member representative confirms; it goes to the level above',
          params,
          response: { 200: assessmentSheet },
        },
      },
      async (req) => assessmentService.confirm(ctx, requireActor(req), req.params.id, req.params.orgId),
    );

    app.post(
      '/:id/assessments/:orgId/verify',
      {
        config: access('assessment.verify', { params: { id: 'campaign', orgId: 'org' } }),
        schema: {
          tags,
          summary: '上级核定（调整须写理由；dryRun 只预览档次）Verify: change items with reasons; dryRun previews the tier',
          params,
          body: z.object({
            items: z
              .array(z.object({ key: text(60), score: z.number(), reason: note }))
              .max(200)
              .default([]),
            vetoes: z
              .array(z.object({ key: text(60), failed: z.boolean(), reason: note }))
              .max(40)
              .default([]),
            comment: note,
            dryRun: z.boolean().default(false),
          }),
          response: { 200: z.union([assessmentSheet, verifyPreview]) },
        },
      },
      async (req) => assessmentService.verify(ctx, requireActor(req), req.params.id, req.params.orgId, req.body),
    );

    app.post(
      '/:id/assessments/:orgId/return',
      {
        config: access('assessment.verify', { params: { id: 'campaign', orgId: 'org' } }),
        schema: {
          tags,
          summary: '退回修改（须填写意见）Return with a comment',
          params,
          body: z.object({ comment: z.string().max(2000) }),
          response: { 200: assessmentSheet },
        },
      },
      async (req) => assessmentService.sendBack(ctx, requireActor(req), req.params.id, req.params.orgId, req.body.comment),
    );
  };

/** Registered under /assessment: representatives' queue, tier history, 晋档升级 and titles. */
export const assessmentMiscRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/to-confirm',
      {
        config: access('signedIn'),
        schema: { tags, summary: '待我（团员代表）确认的自评 Self-assessments awaiting my confirmation as a representative', response: { 200: toConfirm } },
      },
      async (req) => assessmentService.toConfirm(ctx, requireActor(req)),
    );

    app.get(
      '/orgs/:id/history',
      {
        config: access('assessment.read', { params: { id: 'org' } }),
        schema: {
          tags,
          summary: "单位历年档次与称号 A unit's tiers and titles by year",
          params: idParam,
          querystring: z.object({ year }),
          response: { 200: tierHistory },
        },
      },
      async (req) => tierService.history(ctx, requireActor(req), req.params.id, req.query.year),
    );

    app.get(
      '/upgrade-report',
      {
        config: access('assessment.read', { query: { orgId: 'org' } }),
        schema: {
          tags,
          summary: '晋档升级：本年与上年档次对比 Tier changes this year vs last year',
          querystring: z.object({
            orgId: z.coerce.number().int().positive().optional(),
            year,
            change: z.enum(['up', 'down', 'same', 'new', 'none']).optional(),
            page: z.coerce.number().int().min(1).default(1),
            pageSize: z.coerce.number().int().min(1).max(500).default(50),
          }),
          response: { 200: upgradeReport },
        },
      },
      async (req) => tierService.upgradeReport(ctx, requireActor(req), req.query),
    );

    app.get(
      '/titles',
      {
        config: access('assessment.read', { query: { orgId: 'org' } }),
        schema: {
          tags,
          summary: '称号名单 Titles awarded in a subtree',
          querystring: z.object({
            orgId: z.coerce.number().int().positive().optional(),
            year,
            title: z.enum(TITLE_CODES).optional(),
            page: z.coerce.number().int().min(1).default(1),
            pageSize: z.coerce.number().int().min(1).max(500).default(50),
          }),
          response: { 200: titleList },
        },
      },
      async (req) => tierService.titles(ctx, requireActor(req), req.query),
    );

    app.post(
      '/titles',
      {
        config: access('assessment.verify', { body: { orgId: 'org' } }),
        schema: {
          tags,
          summary: '授予称号（上级，按阶梯）Award a title (the level above, by the ladder)',
          body: z.object({ orgId: z.number().int().positive(), year: z.number().int().min(2000).max(2100), title: z.enum(TITLE_CODES), note }),
          response: { 201: titleAwarded },
        },
      },
      async (req, reply) => reply.status(201).send(await tierService.award(ctx, requireActor(req), req.body)),
    );

    app.delete(
      '/titles/:id',
      {
        config: access('assessment.verify', { params: { id: 'title' } }),
        schema: { tags, summary: '撤销称号 Withdraw a title', params: idParam, response: { 204: z.null() } },
      },
      async (req, reply) => {
        await tierService.revoke(ctx, requireActor(req), req.params.id);
        return reply.status(204).send(null);
      },
    );
  };

import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { CampaignTemplate } from '@zx/domain';
import type { AppContext } from '../context.ts';
import { requireActor } from '../auth/hooks.ts';
import { idParam, isoDate, trimmed } from '../http/schemas.ts';
import { campaignService } from './service.ts';
import { access } from '../access/guard.ts';
import { TEMPLATE_READERS } from './policy.ts';
import { campaign, template } from '@zx/contract/campaigns';

const tags = ['主题实践活动 Campaigns'];
const phaseDates = z
  .array(z.object({ key: z.string().min(1).max(40), startsOn: isoDate, endsOn: isoDate }))
  .min(1)
  .max(12);

const evidence = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('plan_approved') }),
  z.object({ kind: z.literal('activities'), activityType: z.string().min(1).max(40), min: z.number().int(), form: z.string().max(40).optional() }),
  z.object({ kind: z.literal('report_submitted') }),
  z.object({ kind: z.literal('self_assessment_verified') }),
  z.object({ kind: z.literal('confirmation') }),
]);
const templateBody = z.object({
  key: z.string().max(60).optional(),
  nameZh: trimmed(1, 60),
  nameEn: trimmed(1, 120),
  rubricKey: z.string().max(60),
  phases: z
    .array(
      z.object({
        key: z.string().regex(/^[a-z_]{2,40}$/),
        nameZh: z.string().max(40),
        nameEn: z.string().max(80),
        descriptionZh: z.string().max(2000),
        tasks: z
          .array(
            z.object({
              key: z.string().regex(/^[a-z0-9_]{2,60}$/),
              nameZh: z.string().max(80),
              nameEn: z.string().max(160),
              descriptionZh: z.string().max(2000),
              orgTypes: z.array(z.string().max(40)).max(20),
              evidence,
              due: z.discriminatedUnion('kind', [
                z.object({ kind: z.literal('phase_end') }),
                z.object({ kind: z.literal('days_after_start'), days: z.number().int() }),
              ]),
            }),
          )
          .max(50),
      }),
    )
    .min(1)
    .max(12),
});

export const templateRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/',
      {
        config: access(TEMPLATE_READERS),
        schema: {
          tags,
          summary: '活动模板（发起活动者及系统管理员）Templates (for those who launch campaigns, and the system admin)',
          response: { 200: z.array(template) },
        },
      },
      async (req) => campaignService.templates(ctx, requireActor(req)),
    );
    app.get(
      '/:id',
      {
        config: access(TEMPLATE_READERS, { params: { id: 'template' } }),
        schema: { tags, summary: '模板详情 Template', params: idParam, response: { 200: template } },
      },
      async (req) => campaignService.template(ctx, requireActor(req), req.params.id),
    );
    app.put(
      '/:id',
      {
        config: access('template.write', { params: { id: 'template' } }),
        schema: {
          tags,
          summary: '修改模板（系统管理员，顶层）Edit a template (the system admin, top level only)',
          params: idParam,
          body: templateBody,
          response: { 200: template },
        },
      },
      async (req) => campaignService.updateTemplate(ctx, requireActor(req), req.params.id, { ...req.body, key: '' } as CampaignTemplate),
    );
  };

export const campaignRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/',
      {
        config: access('campaign.read'),
        schema: { tags, summary: '本组织参与或发起的活动 Campaigns covering or inside my scope', response: { 200: z.array(campaign) } },
      },
      async (req) => campaignService.list(ctx, requireActor(req)),
    );

    app.get(
      '/:id',
      {
        config: access('campaign.read', { params: { id: 'campaign' } }),
        schema: { tags, summary: '活动详情 Campaign', params: idParam, response: { 200: campaign } },
      },
      async (req) => campaignService.get(ctx, requireActor(req), req.params.id),
    );

    app.post(
      '/',
      {
        config: access('campaign.manage', { body: { orgId: 'org', templateId: 'template' } }),
        schema: {
          tags,
          summary: '由模板发起活动 Launch a campaign from a template',
          body: z.object({
            templateId: z.number().int().positive(),
            orgId: z.number().int().positive(),
            name: trimmed(1, 100),
            slogan: z.string().trim().max(200).nullable().optional(),
            phases: phaseDates,
          }),
          response: { 201: campaign },
        },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        const id = await campaignService.create(ctx, actor, req.body);
        return reply.status(201).send(await campaignService.get(ctx, actor, id));
      },
    );

    app.patch(
      '/:id/schedule',
      {
        config: access('campaign.manage', { params: { id: 'campaign' } }),
        schema: {
          tags,
          summary: '调整阶段日期或手动切换阶段（留痕）Change phase dates or switch the phase by hand (audited)',
          params: idParam,
          body: z.object({ phases: phaseDates.optional(), manualPhaseKey: z.string().max(40).nullable().optional() }),
          response: { 200: campaign },
        },
      },
      async (req) => campaignService.updateSchedule(ctx, requireActor(req), req.params.id, req.body),
    );

    app.post(
      '/:id/clone',
      {
        config: access('campaign.manage', { params: { id: 'campaign' } }),
        schema: {
          tags,
          summary: '复制为下一年度活动 Clone into next year',
          params: idParam,
          body: z.object({ name: trimmed(1, 100), slogan: z.string().trim().max(200).nullable().optional(), phases: phaseDates }),
          response: { 201: campaign },
        },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        const id = await campaignService.clone(ctx, actor, req.params.id, req.body);
        return reply.status(201).send(await campaignService.get(ctx, actor, id));
      },
    );
  };

import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { TARGET_KINDS, type TargetKind } from '@zx/domain';
import type { AppContext } from '../context.ts';
import { requireActor } from '../auth/hooks.ts';
import { planService, type PlanDraft } from './service.ts';
import { access } from '../access/guard.ts';
import { plan, planList } from '@zx/contract/plans';

const tags = ['实施方案 Plans'];
const params = z.object({ id: z.coerce.number().int().positive(), orgId: z.coerce.number().int().positive() });
const text = (max: number) => z.string().max(max).nullable().optional();

/** Loose shapes here; the domain's validatePlan gives the field-level, bilingual answers. */
const target = z.object({
  kind: z.enum(TARGET_KINDS.map((k) => k.code) as [TargetKind, ...TargetKind[]]),
  value: z.number().finite().nullable().optional(),
  unit: text(100),
  label: text(200),
  goalTag: text(200),
});
const draft = z.object({
  theme: z.string().max(200),
  contentHtml: z.string().max(400_000).default(''),
  targets: z.array(target).max(50).default([]),
  attachmentIds: z.array(z.number().int().positive()).max(30).default([]),
});
const toDraft = (b: z.infer<typeof draft>): PlanDraft => ({
  ...b,
  targets: b.targets.map((t) => ({ kind: t.kind, value: t.value ?? null, unit: t.unit ?? null, label: t.label ?? null, goalTag: t.goalTag ?? null })),
});

export const planRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/:id/plans',
      {
        config: access('plan.read', { params: { id: 'campaign' }, query: { orgId: 'org' } }),
        schema: {
          tags,
          summary: '各单位实施方案及未提交名单 Units of the plan types with their plan status (missing = not yet written)',
          params: z.object({ id: z.coerce.number().int().positive() }),
          querystring: z.object({
            orgId: z.coerce.number().int().positive().optional(),
            status: z.enum(['missing', 'draft', 'submitted', 'returned', 'approved']).optional(),
            q: z.string().max(60).optional(),
            page: z.coerce.number().int().min(1).default(1),
            pageSize: z.coerce.number().int().min(1).max(200).default(20),
          }),
          response: { 200: planList },
        },
      },
      async (req) => planService.list(ctx, requireActor(req), req.params.id, req.query),
    );

    app.get(
      '/:id/plans/:orgId',
      {
        config: access('plan.read', { params: { id: 'campaign', orgId: 'org' } }),
        schema: { tags, summary: "单位的主题、实施方案、争创目标及历次版本 A unit's plan with every version", params, response: { 200: plan } },
      },
      async (req) => planService.get(ctx, requireActor(req), req.params.id, req.params.orgId),
    );

    app.put(
      '/:id/plans/:orgId',
      {
        config: access('plan.write', { params: { id: 'campaign', orgId: 'org' }, body: { 'attachmentIds[]': 'attachment' } }),
        schema: { tags, summary: '保存草稿 Save the draft', params, body: draft, response: { 200: plan } },
      },
      async (req) => planService.save(ctx, requireActor(req), req.params.id, req.params.orgId, toDraft(req.body)),
    );

    app.post(
      '/:id/plans/:orgId/submit',
      {
        config: access('plan.write', { params: { id: 'campaign', orgId: 'org' }, body: { 'attachmentIds[]': 'attachment' } }),
        schema: {
          tags,
          summary: '提交上级审核（可同时保存）Submit for review (optionally saving first)',
          params,
          body: draft.extend({ theme: z.string().max(200).optional() }),
          response: { 200: plan },
        },
      },
      async (req) => {
        const { theme, ...rest } = req.body;
        return planService.submit(ctx, requireActor(req), req.params.id, req.params.orgId, theme === undefined ? undefined : toDraft({ ...rest, theme }));
      },
    );

    app.post(
      '/:id/plans/:orgId/review',
      {
        config: access('plan.review', { params: { id: 'campaign', orgId: 'org' } }),
        schema: {
          tags,
          summary: '审核：通过或退回（退回须填写意见）Approve or return (a return needs a comment)',
          params,
          body: z.object({ decision: z.enum(['approve', 'return']), comment: z.string().max(2000).nullable().optional() }),
          response: { 200: plan },
        },
      },
      async (req) => planService.review(ctx, requireActor(req), req.params.id, req.params.orgId, req.body),
    );
  };

import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.ts';
import { requireActor } from '../auth/hooks.ts';
import { idParam } from '../http/schemas.ts';
import { dashboardService } from './service.ts';
import { access } from '../access/guard.ts';
import { dashboard, dashboardMemberFigure, dashboardMembers, dashboardUnits, laggingUnit, unitTasks } from '@zx/contract/dashboard';
import { reachService } from './reach.ts';

const tags = ['数据看板 Dashboard'];
const orgQuery = z.object({ orgId: z.coerce.number().int().positive().optional() });
/** The campaign and the organization whose figures are read. */
const readRule = access('campaign.read', { params: { id: 'campaign' }, query: { orgId: 'org' } });
const taskParams = idParam.extend({ taskKey: z.string().regex(/^[a-z0-9_]{2,60}$/) });

/** Mounted under /campaigns: figures of an organization in a campaign, the rows behind them, a unit's tasks. */
export const dashboardRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/:id/dashboard',
      {
        config: readRule,
        schema: {
          tags,
          summary: '数据看板（读汇总行，O(下级数)）Dashboard of an organization, from roll-up rows',
          params: idParam,
          querystring: orgQuery,
          response: { 200: dashboard },
        },
      },
      async (req) => dashboardService.figures(ctx, requireActor(req), req.params.id, req.query.orgId),
    );

    app.get(
      '/:id/units',
      {
        config: readRule,
        schema: {
          tags,
          summary: '看板数字背后的单位清单 Units behind a figure (task status or plan status)',
          params: idParam,
          querystring: orgQuery.extend({
            taskKey: z.string().max(60).optional(),
            status: z.enum(['done', 'pending', 'overdue']).optional(),
            plan: z.enum(['missing', 'submitted', 'approved']).optional(),
            page: z.coerce.number().int().min(1).default(1),
            pageSize: z.coerce.number().int().min(1).max(200).default(20),
          }),
          response: { 200: dashboardUnits },
        },
      },
      async (req) => dashboardService.units(ctx, requireActor(req), req.params.id, req.query),
    );

    app.get(
      '/:id/dashboard/members',
      {
        config: access('member.read', { params: { id: 'campaign' }, query: { orgId: 'org' } }),
        schema: {
          tags,
          summary: "本支部团员逐人情况（谁还没有参加/知晓/承诺；仅本单位团干部）Members of one's own unit behind a figure",
          params: idParam,
          querystring: z.object({
            orgId: z.coerce.number().int().positive(),
            figure: dashboardMemberFigure,
            state: z.enum(['done', 'missing']).optional(),
            page: z.coerce.number().int().min(1).default(1),
            pageSize: z.coerce.number().int().min(1).max(200).default(50),
          }),
          response: { 200: dashboardMembers },
        },
      },
      async (req) => reachService.members(ctx, requireActor(req), req.params.id, req.query),
    );

    app.get(
      '/:id/lagging',
      {
        config: readRule,
        schema: {
          tags,
          summary: '滞后单位（有逾期未完成任务）Lagging units with overdue tasks',
          params: idParam,
          querystring: orgQuery.extend({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
          response: { 200: z.array(laggingUnit) },
        },
      },
      async (req) => dashboardService.laggingUnits(ctx, requireActor(req), req.params.id, req.query.orgId, req.query.limit),
    );

    app.get(
      '/:id/tasks',
      {
        config: readRule,
        schema: { tags, summary: "本单位任务及完成情况 A unit's tasks and their status", params: idParam, querystring: orgQuery, response: { 200: unitTasks } },
      },
      async (req) => dashboardService.unitTasks(ctx, requireActor(req), req.params.id, req.query.orgId),
    );

    app.post(
      '/:id/tasks/:taskKey/confirm',
      {
        config: access('task.confirm', { params: { id: 'campaign' }, body: { orgId: 'org' } }),
        schema: {
          tags,
          summary: '确认完成（仅“确认”类任务，留痕）Confirm a confirmation-type task (audited)',
          params: taskParams,
          body: z.object({ orgId: z.number().int().positive(), note: z.string().trim().max(500).nullable().optional() }),
          response: { 200: unitTasks },
        },
      },
      async (req) => dashboardService.setConfirmation(ctx, requireActor(req), req.params.id, req.params.taskKey, req.body.orgId, true, req.body.note ?? null),
    );

    app.delete(
      '/:id/tasks/:taskKey/confirm',
      {
        config: access('task.confirm', { params: { id: 'campaign' }, query: { orgId: 'org' } }),
        schema: {
          tags,
          summary: '撤销确认 Withdraw a confirmation',
          params: taskParams,
          querystring: z.object({ orgId: z.coerce.number().int().positive() }),
          response: { 200: unitTasks },
        },
      },
      async (req) => dashboardService.setConfirmation(ctx, requireActor(req), req.params.id, req.params.taskKey, req.query.orgId, false, null),
    );
  };

import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { VOLUNTEER_LIMITS } from '@zx/domain';
import type { AppContext } from '../context.ts';
import { requireActor } from '../auth/hooks.ts';
import { idParam, isoDate } from '../http/schemas.ts';
import { access } from '../access/guard.ts';
import { ok } from '@zx/contract/common';
import { myVolunteerEntries, volunteerEntry, volunteerEntryList } from '@zx/contract/service';
import { volunteerService } from './service.ts';

const tags = ['志愿服务 Volunteer service'];
const id = z.number().int().positive();

const fields = {
  servedOn: isoDate,
  hours: z.number().positive().max(VOLUNTEER_LIMITS.maxHours),
  description: z.string().trim().min(1).max(VOLUNTEER_LIMITS.description),
  photoId: id.nullable().optional(),
  activityId: id.nullable().optional(),
};
const BODY_IDS = { photoId: 'attachment', activityId: 'checkin_activity' } as const;
const year = z.coerce.number().int().min(2000).max(2100);

export const volunteerRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/entries/mine',
      {
        config: access('volunteer.log'),
        schema: {
          tags,
          summary: '我的志愿服务记录（按年度）My volunteer service of a year',
          querystring: z.object({ year: year.optional() }),
          response: { 200: myVolunteerEntries },
        },
      },
      async (req) => volunteerService.mine(ctx, requireActor(req), req.query.year ?? new Date().getUTCFullYear()),
    );

    app.get(
      '/entries',
      {
        config: access('volunteer.verify', { query: { orgId: 'org' } }),
        schema: {
          tags,
          summary: '志愿服务审核（本组织及下级团员）Volunteer service of the members of a subtree, to verify',
          querystring: z.object({
            orgId: z.coerce.number().int().positive(),
            status: z.enum(['pending', 'verified', 'rejected']).optional(),
            year: year.optional(),
            page: z.coerce.number().int().min(1).default(1),
            pageSize: z.coerce.number().int().min(1).max(100).default(20),
          }),
          response: { 200: volunteerEntryList },
        },
      },
      async (req) => volunteerService.list(ctx, requireActor(req), req.query),
    );

    app.post(
      '/entries',
      {
        config: access('volunteer.log', { body: { memberId: 'member', ...BODY_IDS } }),
        schema: {
          tags,
          summary: '登记志愿服务（本人；书记可为所管团员代登记）Log volunteer service (one’s own, or for a member one manages)',
          body: z.object({ memberId: id.optional(), ...fields }),
          response: { 201: volunteerEntry },
        },
      },
      async (req, reply) => reply.status(201).send(await volunteerService.create(ctx, requireActor(req), req.body)),
    );

    app.patch(
      '/entries/:id',
      {
        config: access('volunteer.log', { params: { id: 'volunteer_entry' }, body: BODY_IDS }),
        schema: {
          tags,
          summary: '修改未通过审核的记录（重新提交）Correct an entry not yet verified (resubmits it)',
          params: idParam,
          body: z.object(fields).partial(),
          response: { 200: volunteerEntry },
        },
      },
      async (req) => volunteerService.update(ctx, requireActor(req), req.params.id, req.body),
    );

    app.delete(
      '/entries/:id',
      {
        config: access('volunteer.log', { params: { id: 'volunteer_entry' } }),
        schema: { tags, summary: '撤回未通过审核的记录 Withdraw an entry not yet verified', params: idParam, response: { 200: ok } },
      },
      async (req) => volunteerService.remove(ctx, requireActor(req), req.params.id),
    );

    app.post(
      '/entries/:id/review',
      {
        config: access('volunteer.verify', { params: { id: 'volunteer_entry' } }),
        schema: {
          tags,
          summary: '审核志愿服务：通过或退回（须写原因）Verify or reject (with a reason) an entry',
          params: idParam,
          body: z.object({ decision: z.enum(['verify', 'reject']), reason: z.string().trim().max(VOLUNTEER_LIMITS.reason).nullable().optional() }),
          response: { 200: volunteerEntry },
        },
      },
      async (req) => volunteerService.review(ctx, requireActor(req), req.params.id, req.body),
    );
  };

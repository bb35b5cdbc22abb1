import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ACTIVITY_LIMITS, ACTIVITY_TYPES, PARTY_EDUCATION_FORMS } from '@zx/domain';
import type { AppContext } from '../context.ts';
import { requireActor } from '../auth/hooks.ts';
import { idParam, isoDate, trimmed } from '../http/schemas.ts';
import { activityService } from './service.ts';
import { access } from '../access/guard.ts';
import { ok } from '@zx/contract/common';
import { activity, activityCalendar, activityList } from '@zx/contract/activities';

const tags = ['活动记录 Activities'];
const types = ACTIVITY_TYPES.map((t) => t.code) as [string, ...string[]];
const forms = PARTY_EDUCATION_FORMS.map((f) => f.code) as [string, ...string[]];
const id = z.number().int().positive();
const L = ACTIVITY_LIMITS;

const fields = {
  campaignId: id,
  orgId: id,
  type: z.enum(types),
  form: z.enum(forms).nullable().optional(),
  title: trimmed(1, L.title),
  heldOn: isoDate,
  place: trimmed(1, L.place),
  summary: trimmed(1, L.summary),
  minutes: z.string().trim().max(L.minutes).nullable().optional(),
  taskKeys: z.array(z.string().max(60)).max(L.tasks).optional(),
  photoIds: z.array(id).max(L.photos).optional(),
  attendeeIds: z.array(id).max(L.attendees).optional(),
  notable: z.boolean().optional(),
  /** 示范点参观: the demonstration site (exemplar id) visited. */
  demoSiteId: id.nullable().optional(),
};

/** Every id an activity's body names: the unit, the campaign, attendees (members), photos, the demonstration site visited (an exemplar). */
const BODY_IDS = { orgId: 'org', campaignId: 'campaign', 'attendeeIds[]': 'member', 'photoIds[]': 'attachment', demoSiteId: 'exemplar' } as const;

export const activityRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/',
      {
        config: access('activity.read', { query: { orgId: 'org', campaignId: 'campaign' } }),
        schema: {
          tags,
          summary: '活动记录列表（上级看下级，按日期倒序）Activities of a unit or its subtree, newest first',
          querystring: z.object({
            campaignId: z.coerce.number().int().positive().optional(),
            orgId: z.coerce.number().int().positive().optional(),
            subtree: z.enum(['0', '1']).default('1'),
            type: z.enum(types).optional(),
            from: isoDate.optional(),
            to: isoDate.optional(),
            notable: z.enum(['0', '1']).optional(),
            q: z.string().trim().max(40).optional(),
            page: z.coerce.number().int().min(1).default(1),
            pageSize: z.coerce.number().int().min(1).max(100).default(20),
          }),
          response: { 200: activityList },
        },
      },
      async (req) => {
        const { page, pageSize, subtree, notable, ...f } = req.query;
        return activityService.list(
          ctx,
          requireActor(req),
          { ...f, subtree: subtree === '1', notable: notable === undefined ? undefined : notable === '1' },
          { page, pageSize },
        );
      },
    );

    app.get(
      '/calendar',
      {
        config: access('activity.read', { query: { orgId: 'org', campaignId: 'campaign' } }),
        schema: {
          tags,
          summary: '活动日历（某月）Activities of a month, for a calendar',
          querystring: z.object({
            campaignId: z.coerce.number().int().positive().optional(),
            orgId: z.coerce.number().int().positive().optional(),
            month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM|Month must be YYYY-MM'),
          }),
          response: { 200: activityCalendar },
        },
      },
      async (req) => activityService.calendar(ctx, requireActor(req), req.query),
    );

    app.get(
      '/:id',
      {
        config: access('activity.read', { params: { id: 'activity' } }),
        schema: {
          tags,
          summary: '活动详情（参加人员、照片、关联任务）Activity with attendees, photos and linked tasks',
          params: idParam,
          response: { 200: activity },
        },
      },
      async (req) => activityService.get(ctx, requireActor(req), req.params.id),
    );

    app.post(
      '/',
      {
        config: access('activity.write', { body: BODY_IDS }),
        schema: { tags, summary: '记录活动 Record an activity', body: z.object(fields), response: { 201: activity } },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        const newId = await activityService.create(ctx, actor, req.body);
        return reply.status(201).send(await activityService.get(ctx, actor, newId));
      },
    );

    app.patch(
      '/:id',
      {
        config: access('activity.write', { params: { id: 'activity' }, body: BODY_IDS }),
        schema: { tags, summary: '修改活动记录 Edit an activity', params: idParam, body: z.object(fields).partial(), response: { 200: activity } },
      },
      async (req) => activityService.update(ctx, requireActor(req), req.params.id, req.body),
    );

    app.delete(
      '/:id',
      {
        config: access('activity.write', { params: { id: 'activity' } }),
        schema: { tags, summary: '删除活动记录 Delete an activity', params: idParam, response: { 200: ok } },
      },
      async (req) => {
        await activityService.remove(ctx, requireActor(req), req.params.id);
        return { ok: true as const };
      },
    );

    app.post(
      '/:id/notable',
      {
        config: access('activity.write', { params: { id: 'activity' } }),
        schema: {
          tags,
          summary: '评为/取消亮点（仅上级组织）Mark or unmark as notable (the level above only)',
          params: idParam,
          body: z.object({ notable: z.boolean() }),
          response: { 200: activity },
        },
      },
      async (req) => activityService.setNotable(ctx, requireActor(req), req.params.id, req.body.notable),
    );
  };

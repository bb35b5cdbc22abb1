import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CHECKIN } from '@zx/domain';
import type { AppContext } from '../context.ts';
import { requireActor } from '../auth/hooks.ts';
import { idParam } from '../http/schemas.ts';
import { access } from '../access/guard.ts';
import { ok } from '@zx/contract/common';
import { checkinInfo, checkinResult, checkinState } from '@zx/contract/service';
import { checkinService } from './service.ts';

const tags = ['扫码签到 QR check-in'];

/** Registered under /api/v1/activities beside the activity routes. */
export const checkinRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/:id/check-in',
      {
        config: access('activity.write', { params: { id: 'activity' } }),
        schema: {
          tags,
          summary: '签到大屏：状态、当前二维码、已签到人数 Check-in screen: state, current code, live count',
          params: idParam,
          response: { 200: checkinState },
        },
      },
      async (req) => checkinService.state(ctx, requireActor(req), req.params.id),
    );

    app.post(
      '/:id/check-in/open',
      {
        config: access('activity.write', { params: { id: 'activity' } }),
        schema: {
          tags,
          summary: '开启签到（活动当天 ± 余量小时内）Open check-in (within the activity day ± margin)',
          params: idParam,
          body: z.object({ marginHours: z.number().int().min(0).max(CHECKIN.maxMarginHours).optional() }),
          response: { 200: checkinState },
        },
      },
      async (req) => checkinService.open(ctx, requireActor(req), req.params.id, req.body.marginHours),
    );

    app.post(
      '/:id/check-in/close',
      {
        config: access('activity.write', { params: { id: 'activity' } }),
        schema: { tags, summary: '结束签到 Close check-in', params: idParam, body: z.object({}), response: { 200: checkinState } },
      },
      async (req) => checkinService.close(ctx, requireActor(req), req.params.id),
    );

    app.get(
      '/:id/check-in/mine',
      {
        config: access('activity.checkin', { params: { id: 'checkin_activity' } }),
        schema: {
          tags,
          summary: '扫码页：活动与本人签到情况 Scan page: the activity and whether I checked in',
          params: idParam,
          response: { 200: checkinInfo },
        },
      },
      async (req) => checkinService.info(ctx, requireActor(req), req.params.id),
    );

    app.post(
      '/:id/check-ins',
      {
        config: access('activity.checkin', { params: { id: 'checkin_activity' } }),
        schema: {
          tags,
          summary: '扫码签到 Check in with the scanned code',
          params: idParam,
          body: z.object({ token: z.string().trim().min(1).max(64) }),
          response: { 200: checkinResult },
        },
      },
      async (req) => checkinService.checkIn(ctx, requireActor(req), req.params.id, req.body.token),
    );

    app.delete(
      '/:id/check-ins/:memberId',
      {
        config: access('activity.write', { params: { id: 'activity', memberId: 'member' } }),
        schema: {
          tags,
          summary: '移出参加人员（含扫码签到）Take a member off the attendance (QR check-ins included)',
          params: z.object({ id: z.coerce.number().int().positive(), memberId: z.coerce.number().int().positive() }),
          response: { 200: ok },
        },
      },
      async (req) => checkinService.remove(ctx, requireActor(req), req.params.id, req.params.memberId),
    );
  };

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.ts';
import { requireActor } from '../auth/hooks.ts';
import { access } from '../access/guard.ts';
import { home, myRecord } from '@zx/contract/home';
import { homeService } from './service.ts';

export const homeRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/',
      {
        config: access('signedIn'),
        schema: {
          tags: ['首页 Home'],
          summary: '首页：进行中的活动、待办事项（截止日期近者在前）与我的记录概况 Home: running campaigns, to-dos, my record in figures',
          response: { 200: home },
        },
      },
      async (req) => homeService.home(ctx, requireActor(req)),
    );
  };

/** Registered under /me beside the member profile. */
export const recordRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/record',
      {
        config: access('self.read'),
        schema: {
          tags: ['我的 Me'],
          summary: '我的记录：参加的活动、评议等次、荣誉、志愿服务时长 My record: activities, grades, honours, volunteer hours',
          response: { 200: myRecord },
        },
      },
      async (req) => homeService.record(ctx, requireActor(req)),
    );
  };

import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.ts';
import { requireActor } from '../auth/hooks.ts';
import { idParam, trimmed } from '../http/schemas.ts';
import { access } from '../access/guard.ts';
import { branchPledges, myPledge, myPledges } from '@zx/contract/pledges';
import { PLEDGE_POST_MAX, PLEDGE_TEXT_MAX, pledgeService } from './service.ts';

const tags = ['亮明身份·岗位承诺 Pledges'];

/** Mounted under /pledges: the member's own pledge, their branch's, and a unit's for its cadres. */
export const pledgeRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/mine',
      { config: access('pledge.write'), schema: { tags, summary: '我的承诺（各主题实践活动）My pledges', response: { 200: myPledges } } },
      async (req) => pledgeService.mine(ctx, requireActor(req)),
    );

    app.put(
      '/mine/:id',
      {
        config: access('pledge.write', { params: { id: 'memberCampaign' } }),
        schema: {
          tags,
          summary: '填写或修改我的岗位承诺（活动进行中）Write or change my pledge (while the campaign runs)',
          params: idParam,
          body: z.object({ post: trimmed(1, PLEDGE_POST_MAX), pledge: trimmed(1, PLEDGE_TEXT_MAX) }),
          response: { 200: myPledge },
        },
      },
      async (req) => pledgeService.save(ctx, requireActor(req), req.params.id, req.body),
    );

    app.get(
      '/mine/:id/branch',
      {
        config: access('pledge.write', { params: { id: 'memberCampaign' } }),
        schema: { tags, summary: '本支部团员的承诺（支部内公开）Pledges of my branch', params: idParam, response: { 200: branchPledges } },
      },
      async (req) => pledgeService.myBranch(ctx, requireActor(req), req.params.id),
    );

    app.get(
      '/',
      {
        config: access('pledge.read', { query: { campaignId: 'campaign', orgId: 'org' } }),
        schema: {
          tags,
          summary: "本单位团员的承诺 Pledges of a unit's members",
          querystring: z.object({ campaignId: z.coerce.number().int().positive(), orgId: z.coerce.number().int().positive() }),
          response: { 200: branchPledges },
        },
      },
      async (req) => pledgeService.ofUnit(ctx, requireActor(req), req.query.campaignId, req.query.orgId),
    );
  };

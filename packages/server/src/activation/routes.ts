import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { requireActor, setSessionCookies } from '../auth/hooks.ts';
import { resolveSession } from '../auth/service.ts';
import { me } from '../auth/me.ts';
import { access } from '../access/guard.ts';
import { ok } from '@zx/contract/common';
import { me as meSchema } from '@zx/contract/auth';
import { activationRoster, activationSheet } from '@zx/contract/activation';
import { activationService } from './service.ts';
import { redeemService } from './redeem.ts';

const tags = ['账号激活 Activation'];
const password = z.string().min(1).max(128);

/** Sets the new session's cookies and answers what a login answers. */
async function signedIn(ctx: AppContext, req: FastifyRequest, reply: FastifyReply, made: { token: string; csrfToken: string }) {
  setSessionCookies(ctx, reply, made.token, made.csrfToken);
  const s = await resolveSession(ctx, made.token, req.ip);
  if (s.kind !== 'active') throw new Error('session vanished after activation');
  return me(ctx, s.actor, s.csrfToken, s.mustChangePassword);
}

export const activationRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/unit',
      {
        config: access('account.activate', { query: { orgId: 'org' } }),
        schema: {
          tags,
          summary: '本组织团员的账号激活情况 Members of a unit and their accounts',
          querystring: z.object({ orgId: z.coerce.number().int().positive() }),
          response: { 200: activationRoster },
        },
      },
      async (req) => activationService.roster(ctx, requireActor(req), req.query.orgId),
    );

    app.post(
      '/codes',
      {
        config: access('account.activate', { body: { orgId: 'org', 'memberIds[]': 'member' } }),
        schema: {
          tags,
          summary: '一键为无账号团员发放一次性激活码（留痕）Issue one-time codes to members without an account (audited)',
          body: z.object({
            orgId: z.number().int().positive(),
            memberIds: z.array(z.number().int().positive()).min(1).max(2000).optional(),
            validDays: z.number().int().min(1).max(90).optional(),
          }),
          response: { 201: activationSheet },
        },
      },
      async (req, reply) => reply.status(201).send(await activationService.issue(ctx, requireActor(req), req.body)),
    );

    app.post(
      '/revoke',
      {
        config: access('account.activate', { body: { memberId: 'member' } }),
        schema: {
          tags,
          summary: '作废团员的激活码（留痕）Revoke a member’s live code (audited)',
          body: z.object({ memberId: z.number().int().positive() }),
          response: { 200: ok },
        },
      },
      async (req) => {
        await activationService.revoke(ctx, requireActor(req), req.body.memberId);
        return { ok: true as const };
      },
    );

    app.post(
      '/redeem',
      {
        config: access('public'),
        schema: {
          tags,
          summary: '用激活码激活账号并设置密码 Activate with a code and set a password',
          security: [],
          body: z.object({ code: z.string().trim().min(1).max(40), password }),
          response: { 200: meSchema },
        },
      },
      async (req, reply) => {
        const made = await redeemService.redeem(ctx, { ip: req.ip, userAgent: req.headers['user-agent'] ?? null }, req.body);
        return signedIn(ctx, req, reply, made);
      },
    );

    app.post(
      '/self',
      {
        config: access('public'),
        schema: {
          tags,
          summary: '凭姓名、身份证号、手机号自助激活 Activate with name, ID number and mobile',
          security: [],
          body: z.object({
            name: z.string().trim().min(1).max(30),
            idCard: z.string().trim().min(1).max(30),
            phone: z.string().trim().min(1).max(20),
            password,
          }),
          response: { 200: meSchema },
        },
      },
      async (req, reply) => {
        const made = await redeemService.selfActivate(ctx, { ip: req.ip, userAgent: req.headers['user-agent'] ?? null }, req.body);
        return signedIn(ctx, req, reply, made);
      },
    );
  };

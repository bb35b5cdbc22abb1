import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Role } from '@zx/domain';
import type { AppContext } from '../context.ts';
import { changeOwnPassword, grantsOf, login, logout, resolveSession, switchGrant } from './service.ts';
import { me } from './me.ts';
import { clearDeviceCookie, clearSessionCookies, issueCsrfCookie, requireActor, SESSION_COOKIE, setDeviceCookie, setSessionCookies } from './hooks.ts';
import { DEVICE_COOKIE } from './throttle.ts';
import { access } from '../access/guard.ts';
import { ok } from '@zx/contract/common';
import { csrf, loggedOutEverywhere, me as meSchema } from '@zx/contract/auth';

const tags = ['认证 Auth'];

export const authRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/csrf',
      { config: access('public'), schema: { tags, summary: '获取登录前 CSRF 令牌 Pre-login CSRF token', response: { 200: csrf } } },
      async (req, reply) => ({
        csrfToken: issueCsrfCookie(ctx, req, reply),
      }),
    );

    app.post(
      '/login',
      {
        config: access('public'),
        schema: {
          tags,
          summary: '登录（用户名或手机号）Log in by username or mobile',
          security: [],
          body: z.object({ login: z.string().trim().min(1).max(64), password: z.string().min(1).max(128) }),
          response: { 200: meSchema },
        },
      },
      async (req, reply) => {
        const res = await login(ctx, {
          ...req.body,
          ip: req.ip,
          userAgent: req.headers['user-agent'] ?? null,
          oldToken: req.cookies[SESSION_COOKIE],
          deviceToken: req.cookies[DEVICE_COOKIE],
        });
        setSessionCookies(ctx, reply, res.token, res.csrfToken);
        if (res.deviceToken) setDeviceCookie(ctx, reply, res.deviceToken);
        const s = await resolveSession(ctx, res.token, req.ip);
        if (s.kind !== 'active') throw new Error('session vanished after login');
        return me(ctx, s.actor, s.csrfToken, s.mustChangePassword);
      },
    );

    app.get(
      '/me',
      {
        config: access('signedIn', { duringPasswordChange: true }),
        schema: { tags, summary: '当前用户、角色与权限 Current user, role and permissions', response: { 200: meSchema } },
      },
      async (req) => {
        const actor = requireActor(req);
        const s = req.session as Extract<typeof req.session, { kind: 'active' }>;
        return me(ctx, actor, s.csrfToken, s.mustChangePassword);
      },
    );

    app.post(
      '/switch',
      {
        config: access('signedIn'),
        schema: { tags, summary: '切换角色/组织 Switch grant', body: z.object({ grantId: z.number().int().positive() }), response: { 200: meSchema } },
      },
      async (req) => {
        const actor = requireActor(req);
        await switchGrant(ctx, actor, req.body.grantId);
        const grants = await grantsOf(ctx, actor.userId);
        const g = grants.find((x) => x.id === req.body.grantId)!;
        const s = req.session as Extract<typeof req.session, { kind: 'active' }>;
        return me(
          ctx,
          { ...actor, grant: { id: g.id, role: g.role as Role, orgId: g.org_id, orgPath: g.org_path, orgName: g.org_name } },
          s.csrfToken,
          s.mustChangePassword,
        );
      },
    );

    app.post(
      '/logout',
      { config: access('signedIn', { duringPasswordChange: true }), schema: { tags, summary: '退出登录 Log out', response: { 200: ok } } },
      async (req, reply) => {
        await logout(ctx, requireActor(req), false);
        clearSessionCookies(reply);
        return { ok: true as const };
      },
    );

    app.post(
      '/logout-everywhere',
      {
        config: access('signedIn', { duringPasswordChange: true }),
        schema: { tags, summary: '退出所有设备 Log out everywhere', response: { 200: loggedOutEverywhere } },
      },
      async (req, reply) => {
        const n = await logout(ctx, requireActor(req), true);
        clearSessionCookies(reply);
        clearDeviceCookie(reply);
        return { ok: true as const, sessions: n };
      },
    );

    app.post(
      '/password',
      {
        config: access('signedIn', { duringPasswordChange: true }),
        schema: {
          tags,
          summary: '修改密码 Change my password',
          body: z.object({ currentPassword: z.string().min(1).max(128), newPassword: z.string().min(1).max(128) }),
          response: { 200: ok },
        },
      },
      async (req) => {
        await changeOwnPassword(ctx, requireActor(req), req.body.currentPassword, req.body.newPassword, req.cookies[DEVICE_COOKIE]);
        return { ok: true as const };
      },
    );
  };

import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { AppError, unauthenticated } from '../http/errors.ts';
import type { Actor } from './actor.ts';
import { resolveSession, type SessionState } from './service.ts';
import { DEVICE_COOKIE, DEVICE_COOKIE_PATH, TRUSTED_DEVICE_DAYS } from './throttle.ts';

export const SESSION_COOKIE = 'zx_session';
export const CSRF_COOKIE = 'zx_csrf';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    session: SessionState;
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

const same = (a: string | undefined, b: string | undefined) => !!a && !!b && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

const passwordChangeRequired = () =>
  new AppError(403, 'PASSWORD_CHANGE_REQUIRED', { zh: '请先修改初始密码，再继续使用系统', en: 'Change your initial password before you continue' });

const csrfFailed = () => new AppError(403, 'CSRF_TOKEN_INVALID', { zh: '页面已过期，请刷新后重试', en: 'The page expired; reload and try again' });

export function setSessionCookies(ctx: AppContext, reply: FastifyReply, token: string, csrf: string) {
  const secure = ctx.config.secureCookies;
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure });
  reply.setCookie(CSRF_COOKIE, csrf, { path: '/', httpOnly: false, sameSite: 'strict', secure });
}

export function clearSessionCookies(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** The trusted-device cookie: sent only to /api/v1/auth (login, password change, log out everywhere). */
export function setDeviceCookie(ctx: AppContext, reply: FastifyReply, token: string) {
  reply.setCookie(DEVICE_COOKIE, token, {
    path: DEVICE_COOKIE_PATH,
    httpOnly: true,
    sameSite: 'strict',
    secure: ctx.config.secureCookies,
    maxAge: TRUSTED_DEVICE_DAYS * 86_400,
  });
}

export function clearDeviceCookie(reply: FastifyReply) {
  reply.clearCookie(DEVICE_COOKIE, { path: DEVICE_COOKIE_PATH });
}

/** Issues a pre-session CSRF token (double-submit cookie) for the login form. */
export function issueCsrfCookie(ctx: AppContext, request: FastifyRequest, reply: FastifyReply): string {
  const existing = request.cookies[CSRF_COOKIE];
  if (existing && existing.length >= 32) return existing;
  const token = randomBytes(24).toString('base64url');
  reply.setCookie(CSRF_COOKIE, token, { path: '/', httpOnly: false, sameSite: 'strict', secure: ctx.config.secureCookies });
  return token;
}

/**
 * Every /api request: resolve the session; every state-changing request must carry the CSRF
 * token in a header — the session's token when logged in, the double-submit cookie otherwise.
 */
export function registerAuthHooks(app: FastifyInstance, ctx: AppContext) {
  app.decorateRequest('session', null as never);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    request.session = await resolveSession(ctx, request.cookies[SESSION_COOKIE], request.ip);
    if (SAFE.has(request.method)) return;
    const header = request.headers[CSRF_HEADER] as string | undefined;
    const expected = request.session.kind === 'active' ? request.session.csrfToken : request.cookies[CSRF_COOKIE];
    if (!same(header, expected)) throw csrfFailed();
  });
  // An account flagged to change its password reaches only the routes that declare
  // `duringPasswordChange` (me, change password, log out) and public ones (login, CSRF token),
  // whether or not a route declares an access rule: the API enforces it, not only the web app.
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/') || request.url.startsWith('/api/docs') || request.is404) return;
    if (request.session?.kind !== 'active' || !request.session.mustChangePassword) return;
    const rule = request.routeOptions.config?.access;
    if (rule?.action === 'public' || rule?.duringPasswordChange) return;
    throw passwordChangeRequired();
  });
}

export function requireActor(request: FastifyRequest): Actor {
  const s = request.session;
  if (s?.kind === 'active') return s.actor;
  if (s?.kind === 'expired') {
    throw new AppError(401, 'SESSION_EXPIRED', { zh: '登录已超时，请重新登录', en: 'Your session expired; please log in again' });
  }
  throw unauthenticated();
}

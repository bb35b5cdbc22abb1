import { createHash, randomBytes } from 'node:crypto';
import { checkPassword, maskPhone, normalizePhone, type Role } from '@zx/domain';
import type { AppContext } from '../context.ts';
import { nowIso, type Executor } from '../db/database.ts';
import { AppError, unauthenticated, validationFailed, notFound } from '../http/errors.ts';
import { audit, auditAnonymous } from '../audit/service.ts';
import { passwordPolicyOf } from '../settings/settings.ts';
import { getSecuritySettings } from '../settings/service.ts';
import { authRepository as repo } from './repository.ts';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords.ts';
import { ACCOUNT_CAP_FACTOR, failureWindows, minutesAfter, minutesLeft, UNTRUSTED, userSubject } from './throttle.ts';
import { deviceRepository, throttleRepository } from './throttle-repository.ts';
import type { Actor } from './actor.ts';

export const sessionIdOf = (token: string) => createHash('sha256').update(token).digest('hex');
const minutesFrom = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

export interface LoginResult {
  token: string;
  csrfToken: string;
  userId: number;
  /** A new trusted-device token to set as the `zx_device` cookie (null: the browser's cookie stays valid). */
  deviceToken: string | null;
}

const invalidCredentials = () => new AppError(401, 'INVALID_CREDENTIALS', { zh: '账号或密码错误', en: 'Wrong account or password' });

/** The same answer for every login name, known or not: only the minutes left differ. */
const loginThrottled = (minutes: number) =>
  new AppError(
    429,
    'LOGIN_THROTTLED',
    {
      zh: `登录失败次数过多，请 ${minutes} 分钟后再试`,
      en: `Too many failed logins; try again in ${minutes} minute(s)`,
    },
    [],
    { 'retry-after': String(minutes * 60) },
  );

/**
 * Log in by username or mobile number. Failures are throttled per (account, client) and, over
 * untrusted clients, per account (auth/throttle.ts; decision 0010). A known and an unknown login
 * name take the same path — one lookup, the throttle rows, one argon2 verification — and get the
 * same answers. The presented old session (if any) is dropped so the session id always rotates.
 */
export async function login(
  ctx: AppContext,
  input: { login: string; password: string; ip: string | null; userAgent: string | null; oldToken?: string | null; deviceToken?: string | null },
): Promise<LoginResult> {
  const loginName = input.login.trim();
  const phone = normalizePhone(loginName);
  const byPhone = /^1\d{10}$/.test(phone);
  // What the audit log keeps of a failed login name: a mobile number only masked.
  const auditName = byPhone ? maskPhone(phone) : loginName.replace(/\d{6,}/g, (d) => d.slice(0, 2) + '*'.repeat(d.length - 4) + d.slice(-2)).slice(0, 64);
  const settings = await getSecuritySettings(ctx.db);
  const at = nowIso();
  const windowStart = at.slice(0, 16); // one-minute window
  const hits = await ctx.db.transaction().execute((trx) => repo.hitRateLimit(trx, `login:ip:${input.ip ?? '-'}`, windowStart));
  if (hits > settings.loginRatePerMinute) {
    await auditAnonymous(ctx.db, { action: 'auth.login', ip: input.ip, username: auditName, outcome: 'denied', summary: { reason: 'rate_limited' } });
    throw new AppError(429, 'TOO_MANY_REQUESTS', { zh: '登录尝试过于频繁，请稍后再试', en: 'Too many login attempts; try again later' });
  }

  const user = byPhone ? await repo.findUserByPhoneHash(ctx.db, ctx.cipher.hash(phone)) : await repo.findUserByUsername(ctx.db, loginName);
  // An unknown name is counted under a keyed hash of itself: never stored in clear, throttled like an account.
  const subject = user ? userSubject(user.id) : `n:${ctx.cipher.hash(`login:${byPhone ? phone : loginName}`)}`;
  const device = await deviceRepository.find(ctx.db, input.deviceToken ?? undefined, at);
  const trusted = !!user && !!device && device.user_id === user.id;
  const client = trusted ? `d:${device!.id}` : `ip:${input.ip ?? '-'}`;
  const clientKind = trusted ? 'device' : 'address';
  const grants = await repo.grantsOf(ctx.db, user?.id ?? 0);
  const who = user
    ? { userId: user.id, username: user.username, orgId: grants[0]?.org_id ?? null, orgPath: grants[0]?.org_path ?? null, role: grants[0]?.role ?? null }
    : { username: auditName };

  const { pair, account } = await throttleRepository.rows(ctx.db, subject, client);
  const until = [pair?.throttled_until, trusted ? null : account?.throttled_until]
    .filter((u): u is string => !!u && u > at)
    .sort()
    .at(-1);
  if (until) {
    await auditAnonymous(ctx.db, {
      action: 'auth.login',
      ip: input.ip,
      ...who,
      outcome: 'denied',
      summary: { reason: 'throttled', client: clientKind, until },
    });
    throw loginThrottled(minutesLeft(until, at));
  }

  const ok = user ? await verifyPassword(user.password_hash, input.password) : (await verifyPassword(await dummyPasswordHash(), input.password), false);
  if (!user || !ok || user.status !== 'active') {
    await ctx.db.transaction().execute(async (trx) => {
      const p = await throttleRepository.countFailure(trx, subject, client, at, failureWindows.pair);
      await auditAnonymous(trx, {
        action: 'auth.login',
        ip: input.ip,
        ...who,
        outcome: 'failure',
        summary: { reason: !user ? 'unknown_account' : ok ? 'disabled' : 'bad_password', client: clientKind, failures: p.failures },
      });
      if (p.failures >= settings.lockoutThreshold) {
        const pairUntil = minutesAfter(at, settings.lockoutMinutes);
        await throttleRepository.startThrottle(trx, subject, client, pairUntil, at);
        await auditAnonymous(trx, {
          action: 'auth.throttle',
          ip: input.ip,
          ...who,
          outcome: 'success',
          summary: { scope: 'client', client: clientKind, failures: p.failures, until: pairUntil },
        });
      }
      if (trusted) return;
      const a = await throttleRepository.countFailure(trx, subject, UNTRUSTED, at, failureWindows.account);
      if (a.failures >= ACCOUNT_CAP_FACTOR * settings.lockoutThreshold) {
        // Until the hour of these failures is over, and at least the lockout time.
        const windowEnd = minutesAfter(a.window_start, failureWindows.account);
        const accountUntil = [windowEnd, minutesAfter(at, settings.lockoutMinutes)].sort().at(-1)!;
        await throttleRepository.startThrottle(trx, subject, UNTRUSTED, accountUntil, at);
        await auditAnonymous(trx, {
          action: 'auth.throttle',
          ip: input.ip,
          ...who,
          outcome: 'success',
          summary: { scope: 'account', failures: a.failures, until: accountUntil },
        });
      }
    });
    throw invalidCredentials();
  }
  if (grants.length === 0) {
    await auditAnonymous(ctx.db, {
      action: 'auth.login',
      ip: input.ip,
      userId: user.id,
      username: user.username,
      outcome: 'denied',
      summary: { reason: 'no_grant' },
    });
    throw new AppError(403, 'NO_ROLE', { zh: '该账号尚未被授予任何角色，请联系管理员', en: 'This account has no role yet; contact your administrator' });
  }

  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const deviceToken = await ctx.db.transaction().execute(async (trx) => {
    if (input.oldToken) await repo.deleteSession(trx, sessionIdOf(input.oldToken));
    await repo.recordSuccess(trx, user.id, at);
    await throttleRepository.clearPair(trx, subject, client);
    let newDevice: string | null = null;
    if (trusted) await deviceRepository.touch(trx, device!.id, at);
    else newDevice = await deviceRepository.create(trx, user.id, at);
    await repo.insertSession(trx, {
      id: sessionIdOf(token),
      user_id: user.id,
      grant_id: grants[0].id,
      csrf_token: csrfToken,
      created_at: at,
      last_seen_at: at,
      expires_at: minutesFrom(at, settings.sessionAbsoluteHours * 60),
      ip: input.ip,
      user_agent: input.userAgent?.slice(0, 300) ?? null,
    });
    await auditAnonymous(trx, { action: 'auth.login', ip: input.ip, ...who, outcome: 'success', summary: { client: clientKind } });
    return newDevice;
  });
  return { token, csrfToken, userId: user.id, deviceToken };
}

export type SessionState = { kind: 'none' } | { kind: 'expired' } | { kind: 'active'; actor: Actor; csrfToken: string; mustChangePassword: boolean };

type SessionRow = Awaited<ReturnType<typeof repo.findSessions>>[number];
interface SessionWaiter {
  resolve: (row: SessionRow | undefined) => void;
  reject: (e: unknown) => void;
}
const sessionLookups = new WeakMap<AppContext, Map<string, SessionWaiter[]>>();

/**
 * Every request reads its session. Requests that arrive together read theirs in one query, sent
 * once the event loop has taken in what arrived: a round trip per batch, not per request.
 */
function lookUpSession(ctx: AppContext, id: string): Promise<SessionRow | undefined> {
  let batch = sessionLookups.get(ctx);
  if (!batch) {
    const ids = new Map<string, SessionWaiter[]>();
    sessionLookups.set(ctx, (batch = ids));
    setImmediate(() => {
      if (sessionLookups.get(ctx) === ids) sessionLookups.delete(ctx);
      repo.findSessions(ctx.db, [...ids.keys()]).then(
        (rows) => {
          const byId = new Map(rows.map((r) => [r.id, r]));
          for (const [key, waiters] of ids) for (const w of waiters) w.resolve(byId.get(key));
        },
        (e) => {
          for (const waiters of ids.values()) for (const w of waiters) w.reject(e);
        },
      );
    });
  }
  const waiters = batch.get(id) ?? [];
  batch.set(id, waiters);
  if (batch.size >= 500) sessionLookups.delete(ctx); // a full batch goes as it is; the next request starts another
  return new Promise((resolve, reject) => waiters.push({ resolve, reject }));
}

/** Resolves the cookie token to an actor, enforcing idle and absolute timeouts. */
export async function resolveSession(ctx: AppContext, token: string | undefined, ip: string | null): Promise<SessionState> {
  if (!token) return { kind: 'none' };
  const id = sessionIdOf(token);
  const s = await lookUpSession(ctx, id);
  if (!s) return { kind: 'none' };
  const settings = s.security_settings;
  const at = nowIso();
  if (s.expires_at < at || minutesFrom(s.last_seen_at, settings.sessionIdleMinutes) < at || s.user_status !== 'active') {
    await repo.deleteSession(ctx.db, id);
    return { kind: 'expired' };
  }
  if (!s.grant_id || !s.role || !s.org_path || s.org_status !== 'active') {
    await repo.deleteSession(ctx.db, id);
    return { kind: 'expired' };
  }
  // Write at most once a minute: sliding idle timeout without a write per request.
  if (Date.parse(at) - Date.parse(s.last_seen_at) > 60_000) await repo.touchSession(ctx.db, id, at);
  return {
    kind: 'active',
    csrfToken: s.csrf_token,
    mustChangePassword: s.must_change_password === 1,
    actor: {
      userId: s.user_id,
      username: s.username,
      displayName: s.display_name,
      memberId: s.member_id,
      sessionId: id,
      ip,
      grant: { id: s.grant_id, role: s.role as Role, orgId: s.org_id!, orgPath: s.org_path, orgName: s.org_name! },
    },
  };
}

export async function logout(ctx: AppContext, actor: Actor, everywhere: boolean): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const n = everywhere ? await repo.deleteSessionsOf(trx, actor.userId) : (await repo.deleteSession(trx, actor.sessionId), 1);
    // Everywhere means every browser too: none stays a trusted device for login throttling.
    const devices = everywhere ? await deviceRepository.revokeAllOf(trx, actor.userId) : 0;
    await audit(trx, actor, {
      action: everywhere ? 'auth.logout_everywhere' : 'auth.logout',
      targetType: 'user',
      targetId: actor.userId,
      summary: everywhere ? { sessions: n, devices } : { sessions: n },
    });
    return n;
  });
}

/** The actor's grants (role at an organization), for the session's "me" answer. */
export const grantsOf = (ctx: AppContext, userId: number) => repo.grantsOf(ctx.db, userId);

export async function switchGrant(ctx: AppContext, actor: Actor, grantId: number): Promise<void> {
  const grants = await repo.grantsOf(ctx.db, actor.userId);
  const g = grants.find((x) => x.id === grantId);
  if (!g) throw notFound({ zh: '角色', en: 'Role' });
  await ctx.db.transaction().execute(async (trx) => {
    await repo.setSessionGrant(trx, actor.sessionId, grantId);
    await audit(
      trx,
      { ...actor, grant: { id: g.id, role: g.role as Role, orgId: g.org_id, orgPath: g.org_path, orgName: g.org_name } },
      {
        action: 'auth.switch_role',
        targetType: 'grant',
        targetId: grantId,
        summary: { from: actor.grant.id, to: grantId },
      },
    );
  });
}

/** Changes the actor's password; other sessions end, and other browsers stop being trusted devices (this one stays). */
/** Wrong current passwords in a change form within the window that end the session. */
const WRONG_CURRENT_LIMIT = 5;
const WRONG_CURRENT_WINDOW_MINUTES = 15;

export async function changeOwnPassword(ctx: AppContext, actor: Actor, current: string, next: string, keepDeviceToken?: string): Promise<void> {
  const user = await repo.findUserById(ctx.db, actor.userId);
  if (!user) throw unauthenticated();
  if (!(await verifyPassword(user.password_hash, current))) {
    // A session is not a place to guess the password from: after a few wrong tries it ends, and
    // the next try goes through the login's throttling.
    await audit(ctx.db, actor, {
      action: 'auth.change_password',
      targetType: 'user',
      targetId: user.id,
      outcome: 'failure',
      summary: { reason: 'wrong_current_password' },
    });
    const since = new Date(Date.now() - WRONG_CURRENT_WINDOW_MINUTES * 60_000).toISOString();
    if ((await repo.failedPasswordChanges(ctx.db, user.id, since)) >= WRONG_CURRENT_LIMIT) {
      await repo.deleteSessionsOf(ctx.db, user.id);
      throw new AppError(401, 'SESSION_EXPIRED', {
        zh: '当前密码多次输入错误，已退出登录，请重新登录',
        en: 'The current password was wrong too many times: you were logged out; log in again',
      });
    }
    throw validationFailed([{ field: 'currentPassword', code: 'PASSWORD_WRONG', message: { zh: '当前密码不正确', en: 'The current password is wrong' } }]);
  }
  // A forced change means a new secret: whoever set the one-time password must not keep knowing it.
  if (next === current) {
    throw validationFailed([
      { field: 'newPassword', code: 'PASSWORD_REUSED', message: { zh: '新密码不能与当前密码相同', en: 'The new password must differ from the current one' } },
    ]);
  }
  const settings = await getSecuritySettings(ctx.db);
  const problems = checkPassword(next, passwordPolicyOf(settings), { username: user.username });
  if (problems.length) throw validationFailed(problems.map((p) => ({ ...p, field: 'newPassword' })));
  const hashed = await hashPassword(next);
  await ctx.db.transaction().execute(async (trx) => {
    const at = nowIso();
    await repo.setOwnPassword(trx, user.id, hashed, at);
    await repo.deleteSessionsOf(trx, user.id, actor.sessionId);
    await deviceRepository.revokeAllOf(trx, user.id, keepDeviceToken);
    await audit(trx, actor, { action: 'auth.change_password', targetType: 'user', targetId: user.id });
  });
}

export { hashPassword };

/**
 * A session for an account that has just proved itself another way than by its password (a
 * member who activated their account: docs/activation.md). Runs in the caller's transaction, so
 * the account and its first session appear together. Returns the cookie tokens.
 */
export async function startSession(
  trx: Executor,
  input: { userId: number; grantId: number; ip: string | null; userAgent: string | null },
): Promise<{ token: string; csrfToken: string }> {
  const settings = await getSecuritySettings(trx);
  const at = nowIso();
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await repo.recordSuccess(trx, input.userId, at);
  await repo.insertSession(trx, {
    id: sessionIdOf(token),
    user_id: input.userId,
    grant_id: input.grantId,
    csrf_token: csrfToken,
    created_at: at,
    last_seen_at: at,
    expires_at: minutesFrom(at, settings.sessionAbsoluteHours * 60),
    ip: input.ip,
    user_agent: input.userAgent?.slice(0, 300) ?? null,
  });
  return { token, csrfToken };
}

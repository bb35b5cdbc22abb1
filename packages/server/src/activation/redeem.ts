import { checkPassword, maskIdCard, normalizeIdCard, normalizePhone, type FieldError } from '@zx/domain';
import type { AppContext } from '../context.ts';
import { nowIso, type Executor } from '../db/database.ts';
import { auditAnonymous, type AuditEntry } from '../audit/service.ts';
import { AppError, conflict, validationFailed } from '../http/errors.ts';
import { passwordPolicyOf } from '../settings/settings.ts';
import { getSecuritySettings } from '../settings/service.ts';
import { hashPassword } from '../auth/passwords.ts';
import { startSession } from '../auth/service.ts';
import { authRepository } from '../auth/repository.ts';
import { minutesAfter, minutesLeft, UNTRUSTED } from '../auth/throttle.ts';
import { throttleRepository } from '../auth/throttle-repository.ts';
import { activationRepository as repo } from './repository.ts';
import { codeHash, normalizeCode } from './codes.ts';

/**
 * The member's side of activation: redeem a code, or prove who they are with name + ID number +
 * mobile; either way they choose a password and are signed in. Both are public routes, so both
 * are throttled with the login's machinery (auth/throttle-repository.ts, `rate_limit`):
 * - every address: at most REQUESTS_PER_MINUTE attempts a minute;
 * - every address: IP_FAILURES failed attempts an hour, then THROTTLE_MINUTES of refusals;
 * - every ID number (self-activation): ID_FAILURES failed attempts an hour, then the same.
 * A failed self-activation never says which field was wrong (no enumeration of the roster).
 */
export const REQUESTS_PER_MINUTE = 10;
export const IP_FAILURES = 20;
export const ID_FAILURES = 5;
export const THROTTLE_MINUTES = 60;
const WINDOW_MINUTES = 60;
/** The throttle subject of every activation attempt from an address. */
const IP_SUBJECT = 'activation';

export interface Requester {
  ip: string | null;
  userAgent: string | null;
}

const codeInvalid = () =>
  new AppError(400, 'ACTIVATION_CODE_INVALID', {
    zh: '激活码无效、已使用或已过期，请向团支部书记重新领取',
    en: 'This activation code is invalid, used or expired; ask your branch secretary for a new one',
  });

const noMatch = () =>
  new AppError(400, 'ACTIVATION_NO_MATCH', {
    zh: '未能核对您的信息。请检查姓名、身份证号和手机号是否与团籍档案一致，或请团支部书记发放激活码',
    en: 'We could not verify these details. Check that name, ID number and mobile match your League record, or ask your branch secretary for a code',
  });

const hasAccount = () =>
  conflict(
    'MEMBER_HAS_ACCOUNT',
    '您已有账号，请直接登录；忘记密码请联系团支部书记重置',
    'You already have an account: log in, or ask your branch secretary to reset the password',
  );

const throttled = (minutes: number) =>
  new AppError(429, 'ACTIVATION_THROTTLED', { zh: `尝试次数过多，请 ${minutes} 分钟后再试`, en: `Too many attempts; try again in ${minutes} minute(s)` }, [], {
    'retry-after': String(minutes * 60),
  });

const note = (ex: Executor, who: Requester, entry: AuditEntry & { userId?: number; username?: string; orgId?: number }) =>
  auditAnonymous(ex, { ip: who.ip, role: entry.userId ? 'member' : null, ...entry });

/** The per-minute cap and the throttles in force for this address (and ID subject), or a 429. */
async function admit(ctx: AppContext, who: Requester, action: string, idSubject?: string) {
  const at = nowIso();
  const hits = await ctx.db.transaction().execute((trx) => authRepository.hitRateLimit(trx, `activation:ip:${who.ip ?? '-'}`, at.slice(0, 16)));
  if (hits > REQUESTS_PER_MINUTE) {
    await note(ctx.db, who, { action, outcome: 'denied', summary: { reason: 'rate_limited' } });
    throw new AppError(429, 'TOO_MANY_REQUESTS', { zh: '操作过于频繁，请稍后再试', en: 'Too many attempts; try again later' });
  }
  const ip = await throttleRepository.rows(ctx.db, IP_SUBJECT, `ip:${who.ip ?? '-'}`);
  const id = idSubject ? await throttleRepository.rows(ctx.db, idSubject, UNTRUSTED) : {};
  const until = [ip.pair?.throttled_until, id.account?.throttled_until]
    .filter((u): u is string => !!u && u > at)
    .sort()
    .at(-1);
  if (until) {
    await note(ctx.db, who, { action, outcome: 'denied', summary: { reason: 'throttled', until } });
    throw throttled(minutesLeft(until, at));
  }
}

/** One more failure for the address (and the ID), throttling whichever reached its limit; audited. */
async function fail(ctx: AppContext, who: Requester, action: string, summary: Record<string, unknown>, idSubject?: string) {
  await ctx.db.transaction().execute(async (trx) => {
    const at = nowIso();
    await note(trx, who, { action, outcome: 'failure', summary });
    const counts: Array<[string, string, number, string]> = [[IP_SUBJECT, `ip:${who.ip ?? '-'}`, IP_FAILURES, 'address']];
    if (idSubject) counts.push([idSubject, UNTRUSTED, ID_FAILURES, 'id_number']);
    for (const [subject, client, limit, scope] of counts) {
      const row = await throttleRepository.countFailure(trx, subject, client, at, WINDOW_MINUTES);
      if (row.failures >= limit) {
        const until = minutesAfter(at, THROTTLE_MINUTES);
        await throttleRepository.startThrottle(trx, subject, client, until, at);
        await note(trx, who, {
          action: 'activation.throttle',
          summary: { scope, failures: row.failures, until, ...('idCard' in summary ? { idCard: summary.idCard } : {}) },
        });
      }
    }
  });
}

async function checkedPassword(ctx: AppContext, password: string, username = ''): Promise<void> {
  const settings = await getSecuritySettings(ctx.db);
  const problems: FieldError[] = checkPassword(password, passwordPolicyOf(settings), { username });
  if (problems.length) throw validationFailed(problems.map((p) => ({ ...p, field: 'password' })));
}

/**
 * The member's account: username `m<member id>` (their mobile logs in too, when no other account
 * holds it), the member role at their unit, the chosen password, a first session. Runs in the
 * caller's transaction; the caller ends the member's live codes.
 */
async function createAccount(trx: Executor, member: NonNullable<Awaited<ReturnType<typeof repo.member>>>, passwordHash: string, who: Requester) {
  const at = nowIso();
  let username = `m${member.id}`;
  if (await repo.usernameTaken(trx, username)) username = `m${member.id}-${Date.now().toString(36).slice(-4)}`;
  const phoneFree = member.phone_hash != null && !(await repo.phoneTaken(trx, member.phone_hash));
  const phone = phoneFree
    ? { phone_enc: member.phone_enc, phone_hash: member.phone_hash, phone_masked: member.phone_masked }
    : { phone_enc: null, phone_hash: null, phone_masked: null };
  const ids = await repo.insertAccount(trx, {
    username,
    displayName: member.name,
    phone,
    passwordHash,
    memberId: member.id,
    orgId: member.org_id,
    at,
    createdBy: null,
  });
  const session = await startSession(trx, { userId: ids.userId, grantId: ids.grantId, ip: who.ip, userAgent: who.userAgent });
  return { ...ids, username, ...session };
}

export const redeemService = {
  /** A code from the secretary's sheet (typed or scanned) and a new password: the account exists and is signed in. */
  async redeem(ctx: AppContext, who: Requester, input: { code: string; password: string }) {
    await admit(ctx, who, 'activation.redeem');
    const normalized = normalizeCode(input.code);
    const row = normalized ? await repo.codeByHash(ctx.db, codeHash(normalized)) : undefined;
    const at = nowIso();
    const reason = !row ? 'unknown_code' : row.used_at ? 'used' : row.revoked_at ? 'revoked' : row.expires_at <= at ? 'expired' : null;
    const member = row && !reason ? await repo.member(ctx.db, row.member_id) : undefined;
    if (reason || !member || member.status !== 'active' || member.org_status !== 'active') {
      await fail(ctx, who, 'activation.redeem', { reason: reason ?? 'member_inactive', ...(row ? { codeId: row.id } : {}) });
      throw codeInvalid();
    }
    if (await repo.memberHasAccount(ctx.db, member.id)) {
      await note(ctx.db, who, {
        action: 'activation.redeem',
        outcome: 'failure',
        targetType: 'member',
        targetId: member.id,
        summary: { reason: 'has_account' },
      });
      throw hasAccount();
    }
    await checkedPassword(ctx, input.password, `m${member.id}`);
    const passwordHash = await hashPassword(input.password);
    return ctx.db.transaction().execute(async (trx) => {
      const made = await createAccount(trx, member, passwordHash, who);
      // The code is spent in the same transaction: a second phone with the same code finds it used.
      if (!(await repo.useCode(trx, row!.id, made.userId, nowIso()))) throw codeInvalid();
      await repo.revokeLive(trx, [member.id], nowIso());
      await note(trx, who, {
        action: 'activation.redeem',
        userId: made.userId,
        username: made.username,
        orgId: member.org_id,
        targetType: 'member',
        targetId: member.id,
        summary: { codeId: row!.id },
      });
      return made;
    });
  },

  /** Name + ID number + mobile that match exactly one active member without an account, and a new password. */
  async selfActivate(ctx: AppContext, who: Requester, input: { name: string; idCard: string; phone: string; password: string }) {
    const idCard = normalizeIdCard(input.idCard);
    const idSubject = `a:${ctx.cipher.hash(`activation:${idCard}`)}`;
    await admit(ctx, who, 'activation.self', idSubject);
    await checkedPassword(ctx, input.password);
    const name = input.name.trim();
    const phoneHash = ctx.cipher.hash(normalizePhone(input.phone));
    const candidates = await repo.membersByIdCardHash(ctx.db, ctx.cipher.hash(idCard));
    const matches = candidates.filter((m) => m.name === name && m.phone_hash === phoneHash);
    const masked = idCard.length === 18 ? maskIdCard(idCard) : '***';
    if (matches.length !== 1) {
      await fail(ctx, who, 'activation.self', { reason: matches.length ? 'ambiguous' : 'no_match', idCard: masked }, idSubject);
      throw noMatch();
    }
    const member = (await repo.member(ctx.db, matches[0].id))!;
    if (member.org_status !== 'active') {
      await fail(ctx, who, 'activation.self', { reason: 'org_inactive', idCard: masked }, idSubject);
      throw noMatch();
    }
    if (await repo.memberHasAccount(ctx.db, member.id)) {
      await note(ctx.db, who, { action: 'activation.self', outcome: 'failure', targetType: 'member', targetId: member.id, summary: { reason: 'has_account' } });
      throw hasAccount();
    }
    const passwordHash = await hashPassword(input.password);
    return ctx.db.transaction().execute(async (trx) => {
      const made = await createAccount(trx, member, passwordHash, who);
      await repo.revokeLive(trx, [member.id], nowIso());
      await throttleRepository.clearSubject(trx, idSubject);
      await note(trx, who, {
        action: 'activation.self',
        userId: made.userId,
        username: made.username,
        orgId: member.org_id,
        targetType: 'member',
        targetId: member.id,
      });
      return made;
    });
  },
};

import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { LoginThrottleTable } from '../db/schema-auth.ts';
import { failureWindows, minutesAfter, minutesBefore, TRUSTED_DEVICE_DAYS, UNTRUSTED, userSubject } from './throttle.ts';

/** The login throttle's counts and the trusted devices (auth/throttle.ts says how they are used). */

export type ThrottleRow = LoginThrottleTable;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export const throttleRepository = {
  /** The pair's row and the subject's account-wide row, when they exist. */
  async rows(ex: Executor, subject: string, client: string): Promise<{ pair?: ThrottleRow; account?: ThrottleRow }> {
    const rows = await ex.selectFrom('login_throttle').selectAll().where('subject', '=', subject).where('client', 'in', [client, UNTRUSTED]).execute();
    return { pair: rows.find((r) => r.client === client), account: rows.find((r) => r.client === UNTRUSTED) };
  },

  /**
   * One more failure of (subject, client), in one statement so two app instances never lose a
   * count; a window older than `windowMinutes` starts again at 1. Returns the row after the change.
   */
  async countFailure(ex: Executor, subject: string, client: string, at: string, windowMinutes: number): Promise<ThrottleRow> {
    const cutoff = minutesBefore(at, windowMinutes);
    const stale = sql<boolean>`${sql.ref('login_throttle.window_start')} < ${cutoff}`;
    await ex
      .insertInto('login_throttle')
      .values({ subject, client, failures: 1, window_start: at, throttled_until: null, updated_at: at })
      .onConflict((oc) =>
        oc.columns(['subject', 'client']).doUpdateSet({
          failures: sql<number>`case when ${stale} then 1 else ${sql.ref('login_throttle.failures')} + 1 end`,
          window_start: sql<string>`case when ${stale} then ${at} else ${sql.ref('login_throttle.window_start')} end`,
          updated_at: at,
        }),
      )
      .execute();
    return ex.selectFrom('login_throttle').selectAll().where('subject', '=', subject).where('client', '=', client).executeTakeFirstOrThrow();
  },

  /** Throttle (subject, client) until `until`; its count starts again from zero. */
  startThrottle: (ex: Executor, subject: string, client: string, until: string, at: string) =>
    ex
      .updateTable('login_throttle')
      .set({ throttled_until: until, failures: 0, window_start: at, updated_at: at })
      .where('subject', '=', subject)
      .where('client', '=', client)
      .execute(),

  /** A successful login forgets the pair's failures. */
  clearPair: (ex: Executor, subject: string, client: string) =>
    ex.deleteFrom('login_throttle').where('subject', '=', subject).where('client', '=', client).execute(),

  /** The security admin's unlock: every throttle and count of the account. Returns how many rows went. */
  async clearSubject(ex: Executor, subject: string): Promise<number> {
    const res = await ex.deleteFrom('login_throttle').where('subject', '=', subject).executeTakeFirst();
    return Number(res.numDeletedRows);
  },

  /** Accounts whose untrusted clients are throttled now, with the end of it. */
  async accountThrottles(ex: Executor, userIds: readonly number[], at: string): Promise<Map<number, string>> {
    if (!userIds.length) return new Map();
    const rows = await ex
      .selectFrom('login_throttle')
      .select(['subject', 'throttled_until'])
      .where('subject', 'in', userIds.map(userSubject))
      .where('client', '=', UNTRUSTED)
      .where('throttled_until', '>', at)
      .execute();
    return new Map(rows.map((r) => [Number(r.subject.slice(2)), r.throttled_until!]));
  },

  /** Maintenance: rows neither counting in a live window nor throttling any more. */
  prune: (ex: Executor, at: string) =>
    ex
      .deleteFrom('login_throttle')
      .where('updated_at', '<', minutesBefore(at, failureWindows.pair))
      .where((eb) => eb.or([eb('throttled_until', 'is', null), eb('throttled_until', '<', at)]))
      .execute(),
};

export const deviceRepository = {
  /** The trusted device a cookie names, while it lasts. */
  find: (ex: Executor, token: string | undefined, at: string) =>
    token && token.length >= 32 && token.length <= 100
      ? ex.selectFrom('trusted_device').select(['id', 'user_id']).where('token_hash', '=', sha256(token)).where('expires_at', '>', at).executeTakeFirst()
      : Promise.resolve(undefined),

  /** A new trusted device for the account; returns the cookie token (stored only as its hash). */
  async create(ex: Executor, userId: number, at: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await ex
      .insertInto('trusted_device')
      .values({
        token_hash: sha256(token),
        user_id: userId,
        created_at: at,
        last_used_at: at,
        expires_at: minutesAfter(at, TRUSTED_DEVICE_DAYS * 24 * 60),
      })
      .execute();
    return token;
  },

  touch: (ex: Executor, id: number, at: string) => ex.updateTable('trusted_device').set({ last_used_at: at }).where('id', '=', id).execute(),

  /** Password reset, password change (keeping the browser that made it), log out everywhere, account disabled. */
  async revokeAllOf(ex: Executor, userId: number, keepToken?: string): Promise<number> {
    let q = ex.deleteFrom('trusted_device').where('user_id', '=', userId);
    if (keepToken) q = q.where('token_hash', '!=', sha256(keepToken));
    return Number((await q.executeTakeFirst()).numDeletedRows);
  },

  pruneExpired: (ex: Executor, at: string) => ex.deleteFrom('trusted_device').where('expires_at', '<', at).execute(),
};

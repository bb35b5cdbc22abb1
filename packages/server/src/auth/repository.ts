import type { Executor } from '../db/database.ts';
import { SECURITY_SETTINGS_KEY } from '../settings/settings.ts';
import { securitySettingsFrom } from '../settings/repository.ts';

const ROLE_ORDER = ['system_admin', 'security_admin', 'audit_admin', 'org_admin', 'inspector', 'branch_secretary', 'member'];

export const authRepository = {
  findUserByUsername: (ex: Executor, username: string) => ex.selectFrom('user_account').selectAll().where('username', '=', username).executeTakeFirst(),

  findUserByPhoneHash: (ex: Executor, phoneHash: string) => ex.selectFrom('user_account').selectAll().where('phone_hash', '=', phoneHash).executeTakeFirst(),

  findUserById: (ex: Executor, id: number) => ex.selectFrom('user_account').selectAll().where('id', '=', id).executeTakeFirst(),

  /** Grants with their organization, most powerful first: the first is the default at login. */
  async grantsOf(ex: Executor, userId: number) {
    const rows = await ex
      .selectFrom('role_grant as g')
      .innerJoin('organization as o', 'o.id', 'g.org_id')
      .select(['g.id', 'g.role', 'g.org_id', 'o.path as org_path', 'o.name as org_name', 'o.status as org_status'])
      .where('g.user_id', '=', userId)
      .execute();
    return rows
      .filter((r) => r.org_status === 'active')
      .sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.org_path.length - b.org_path.length || a.id - b.id);
  },

  /**
   * Sessions by id, with their account, active role and organization, and the security settings
   * (parsed) whose timeouts apply: one indexed read for a batch of requests (lookUpSession in service.ts).
   */
  findSessions: async (ex: Executor, ids: string[]) => {
    const rows = await ex
      .selectFrom('session as s')
      .innerJoin('user_account as u', 'u.id', 's.user_id')
      .leftJoin('role_grant as g', 'g.id', 's.grant_id')
      .leftJoin('organization as o', 'o.id', 'g.org_id')
      .select([
        's.id',
        's.user_id',
        's.grant_id',
        's.csrf_token',
        's.created_at',
        's.last_seen_at',
        's.expires_at',
        'u.username',
        'u.display_name',
        'u.member_id',
        'u.status as user_status',
        'u.must_change_password',
        'g.role',
        'g.org_id',
        'o.path as org_path',
        'o.name as org_name',
        'o.status as org_status',
        // The timeouts to check come with the session: one round trip per request, not two.
        (eb) => eb.selectFrom('setting').select('value').where('key', '=', SECURITY_SETTINGS_KEY).as('security_settings'),
      ])
      .where('s.id', 'in', ids)
      .execute();
    return rows.map((r) => ({ ...r, security_settings: securitySettingsFrom(r.security_settings) }));
  },

  insertSession: (
    ex: Executor,
    row: {
      id: string;
      user_id: number;
      grant_id: number | null;
      csrf_token: string;
      created_at: string;
      last_seen_at: string;
      expires_at: string;
      ip: string | null;
      user_agent: string | null;
    },
  ) => ex.insertInto('session').values(row).execute(),

  touchSession: (ex: Executor, id: string, at: string) => ex.updateTable('session').set({ last_seen_at: at }).where('id', '=', id).execute(),

  setSessionGrant: (ex: Executor, id: string, grantId: number) => ex.updateTable('session').set({ grant_id: grantId }).where('id', '=', id).execute(),

  deleteSession: (ex: Executor, id: string) => ex.deleteFrom('session').where('id', '=', id).execute(),

  deleteSessionsOf: async (ex: Executor, userId: number, exceptId?: string) => {
    let q = ex.deleteFrom('session').where('user_id', '=', userId);
    if (exceptId) q = q.where('id', '!=', exceptId);
    return Number((await q.executeTakeFirst()).numDeletedRows);
  },

  deleteExpiredSessions: (ex: Executor, nowIso: string, idleCutoffIso: string) =>
    ex
      .deleteFrom('session')
      .where((eb) => eb.or([eb('expires_at', '<', nowIso), eb('last_seen_at', '<', idleCutoffIso)]))
      .execute(),

  /** The account's own new password: chosen by its holder, so no change is forced any more. */
  setOwnPassword: (ex: Executor, userId: number, passwordHash: string, at: string) =>
    ex
      .updateTable('user_account')
      .set({ password_hash: passwordHash, password_changed_at: at, must_change_password: 0, updated_at: at })
      .where('id', '=', userId)
      .execute(),

  /** Maintenance: the per-address counters of windows before `windowStart` (a minute, 'YYYY-MM-DDTHH:MM'). */
  pruneRateLimits: (ex: Executor, windowStart: string) => ex.deleteFrom('rate_limit').where('window_start', '<', windowStart).execute(),

  recordSuccess: (ex: Executor, userId: number, at: string) =>
    ex.updateTable('user_account').set({ failed_logins: 0, locked_until: null, last_login_at: at }).where('id', '=', userId).execute(),

  /**
   * Fixed-window counter in the database, so several app instances share one limit.
   * Returns the count including this hit.
   */
  async hitRateLimit(ex: Executor, key: string, windowStartIso: string): Promise<number> {
    const row = await ex.selectFrom('rate_limit').selectAll().where('key', '=', key).executeTakeFirst();
    if (!row) {
      await ex
        .insertInto('rate_limit')
        .values({ key, window_start: windowStartIso, count: 1 })
        .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ count: eb('rate_limit.count', '+', 1) })))
        .execute();
      return 1;
    }
    if (row.window_start !== windowStartIso) {
      await ex.updateTable('rate_limit').set({ window_start: windowStartIso, count: 1 }).where('key', '=', key).execute();
      return 1;
    }
    await ex
      .updateTable('rate_limit')
      .set((eb) => ({ count: eb('count', '+', 1) }))
      .where('key', '=', key)
      .execute();
    return row.count + 1;
  },

  /** Failed password changes of the account since `sinceIso` (audit rows). */
  failedPasswordChanges: async (ex: Executor, userId: number, sinceIso: string) =>
    Number(
      (
        await ex
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('user_id', '=', userId)
          .where('at', '>=', sinceIso)
          .where('action', '=', 'auth.change_password')
          .where('outcome', '=', 'failure')
          .executeTakeFirstOrThrow()
      ).n,
    ),
};

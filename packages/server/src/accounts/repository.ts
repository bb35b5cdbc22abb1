import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { Dialect } from '../db/dialect.ts';
import type { UserAccountTable } from '../db/schema.ts';
import { pathInSubtree } from '../access/repository/subtree.ts';

export const accountRepository = {
  /** Accounts holding at least one grant inside the scope subtree. */
  listInScope(ex: Executor, scopePath: string, f: { q?: string; orgId?: number; role?: string }, like: 'like' | 'ilike') {
    let q = ex.selectFrom('user_account as u').where((eb) =>
      eb.exists(
        eb
          .selectFrom('role_grant as g')
          .innerJoin('organization as o', 'o.id', 'g.org_id')
          .select('g.id')
          .whereRef('g.user_id', '=', 'u.id')
          .where(pathInSubtree('o.path', scopePath))
          .$if(!!f.orgId, (qb) => qb.where('g.org_id', '=', f.orgId!))
          .$if(!!f.role, (qb) => qb.where('g.role', '=', f.role!)),
      ),
    );
    if (f.q) {
      const term = `%${f.q.replace(/[%_\\]/g, '')}%`;
      q = q.where((eb) => eb.or([eb('u.username', like, term), eb('u.display_name', like, term)]));
    }
    return q;
  },

  grantsWithOrgs: (ex: Executor, userIds: number[]) =>
    userIds.length
      ? ex
          .selectFrom('role_grant as g')
          .innerJoin('organization as o', 'o.id', 'g.org_id')
          .select(['g.id', 'g.user_id', 'g.role', 'g.org_id', 'o.name as org_name', 'o.path as org_path', 'g.created_at'])
          .where('g.user_id', 'in', userIds)
          .orderBy('g.id')
          .execute()
      : Promise.resolve([]),

  /** The member already has an account (one account per member; a unique index backs it). */
  memberLinked: async (ex: Executor, memberId: number) =>
    !!(await ex.selectFrom('user_account').select('id').where('member_id', '=', memberId).executeTakeFirst()),

  usernameTaken: async (ex: Executor, username: string) =>
    !!(await ex.selectFrom('user_account').select('id').where('username', '=', username).executeTakeFirst()),

  phoneTaken: async (ex: Executor, phoneHash: string, exceptId?: number) => {
    let q = ex.selectFrom('user_account').select('id').where('phone_hash', '=', phoneHash);
    if (exceptId) q = q.where('id', '!=', exceptId);
    return !!(await q.executeTakeFirst());
  },

  /** One page of the accounts in scope (see listInScope), by id, and how many there are. */
  async page(ex: Executor, scopePath: string, f: { q?: string; orgId?: number; role?: string }, dialect: Dialect, p: { limit: number; offset: number }) {
    // The name search ignores case on both databases (SQLite's like already does for ASCII).
    const base = accountRepository.listInScope(ex, scopePath, f, dialect === 'postgres' ? 'ilike' : 'like');
    const [users, total] = await Promise.all([
      base
        .select([
          'u.id',
          'u.username',
          'u.display_name',
          'u.phone_masked',
          'u.status',
          'u.last_login_at',
          'u.member_id',
          'u.created_at',
          'u.must_change_password',
        ])
        .orderBy('u.id')
        .limit(p.limit)
        .offset(p.offset)
        .execute(),
      base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { users, total: Number(total.n) };
  },

  insert: async (ex: Executor, row: Insertable<UserAccountTable>) =>
    (await ex.insertInto('user_account').values(row).returning('id').executeTakeFirstOrThrow()).id,

  update: (ex: Executor, id: number, patch: Updateable<UserAccountTable>) => ex.updateTable('user_account').set(patch).where('id', '=', id).execute(),

  insertGrant: async (ex: Executor, row: { user_id: number; role: string; org_id: number; created_at: string; created_by: number | null }) =>
    (await ex.insertInto('role_grant').values(row).returning('id').executeTakeFirstOrThrow()).id,

  deleteGrant: (ex: Executor, grantId: number) => ex.deleteFrom('role_grant').where('id', '=', grantId).execute(),
};

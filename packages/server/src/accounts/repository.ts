import type { Executor } from '../db/database.ts';
import { pathInSubtree } from '../access/paths.ts';

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
};

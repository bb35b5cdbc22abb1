import { pinyinFull, pinyinInitials, SYSTEM_ROLES } from '@zx/domain';
import type { Executor } from '../db/database.ts';

/**
 * The queries of the install and the command line (accounts/system.ts): the root organization,
 * created when the database has none, and the accounts holding a system role. The account and
 * grant rows themselves are written through accountRepository, like the API's.
 */

export type RootOrg = { id: number; path: string; name: string };

export const systemAccountRepository = {
  /** The top of the tree: the first active organization without a parent. */
  rootOrganization: (ex: Executor): Promise<RootOrg | undefined> =>
    ex.selectFrom('organization').select(['id', 'path', 'name']).where('parent_id', 'is', null).where('status', '=', 'active').orderBy('id').executeTakeFirst(),

  /** The organization type of the highest rank (the lowest number), if any type exists. */
  async topOrgTypeCode(ex: Executor): Promise<string | undefined> {
    return (await ex.selectFrom('org_type').select('code').orderBy('rank').orderBy('code').limit(1).executeTakeFirst())?.code;
  },

  orgCodeTaken: async (ex: Executor, code: string) => !!(await ex.selectFrom('organization').select('id').where('code', '=', code).executeTakeFirst()),

  /** A new active organization without a parent; its path, which holds its own id, is set once the id is known. */
  async insertRootOrganization(ex: Executor, org: { name: string; code: string; typeCode: string; at: string }): Promise<{ id: number; path: string }> {
    const { id } = await ex
      .insertInto('organization')
      .values({
        parent_id: null,
        path: `/pending-${org.code}/`,
        depth: 0,
        type_code: org.typeCode,
        name: org.name,
        code: org.code,
        pinyin_initials: pinyinInitials(org.name),
        pinyin_full: pinyinFull(org.name),
        founded_on: null,
        responsible_person: null,
        contact_phone_enc: null,
        contact_phone_masked: null,
        status: 'active',
        merged_into_id: null,
        direct_member_count: 0,
        subtree_member_count: 0,
        created_at: org.at,
        updated_at: org.at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const path = `/${id}/`;
    await ex.updateTable('organization').set({ path }).where('id', '=', id).execute();
    return { id, path };
  },

  /** Whether any account holds a system role (then the install has happened). */
  systemGrantExists: async (ex: Executor) =>
    !!(await ex
      .selectFrom('role_grant')
      .select('id')
      .where('role', 'in', [...SYSTEM_ROLES])
      .limit(1)
      .executeTakeFirst()),

  /** The roles an account holds, and where. */
  grantsOf: (ex: Executor, userId: number) => ex.selectFrom('role_grant').select(['role', 'org_id']).where('user_id', '=', userId).execute(),

  /** Every account holding a system role, one row per such grant, by account id. */
  systemAccounts: (ex: Executor) =>
    ex
      .selectFrom('user_account as u')
      .innerJoin('role_grant as g', 'g.user_id', 'u.id')
      .select(['u.id', 'u.username', 'u.display_name', 'u.status', 'u.must_change_password', 'u.last_login_at', 'g.role'])
      .where('g.role', 'in', [...SYSTEM_ROLES])
      .orderBy('u.id')
      .execute(),
};

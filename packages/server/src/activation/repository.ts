import type { Executor } from '../db/database.ts';

/** Every query of member account activation: codes, the unit's members, the member an activation names. */

export interface CodeRow {
  id: number;
  member_id: number;
  org_id: number;
  expires_at: string;
  used_at: string | null;
  revoked_at: string | null;
}

export const activationRepository = {
  /** Active members directly at the unit, with their account (if any) and their newest live code (if any). */
  async unitMembers(ex: Executor, orgId: number, at: string) {
    const rows = await ex
      .selectFrom('member as m')
      .leftJoin('user_account as u', 'u.member_id', 'm.id')
      .select(['m.id', 'm.name', 'm.id_card_masked', 'u.id as user_id'])
      .select((eb) =>
        eb
          .selectFrom('activation_code as a')
          .select((e) => e.fn.max('a.expires_at').as('x'))
          .whereRef('a.member_id', '=', 'm.id')
          .where('a.used_at', 'is', null)
          .where('a.revoked_at', 'is', null)
          .where('a.expires_at', '>', at)
          .as('code_expires_at'),
      )
      .where('m.org_id', '=', orgId)
      .where('m.status', '=', 'active')
      .orderBy('m.name')
      .orderBy('m.id')
      .limit(2000)
      .execute();
    return rows.map((r) => ({ ...r, code_expires_at: (r.code_expires_at as string | null) ?? null }));
  },

  /** Ends every live code of these members (a new code replaces the old one; revoking ends it). */
  revokeLive: (ex: Executor, memberIds: readonly number[], at: string) =>
    memberIds.length
      ? ex
          .updateTable('activation_code')
          .set({ revoked_at: at })
          .where('member_id', 'in', memberIds)
          .where('used_at', 'is', null)
          .where('revoked_at', 'is', null)
          .executeTakeFirst()
          .then((r) => Number(r.numUpdatedRows))
      : Promise.resolve(0),

  insertCodes: (
    ex: Executor,
    rows: Array<{ member_id: number; org_id: number; code_hash: string; issued_at: string; issued_by: number | null; expires_at: string }>,
  ) => (rows.length ? ex.insertInto('activation_code').values(rows).execute() : Promise.resolve([])),

  /** The code a hash names, whatever its state (the service says why it cannot be used). */
  codeByHash: (ex: Executor, codeHash: string): Promise<CodeRow | undefined> =>
    ex
      .selectFrom('activation_code')
      .select(['id', 'member_id', 'org_id', 'expires_at', 'used_at', 'revoked_at'])
      .where('code_hash', '=', codeHash)
      .executeTakeFirst(),

  /**
   * Marks the code used, only if it is still live: the one statement that makes a code single-use
   * even when two phones redeem it at the same moment. Returns whether this call used it.
   */
  async useCode(ex: Executor, id: number, userId: number, at: string): Promise<boolean> {
    const r = await ex
      .updateTable('activation_code')
      .set({ used_at: at, user_id: userId })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', at)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  /** The member an activation is for, with their unit. */
  member: (ex: Executor, memberId: number) =>
    ex
      .selectFrom('member as m')
      .innerJoin('organization as o', 'o.id', 'm.org_id')
      .select(['m.id', 'm.name', 'm.org_id', 'm.status', 'm.phone_enc', 'm.phone_hash', 'm.phone_masked', 'o.status as org_status'])
      .where('m.id', '=', memberId)
      .executeTakeFirst(),

  /** Active members with this ID number (the blind index); normally one, never trusted to be. */
  membersByIdCardHash: (ex: Executor, idCardHash: string) =>
    ex.selectFrom('member').select(['id', 'name', 'phone_hash']).where('id_card_hash', '=', idCardHash).where('status', '=', 'active').limit(5).execute(),

  memberHasAccount: async (ex: Executor, memberId: number) =>
    !!(await ex.selectFrom('user_account').select('id').where('member_id', '=', memberId).executeTakeFirst()),

  usernameTaken: async (ex: Executor, username: string) =>
    !!(await ex.selectFrom('user_account').select('id').where('username', '=', username).executeTakeFirst()),

  phoneTaken: async (ex: Executor, phoneHash: string) =>
    !!(await ex.selectFrom('user_account').select('id').where('phone_hash', '=', phoneHash).executeTakeFirst()),

  /** The member's account and its member-role grant at their unit, in one go. Returns the ids. */
  async insertAccount(
    ex: Executor,
    row: {
      username: string;
      displayName: string;
      phone: { phone_enc: string | null; phone_hash: string | null; phone_masked: string | null };
      passwordHash: string;
      memberId: number;
      orgId: number;
      at: string;
      createdBy: number | null;
    },
  ): Promise<{ userId: number; grantId: number }> {
    const { id: userId } = await ex
      .insertInto('user_account')
      .values({
        username: row.username,
        display_name: row.displayName,
        ...row.phone,
        password_hash: row.passwordHash,
        member_id: row.memberId,
        status: 'active',
        must_change_password: 0,
        password_changed_at: row.at,
        created_at: row.at,
        updated_at: row.at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { id: grantId } = await ex
      .insertInto('role_grant')
      .values({ user_id: userId, role: 'member', org_id: row.orgId, created_at: row.at, created_by: row.createdBy })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { userId: Number(userId), grantId: Number(grantId) };
  },
};

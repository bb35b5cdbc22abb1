import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

/**
 * One account per League member (issue 11 review). An account linked to a member reads that
 * member's profile, gets their personal notices and casts their ballots; a second account
 * linked to the same member — made by an administrator — would do all of that in their name.
 * A person with several posts holds several grants on one account. Where an earlier version
 * left two accounts on one member, the oldest keeps the link and the others lose it (they stay
 * usable for their grants; the change is written to the audit log).
 */
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  const extra = await sql<{ id: number; member_id: number }>`
    select u.id, u.member_id from user_account u
    where u.member_id is not null and exists (select 1 from user_account o where o.member_id = u.member_id and o.id < u.id)`.execute(db);
  const at = new Date().toISOString();
  for (const row of extra.rows) {
    await db.updateTable('user_account').set({ member_id: null, updated_at: at }).where('id', '=', row.id).execute();
    await db
      .insertInto('audit_log')
      .values({
        at,
        user_id: null,
        username: '[install]',
        role: null,
        org_id: null,
        org_path: null,
        action: 'account.update',
        target_type: 'user',
        target_id: String(row.id),
        summary: JSON.stringify({ memberUnlinked: Number(row.member_id), reason: 'one account per member' }),
        ip: null,
        outcome: 'success',
      })
      .execute();
  }
  await db.schema.createIndex('user_account_member_uq').on('user_account').column('member_id').unique().execute();
}

import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { idType, refType } from './column-types.ts';

/**
 * Member account activation (issue 13, docs/activation.md, decision 0017).
 * `activation_code`: a one-time code a branch secretary issues for a member without an account.
 * Only the sha256 of the code is kept (the code has 80 random bits, so a fast hash is enough and
 * a stolen table yields no usable code). A code is live while `used_at` and `revoked_at` are
 * null and `expires_at` lies ahead; issuing again revokes the member's live code. The account is
 * made when the member redeems the code (`user_id` then names it).
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('activation_code')
    .addColumn('id', idType(dialect), (c) => c.primaryKey())
    .addColumn('member_id', refType(dialect), (c) => c.notNull().references('member.id').onDelete('cascade'))
    .addColumn('org_id', refType(dialect), (c) => c.notNull().references('organization.id'))
    .addColumn('code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('issued_by', refType(dialect))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('user_id', refType(dialect))
    .execute();
  await db.schema.createIndex('activation_code_member_idx').on('activation_code').columns(['member_id', 'issued_at']).execute();
  await db.schema.createIndex('activation_code_org_idx').on('activation_code').columns(['org_id', 'issued_at']).execute();
}

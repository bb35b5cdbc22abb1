import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { idType, refType } from './column-types.ts';

/**
 * Login throttling (issue 11, docs/decisions/0010-login-throttling.md).
 * - `login_throttle`: failed logins counted per (subject, client). The subject is `u:<account id>`
 *   for a known account and `n:<keyed hash of the login name>` for an unknown one; the client is
 *   `d:<trusted device id>`, `ip:<address>`, or `*` for the account-wide count over untrusted clients.
 * - `trusted_device`: a browser that logged in successfully (cookie `zx_device`, stored as sha256),
 *   revoked on a password reset, a password change and "log out everywhere".
 * The per-account lockout columns of user_account (`failed_logins`, `locked_until`) are no longer read.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('login_throttle')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('client', 'text', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('throttled_until', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('login_throttle_pk', ['subject', 'client'])
    .execute();
  await db.schema.createIndex('login_throttle_updated_idx').on('login_throttle').column('updated_at').execute();

  await db.schema
    .createTable('trusted_device')
    .addColumn('id', idType(dialect), (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', refType(dialect), (c) => c.notNull().references('user_account.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('trusted_device_user_idx').on('trusted_device').column('user_id').execute();

  await db.updateTable('user_account').set({ failed_logins: 0, locked_until: null }).execute();
}

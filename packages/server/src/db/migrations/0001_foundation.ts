import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { idType, pathType, refType } from './column-types.ts';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const ref = refType(dialect);

  await db.schema
    .createTable('org_type')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addColumn('holds_members', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('organization')
    .addColumn('id', idType(dialect), (c) => c.primaryKey())
    .addColumn('parent_id', ref, (c) => c.references('organization.id'))
    .addColumn('path', pathType(dialect), (c) => c.notNull().unique())
    .addColumn('depth', 'integer', (c) => c.notNull())
    .addColumn('type_code', 'text', (c) => c.notNull().references('org_type.code'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('pinyin_initials', 'text', (c) => c.notNull())
    .addColumn('pinyin_full', 'text', (c) => c.notNull())
    .addColumn('founded_on', 'text')
    .addColumn('responsible_person', 'text')
    .addColumn('contact_phone_enc', 'text')
    .addColumn('contact_phone_masked', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('merged_into_id', ref, (c) => c.references('organization.id'))
    .addColumn('direct_member_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('subtree_member_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('organization_parent_idx').on('organization').columns(['parent_id', 'name']).execute();
  await db.schema.createIndex('organization_type_idx').on('organization').columns(['type_code', 'path']).execute();

  await db.schema
    .createTable('member')
    .addColumn('id', idType(dialect), (c) => c.primaryKey())
    .addColumn('org_id', ref, (c) => c.notNull().references('organization.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('gender', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('id_card_enc', 'text', (c) => c.notNull())
    .addColumn('id_card_hash', 'text', (c) => c.notNull().unique())
    .addColumn('id_card_masked', 'text', (c) => c.notNull())
    .addColumn('phone_enc', 'text')
    .addColumn('phone_hash', 'text')
    .addColumn('phone_masked', 'text')
    .addColumn('joined_on', 'text')
    .addColumn('position', 'text', (c) => c.notNull().defaultTo('none'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('member_org_idx').on('member').columns(['org_id', 'status', 'name']).execute();
  await db.schema.createIndex('member_phone_idx').on('member').column('phone_hash').execute();

  await db.schema
    .createTable('member_transfer')
    .addColumn('id', idType(dialect), (c) => c.primaryKey())
    .addColumn('member_id', ref, (c) => c.notNull().references('member.id'))
    .addColumn('from_org_id', ref, (c) => c.notNull().references('organization.id'))
    .addColumn('to_org_id', ref, (c) => c.notNull().references('organization.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('transferred_at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', ref)
    .execute();
  await db.schema.createIndex('member_transfer_member_idx').on('member_transfer').column('member_id').execute();

  await db.schema
    .createTable('user_account')
    .addColumn('id', idType(dialect), (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('phone_enc', 'text')
    .addColumn('phone_hash', 'text', (c) => c.unique())
    .addColumn('phone_masked', 'text')
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('member_id', ref, (c) => c.references('member.id'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('password_changed_at', 'text', (c) => c.notNull())
    .addColumn('last_login_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('role_grant')
    .addColumn('id', idType(dialect), (c) => c.primaryKey())
    .addColumn('user_id', ref, (c) => c.notNull().references('user_account.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('org_id', ref, (c) => c.notNull().references('organization.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', ref)
    .addUniqueConstraint('role_grant_unique', ['user_id', 'role', 'org_id'])
    .execute();
  await db.schema.createIndex('role_grant_org_idx').on('role_grant').column('org_id').execute();

  await db.schema
    .createTable('session')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', ref, (c) => c.notNull().references('user_account.id').onDelete('cascade'))
    .addColumn('grant_id', ref, (c) => c.references('role_grant.id').onDelete('set null'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('session_user_idx').on('session').column('user_id').execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', idType(dialect), (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_id', ref)
    .addColumn('username', 'text')
    .addColumn('role', 'text')
    .addColumn('org_id', ref)
    .addColumn('org_path', pathType(dialect))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text')
    .addColumn('target_id', 'text')
    .addColumn('summary', 'text')
    .addColumn('ip', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_at_idx').on('audit_log').column('at').execute();
  await db.schema.createIndex('audit_log_path_idx').on('audit_log').columns(['org_path', 'at']).execute();

  await db.schema
    .createTable('rate_limit')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('job')
    .addColumn('id', idType(dialect), (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('total', 'integer')
    .addColumn('result', 'text')
    .addColumn('error', 'text')
    .addColumn('user_id', ref, (c) => c.notNull())
    .addColumn('grant_id', ref, (c) => c.notNull())
    .addColumn('org_id', ref, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('locked_by', 'text')
    .addColumn('heartbeat_at', 'text')
    .execute();
  await db.schema.createIndex('job_status_idx').on('job').columns(['status', 'id']).execute();

  await db.schema
    .createTable('import_issue')
    .addColumn('job_id', ref, (c) => c.notNull().references('job.id').onDelete('cascade'))
    .addColumn('row_number', 'integer', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('message_zh', 'text', (c) => c.notNull())
    .addColumn('message_en', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('import_issue_job_idx').on('import_issue').columns(['job_id', 'row_number']).execute();

  await db.schema
    .createTable('member_import_row')
    .addColumn('job_id', ref, (c) => c.notNull().references('job.id').onDelete('cascade'))
    .addColumn('row_number', 'integer', (c) => c.notNull())
    .addColumn('org_id', ref, (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('gender', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('id_card_enc', 'text', (c) => c.notNull())
    .addColumn('id_card_hash', 'text', (c) => c.notNull())
    .addColumn('id_card_masked', 'text', (c) => c.notNull())
    .addColumn('phone_enc', 'text')
    .addColumn('phone_hash', 'text')
    .addColumn('phone_masked', 'text')
    .addColumn('joined_on', 'text')
    .addColumn('position', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addPrimaryKeyConstraint('member_import_row_pk', ['job_id', 'row_number'])
    .execute();

  await db.schema
    .createTable('org_import_row')
    .addColumn('job_id', ref, (c) => c.notNull().references('job.id').onDelete('cascade'))
    .addColumn('row_number', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type_code', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('parent_code', 'text', (c) => c.notNull())
    .addColumn('founded_on', 'text')
    .addColumn('responsible_person', 'text')
    .addColumn('contact_phone_enc', 'text')
    .addColumn('contact_phone_masked', 'text')
    .addPrimaryKeyConstraint('org_import_row_pk', ['job_id', 'row_number'])
    .execute();

  await db.schema
    .createTable('stored_file')
    .addColumn('hash', 'text', (c) => c.primaryKey())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('setting')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', ref)
    .execute();

  if (dialect === 'postgres') {
    // The audit log is append-only for the application role: updates are refused outright;
    // deletes only through the retention job (which sets zx.audit_prune for its transaction).
    await sql`
      create function audit_log_guard() returns trigger language plpgsql as $$
      begin
        if tg_op = 'UPDATE' then raise exception 'audit_log is append-only'; end if;
        if coalesce(current_setting('zx.audit_prune', true), '') <> 'on' then
          raise exception 'audit_log rows are removed only by the retention job';
        end if;
        return old;
      end $$`.execute(db);
    await sql`create trigger audit_log_guard before update or delete on audit_log
      for each row execute function audit_log_guard()`.execute(db);
  } else {
    await sql`create trigger audit_log_no_update before update on audit_log
      begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
  }
}

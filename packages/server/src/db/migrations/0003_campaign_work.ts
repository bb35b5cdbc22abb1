import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { idType, pathType, refType } from './column-types.ts';

/**
 * What units do inside a campaign: plans, activities, reports, inspections, bulletins, the
 * inbox, and the roll-up rows the dashboard reads (DESIGN.md, "Heavy aggregates").
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = idType(dialect);
  const ref = refType(dialect);
  const path = pathType(dialect);

  /** Active organizations of each type in each organization's subtree (itself included). */
  await db.schema
    .createTable('org_type_count')
    .addColumn('org_id', ref, (c) => c.notNull().references('organization.id'))
    .addColumn('type_code', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('org_type_count_pk', ['org_id', 'type_code'])
    .execute();

  /**
   * Campaign figures per organization: `own` counts the organization's own facts, `subtree`
   * the sum of `own` over its subtree. Kept in the transaction of every fact change.
   */
  await db.schema
    .createTable('campaign_stat')
    .addColumn('campaign_id', ref, (c) => c.notNull().references('campaign.id'))
    .addColumn('org_id', ref, (c) => c.notNull().references('organization.id'))
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('own', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('subtree', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('campaign_stat_pk', ['campaign_id', 'org_id', 'metric'])
    .execute();

  /** Uploaded files and photos referenced by plans, activities, reports and inspections. */
  await db.schema
    .createTable('attachment')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // 'file' | 'photo'
    .addColumn('thumb_hash', 'text')
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('org_id', ref, (c) => c.notNull().references('organization.id'))
    .addColumn('org_path', path, (c) => c.notNull())
    .addColumn('uploaded_by', ref)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attachment_hash_idx').on('attachment').column('hash').execute();

  /** One theme + plan + targets per unit per campaign (动员准备). */
  await db.schema
    .createTable('unit_plan')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('campaign_id', ref, (c) => c.notNull().references('campaign.id'))
    .addColumn('org_id', ref, (c) => c.notNull().references('organization.id'))
    .addColumn('status', 'text', (c) => c.notNull()) // draft | submitted | returned | approved
    .addColumn('theme', 'text', (c) => c.notNull())
    .addColumn('content_html', 'text', (c) => c.notNull())
    .addColumn('targets', 'text', (c) => c.notNull()) // JSON PlanTarget[]
    .addColumn('attachment_ids', 'text', (c) => c.notNull()) // JSON number[]
    .addColumn('version', 'integer', (c) => c.notNull()) // last submitted version, 0 = never submitted
    .addColumn('submitted_at', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', ref)
    .addUniqueConstraint('unit_plan_campaign_org_uq', ['campaign_id', 'org_id'])
    .execute();

  /** Every submitted version, frozen, with the review it got. */
  await db.schema
    .createTable('unit_plan_version')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('plan_id', ref, (c) => c.notNull().references('unit_plan.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('theme', 'text', (c) => c.notNull())
    .addColumn('content_html', 'text', (c) => c.notNull())
    .addColumn('targets', 'text', (c) => c.notNull())
    .addColumn('attachment_ids', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('submitted_by', ref)
    .addColumn('decision', 'text') // null (pending) | approved | returned
    .addColumn('review_comment', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('reviewed_by', ref)
    .addUniqueConstraint('unit_plan_version_uq', ['plan_id', 'version'])
    .execute();

  await db.schema
    .createTable('activity')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('campaign_id', ref, (c) => c.notNull().references('campaign.id'))
    .addColumn('org_id', ref, (c) => c.notNull().references('organization.id'))
    .addColumn('org_path', path, (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('form', 'text') // party-education form
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('minutes', 'text') // 座谈交流 minutes
    .addColumn('task_keys', 'text', (c) => c.notNull()) // JSON string[]
    .addColumn('photo_ids', 'text', (c) => c.notNull()) // JSON number[] of attachment ids
    .addColumn('notable', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('attendee_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', ref)
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('activity_org_idx').on('activity').columns(['org_id', 'campaign_id', 'held_on']).execute();
  // Covers the subtree list's filters and order, so a page of a district's thousands of
  // activities is picked from the index alone before 20 rows are read. SQLite's index entries
  // carry the rowid (= id); PostgreSQL's need `id` listed or every match is read from the heap.
  await db.schema
    .createIndex('activity_path_idx')
    .on('activity')
    .columns(['org_path', 'campaign_id', 'held_on', 'type', 'notable', ...(dialect === 'postgres' ? ['id'] : [])])
    .execute();

  await db.schema
    .createTable('activity_attendance')
    .addColumn('activity_id', ref, (c) => c.notNull().references('activity.id').onDelete('cascade'))
    .addColumn('member_id', ref, (c) => c.notNull().references('member.id'))
    .addPrimaryKeyConstraint('activity_attendance_pk', ['activity_id', 'member_id'])
    .execute();
  await db.schema.createIndex('activity_attendance_member_idx').on('activity_attendance').column('member_id').execute();

  /** Manual ticks, only for tasks whose evidence rule is 'confirmation'. */
  await db.schema
    .createTable('task_confirmation')
    .addColumn('campaign_id', ref, (c) => c.notNull().references('campaign.id'))
    .addColumn('org_id', ref, (c) => c.notNull().references('organization.id'))
    .addColumn('task_key', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('confirmed_at', 'text', (c) => c.notNull())
    .addColumn('confirmed_by', ref)
    .addPrimaryKeyConstraint('task_confirmation_pk', ['campaign_id', 'org_id', 'task_key'])
    .execute();

  /** 书面汇报: a request from a higher unit to chosen units of its subtree. */
  await db.schema
    .createTable('report_request')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('campaign_id', ref, (c) => c.references('campaign.id'))
    .addColumn('task_key', 'text') // the campaign task a submission counts for
    .addColumn('org_id', ref, (c) => c.notNull().references('organization.id'))
    .addColumn('org_path', path, (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('guidance', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('target_filter', 'text', (c) => c.notNull()) // JSON { types?: string[], depth?: number }
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', ref)
    .execute();

  /** One row per unit asked; status pending until it submits. */
  await db.schema
    .createTable('report_submission')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('request_id', ref, (c) => c.notNull().references('report_request.id'))
    .addColumn('org_id', ref, (c) => c.notNull().references('organization.id'))
    .addColumn('org_path', path, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // pending | submitted
    .addColumn('content', 'text')
    .addColumn('attachment_ids', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('submitted_by', ref)
    .addColumn('review_comment', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('reviewed_by', ref)
    .addColumn('reminded_at', 'text')
    .addUniqueConstraint('report_submission_uq', ['request_id', 'org_id'])
    .execute();
  await db.schema.createIndex('report_submission_org_idx').on('report_submission').columns(['org_id', 'status']).execute();
  await db.schema.createIndex('report_request_path_idx').on('report_request').columns(['org_path', 'created_at']).execute();
  /** The reminder pass looks requests up by deadline. */
  await db.schema.createIndex('report_request_due_idx').on('report_request').column('due_on').execute();

  /** 检查指导: a visit to a unit. */
  await db.schema
    .createTable('inspection')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('campaign_id', ref, (c) => c.references('campaign.id'))
    .addColumn('org_id', ref, (c) => c.notNull().references('organization.id'))
    .addColumn('org_path', path, (c) => c.notNull())
    .addColumn('visited_on', 'text', (c) => c.notNull())
    .addColumn('findings', 'text', (c) => c.notNull())
    .addColumn('score', 'integer')
    .addColumn('inspector_user_id', ref)
    .addColumn('inspector_name', 'text', (c) => c.notNull())
    .addColumn('inspector_org_path', path, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('inspection_path_idx').on('inspection').column('org_path').execute();

  await db.schema
    .createTable('rectification')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('inspection_id', ref, (c) => c.notNull().references('inspection.id'))
    .addColumn('org_id', ref, (c) => c.notNull().references('organization.id'))
    .addColumn('org_path', path, (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // open | answered | closed
    .addColumn('answer', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('answered_by', ref)
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', ref)
    /** The inspector's comment when closing or reopening an item. */
    .addColumn('review_comment', 'text')
    .addColumn('reminded_at', 'text')
    .execute();
  await db.schema.createIndex('rectification_inspection_idx').on('rectification').column('inspection_id').execute();
  await db.schema.createIndex('rectification_path_idx').on('rectification').columns(['org_path', 'status']).execute();

  /** 通报: a numbered notice over a period, drafted from the figures and then edited. */
  await db.schema
    .createTable('bulletin')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('campaign_id', ref, (c) => c.notNull().references('campaign.id'))
    .addColumn('org_id', ref, (c) => c.notNull().references('organization.id'))
    .addColumn('org_path', path, (c) => c.notNull())
    .addColumn('period_from', 'text', (c) => c.notNull())
    .addColumn('period_to', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull()) // JSON BulletinBody
    .addColumn('score_weights', 'text', (c) => c.notNull()) // JSON, the formula used
    .addColumn('number_prefix', 'text') // 机关代字, e.g. 示团通 (shown as 示团通〔2026〕3号)
    .addColumn('number_year', 'integer')
    .addColumn('number_seq', 'integer')
    .addColumn('status', 'text', (c) => c.notNull()) // draft | published
    .addColumn('published_at', 'text')
    .addColumn('published_by', ref)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', ref)
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('bulletin_number_uq', ['org_id', 'number_year', 'number_seq'])
    .execute();

  /**
   * The in-app inbox. A notice goes to one organization's accounts ('org') or to every account
   * in a subtree ('subtree': a published bulletin), so a broadcast is one row, not one per unit.
   */
  await db.schema
    .createTable('notification')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('org_id', ref, (c) => c.notNull().references('organization.id'))
    .addColumn('org_path', path, (c) => c.notNull())
    .addColumn('audience', 'text', (c) => c.notNull()) // org | subtree
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title_zh', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('body', 'text')
    .addColumn('link', 'text')
    /** Reminders carry a key so a daily job never sends the same one twice. */
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notification_org_idx').on('notification').columns(['org_id', 'created_at']).execute();
  await db.schema.createIndex('notification_path_idx').on('notification').columns(['audience', 'org_path']).execute();

  await db.schema
    .createTable('notification_read')
    .addColumn('notification_id', ref, (c) => c.notNull().references('notification.id'))
    .addColumn('user_id', ref, (c) => c.notNull().references('user_account.id'))
    .addColumn('read_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_read_pk', ['notification_id', 'user_id'])
    .execute();

  // Existing organizations get their type counts (an upgraded database).
  await sql`
    INSERT INTO org_type_count (org_id, type_code, count)
    SELECT a.id, d.type_code, count(*)
    FROM organization a JOIN organization d ON substr(d.path, 1, length(a.path)) = a.path
    WHERE d.status = 'active'
    GROUP BY a.id, d.type_code`.execute(db);
}

import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { idType, refType } from './column-types.ts';

/**
 * Tables of the cadres' commitments and year-end reports (承诺, 述职; issue 4). A cadre has one
 * list of commitments per year, kept at the organization they served when they wrote it (a
 * later transfer does not move a public promise); each publication is frozen as a version.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = idType(dialect);
  const ref = refType(dialect);

  await db.schema
    .createTable('commitment_plan')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('member_id', ref, (c) => c.notNull().references('member.id'))
    .addColumn('org_id', ref, (c) => c.notNull().references('organization.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0)) // 0 = never published
    .addColumn('first_published_at', 'text')
    .addColumn('last_published_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', ref)
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('commitment_plan_member_year_uq', ['member_id', 'year'])
    .execute();
  await db.schema.createIndex('commitment_plan_org_idx').on('commitment_plan').columns(['org_id', 'year']).execute();

  /**
   * One commitment. A draft can be edited or deleted; a published one is frozen: a change is a
   * draft revision (`revises_id`) that supersedes it when published.
   */
  await db.schema
    .createTable('commitment_item')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('plan_id', ref, (c) => c.notNull().references('commitment_plan.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('due_on', 'text')
    .addColumn('state', 'text', (c) => c.notNull()) // draft | published | superseded
    .addColumn('revises_id', ref, (c) => c.references('commitment_item.id'))
    .addColumn('version', 'integer') // the publication that made it public
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('commitment_item_plan_idx').on('commitment_item').columns(['plan_id', 'state']).execute();

  /** Every publication, with the list as it was made public. */
  await db.schema
    .createTable('commitment_version')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('plan_id', ref, (c) => c.notNull().references('commitment_plan.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull()) // JSON snapshot
    .addColumn('note', 'text')
    .addColumn('on_behalf', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by', ref)
    .addColumn('published_by_name', 'text', (c) => c.notNull())
    .addUniqueConstraint('commitment_version_uq', ['plan_id', 'version'])
    .execute();

  /** 述职报告: one per plan; frozen once submitted. */
  await db.schema
    .createTable('cadre_report')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('plan_id', ref, (c) => c.notNull().unique().references('commitment_plan.id'))
    .addColumn('status', 'text', (c) => c.notNull()) // draft | submitted
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('submitted_by', ref)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', ref)
    .execute();

  /** The report's word on one commitment: status, note and evidence. */
  await db.schema
    .createTable('cadre_report_item')
    .addColumn('report_id', ref, (c) => c.notNull().references('cadre_report.id'))
    .addColumn('item_id', ref, (c) => c.notNull().references('commitment_item.id'))
    .addColumn('status', 'text') // done | partly | not_done
    .addColumn('note', 'text')
    .addColumn('activity_ids', 'text', (c) => c.notNull()) // JSON number[]
    .addColumn('attachment_ids', 'text', (c) => c.notNull()) // JSON number[]
    .addPrimaryKeyConstraint('cadre_report_item_pk', ['report_id', 'item_id'])
    .execute();

  /** Read receipts: who (other than the author) opened the submitted report. */
  await db.schema
    .createTable('cadre_report_read')
    .addColumn('report_id', ref, (c) => c.notNull().references('cadre_report.id'))
    .addColumn('user_id', ref, (c) => c.notNull().references('user_account.id'))
    .addColumn('read_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('cadre_report_read_pk', ['report_id', 'user_id'])
    .execute();
}

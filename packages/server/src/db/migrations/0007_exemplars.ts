import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { idType, pathType, refType } from './column-types.ts';

/** Tables of the exemplars, demonstration sites, benchmarking and catch-up measures (issue 4). */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = idType(dialect);
  const ref = refType(dialect);
  const path = pathType(dialect);

  /**
   * 先进典型: one row per nomination, which becomes the exemplar when an organization above the
   * nominee selects it. Paths are copied so visibility is a range test: the nomination is seen
   * from the nominating organization up, a selected exemplar also in the selector's subtree.
   */
  await db.schema
    .createTable('exemplar')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('campaign_id', ref, (c) => c.references('campaign.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // unit | person
    .addColumn('nominee_org_id', ref, (c) => c.notNull().references('organization.id'))
    .addColumn('nominee_org_path', path, (c) => c.notNull())
    .addColumn('nominee_member_id', ref, (c) => c.references('member.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('materials', 'text', (c) => c.notNull())
    .addColumn('photo_ids', 'text', (c) => c.notNull()) // JSON number[] of attachment ids
    .addColumn('nominator_org_id', ref, (c) => c.notNull().references('organization.id'))
    .addColumn('nominator_org_path', path, (c) => c.notNull())
    .addColumn('nominated_by', ref)
    .addColumn('nominated_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // nominated | selected | not_selected | withdrawn
    .addColumn('selector_org_id', ref, (c) => c.references('organization.id'))
    .addColumn('selector_org_path', path)
    /** The selecting organization's type when it decided: the exemplar's level (市级, 区县级 …). */
    .addColumn('level_type_code', 'text')
    .addColumn('decision_method', 'text') // committee | vote
    .addColumn('decision_note', 'text')
    .addColumn('decided_on', 'text')
    .addColumn('decided_by', ref)
    .addColumn('decided_at', 'text')
    /** A representative vote held on the nomination before the committee decided (ballot engine). */
    .addColumn('vote_session_id', ref)
    .addColumn('demo_site', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('demo_site_since', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('exemplar_nominator_idx').on('exemplar').columns(['nominator_org_path', 'status']).execute();
  await db.schema.createIndex('exemplar_selector_idx').on('exemplar').columns(['selector_org_path', 'status']).execute();
  await db.schema.createIndex('exemplar_nominee_idx').on('exemplar').column('nominee_org_id').execute();

  /** A 示范点参观 activity is linked to the demonstration site it visited. */
  await db.schema
    .createTable('demo_site_visit')
    .addColumn('activity_id', ref, (c) => c.primaryKey().references('activity.id').onDelete('cascade'))
    .addColumn('exemplar_id', ref, (c) => c.notNull().references('exemplar.id'))
    .execute();
  await db.schema.createIndex('demo_site_visit_exemplar_idx').on('demo_site_visit').column('exemplar_id').execute();

  /** 对标定位: one benchmarking exercise per unit per campaign, walked through six steps. */
  await db.schema
    .createTable('benchmark')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('campaign_id', ref, (c) => c.notNull().references('campaign.id'))
    .addColumn('org_id', ref, (c) => c.notNull().references('organization.id'))
    .addColumn('org_path', path, (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('reflection', 'text') // 对照反思 / 总结提升 notes
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', ref)
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('benchmark_campaign_org_uq', ['campaign_id', 'org_id'])
    .execute();
  await db.schema.createIndex('benchmark_path_idx').on('benchmark').column('org_path').execute();

  await db.schema
    .createTable('benchmark_exemplar')
    .addColumn('benchmark_id', ref, (c) => c.notNull().references('benchmark.id'))
    .addColumn('exemplar_id', ref, (c) => c.notNull().references('exemplar.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('benchmark_exemplar_pk', ['benchmark_id', 'exemplar_id'])
    .execute();

  /** 赶超措施: what the unit will do about a gap, by whom and by when; closed with evidence. */
  await db.schema
    .createTable('catch_up_measure')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('benchmark_id', ref, (c) => c.notNull().references('benchmark.id'))
    .addColumn('org_id', ref, (c) => c.notNull().references('organization.id'))
    .addColumn('org_path', path, (c) => c.notNull())
    .addColumn('dimension_key', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('owner_member_id', ref, (c) => c.notNull().references('member.id'))
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // open | closed
    /** No foreign key: deleting the activity later must not be blocked; the page says it is gone. */
    .addColumn('evidence_activity_id', ref)
    .addColumn('evidence_attachment_ids', 'text', (c) => c.notNull()) // JSON number[]
    .addColumn('closing_note', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', ref)
    /** The due-soon inbox notice was sent (jobs/reminders.ts). */
    .addColumn('reminded_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', ref)
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('catch_up_measure_due_idx').on('catch_up_measure').columns(['status', 'due_on']).execute();
  await db.schema.createIndex('catch_up_measure_path_idx').on('catch_up_measure').columns(['org_path', 'status', 'due_on']).execute();
  await db.schema.createIndex('catch_up_measure_benchmark_idx').on('catch_up_measure').column('benchmark_id').execute();

  /** The supervising level's comments on a measure (督促检查). */
  await db.schema
    .createTable('catch_up_comment')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('measure_id', ref, (c) => c.notNull().references('catch_up_measure.id'))
    .addColumn('author_user_id', ref)
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('author_org_id', ref, (c) => c.notNull().references('organization.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('catch_up_comment_measure_idx').on('catch_up_comment').column('measure_id').execute();
}

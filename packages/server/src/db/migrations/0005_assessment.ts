import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { idType, refType } from './column-types.ts';

/** Tables of the rubrics, self-assessments, verification, tiers and titles (issue 4). */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = idType(dialect);
  const ref = refType(dialect);
  const score = dialect === 'postgres' ? 'double precision' : 'real';

  /** Rubrics (考评标准): dimensions, items, veto items and the tier rules, as JSON. */
  await db.schema
    .createTable('rubric')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull()) // JSON Rubric
    .addColumn('builtin', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', ref)
    .execute();

  /** One self-assessment per unit per campaign, with the rubric it started with (snapshot). */
  await db.schema
    .createTable('assessment')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('campaign_id', ref, (c) => c.notNull().references('campaign.id'))
    .addColumn('org_id', ref, (c) => c.notNull().references('organization.id'))
    .addColumn('status', 'text', (c) => c.notNull()) // draft | submitted | returned | verified
    .addColumn('rubric_key', 'text', (c) => c.notNull())
    .addColumn('rubric', 'text', (c) => c.notNull()) // JSON Rubric snapshot
    .addColumn('self_total', score, (c) => c.notNull().defaultTo(0))
    .addColumn('summary', 'text') // the unit's overall remarks
    .addColumn('secretary_user_id', ref)
    .addColumn('secretary_name', 'text')
    .addColumn('secretary_signed_at', 'text')
    .addColumn('representative_member_id', ref)
    .addColumn('representative_name', 'text')
    .addColumn('representative_signed_at', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('verified_total', score)
    .addColumn('dimension_scores', 'text') // JSON [{key,nameZh,nameEn,score,max}] at verification
    .addColumn('tier', 'text') // TierCode, null = not rated
    .addColumn('tier_by_score', 'text')
    .addColumn('tier_reasons', 'text') // JSON Reason[]
    .addColumn('verified_by', ref)
    .addColumn('verified_by_name', 'text')
    .addColumn('verifier_org_id', ref)
    .addColumn('verified_at', 'text')
    .addColumn('return_comment', 'text')
    .addColumn('returned_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', ref)
    .addUniqueConstraint('assessment_campaign_org_uq', ['campaign_id', 'org_id'])
    .execute();
  await db.schema.createIndex('assessment_org_idx').on('assessment').columns(['org_id', 'status']).execute();

  /** The unit's score (or veto answer) per item, and the verifier's change with its reason. */
  await db.schema
    .createTable('assessment_item')
    .addColumn('assessment_id', ref, (c) => c.notNull().references('assessment.id').onDelete('cascade'))
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // score | veto (value 1 = failed)
    .addColumn('self_value', score, (c) => c.notNull())
    .addColumn('verified_value', score)
    .addColumn('reason', 'text')
    .addColumn('note', 'text')
    .addColumn('activity_ids', 'text', (c) => c.notNull()) // JSON number[]
    .addColumn('attachment_ids', 'text', (c) => c.notNull()) // JSON number[]
    .addPrimaryKeyConstraint('assessment_item_pk', ['assessment_id', 'item_key'])
    .execute();

  /** The verified tier of a unit per year (tier history, 晋档升级). */
  await db.schema
    .createTable('unit_tier')
    .addColumn('org_id', ref, (c) => c.notNull().references('organization.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('campaign_id', ref, (c) => c.references('campaign.id'))
    .addColumn('assessment_id', ref, (c) => c.references('assessment.id'))
    .addColumn('tier', 'text') // null = assessed but not rated
    .addColumn('score', score)
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('unit_tier_pk', ['org_id', 'year'])
    .execute();

  /** Titles of the ladder (达标 → 四好 → 特色 → 五四红旗) awarded by the level above. */
  await db.schema
    .createTable('unit_title')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('org_id', ref, (c) => c.notNull().references('organization.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('campaign_id', ref, (c) => c.references('campaign.id'))
    .addColumn('note', 'text')
    .addColumn('awarded_by', ref)
    .addColumn('awarded_by_name', 'text')
    .addColumn('awarder_org_id', ref, (c) => c.notNull().references('organization.id'))
    .addColumn('awarded_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('unit_title_uq', ['org_id', 'year', 'title'])
    .execute();
  await db.schema.createIndex('unit_title_year_idx').on('unit_title').columns(['year', 'title']).execute();
}

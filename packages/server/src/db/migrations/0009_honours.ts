import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { idType, pathType, refType } from './column-types.ts';

/**
 * Honours (两红两优; issue 4): honour rounds (评选), candidates, objections raised during the
 * public notice (公示), the final awards with their certificate numbers, and the two kinds of
 * data the eligibility rules read that nothing else records: volunteer hours per member and
 * year, dues collection per unit and year.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = idType(dialect);
  const ref = refType(dialect);
  const path = pathType(dialect);

  /** 志愿服务时长: one row per member and year, in tenths of an hour (0.5 h steps). */
  await db.schema
    .createTable('volunteer_hours')
    .addColumn('member_id', ref, (c) => c.notNull().references('member.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('hours_tenths', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', ref)
    .addPrimaryKeyConstraint('volunteer_hours_pk', ['member_id', 'year'])
    .execute();

  /** 团费收缴: per unit and year, the members due and those in arrears. */
  await db.schema
    .createTable('dues_record')
    .addColumn('org_id', ref, (c) => c.notNull().references('organization.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('members_due', 'integer', (c) => c.notNull())
    .addColumn('members_in_arrears', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', ref)
    .addPrimaryKeyConstraint('dues_record_pk', ['org_id', 'year'])
    .execute();

  /** 评选: created by an organization for its subtree; rules and quotas frozen in `settings`. */
  await db.schema
    .createTable('honour_round')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('org_id', ref, (c) => c.notNull().references('organization.id'))
    .addColumn('org_path', path, (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('reference_date', 'text', (c) => c.notNull())
    .addColumn('kinds', 'text', (c) => c.notNull()) // JSON HonourKind[]
    .addColumn('settings', 'text', (c) => c.notNull()) // JSON HonourSettings snapshot (quotas included)
    .addColumn('require_lower_title', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('campaign_id', ref, (c) => c.references('campaign.id'))
    .addColumn('status', 'text', (c) => c.notNull()) // draft | recommending | notice | final
    .addColumn('notice_starts_on', 'text')
    .addColumn('notice_ends_on', 'text')
    .addColumn('published_at', 'text')
    .addColumn('finalized_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', ref)
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('honour_round_path_idx').on('honour_round').columns(['org_path', 'year']).execute();

  /** A candidate (or a recommendation from below) for one honour kind in a round. */
  await db.schema
    .createTable('honour_candidate')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('round_id', ref, (c) => c.notNull().references('honour_round.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject_key', 'text', (c) => c.notNull()) // 'o:<orgId>' | 'm:<memberId>'
    .addColumn('org_id', ref, (c) => c.notNull().references('organization.id')) // the unit, or the member's organization
    .addColumn('org_path', path, (c) => c.notNull())
    .addColumn('member_id', ref, (c) => c.references('member.id'))
    .addColumn('subject_name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // recommended | candidate | rejected | withdrawn | awarded
    .addColumn('recommender_org_id', ref, (c) => c.notNull().references('organization.id'))
    .addColumn('recommender_org_path', path, (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('checks', 'text', (c) => c.notNull()) // JSON RuleCheck[] when last added/accepted
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', ref)
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('honour_candidate_subject_uq', ['round_id', 'kind', 'subject_key'])
    .execute();
  await db.schema.createIndex('honour_candidate_round_idx').on('honour_candidate').columns(['round_id', 'kind', 'status']).execute();

  /** 异议: raised during the notice; the objector is kept but shown only to honour.manage in scope. */
  await db.schema
    .createTable('honour_objection')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('round_id', ref, (c) => c.notNull().references('honour_round.id'))
    .addColumn('candidate_id', ref, (c) => c.notNull().references('honour_candidate.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('contact', 'text')
    .addColumn('objector_user_id', ref, (c) => c.notNull().references('user_account.id'))
    .addColumn('objector_name', 'text', (c) => c.notNull())
    /** The organization the objector signed in at: the reply's inbox notice goes there. */
    .addColumn('objector_org_id', ref, (c) => c.notNull().references('organization.id'))
    .addColumn('objector_org_path', path, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // pending | upheld | dismissed
    .addColumn('reply', 'text')
    .addColumn('handled_by', ref)
    .addColumn('handled_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('honour_objection_round_idx').on('honour_objection').columns(['round_id', 'status']).execute();
  await db.schema.createIndex('honour_objection_user_idx').on('honour_objection').column('objector_user_id').execute();

  /** The final list: one award per honour, with its certificate number. */
  await db.schema
    .createTable('honour_award')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('round_id', ref, (c) => c.notNull().references('honour_round.id'))
    .addColumn('candidate_id', ref, (c) => c.notNull().references('honour_candidate.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('subject_key', 'text', (c) => c.notNull())
    .addColumn('org_id', ref, (c) => c.notNull().references('organization.id'))
    .addColumn('org_path', path, (c) => c.notNull())
    .addColumn('member_id', ref, (c) => c.references('member.id'))
    .addColumn('subject_name', 'text', (c) => c.notNull())
    .addColumn('issuer_org_id', ref, (c) => c.notNull().references('organization.id'))
    .addColumn('issuer_org_name', 'text', (c) => c.notNull())
    /** The issuing organization's depth: a lower level has a greater depth. */
    .addColumn('issuer_depth', 'integer', (c) => c.notNull())
    .addColumn('certificate_no', 'text', (c) => c.notNull().unique())
    .addColumn('awarded_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('honour_award_subject_idx').on('honour_award').columns(['subject_key', 'kind', 'year']).execute();
  await db.schema.createIndex('honour_award_round_idx').on('honour_award').column('round_id').execute();
  await db.schema.createIndex('honour_award_path_idx').on('honour_award').column('org_path').execute();
}

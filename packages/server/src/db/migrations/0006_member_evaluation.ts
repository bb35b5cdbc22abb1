import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { idType, pathType, refType } from './column-types.ts';

/** Tables of the annual member evaluation (团员教育评议) (issue 4; docs/evaluation.md). */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = idType(dialect);
  const ref = refType(dialect);
  const path = pathType(dialect);

  /** One round per branch per year: its step, the rules frozen at opening, the vote and the review. */
  await db.schema
    .createTable('member_evaluation')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('org_id', ref, (c) => c.notNull().references('organization.id'))
    .addColumn('org_path', path, (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull()) // study | self_assessment | peer_review | voting | proposal | submitted | approved
    .addColumn('settings', 'text', (c) => c.notNull()) // JSON EvaluationSettings, frozen at opening
    .addColumn('study_held_on', 'text')
    .addColumn('study_note', 'text')
    .addColumn('vote_mode', 'text') // ballot | paper
    .addColumn('vote_session_id', ref) // the ballot engine's vote_session (ballot mode)
    .addColumn('vote_present', 'integer') // voters present (ballots cast, or the paper count)
    .addColumn('vote_quorum_met', 'integer')
    .addColumn('vote_closed_at', 'text')
    .addColumn('return_comment', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('submitted_by', ref)
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', ref)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', ref)
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('member_evaluation_org_year_uq', ['org_id', 'year'])
    .execute();
  await db.schema.createIndex('member_evaluation_path_idx').on('member_evaluation').columns(['org_path', 'year']).execute();

  /** The participants, frozen at opening, with what each step produced for them. */
  await db.schema
    .createTable('member_evaluation_participant')
    .addColumn('evaluation_id', ref, (c) => c.notNull().references('member_evaluation.id'))
    .addColumn('member_id', ref, (c) => c.notNull().references('member.id'))
    .addColumn('member_name', 'text', (c) => c.notNull())
    .addColumn('self_assessment', 'text')
    .addColumn('self_assessed_at', 'text')
    .addColumn('self_assessed_by', ref) // the account that wrote it (the member, or the secretary recording it)
    .addColumn('self_assessment_by_member', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('votes', 'text') // JSON { excellent, qualified, basic, unqualified } once the vote is counted
    .addColumn('proposed_grade', 'text')
    .addColumn('override_reason', 'text')
    .addColumn('final_grade', 'text')
    .addColumn('reevaluation_due_on', 'text')
    .addColumn('reevaluation_reminded_at', 'text')
    .addColumn('reevaluation_grade', 'text')
    .addColumn('reevaluation_held_on', 'text')
    .addColumn('reevaluation_note', 'text')
    .addColumn('reevaluated_by', ref)
    .addPrimaryKeyConstraint('member_evaluation_participant_pk', ['evaluation_id', 'member_id'])
    .execute();
  await db.schema.createIndex('member_evaluation_participant_member_idx').on('member_evaluation_participant').column('member_id').execute();
  await db.schema.createIndex('member_evaluation_participant_due_idx').on('member_evaluation_participant').column('reevaluation_due_on').execute();

  /** Peer comments: one per author per subject; read by the branch committee only, never published. */
  await db.schema
    .createTable('member_evaluation_comment')
    .addColumn('evaluation_id', ref, (c) => c.notNull().references('member_evaluation.id'))
    .addColumn('member_id', ref, (c) => c.notNull().references('member.id'))
    .addColumn('author_member_id', ref, (c) => c.notNull().references('member.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('member_evaluation_comment_pk', ['evaluation_id', 'member_id', 'author_member_id'])
    .execute();

  /** 负面清单: a member barred from honours for a period; scoped by the member's current organization. Lifted entries are kept, marked. */
  await db.schema
    .createTable('member_negative_entry')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('member_id', ref, (c) => c.notNull().references('member.id'))
    .addColumn('org_id', ref, (c) => c.notNull().references('organization.id')) // the member's organization when entered
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', ref)
    .addColumn('lifted_at', 'text')
    .addColumn('lifted_by', ref)
    .addColumn('lift_reason', 'text')
    .execute();
  await db.schema.createIndex('member_negative_entry_member_idx').on('member_negative_entry').column('member_id').execute();
}

import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { idType, pathType, refType } from './column-types.ts';

/**
 * Notices to members with read receipts and an optional quiz (知晓率), and members' pledges
 * (亮明身份·岗位承诺) — issue 13, docs/notices.md. The audience of a notice is fixed when it is
 * sent: one recipient row per member addressed then, so a later transfer does not change who
 * was addressed (the campaign figure counts each member where they are now).
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = idType(dialect);
  const ref = refType(dialect);

  await db.schema
    .createTable('notice')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('campaign_id', ref, (c) => c.notNull().references('campaign.id'))
    .addColumn('org_id', ref, (c) => c.notNull().references('organization.id'))
    .addColumn('org_path', pathType(dialect), (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('attachment_ids', 'text', (c) => c.notNull()) // JSON number[]
    .addColumn('target_org_ids', 'text') // JSON number[]: chosen units below the sender; null = its whole subtree
    .addColumn('quiz', 'text') // JSON Quiz (@zx/domain reach/quiz.ts), with the correct options
    .addColumn('has_quiz', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer') // null = unlimited
    .addColumn('due_on', 'text')
    .addColumn('status', 'text', (c) => c.notNull()) // draft | sent
    .addColumn('recipient_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sent_at', 'text')
    .addColumn('sent_by', ref)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', ref)
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notice_org_path_idx').on('notice').columns(['org_path', 'campaign_id']).execute();
  await db.schema.createIndex('notice_campaign_idx').on('notice').columns(['campaign_id', 'status']).execute();

  /** One member addressed by a sent notice, and what they did with it. */
  await db.schema
    .createTable('notice_recipient')
    .addColumn('notice_id', ref, (c) => c.notNull().references('notice.id'))
    .addColumn('member_id', ref, (c) => c.notNull().references('member.id'))
    .addColumn('org_id', ref, (c) => c.notNull().references('organization.id')) // the member's organization when the notice was sent
    .addColumn('read_at', 'text')
    .addColumn('acknowledged_at', 'text')
    .addColumn('passed_at', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('best_score', 'integer')
    .addPrimaryKeyConstraint('notice_recipient_pk', ['notice_id', 'member_id'])
    .execute();
  await db.schema.createIndex('notice_recipient_member_idx').on('notice_recipient').columns(['member_id', 'notice_id']).execute();

  /** Every quiz submission, graded (the answers stay with the member's row; no other member reads them). */
  await db.schema
    .createTable('notice_attempt')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('notice_id', ref, (c) => c.notNull().references('notice.id'))
    .addColumn('member_id', ref, (c) => c.notNull().references('member.id'))
    .addColumn('answers', 'text', (c) => c.notNull()) // JSON QuizAnswers
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('passed', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notice_attempt_member_idx').on('notice_attempt').columns(['notice_id', 'member_id']).execute();

  /** 亮明身份·岗位承诺: one per member and campaign, edited while the campaign runs. */
  await db.schema
    .createTable('member_pledge')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('campaign_id', ref, (c) => c.notNull().references('campaign.id'))
    .addColumn('member_id', ref, (c) => c.notNull().references('member.id'))
    .addColumn('post', 'text', (c) => c.notNull())
    .addColumn('pledge', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('member_pledge_uq', ['campaign_id', 'member_id'])
    .execute();
  await db.schema.createIndex('member_pledge_member_idx').on('member_pledge').columns(['member_id']).execute();
}

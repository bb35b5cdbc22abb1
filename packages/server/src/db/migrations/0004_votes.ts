import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { idType, pathType, refType } from './column-types.ts';

/**
 * Representatives, the ballot engine and cadre rating sessions (issue 4 §3, docs/votes.md).
 * The roll (`vote_roll`: who voted) and the box (`vote_ballot`: what was voted) share nothing
 * but the session: a ballot has a random id, no voter, no timestamp, no sequence.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = idType(dialect);
  const ref = refType(dialect);
  const path = pathType(dialect);

  /** When a cadre took up the current position (述职评议 exempts those under 3 months); null = unknown. */
  await db.schema.alterTable('member').addColumn('position_since', 'text').execute();

  /** Member representatives (团员代表) of an organization. */
  await db.schema
    .createTable('org_representative')
    .addColumn('org_id', ref, (c) => c.notNull().references('organization.id'))
    .addColumn('member_id', ref, (c) => c.notNull().references('member.id'))
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addColumn('added_by', ref)
    .addPrimaryKeyConstraint('org_representative_pk', ['org_id', 'member_id'])
    .execute();
  await db.schema.createIndex('org_representative_member_idx').on('org_representative').column('member_id').execute();

  await db.schema
    .createTable('vote_session')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('org_id', ref, (c) => c.notNull().references('organization.id'))
    .addColumn('org_path', path, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // cadre_rating | member_evaluation | exemplar | general
    .addColumn('title_zh', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text')
    .addColumn('scale', 'text', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull()) // JSON BallotSettings
    .addColumn('roll_source', 'text', (c) => c.notNull()) // explicit | representatives
    .addColumn('status', 'text', (c) => c.notNull()) // draft | open | closed | cancelled
    .addColumn('report_year', 'integer') // cadre rating: the year of the reports read before rating
    .addColumn('opens_at', 'text')
    .addColumn('closes_at', 'text')
    .addColumn('opened_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('roll_size', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('ballot_count', 'integer') // set at close only
    .addColumn('result', 'text') // JSON counts per subject, written at close only: nothing tallied exists before
    .addColumn('ref_type', 'text')
    .addColumn('ref_id', ref)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', ref)
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('vote_session_path_idx').on('vote_session').columns(['org_path', 'created_at']).execute();
  await db.schema.createIndex('vote_session_due_idx').on('vote_session').columns(['status', 'closes_at']).execute();
  await db.schema.createIndex('vote_session_ref_idx').on('vote_session').columns(['ref_type', 'ref_id']).execute();

  /** What is voted on: a cadre, a member, a candidate. Fixed once the session opens. */
  await db.schema
    .createTable('vote_subject')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('session_id', ref, (c) => c.notNull().references('vote_session.id'))
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('detail', 'text') // e.g. the cadre's position
    .addColumn('member_id', ref)
    .addColumn('ref_type', 'text')
    .addColumn('ref_id', ref)
    .addColumn('exempt', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('exempt_reason', 'text')
    .addColumn('upper_score', dialect === 'postgres' ? 'double precision' : 'real')
    .addColumn('upper_scored_by', ref)
    .addColumn('upper_scored_at', 'text')
    .execute();
  await db.schema.createIndex('vote_subject_session_idx').on('vote_subject').columns(['session_id', 'ordinal']).execute();

  /** The roll: who may vote and whether they have. No time, no order of voting is kept. */
  await db.schema
    .createTable('vote_roll')
    .addColumn('session_id', ref, (c) => c.notNull().references('vote_session.id'))
    .addColumn('member_id', ref, (c) => c.notNull().references('member.id'))
    .addColumn('voted', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('vote_roll_pk', ['session_id', 'member_id'])
    .execute();
  await db.schema.createIndex('vote_roll_member_idx').on('vote_roll').columns(['member_id', 'session_id']).execute();

  /**
   * The box: a random id (crypto, not sequential), the session and the answers — nothing else.
   * On SQLite a WITHOUT ROWID table, so no rowid records the insertion order; rows sit in the
   * order of their random ids. At close the box is rewritten in random order with new ids.
   */
  let box = db.schema
    .createTable('vote_ballot')
    .addColumn('session_id', ref, (c) => c.notNull().references('vote_session.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('vote_ballot_pk', ['session_id', 'id']);
  if (dialect === 'sqlite') box = box.modifyEnd(sql`without rowid`);
  await box.execute();
}

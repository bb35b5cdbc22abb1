import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { refType } from './column-types.ts';

/**
 * Trust (issue 11).
 * - Notices go to the people who must act on them: `action` names the action a recipient's role
 *   must hold ('org' and 'subtree' notices), `member_id` / `user_id` the one person a personal notice is for.
 *   Earlier notices get the action of their kind; the personal kinds of old (a vote to cast, a
 *   signature to give, one's own report due) had no addressee and go to the cadres who run them.
 * - Stored ID masks keep only the last character (the check digit): with the first three and
 *   last four digits and a birth date beside them, an ID number narrowed to about ten people.
 * - On SQLite the audit log also refuses DELETE of rows younger than the 180-day floor
 *   (PostgreSQL's trigger already allows deletes only to the retention job).
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const ref = refType(dialect);
  await db.schema.alterTable('notification').addColumn('action', 'text').execute();
  await db.schema
    .alterTable('notification')
    .addColumn('member_id', ref, (c) => c.references('member.id'))
    .execute();
  await db.schema
    .alterTable('notification')
    .addColumn('user_id', ref, (c) => c.references('user_account.id'))
    .execute();
  await db.schema.createIndex('notification_member_idx').on('notification').columns(['member_id', 'created_at']).execute();
  await db.schema.createIndex('notification_user_idx').on('notification').columns(['user_id', 'created_at']).execute();

  const actionOfKind: Record<string, string> = {
    plan_submitted: 'plan.review',
    plan_returned: 'plan.write',
    plan_approved: 'plan.write',
    plan_deadline: 'plan.write',
    report_requested: 'report.submit',
    report_deadline: 'report.submit',
    report_reviewed: 'report.submit',
    bulletin_published: 'bulletin.read',
    rectification_assigned: 'rectification.answer',
    rectification_due: 'rectification.answer',
    rectification_reopened: 'rectification.answer',
    rectification_answered: 'inspection.write',
    activity_notable: 'activity.write',
    assessment_to_confirm: 'assessment.write',
    assessment_submitted: 'assessment.verify',
    assessment_verified: 'assessment.write',
    assessment_returned: 'assessment.write',
    title_awarded: 'assessment.read',
    commitments_published: 'commitment.read',
    cadre_report_submitted: 'commitment.read',
    cadre_report_due: 'commitment.write',
    exemplar_nominated: 'exemplar.select',
    exemplar_decided: 'exemplar.nominate',
    measure_commented: 'benchmark.write',
    measure_reopened: 'benchmark.write',
    measure_due: 'benchmark.write',
    evaluation_opened: 'evaluation.participate',
    evaluation_step: 'evaluation.participate',
    evaluation_submitted: 'evaluation.approve',
    evaluation_approved: 'evaluation.manage',
    evaluation_returned: 'evaluation.manage',
    evaluation_reevaluation_due: 'evaluation.manage',
    vote_opened: 'vote.manage',
    honour_notice_published: 'honour.notice',
    honour_final_published: 'honour.notice',
    honour_objection_received: 'honour.manage',
    honour_objection_handled: 'honour.manage',
    honour_notice_ended: 'honour.manage',
  };
  for (const [kind, action] of Object.entries(actionOfKind)) {
    await db.updateTable('notification').set({ action }).where('kind', '=', kind).execute();
  }
  // A kind nobody declared goes to the organization's cadres only, never to every account.
  await db.updateTable('notification').set({ action: 'org.write' }).where('action', 'is', null).execute();

  // Per-account look-ups of the log (how many "ID held elsewhere" answers an account had today).
  await db.schema.createIndex('audit_log_user_idx').on('audit_log').columns(['user_id', 'at']).execute();

  const lastChar = dialect === 'postgres' ? sql`right(id_card_masked, 1)` : sql`substr(id_card_masked, -1)`;
  await sql`update member set id_card_masked = ${'*'.repeat(17)} || ${lastChar}`.execute(db);

  if (dialect === 'sqlite') {
    await sql`create trigger audit_log_no_early_delete before delete on audit_log
      when old.at >= strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-180 days')
      begin select raise(abort, 'audit_log rows are kept at least 180 days'); end`.execute(db);
  }
}

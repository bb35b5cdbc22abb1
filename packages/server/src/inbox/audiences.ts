import type { Action } from '@zx/domain';

/**
 * Who a notice is for, declared once per kind: the people who must act on it or whom it
 * concerns, and nobody else.
 * - 'org': accounts granted at the organization whose role holds `action`;
 * - 'subtree': the same at the organization and every organization below it;
 * - 'member': one League member (their accounts, whatever role is active); 'user': one account.
 * A plain member (the 'member' role) holds only the actions every member has, so an 'org'
 * notice that needs e.g. plan.write never reaches them; inbox/audiences.test.ts sends every kind and checks who reads it; each area's notices test follows the real flow.
 */
export const NOTICE_AUDIENCE = {
  plan_submitted: { to: 'org', action: 'plan.review' },
  plan_returned: { to: 'org', action: 'plan.write' },
  plan_approved: { to: 'org', action: 'plan.write' },
  plan_deadline: { to: 'org', action: 'plan.write' },
  report_requested: { to: 'org', action: 'report.submit' },
  report_deadline: { to: 'org', action: 'report.submit' },
  report_reviewed: { to: 'org', action: 'report.submit' },
  bulletin_published: { to: 'subtree', action: 'bulletin.read' },
  rectification_assigned: { to: 'org', action: 'rectification.answer' },
  rectification_due: { to: 'org', action: 'rectification.answer' },
  rectification_reopened: { to: 'org', action: 'rectification.answer' },
  rectification_answered: { to: 'org', action: 'inspection.write' },
  activity_notable: { to: 'org', action: 'activity.write' },
  /** The member representative asked to co-sign the unit's self-assessment. */
  assessment_to_confirm: { to: 'member' },
  assessment_submitted: { to: 'org', action: 'assessment.verify' },
  assessment_verified: { to: 'org', action: 'assessment.write' },
  assessment_returned: { to: 'org', action: 'assessment.write' },
  title_awarded: { to: 'org', action: 'assessment.read' },
  /** A cadre's commitments and report are published to the organization's members. */
  commitments_published: { to: 'org', action: 'commitment.read' },
  cadre_report_submitted: { to: 'org', action: 'commitment.read' },
  /** The cadre whose year-end report is due. */
  cadre_report_due: { to: 'member' },
  exemplar_nominated: { to: 'org', action: 'exemplar.select' },
  exemplar_decided: { to: 'org', action: 'exemplar.nominate' },
  measure_commented: { to: 'org', action: 'benchmark.write' },
  measure_reopened: { to: 'org', action: 'benchmark.write' },
  measure_due: { to: 'org', action: 'benchmark.write' },
  /** Every member of the branch takes part in its annual evaluation. */
  evaluation_opened: { to: 'org', action: 'evaluation.participate' },
  evaluation_step: { to: 'org', action: 'evaluation.participate' },
  evaluation_submitted: { to: 'org', action: 'evaluation.approve' },
  evaluation_approved: { to: 'org', action: 'evaluation.manage' },
  evaluation_returned: { to: 'org', action: 'evaluation.manage' },
  /** Names a member graded 不合格: for the committee that re-evaluates, never the branch at large. */
  evaluation_reevaluation_due: { to: 'org', action: 'evaluation.manage' },
  /** One notice per person on the roll. */
  vote_opened: { to: 'member' },
  honour_notice_published: { to: 'subtree', action: 'honour.notice' },
  honour_final_published: { to: 'subtree', action: 'honour.notice' },
  honour_objection_received: { to: 'org', action: 'honour.manage' },
  /** The reply goes back to the account that objected. */
  honour_objection_handled: { to: 'user' },
  honour_notice_ended: { to: 'org', action: 'honour.manage' },
} as const satisfies Record<string, { to: 'org' | 'subtree'; action: Action } | { to: 'member' | 'user' }>;

export type NotificationKind = keyof typeof NOTICE_AUDIENCE;
type KindsTo<T> = { [K in NotificationKind]: (typeof NOTICE_AUDIENCE)[K]['to'] extends T ? K : never }[NotificationKind];
/** Kinds addressed to an organization (and maybe its subtree). */
export type OrgNoticeKind = KindsTo<'org' | 'subtree'>;
/** Kinds addressed to one League member. */
export type MemberNoticeKind = KindsTo<'member'>;
/** Kinds addressed to one account. */
export type UserNoticeKind = KindsTo<'user'>;

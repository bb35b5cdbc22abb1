import type { Generated } from 'kysely';

/** Table types of the annual member evaluation (团员教育评议); part of `DB` in schema.ts. */
export interface EvaluationTables {
  member_evaluation: MemberEvaluationTable;
  member_evaluation_participant: MemberEvaluationParticipantTable;
  member_evaluation_comment: MemberEvaluationCommentTable;
  member_negative_entry: MemberNegativeEntryTable;
}

export type EvaluationStageColumn = 'study' | 'self_assessment' | 'peer_review' | 'voting' | 'proposal' | 'submitted' | 'approved';

export interface MemberEvaluationTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  year: number;
  stage: EvaluationStageColumn;
  /** JSON EvaluationSettings, frozen when the round opens. */
  settings: string;
  study_held_on: string | null;
  study_note: string | null;
  vote_mode: 'ballot' | 'paper' | null;
  vote_session_id: number | null;
  vote_present: number | null;
  vote_quorum_met: number | null;
  vote_closed_at: string | null;
  return_comment: string | null;
  submitted_at: string | null;
  submitted_by: number | null;
  decided_at: string | null;
  decided_by: number | null;
  created_at: string;
  created_by: number | null;
  updated_at: string;
}

export interface MemberEvaluationParticipantTable {
  evaluation_id: number;
  member_id: number;
  member_name: string;
  self_assessment: string | null;
  self_assessed_at: string | null;
  self_assessed_by: number | null;
  /** 1 when the member wrote it from their own account, 0 when the secretary recorded it. */
  self_assessment_by_member: Generated<number>;
  /** JSON GradeVoteCounts once the vote is counted. */
  votes: string | null;
  proposed_grade: string | null;
  override_reason: string | null;
  final_grade: string | null;
  reevaluation_due_on: string | null;
  reevaluation_reminded_at: string | null;
  reevaluation_grade: string | null;
  reevaluation_held_on: string | null;
  reevaluation_note: string | null;
  reevaluated_by: number | null;
}

export interface MemberEvaluationCommentTable {
  evaluation_id: number;
  member_id: number;
  author_member_id: number;
  text: string;
  updated_at: string;
}

export interface MemberNegativeEntryTable {
  id: Generated<number>;
  member_id: number;
  org_id: number;
  reason: string;
  starts_on: string;
  ends_on: string | null;
  created_at: string;
  created_by: number | null;
  lifted_at: string | null;
  lifted_by: number | null;
  lift_reason: string | null;
}

import type { Generated } from 'kysely';

/** Table types of the rubrics, self-assessments, verification, tiers and titles; part of `DB` in schema.ts. */
export interface AssessmentTables {
  rubric: RubricTable;
  assessment: AssessmentTable;
  assessment_item: AssessmentItemTable;
  unit_tier: UnitTierTable;
  unit_title: UnitTitleTable;
}

export interface RubricTable {
  id: Generated<number>;
  key: string;
  name_zh: string;
  name_en: string;
  /** JSON Rubric (@zx/domain). */
  definition: string;
  builtin: number;
  created_at: string;
  updated_at: string;
  updated_by: number | null;
}

export type AssessmentStatus = 'draft' | 'submitted' | 'returned' | 'verified';

export interface AssessmentTable {
  id: Generated<number>;
  campaign_id: number;
  org_id: number;
  status: AssessmentStatus;
  rubric_key: string;
  /** JSON Rubric snapshot taken when the self-assessment started. */
  rubric: string;
  self_total: number;
  summary: string | null;
  secretary_user_id: number | null;
  secretary_name: string | null;
  secretary_signed_at: string | null;
  representative_member_id: number | null;
  representative_name: string | null;
  representative_signed_at: string | null;
  submitted_at: string | null;
  verified_total: number | null;
  /** JSON [{key,nameZh,nameEn,score,max}], set at verification. */
  dimension_scores: string | null;
  tier: string | null;
  tier_by_score: string | null;
  tier_reasons: string | null;
  verified_by: number | null;
  verified_by_name: string | null;
  verifier_org_id: number | null;
  verified_at: string | null;
  return_comment: string | null;
  returned_at: string | null;
  created_at: string;
  updated_at: string;
  updated_by: number | null;
}

export interface AssessmentItemTable {
  assessment_id: number;
  item_key: string;
  kind: 'score' | 'veto';
  /** Score, or for a veto item 1 = failed, 0 = passed. */
  self_value: number;
  verified_value: number | null;
  reason: string | null;
  note: string | null;
  activity_ids: string;
  attachment_ids: string;
}

export interface UnitTierTable {
  org_id: number;
  year: number;
  campaign_id: number | null;
  assessment_id: number | null;
  tier: string | null;
  score: number | null;
  decided_at: string;
}

export interface UnitTitleTable {
  id: Generated<number>;
  org_id: number;
  year: number;
  title: string;
  campaign_id: number | null;
  note: string | null;
  awarded_by: number | null;
  awarded_by_name: string | null;
  awarder_org_id: number;
  awarded_at: string;
}

import type { Generated } from 'kysely';

/** Table types of the honours (两红两优); part of `DB` in schema.ts. */
export interface HonourTables {
  dues_record: DuesRecordTable;
  honour_round: HonourRoundTable;
  honour_candidate: HonourCandidateTable;
  honour_objection: HonourObjectionTable;
  honour_award: HonourAwardTable;
}

export interface DuesRecordTable {
  org_id: number;
  year: number;
  members_due: number;
  members_in_arrears: number;
  updated_at: string;
  updated_by: number | null;
}

export type HonourRoundStatus = 'draft' | 'recommending' | 'notice' | 'final';

export interface HonourRoundTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  name: string;
  year: number;
  reference_date: string;
  /** JSON HonourKind[]. */
  kinds: string;
  /** JSON HonourSettings (frozen when the round is created; quotas editable before the notice). */
  settings: string;
  require_lower_title: number;
  campaign_id: number | null;
  status: HonourRoundStatus;
  notice_starts_on: string | null;
  notice_ends_on: string | null;
  published_at: string | null;
  finalized_at: string | null;
  created_at: string;
  created_by: number | null;
  updated_at: string;
}

export type HonourCandidateStatus = 'recommended' | 'candidate' | 'rejected' | 'withdrawn' | 'awarded';

export interface HonourCandidateTable {
  id: Generated<number>;
  round_id: number;
  kind: string;
  subject_key: string;
  org_id: number;
  org_path: string;
  member_id: number | null;
  subject_name: string;
  status: HonourCandidateStatus;
  recommender_org_id: number;
  recommender_org_path: string;
  note: string | null;
  /** JSON RuleCheck[]. */
  checks: string;
  created_at: string;
  created_by: number | null;
  updated_at: string;
}

export interface HonourObjectionTable {
  id: Generated<number>;
  round_id: number;
  candidate_id: number;
  reason: string;
  contact: string | null;
  objector_user_id: number;
  objector_name: string;
  objector_org_id: number;
  objector_org_path: string;
  status: 'pending' | 'upheld' | 'dismissed';
  reply: string | null;
  handled_by: number | null;
  handled_at: string | null;
  created_at: string;
}

export interface HonourAwardTable {
  id: Generated<number>;
  round_id: number;
  candidate_id: number;
  kind: string;
  year: number;
  subject_key: string;
  org_id: number;
  org_path: string;
  member_id: number | null;
  subject_name: string;
  issuer_org_id: number;
  issuer_org_name: string;
  issuer_depth: number;
  certificate_no: string;
  awarded_on: string;
  created_at: string;
}

import type { Generated } from 'kysely';

/** Table types of representatives, the ballot engine and cadre rating sessions; part of `DB` in schema.ts. */
export interface VotesTables {
  org_representative: OrgRepresentativeTable;
  vote_session: VoteSessionTable;
  vote_subject: VoteSubjectTable;
  vote_roll: VoteRollTable;
  vote_ballot: VoteBallotTable;
}

export interface OrgRepresentativeTable {
  org_id: number;
  member_id: number;
  added_at: string;
  added_by: number | null;
}

export type VoteSessionStatus = 'draft' | 'open' | 'closed' | 'cancelled';

export interface VoteSessionTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  kind: string;
  title_zh: string;
  title_en: string | null;
  scale: string;
  /** JSON BallotSettings. */
  settings: string;
  roll_source: 'explicit' | 'representatives';
  status: VoteSessionStatus;
  report_year: number | null;
  opens_at: string | null;
  closes_at: string | null;
  opened_at: string | null;
  closed_at: string | null;
  roll_size: Generated<number>;
  ballot_count: number | null;
  /** JSON { [subjectId]: counts } — written at close only. */
  result: string | null;
  ref_type: string | null;
  ref_id: number | null;
  created_at: string;
  created_by: number | null;
  updated_at: string;
}

export interface VoteSubjectTable {
  id: Generated<number>;
  session_id: number;
  ordinal: number;
  label: string;
  detail: string | null;
  member_id: number | null;
  ref_type: string | null;
  ref_id: number | null;
  exempt: Generated<number>;
  exempt_reason: string | null;
  upper_score: number | null;
  upper_scored_by: number | null;
  upper_scored_at: string | null;
}

export interface VoteRollTable {
  session_id: number;
  member_id: number;
  voted: Generated<number>;
}

/** No voter, no timestamp, no sequence: a random id, the session and the answers (JSON). */
export interface VoteBallotTable {
  session_id: number;
  id: string;
  answers: string;
}

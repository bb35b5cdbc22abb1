import type { Generated } from 'kysely';

/** Table types of the exemplars, demonstration sites, benchmarking and catch-up measures; part of `DB` in schema.ts. */
export interface ExemplarTables {
  exemplar: ExemplarTable;
  demo_site_visit: DemoSiteVisitTable;
  benchmark: BenchmarkTable;
  benchmark_exemplar: BenchmarkExemplarTable;
  catch_up_measure: CatchUpMeasureTable;
  catch_up_comment: CatchUpCommentTable;
}

export interface ExemplarTable {
  id: Generated<number>;
  campaign_id: number | null;
  kind: 'unit' | 'person';
  nominee_org_id: number;
  nominee_org_path: string;
  nominee_member_id: number | null;
  title: string;
  materials: string;
  /** JSON number[] of attachment ids. */
  photo_ids: string;
  nominator_org_id: number;
  nominator_org_path: string;
  nominated_by: number | null;
  nominated_on: string;
  status: 'nominated' | 'selected' | 'not_selected' | 'withdrawn';
  selector_org_id: number | null;
  selector_org_path: string | null;
  level_type_code: string | null;
  decision_method: 'committee' | 'vote' | null;
  decision_note: string | null;
  decided_on: string | null;
  decided_by: number | null;
  decided_at: string | null;
  vote_session_id: number | null;
  demo_site: Generated<number>;
  demo_site_since: string | null;
  created_at: string;
  updated_at: string;
}

export interface DemoSiteVisitTable {
  activity_id: number;
  exemplar_id: number;
}

export interface BenchmarkTable {
  id: Generated<number>;
  campaign_id: number;
  org_id: number;
  org_path: string;
  step: string;
  reflection: string | null;
  created_at: string;
  created_by: number | null;
  updated_at: string;
}

export interface BenchmarkExemplarTable {
  benchmark_id: number;
  exemplar_id: number;
  position: number;
}

export interface CatchUpMeasureTable {
  id: Generated<number>;
  benchmark_id: number;
  org_id: number;
  org_path: string;
  dimension_key: string;
  content: string;
  owner_member_id: number;
  due_on: string;
  status: 'open' | 'closed';
  evidence_activity_id: number | null;
  /** JSON number[]. */
  evidence_attachment_ids: string;
  closing_note: string | null;
  closed_at: string | null;
  closed_by: number | null;
  reminded_at: string | null;
  created_at: string;
  created_by: number | null;
  updated_at: string;
}

export interface CatchUpCommentTable {
  id: Generated<number>;
  measure_id: number;
  author_user_id: number | null;
  author_name: string;
  author_org_id: number;
  body: string;
  created_at: string;
}

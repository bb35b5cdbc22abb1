import type { Generated } from 'kysely';

/** Table types of report requests and submissions, inspections and rectifications; part of `DB` in schema.ts. */
export interface ReportInspectionTables {
  report_request: ReportRequestTable;
  report_submission: ReportSubmissionTable;
  inspection: InspectionTable;
  rectification: RectificationTable;
}

export interface ReportRequestTable {
  id: Generated<number>;
  campaign_id: number | null;
  task_key: string | null;
  org_id: number;
  org_path: string;
  title: string;
  guidance: string;
  due_on: string;
  target_filter: string;
  created_at: string;
  created_by: number | null;
}

export interface ReportSubmissionTable {
  id: Generated<number>;
  request_id: number;
  org_id: number;
  org_path: string;
  status: 'pending' | 'submitted';
  content: string | null;
  attachment_ids: string;
  submitted_at: string | null;
  submitted_by: number | null;
  review_comment: string | null;
  reviewed_at: string | null;
  reviewed_by: number | null;
  reminded_at: string | null;
}

export interface InspectionTable {
  id: Generated<number>;
  campaign_id: number | null;
  org_id: number;
  org_path: string;
  visited_on: string;
  findings: string;
  score: number | null;
  inspector_user_id: number | null;
  inspector_name: string;
  inspector_org_path: string;
  created_at: string;
}

export interface RectificationTable {
  id: Generated<number>;
  inspection_id: number;
  org_id: number;
  org_path: string;
  description: string;
  owner: string;
  due_on: string;
  status: 'open' | 'answered' | 'closed';
  answer: string | null;
  answered_at: string | null;
  answered_by: number | null;
  closed_at: string | null;
  closed_by: number | null;
  review_comment: string | null;
  reminded_at: string | null;
}

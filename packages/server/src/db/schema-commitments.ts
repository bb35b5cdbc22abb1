import type { Generated } from 'kysely';

/** Table types of the cadres' commitments and year-end reports; part of `DB` in schema.ts. */
export interface CommitmentTables {
  commitment_plan: CommitmentPlanTable;
  commitment_item: CommitmentItemTable;
  commitment_version: CommitmentVersionTable;
  cadre_report: CadreReportTable;
  cadre_report_item: CadreReportItemTable;
  cadre_report_read: CadreReportReadTable;
}

export interface CommitmentPlanTable {
  id: Generated<number>;
  member_id: number;
  org_id: number;
  year: number;
  version: Generated<number>;
  first_published_at: string | null;
  last_published_at: string | null;
  created_at: string;
  created_by: number | null;
  updated_at: string;
}

export interface CommitmentItemTable {
  id: Generated<number>;
  plan_id: number;
  seq: number;
  text: string;
  category: string | null;
  due_on: string | null;
  state: 'draft' | 'published' | 'superseded';
  revises_id: number | null;
  version: number | null;
  created_at: string;
  updated_at: string;
}

export interface CommitmentVersionTable {
  id: Generated<number>;
  plan_id: number;
  version: number;
  items: string;
  note: string | null;
  on_behalf: Generated<number>;
  published_at: string;
  published_by: number | null;
  published_by_name: string;
}

export interface CadreReportTable {
  id: Generated<number>;
  plan_id: number;
  status: 'draft' | 'submitted';
  content: string;
  submitted_at: string | null;
  submitted_by: number | null;
  created_at: string;
  updated_at: string;
  updated_by: number | null;
}

export interface CadreReportItemTable {
  report_id: number;
  item_id: number;
  status: string | null;
  note: string | null;
  activity_ids: string;
  attachment_ids: string;
}

export interface CadreReportReadTable {
  report_id: number;
  user_id: number;
  read_at: string;
}

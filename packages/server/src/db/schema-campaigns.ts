import type { Generated } from 'kysely';

/** Table types of campaigns: templates, campaigns, roll-up figures, unit plans, activities and task confirmations; part of `DB` in schema.ts. */
export interface CampaignTables {
  campaign_template: CampaignTemplateTable;
  campaign: CampaignTable;
  org_type_count: OrgTypeCountTable;
  campaign_stat: CampaignStatTable;
  unit_plan: UnitPlanTable;
  unit_plan_version: UnitPlanVersionTable;
  activity: ActivityTable;
  activity_attendance: ActivityAttendanceTable;
  task_confirmation: TaskConfirmationTable;
}

export interface CampaignTemplateTable {
  id: Generated<number>;
  key: string;
  name_zh: string;
  name_en: string;
  definition: string;
  builtin: number;
  created_at: string;
  updated_at: string;
  updated_by: number | null;
}

export interface CampaignTable {
  id: Generated<number>;
  template_id: number;
  org_id: number;
  org_path: string;
  name: string;
  slogan: string | null;
  definition: string;
  phase_dates: string;
  manual_phase_key: string | null;
  cloned_from_id: number | null;
  created_at: string;
  created_by: number | null;
  updated_at: string;
}

/** Active organizations of each type in an organization's subtree, itself included. */
export interface OrgTypeCountTable {
  org_id: number;
  type_code: string;
  count: number;
}

/** Campaign figures: `own` from the organization's own facts, `subtree` summed over its subtree. */
export interface CampaignStatTable {
  campaign_id: number;
  org_id: number;
  metric: string;
  own: number;
  subtree: number;
}

export type PlanStatus = 'draft' | 'submitted' | 'returned' | 'approved';

export interface UnitPlanTable {
  id: Generated<number>;
  campaign_id: number;
  org_id: number;
  status: PlanStatus;
  theme: string;
  content_html: string;
  targets: string;
  attachment_ids: string;
  /** Last submitted version; 0 while never submitted. */
  version: number;
  submitted_at: string | null;
  decided_at: string | null;
  created_at: string;
  updated_at: string;
  updated_by: number | null;
}

export interface UnitPlanVersionTable {
  id: Generated<number>;
  plan_id: number;
  version: number;
  theme: string;
  content_html: string;
  targets: string;
  attachment_ids: string;
  submitted_at: string;
  submitted_by: number | null;
  decision: 'approved' | 'returned' | null;
  review_comment: string | null;
  reviewed_at: string | null;
  reviewed_by: number | null;
}

export interface ActivityTable {
  id: Generated<number>;
  campaign_id: number;
  org_id: number;
  org_path: string;
  type: string;
  form: string | null;
  title: string;
  held_on: string;
  place: string;
  summary: string;
  minutes: string | null;
  task_keys: string;
  photo_ids: string;
  notable: Generated<number>;
  attendee_count: Generated<number>;
  created_at: string;
  created_by: number | null;
  updated_at: string;
}

export interface ActivityAttendanceTable {
  activity_id: number;
  member_id: number;
  /** 'hand': picked by the secretary; 'qr': the member checked in by scanning (issue 13). */
  source: Generated<'hand' | 'qr'>;
  checked_in_at: Generated<string | null>;
}

export interface TaskConfirmationTable {
  campaign_id: number;
  org_id: number;
  task_key: string;
  note: string | null;
  confirmed_at: string;
  confirmed_by: number | null;
}

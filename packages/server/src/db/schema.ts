import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { VotesTables } from './schema-votes.ts';
import type { AssessmentTables } from './schema-assessment.ts';
import type { EvaluationTables } from './schema-evaluation.ts';
import type { ExemplarTables } from './schema-exemplars.ts';
import type { CommitmentTables } from './schema-commitments.ts';
import type { HonourTables } from './schema-honours.ts';
import type { AuthTables } from './schema-auth.ts';

/**
 * Table types. Timestamps are ISO-8601 UTC strings and calendar dates 'YYYY-MM-DD' on both
 * databases, booleans are 0/1 integers: one repository code for SQLite and PostgreSQL
 * (docs/decisions/0002-portable-column-types.md).
 */
/** Issue 4's areas keep their table types in schema-<area>.ts. */
export interface DB extends VotesTables, AssessmentTables, EvaluationTables, ExemplarTables, CommitmentTables, HonourTables, AuthTables {
  org_type: OrgTypeTable;
  organization: OrganizationTable;
  member: MemberTable;
  member_transfer: MemberTransferTable;
  user_account: UserAccountTable;
  role_grant: RoleGrantTable;
  session: SessionTable;
  audit_log: AuditLogTable;
  rate_limit: RateLimitTable;
  job: JobTable;
  import_issue: ImportIssueTable;
  member_import_row: MemberImportRowTable;
  org_import_row: OrgImportRowTable;
  stored_file: StoredFileTable;
  setting: SettingTable;
  campaign_template: CampaignTemplateTable;
  campaign: CampaignTable;
  org_type_count: OrgTypeCountTable;
  campaign_stat: CampaignStatTable;
  attachment: AttachmentTable;
  unit_plan: UnitPlanTable;
  unit_plan_version: UnitPlanVersionTable;
  activity: ActivityTable;
  activity_attendance: ActivityAttendanceTable;
  task_confirmation: TaskConfirmationTable;
  report_request: ReportRequestTable;
  report_submission: ReportSubmissionTable;
  inspection: InspectionTable;
  rectification: RectificationTable;
  bulletin: BulletinTable;
  notification: NotificationTable;
  notification_read: NotificationReadTable;
}

export interface OrgTypeTable {
  code: string;
  name_zh: string;
  name_en: string;
  rank: number;
  holds_members: number;
}

export interface OrganizationTable {
  id: Generated<number>;
  parent_id: number | null;
  /** Materialized path of ids, '/1/23/456/'. */
  path: string;
  depth: number;
  type_code: string;
  name: string;
  code: string;
  pinyin_initials: string;
  pinyin_full: string;
  founded_on: string | null;
  responsible_person: string | null;
  contact_phone_enc: string | null;
  contact_phone_masked: string | null;
  status: 'active' | 'inactive' | 'merged';
  merged_into_id: number | null;
  /** Active members of this organization itself; kept in the same transaction as member writes. */
  direct_member_count: Generated<number>;
  /** Active members of this organization and everything below it. */
  subtree_member_count: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface MemberTable {
  id: Generated<number>;
  org_id: number;
  name: string;
  gender: 'male' | 'female';
  birth_date: string;
  id_card_enc: string;
  id_card_hash: string;
  id_card_masked: string;
  phone_enc: string | null;
  phone_hash: string | null;
  phone_masked: string | null;
  joined_on: string | null;
  position: string;
  /** When the current position was taken up ('YYYY-MM-DD'); null = unknown (migration 0004_votes). */
  position_since: string | null;
  status: string;
  note: string | null;
  created_at: string;
  updated_at: string;
}

export interface MemberTransferTable {
  id: Generated<number>;
  member_id: number;
  from_org_id: number;
  to_org_id: number;
  reason: string;
  transferred_at: string;
  actor_user_id: number | null;
}

export interface UserAccountTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  phone_enc: string | null;
  phone_hash: string | null;
  phone_masked: string | null;
  password_hash: string;
  member_id: number | null;
  status: 'active' | 'disabled';
  failed_logins: Generated<number>;
  locked_until: string | null;
  must_change_password: Generated<number>;
  password_changed_at: string;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface RoleGrantTable {
  id: Generated<number>;
  user_id: number;
  role: string;
  org_id: number;
  created_at: string;
  created_by: number | null;
}

export interface SessionTable {
  /** sha256 of the cookie token: a stolen database does not yield live sessions. */
  id: string;
  user_id: number;
  grant_id: number | null;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  user_id: number | null;
  username: string | null;
  role: string | null;
  org_id: number | null;
  /** Path of the actor's organization, so the audit log itself can be scoped to a subtree. */
  org_path: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  summary: string | null;
  ip: string | null;
  outcome: 'success' | 'failure' | 'denied';
}

export interface RateLimitTable {
  key: string;
  window_start: string;
  count: number;
}

export interface JobTable {
  id: Generated<number>;
  kind: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  params: string;
  progress: Generated<number>;
  total: number | null;
  result: string | null;
  error: string | null;
  user_id: number;
  grant_id: number;
  org_id: number;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  locked_by: string | null;
  heartbeat_at: string | null;
}

export interface ImportIssueTable {
  job_id: number;
  row_number: number;
  field: string;
  code: string;
  message_zh: string;
  message_en: string;
}

export interface MemberImportRowTable {
  job_id: number;
  row_number: number;
  org_id: number;
  name: string;
  gender: 'male' | 'female';
  birth_date: string;
  id_card_enc: string;
  id_card_hash: string;
  id_card_masked: string;
  phone_enc: string | null;
  phone_hash: string | null;
  phone_masked: string | null;
  joined_on: string | null;
  position: string;
  note: string | null;
}

export interface OrgImportRowTable {
  job_id: number;
  row_number: number;
  name: string;
  type_code: string;
  code: string;
  parent_code: string;
  founded_on: string | null;
  responsible_person: string | null;
  contact_phone_enc: string | null;
  contact_phone_masked: string | null;
}

export interface StoredFileTable {
  /** sha256 of the content: the content-addressed key. */
  hash: string;
  size: number;
  mime: string;
  created_at: string;
}

export interface SettingTable {
  key: string;
  value: string;
  updated_at: string;
  updated_by: number | null;
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

export interface AttachmentTable {
  id: Generated<number>;
  hash: string;
  name: string;
  mime: string;
  size: number;
  kind: 'file' | 'photo';
  thumb_hash: string | null;
  width: number | null;
  height: number | null;
  org_id: number;
  org_path: string;
  uploaded_by: number | null;
  created_at: string;
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
}

export interface TaskConfirmationTable {
  campaign_id: number;
  org_id: number;
  task_key: string;
  note: string | null;
  confirmed_at: string;
  confirmed_by: number | null;
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

export interface BulletinTable {
  id: Generated<number>;
  campaign_id: number;
  org_id: number;
  org_path: string;
  period_from: string;
  period_to: string;
  title: string;
  body: string;
  score_weights: string;
  number_prefix: string | null;
  number_year: number | null;
  number_seq: number | null;
  status: 'draft' | 'published';
  published_at: string | null;
  published_by: number | null;
  created_at: string;
  created_by: number | null;
  updated_at: string;
}

export interface NotificationTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  /** 'org': the organization's accounts whose role holds `action`; 'subtree': the same for every organization below too; 'member' / 'user': one person. */
  audience: 'org' | 'subtree' | 'member' | 'user';
  /** The action a recipient's role must hold ('org' and 'subtree'). */
  action: string | null;
  /** The person a personal notice is for ('member': a League member's accounts; 'user': one account). */
  member_id: number | null;
  user_id: number | null;
  kind: string;
  title_zh: string;
  title_en: string;
  body: string | null;
  link: string | null;
  dedupe_key: string | null;
  created_at: string;
}

export interface NotificationReadTable {
  notification_id: number;
  user_id: number;
  read_at: string;
}

export type Organization = Selectable<OrganizationTable>;
export type NewOrganization = Insertable<OrganizationTable>;
export type OrganizationUpdate = Updateable<OrganizationTable>;
export type Member = Selectable<MemberTable>;
export type NewMember = Insertable<MemberTable>;
export type UserAccount = Selectable<UserAccountTable>;
export type RoleGrant = Selectable<RoleGrantTable>;
export type Session = Selectable<SessionTable>;
export type AuditLog = Selectable<AuditLogTable>;
export type Job = Selectable<JobTable>;

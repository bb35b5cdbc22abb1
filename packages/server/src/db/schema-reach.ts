import type { Generated } from 'kysely';

/** Table types of notices to members (知晓率) and member pledges; part of `DB` in schema.ts. */
export interface ReachTables {
  notice: NoticeTable;
  notice_recipient: NoticeRecipientTable;
  notice_attempt: NoticeAttemptTable;
  member_pledge: MemberPledgeTable;
}

export interface NoticeTable {
  id: Generated<number>;
  campaign_id: number;
  org_id: number;
  org_path: string;
  title: string;
  body: string;
  attachment_ids: string;
  target_org_ids: string | null;
  quiz: string | null;
  has_quiz: Generated<number>;
  max_attempts: number | null;
  due_on: string | null;
  status: 'draft' | 'sent';
  recipient_count: Generated<number>;
  sent_at: string | null;
  sent_by: number | null;
  created_at: string;
  created_by: number | null;
  updated_at: string;
}

export interface NoticeRecipientTable {
  notice_id: number;
  member_id: number;
  org_id: number;
  read_at: string | null;
  acknowledged_at: string | null;
  passed_at: string | null;
  attempts: Generated<number>;
  best_score: number | null;
}

export interface NoticeAttemptTable {
  id: Generated<number>;
  notice_id: number;
  member_id: number;
  answers: string;
  score: number;
  passed: number;
  at: string;
}

export interface MemberPledgeTable {
  id: Generated<number>;
  campaign_id: number;
  member_id: number;
  post: string;
  pledge: string;
  created_at: string;
  updated_at: string;
}

import type { Generated } from 'kysely';

/** Table types of bulletins and notifications; part of `DB` in schema.ts. */
export interface BulletinTables {
  bulletin: BulletinTable;
  notification: NotificationTable;
  notification_read: NotificationReadTable;
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

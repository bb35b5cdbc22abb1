import type { Generated } from 'kysely';

/** Table types of organizations, their types, members and member transfers; part of `DB` in schema.ts. */
export interface OrgMemberTables {
  org_type: OrgTypeTable;
  organization: OrganizationTable;
  member: MemberTable;
  member_transfer: MemberTransferTable;
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

import type { Generated } from 'kysely';

/** Table types of user accounts, role grants and sessions; part of `DB` in schema.ts. */
export interface AccountTables {
  user_account: UserAccountTable;
  role_grant: RoleGrantTable;
  session: SessionTable;
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

import type { Generated } from 'kysely';

/** Table types of member account activation (migration 0016); part of `DB` in schema.ts. */
export interface ActivationTables {
  activation_code: ActivationCodeTable;
}

export interface ActivationCodeTable {
  id: Generated<number>;
  member_id: number;
  /** The member's unit when the code was issued (the sheet lists a unit's codes). */
  org_id: number;
  /** sha256 of the code: the database never holds a usable code. */
  code_hash: string;
  issued_at: string;
  issued_by: number | null;
  expires_at: string;
  used_at: string | null;
  revoked_at: string | null;
  /** The account the code made, once redeemed. */
  user_id: number | null;
}

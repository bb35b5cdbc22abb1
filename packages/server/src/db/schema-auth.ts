import type { Generated } from 'kysely';

/** Table types of login throttling and trusted devices (migration 0011); part of `DB` in schema.ts. */
export interface AuthTables {
  login_throttle: LoginThrottleTable;
  trusted_device: TrustedDeviceTable;
}

export interface LoginThrottleTable {
  /** `u:<account id>` or `n:<keyed hash of an unknown login name>`. */
  subject: string;
  /** `d:<trusted device id>`, `ip:<address>`, or `*`: every untrusted client of the subject together. */
  client: string;
  /** Failures in the current window (reset when a throttle starts and on a successful login). */
  failures: number;
  window_start: string;
  throttled_until: string | null;
  updated_at: string;
}

export interface TrustedDeviceTable {
  id: Generated<number>;
  /** sha256 of the `zx_device` cookie: the database never holds a usable token. */
  token_hash: string;
  user_id: number;
  created_at: string;
  last_used_at: string;
  expires_at: string;
}

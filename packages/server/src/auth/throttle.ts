/**
 * Login throttling (docs/decisions/0010-login-throttling.md, NIST SP 800-63B §5.2.2).
 *
 * Failed logins are counted per (subject, client):
 * - subject: `u:<account id>` for a known account, `n:<keyed hash of the login name>` for an
 *   unknown one, so an unknown name is throttled exactly like a known one (no enumeration);
 * - client: the browser's trusted-device cookie when it belongs to that account (`d:<id>`),
 *   else the address (`ip:<address>`).
 * `lockoutThreshold` consecutive failures throttle that pair for `lockoutMinutes`. Failures from
 * untrusted clients also add up per subject (client `*`): `ACCOUNT_CAP_FACTOR` × threshold within
 * an hour throttles every untrusted client of the account, never its trusted devices. Nobody can
 * therefore lock the owner out from outside, and a guesser spread over many addresses still gets
 * at most that many tries an hour. The counts and the devices are read and written by
 * auth/throttle-repository.ts.
 */

/** The cookie naming a trusted device (HttpOnly, path /api/v1/auth). */
export const DEVICE_COOKIE = 'zx_device';
export const DEVICE_COOKIE_PATH = '/api/v1/auth';
export const TRUSTED_DEVICE_DAYS = 90;
/** Failures from untrusted clients an account takes per hour: this many times the threshold. */
export const ACCOUNT_CAP_FACTOR = 10;
const ACCOUNT_WINDOW_MINUTES = 60;
/** A pair's count of consecutive failures is forgotten a day after it started. */
const PAIR_WINDOW_MINUTES = 24 * 60;
/** The client key of the account-wide count over untrusted clients. */
export const UNTRUSTED = '*';

export const minutesBefore = (iso: string, minutes: number) => new Date(Date.parse(iso) - minutes * 60_000).toISOString();
export const minutesAfter = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();
/** Whole minutes left until `until` (at least 1). */
export const minutesLeft = (until: string, at: string) => Math.max(1, Math.ceil((Date.parse(until) - Date.parse(at)) / 60_000));

export const userSubject = (userId: number) => `u:${userId}`;

export const failureWindows = { pair: PAIR_WINDOW_MINUTES, account: ACCOUNT_WINDOW_MINUTES };

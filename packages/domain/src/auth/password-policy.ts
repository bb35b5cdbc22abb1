/** Password rules (等保 2.0: length, character classes, no common or personal passwords). */
import { fieldError, type FieldError } from '../common/messages.ts';
import { COMMON_PASSWORDS } from './common-passwords.ts';

export { COMMON_PASSWORDS };

export interface PasswordPolicy {
  minLength: number;
  /** How many of the four classes (lower-case, upper-case, digit, other) must appear. */
  minClasses: number;
  /** Refuse well-known passwords and passwords containing the username. */
  refuseCommon: boolean;
}

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = { minLength: 8, minClasses: 3, refuseCommon: true };

/** Longest password accepted (keeps hashing cheap and bounded). */
export const PASSWORD_MAX_LENGTH = 128;

const COMMON_SET: ReadonlySet<string> = new Set(COMMON_PASSWORDS.map((p) => p.toLowerCase()));

/** Usernames shorter than this are too short to look for inside a password. */
const MIN_USERNAME_IN_PASSWORD = 3;

/** Number of character classes present: lower-case, upper-case, digit, other. */
export function passwordClasses(pw: string): number {
  let lower = 0;
  let upper = 0;
  let digit = 0;
  let other = 0;
  for (const ch of pw) {
    if (ch >= 'a' && ch <= 'z') lower = 1;
    else if (ch >= 'A' && ch <= 'Z') upper = 1;
    else if (ch >= '0' && ch <= '9') digit = 1;
    else other = 1;
  }
  return lower + upper + digit + other;
}

/** True when the password is on the built-in list of common passwords (case-insensitive). */
export function isCommonPassword(pw: string): boolean {
  return COMMON_SET.has(pw.toLowerCase());
}

/** Checks a new password against a policy; returns every problem found (empty = acceptable). */
export function checkPassword(pw: string, policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY, context: { username?: string } = {}): FieldError[] {
  const errors: FieldError[] = [];
  const length = [...pw].length;
  if (length < policy.minLength) {
    errors.push(
      fieldError('password', 'PASSWORD_TOO_SHORT', `密码长度不能少于${policy.minLength}位`, `Password must be at least ${policy.minLength} characters long`),
    );
  } else if (length > PASSWORD_MAX_LENGTH) {
    errors.push(
      fieldError(
        'password',
        'PASSWORD_TOO_LONG',
        `密码长度不能超过${PASSWORD_MAX_LENGTH}位`,
        `Password must be at most ${PASSWORD_MAX_LENGTH} characters long`,
      ),
    );
  }
  if (passwordClasses(pw) < policy.minClasses) {
    errors.push(
      fieldError(
        'password',
        'PASSWORD_TOO_FEW_CLASSES',
        `密码须包含小写字母、大写字母、数字、特殊符号中的至少${policy.minClasses}种`,
        `Password must contain at least ${policy.minClasses} of: lower-case letters, upper-case letters, digits, symbols`,
      ),
    );
  }
  if (policy.refuseCommon) {
    if (isCommonPassword(pw)) {
      errors.push(
        fieldError(
          'password',
          'PASSWORD_COMMON',
          '该密码过于常见，容易被猜到，请换一个',
          'This password is too common and easy to guess; please choose another',
        ),
      );
    } else {
      const username = (context.username ?? '').trim().toLowerCase();
      if (username.length >= MIN_USERNAME_IN_PASSWORD && pw.toLowerCase().includes(username)) {
        errors.push(fieldError('password', 'PASSWORD_COMMON', '密码不能包含用户名', 'Password must not contain the username'));
      }
    }
  }
  return errors;
}

// Unambiguous characters only: no 0/O/o, 1/l/I.
const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const SYMBOLS = '!@#$%^&*-_=+?';
const ALL = LOWER + UPPER + DIGITS + SYMBOLS;

/** Uniform random integer in [0, n) from the Web Crypto API (Node ≥ 20, browsers). */
function randomBelow(n: number): number {
  const limit = Math.floor(0x1_0000_0000 / n) * n;
  const buf = new Uint32Array(1);
  for (;;) {
    globalThis.crypto.getRandomValues(buf);
    if (buf[0] < limit) return buf[0] % n;
  }
}

function pick(chars: string): string {
  return chars[randomBelow(chars.length)];
}

/**
 * A random password (e.g. for an account reset) that satisfies DEFAULT_PASSWORD_POLICY:
 * at least one lower-case letter, upper-case letter, digit and symbol, no look-alike
 * characters (0/O, 1/l/I). Lengths below 8 are raised to 8.
 */
export function generatePassword(length = 14): string {
  const n = Math.max(Math.floor(length), DEFAULT_PASSWORD_POLICY.minLength);
  for (;;) {
    const chars = [pick(LOWER), pick(UPPER), pick(DIGITS), pick(SYMBOLS)];
    while (chars.length < n) chars.push(pick(ALL));
    for (let i = chars.length - 1; i > 0; i--) {
      const j = randomBelow(i + 1);
      [chars[i], chars[j]] = [chars[j], chars[i]];
    }
    const pw = chars.join('');
    if (checkPassword(pw, DEFAULT_PASSWORD_POLICY).length === 0) return pw;
  }
}

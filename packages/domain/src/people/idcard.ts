/**
 * Resident identity card numbers (公民身份号码), GB 11643-1999.
 *
 * 18 characters: 6-digit address code, 8-digit birth date (YYYYMMDD), 3-digit sequence
 * (odd for men, even for women) and an ISO 7064 MOD 11-2 check character (0-9 or X).
 */
import { fieldError, type FieldError, type Result } from '../common/messages.ts';
import { cleanText } from '../common/text.ts';
import { isValidYmd, isoToday } from '../common/dates.ts';
import type { Gender } from './positions.ts';

export const ID_CARD_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
export const ID_CARD_CHECK_CHARS = '10X98765432';

const FIELD = 'idCard';

/**
 * Normalizes an ID number as typed or read from a cell: half-width, no spaces, upper-case X,
 * no leading apostrophe (Excel's "store as text" marker). A number cell becomes its integer
 * digits; an 18-digit ID stored as a number has lost precision (see idCardStoredAsNumber,
 * which the roster import checks first).
 */
export function normalizeIdCard(v: unknown): string {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return '';
    const n = Math.trunc(Math.abs(v));
    return Number.isSafeInteger(n) ? String(n) : BigInt(n).toString();
  }
  if (typeof v === 'bigint') return (v < 0n ? -v : v).toString();
  return cleanText(v)
    .replace(/\s+/g, '')
    .replace(/^['‘’`]+/, '')
    .toUpperCase();
}

/**
 * True when a spreadsheet cell holds an ID number as a number (or a formula whose value is one)
 * of 16 or more digits. Excel keeps 15 significant digits of a number: 110101199003074511 typed
 * into a number cell is stored as 110101199003074000 (shown 1.10101199003074E+17), and nothing in
 * the digits tells which ones were lost — about one such number in eleven still passes the
 * checksum and would be somebody else's ID. Such a cell is refused, never read.
 */
export function idCardStoredAsNumber(cell: unknown): boolean {
  const v = cell !== null && typeof cell === 'object' && 'result' in cell ? (cell as { result: unknown }).result : cell;
  if (typeof v === 'number') return Math.abs(v) >= 1e15;
  if (typeof v === 'bigint') return (v < 0n ? -v : v) >= 10n ** 15n;
  return false;
}

/** The check character for the first 17 digits. */
export function idCardCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('idCardCheckChar needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * ID_CARD_WEIGHTS[i];
  return ID_CARD_CHECK_CHARS[sum % 11];
}

/**
 * Validates an 18-digit ID number (already normalized, see normalizeIdCard) and derives the
 * holder's birth date and gender. `today` (YYYY-MM-DD) defaults to isoToday().
 */
export function validateIdCard(id: string, today: string = isoToday()): Result<{ birthDate: string; gender: Gender }> {
  if (id === '') {
    return fail([fieldError(FIELD, 'ID_CARD_REQUIRED', '请填写身份证号', 'ID card number is required')]);
  }
  if (/^\d{15}$/.test(id)) {
    return fail([
      fieldError(
        FIELD,
        'ID_CARD_FORMAT',
        `身份证号「${maskIdCard(id)}」是15位旧号码，请填写18位公民身份号码`,
        `ID card number "${maskIdCard(id)}" is an old 15-digit number; please enter the 18-digit number`,
      ),
    ]);
  }
  if (!/^\d{17}[\dX]$/.test(id)) {
    return fail([
      fieldError(
        FIELD,
        'ID_CARD_FORMAT',
        `身份证号「${maskIdCard(id)}」格式错误，应为18位（前17位为数字，最后一位为数字或X）`,
        `ID card number "${maskIdCard(id)}" is malformed: it must be 18 characters, 17 digits then a digit or X`,
      ),
    ]);
  }
  const errors: FieldError[] = [];
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  // Messages quote the number masked: a mistyped ID is still somebody's ID (import issues are stored).
  if (!isValidYmd(y, m, d) || birthDate > today) {
    errors.push(
      fieldError(
        FIELD,
        'ID_CARD_BIRTH_DATE',
        `身份证号「${maskIdCard(id)}」中的出生日期「${id.slice(6, 14)}」无效`,
        `ID card number "${maskIdCard(id)}" contains an invalid birth date "${id.slice(6, 14)}"`,
      ),
    );
  }
  if (idCardCheckChar(id.slice(0, 17)) !== id[17]) {
    errors.push(
      fieldError(
        FIELD,
        'ID_CARD_CHECKSUM',
        `身份证号「${maskIdCard(id)}」校验位错误，请核对号码`,
        `ID card number "${maskIdCard(id)}" has a wrong check digit; please check the number`,
      ),
    );
  }
  if (errors.length > 0) return fail(errors);
  const gender: Gender = (id.charCodeAt(16) - 48) % 2 === 1 ? 'male' : 'female';
  return { ok: true, value: { birthDate, gender } };
}

function fail(errors: FieldError[]): { ok: false; errors: FieldError[] } {
  return { ok: false, errors };
}

/**
 * Masks an ID number for display: only the last character (the check digit) is kept, length
 * kept. With the first three and last four digits and a birth date beside them, an ID number
 * narrowed to about ten people; with this mask, gender and age in years, an attacker who even
 * knows the exact region code still has over 16,000 candidates (id-mask.test.ts counts them).
 */
export function maskIdCard(id: string): string {
  if (id.length <= 1) return '*'.repeat(id.length);
  return '*'.repeat(id.length - 1) + id.slice(-1);
}

/**
 * Builds a valid ID number (for seed data and tests): address code, birth date YYYYMMDD and
 * 3-digit sequence (odd = male, even = female), plus the right check character.
 */
export function makeIdCard(prefix6: string, birth: string, seq3: string): string {
  if (!/^\d{6}$/.test(prefix6)) throw new RangeError('makeIdCard: prefix6 must be 6 digits');
  if (!/^\d{8}$/.test(birth)) throw new RangeError('makeIdCard: birth must be YYYYMMDD');
  if (!/^\d{3}$/.test(seq3)) throw new RangeError('makeIdCard: seq3 must be 3 digits');
  const first17 = prefix6 + birth + seq3;
  return first17 + idCardCheckChar(first17);
}

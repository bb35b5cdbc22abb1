/** Phone numbers: mainland mobile numbers and landlines. */
import { fieldError, type Result } from '../common/messages.ts';
import { cleanText } from '../common/text.ts';

export const MOBILE_RE = /^1[3-9]\d{9}$/;

/**
 * Normalizes a phone number as typed or read from a cell: half-width, no spaces or dashes,
 * no +86 / 0086 / 86 country prefix. A number cell becomes its digits.
 */
export function normalizePhone(v: unknown): string {
  let s = cleanText(v).replace(/[\s\-‐‑–—]+/g, '');
  s = s.replace(/^\(\+?86\)/, '').replace(/^(\+86|0086)/, '');
  if (/^861[3-9]\d{9}$/.test(s)) s = s.slice(2);
  return s;
}

/** Validates a mainland mobile number (normalizing it first); the value is the 11 digits. */
export function validateMobile(s: string, field = 'phone'): Result<string> {
  const n = normalizePhone(s);
  if (MOBILE_RE.test(n)) return { ok: true, value: n };
  if (n === '') {
    return {
      ok: false,
      errors: [fieldError(field, 'PHONE_FORMAT', '请填写11位手机号', 'Please enter an 11-digit mobile number')],
    };
  }
  return {
    ok: false,
    errors: [
      fieldError(
        field,
        'PHONE_FORMAT',
        `手机号「${s}」格式错误，应为以1开头的11位号码`,
        `Mobile number "${s}" is invalid: it must be 11 digits starting with 1`,
      ),
    ],
  };
}

/** Masks a phone number for display: 138****5678. */
export function maskPhone(s: string): string {
  if (s.length === 11) return `${s.slice(0, 3)}****${s.slice(7)}`;
  if (s.length > 7) return s.slice(0, 3) + '*'.repeat(s.length - 7) + s.slice(-4);
  if (s.length > 2) return '*'.repeat(s.length - 2) + s.slice(-2);
  return '*'.repeat(s.length);
}

/**
 * Formats a landline as typed into its canonical form, or returns null if it is not one.
 * Accepts area code + number (025-12345678, 0512-1234567, with or without dash, with an
 * optional extension -123), a bare local number (12345678) and 400/800 service numbers.
 * Area codes 010 and 02x have three digits, all others four.
 */
export function normalizeLandline(v: unknown): string | null {
  const s = cleanText(v)
    .replace(/[\s()（）]+/g, '')
    .replace(/[‐‑–—]/g, '-');
  let m = /^(0\d{2,3})-?(\d{7,8})(?:-(\d{1,6}))?$/.exec(s);
  if (m) {
    const digits = m[1] + m[2];
    const areaLen = /^0[12]/.test(digits) ? 3 : 4;
    const area = digits.slice(0, areaLen);
    const local = digits.slice(areaLen);
    if (local.length < 7 || local.length > 8) return null;
    return `${area}-${local}${m[3] ? `-${m[3]}` : ''}`;
  }
  m = /^([1-9]\d{6,7})(?:-(\d{1,6}))?$/.exec(s);
  if (m) return `${m[1]}${m[2] ? `-${m[2]}` : ''}`;
  m = /^([48]00)-?(\d{3})-?(\d{4})$/.exec(s);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  return null;
}

/**
 * Validates a contact phone: a mainland mobile or a landline. The value is the normalized
 * mobile (11 digits) or the canonical landline (025-12345678).
 */
export function validateContactPhone(s: string, field = 'contactPhone'): Result<string> {
  const mobile = normalizePhone(s);
  if (MOBILE_RE.test(mobile)) return { ok: true, value: mobile };
  const landline = normalizeLandline(s);
  if (landline) return { ok: true, value: landline };
  return {
    ok: false,
    errors: [
      fieldError(
        field,
        'CONTACT_PHONE_FORMAT',
        `联系电话「${s}」格式错误，请填写手机号或固定电话（如 025-12345678）`,
        `Contact phone "${s}" is invalid: enter a mobile number or a landline such as 025-12345678`,
      ),
    ],
  };
}

/**
 * Lenient date parsing for values typed by people and read from spreadsheets, and a few
 * helpers on ISO calendar dates (`YYYY-MM-DD` strings, no time zone).
 */
import { toHalfWidth } from './text.ts';

export type LooseDate = { ok: true; value: string; precision: 'day' | 'month' } | { ok: false };

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;
/** Largest Excel serial accepted as a date (≈ 2119-01-10; the year check then applies). */
export const MAX_EXCEL_SERIAL = 80000;

const FAIL: LooseDate = { ok: false };

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;
}

/** True for 'YYYY-MM-DD' naming a real calendar date (2025-02-30 is not one; Date.parse would accept it). */
export function isIsoDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && isValidYmd(Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10)));
}

/** True when y-m-d is a real calendar date within MIN_YEAR..MAX_YEAR. */
export function isValidYmd(y: number, m: number, d: number): boolean {
  return (
    Number.isInteger(y) && Number.isInteger(m) && Number.isInteger(d) && y >= MIN_YEAR && y <= MAX_YEAR && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m)
  );
}

export function formatYmd(y: number, m: number, d: number): string {
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

function day(y: number, m: number, d: number): LooseDate {
  return isValidYmd(y, m, d) ? { ok: true, value: formatYmd(y, m, d), precision: 'day' } : FAIL;
}

function month(y: number, m: number): LooseDate {
  return isValidYmd(y, m, 1) ? { ok: true, value: formatYmd(y, m, 1), precision: 'month' } : FAIL;
}

/**
 * Excel serial (1900 date system) → date. Serial 1 is 1900-01-01; serial 60 is the
 * non-existent 1900-02-29 that Excel inherited from Lotus 1-2-3 (rejected); from serial 61
 * on, Excel is one day ahead, so the epoch is 1899-12-30. Fractions (time of day) are dropped.
 */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial)) return null;
  const whole = Math.floor(serial);
  if (whole < 1 || whole > MAX_EXCEL_SERIAL || whole === 60) return null;
  const epoch = whole < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const d = new Date(epoch + whole * 86_400_000);
  const y = d.getUTCFullYear();
  if (y < MIN_YEAR || y > MAX_YEAR) return null;
  return formatYmd(y, d.getUTCMonth() + 1, d.getUTCDate());
}

function fromSerial(serial: number): LooseDate {
  const iso = excelSerialToIso(serial);
  return iso ? { ok: true, value: iso, precision: 'day' } : FAIL;
}

function fromNumber(n: number): LooseDate {
  if (!Number.isFinite(n) || n <= 0) return FAIL;
  if (Number.isInteger(n)) {
    // A number cell typed as 20010305 or 200103 (never a plausible serial: > MAX_EXCEL_SERIAL).
    if (n >= 19000101 && n <= 21001231) return day(Math.floor(n / 10000), Math.floor(n / 100) % 100, n % 100);
    if (n >= 190001 && n <= 210012) return month(Math.floor(n / 100), n % 100);
    return fromSerial(n);
  }
  // A number cell typed as "2001.03" arrives as 2001.03, "2001.3" as 2001.3; "2001.10" and
  // "2001.1" both arrive as 2001.1 and cannot be told apart, so that one is refused.
  const whole = Math.floor(n);
  if (whole >= MIN_YEAR && whole <= MAX_YEAR) {
    const hundredths = Math.round((n - whole) * 100);
    if (hundredths === 10) return FAIL;
    if (hundredths >= 1 && hundredths <= 12) return month(whole, hundredths);
    if (hundredths % 10 === 0 && hundredths >= 20 && hundredths <= 90) return month(whole, hundredths / 10);
    return FAIL;
  }
  return fromSerial(n);
}

const RE_YMD = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?$/;
const RE_YM = /^(\d{4})[-/.年](\d{1,2})月?$/;
const RE_YMD_COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const RE_YM_COMPACT = /^(\d{4})(\d{2})$/;
const RE_SERIAL = /^\d{5}(\.\d+)?$/;
const RE_TIME_SUFFIX = /(?:[T\s]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)$/;

function fromString(input: string): LooseDate {
  let s = toHalfWidth(input).trim();
  if (s === '') return FAIL;
  s = s.replace(RE_TIME_SUFFIX, '').replace(/\s+/g, '');
  let m = RE_YMD.exec(s) ?? RE_YMD_COMPACT.exec(s);
  if (m) return day(Number(m[1]), Number(m[2]), Number(m[3]));
  m = RE_YM.exec(s) ?? RE_YM_COMPACT.exec(s);
  if (m) return month(Number(m[1]), Number(m[2]));
  // "36955": a serial that lost its date format (e.g. pasted as text). Five digits only, so
  // a bare year such as "2001" is not mistaken for serial 2001 (1905-06-23).
  if (RE_SERIAL.test(s)) return fromSerial(Number(s));
  return FAIL;
}

/**
 * Parses a date typed by a person or read from a spreadsheet cell.
 *
 * Accepts: JS Date (UTC parts — exceljs gives UTC midnight), Excel serial numbers (1..80000),
 * number cells like 20010305 / 200103 / 2001.03, and strings (full-width allowed) such as
 * 2001-03-05, 2001-3-5, 2001/03/05, 2001.3.5, 2001年3月5日, 20010305, 36955 (serial), or the
 * month-only forms 2001年3月, 200103, 2001.03, 2001-03, 2001/3 (→ the 1st, precision 'month').
 * Rejects impossible dates and years outside 1900..2100.
 */
export function parseLooseDate(v: unknown): LooseDate {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return FAIL;
    return day(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate());
  }
  if (typeof v === 'number') return fromNumber(v);
  if (typeof v === 'string') return fromString(v);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('result' in o) return parseLooseDate(o.result); // exceljs formula cell
    if (Array.isArray(o.richText)) {
      return fromString(o.richText.map((r) => String((r as { text?: unknown } | null)?.text ?? '')).join(''));
    }
    if (typeof o.text === 'string') return fromString(o.text);
  }
  return FAIL;
}

/** China Standard Time, the platform's calendar. */
export const CHINA_UTC_OFFSET_MINUTES = 480;

/**
 * Today's date as YYYY-MM-DD on the platform's calendar (China Standard Time, UTC+8, by
 * default — so the result does not depend on the server's TZ setting).
 */
export function isoToday(now: Date = new Date(), utcOffsetMinutes: number = CHINA_UTC_OFFSET_MINUTES): string {
  const d = new Date(now.getTime() + utcOffsetMinutes * 60_000);
  return formatYmd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

function splitIso(iso: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new RangeError(`Not an ISO date (YYYY-MM-DD): ${iso}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/**
 * Age in whole years on a given date. Someone born on 29 February turns a year older on
 * 1 March in common years.
 */
export function ageOn(birthIso: string, onIso: string): number {
  const [by, bm, bd] = splitIso(birthIso);
  const [oy, om, od] = splitIso(onIso);
  let age = oy - by;
  if (om < bm || (om === bm && od < bd)) age -= 1;
  return age;
}

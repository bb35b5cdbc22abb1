/**
 * Text clean-up for values typed by people and read from spreadsheets.
 *
 * Chinese input methods often produce full-width forms (１２３, ＡＢＣ, （）, the ideographic
 * space U+3000); spreadsheet readers (exceljs) hand back numbers, Dates, rich-text,
 * hyperlink and formula objects. Everything here turns such a value into a plain,
 * trimmed, half-width string.
 */

/** Converts full-width ASCII forms (U+FF01..U+FF5E) and the ideographic space to ASCII. */
export function toHalfWidth(s: string): string {
  let out = '';
  let changed = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) {
      out += String.fromCharCode(c - 0xfee0);
      changed = true;
    } else if (c === 0x3000 || c === 0x00a0) {
      out += ' ';
      changed = true;
    } else {
      out += s[i];
    }
  }
  return changed ? out : s;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Formats a finite number without exponent notation for integers (big IDs typed as numbers). */
function numberToText(n: number): string {
  if (!Number.isFinite(n)) return '';
  if (Number.isInteger(n)) {
    return Number.isSafeInteger(n) ? String(n) : BigInt(n).toString();
  }
  return String(n);
}

function rawText(v: unknown, depth: number): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numberToText(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) {
    const t = v.getTime();
    if (Number.isNaN(t)) return '';
    return `${v.getUTCFullYear()}-${pad2(v.getUTCMonth() + 1)}-${pad2(v.getUTCDate())}`;
  }
  if (depth > 4) return '';
  if (Array.isArray(v)) return v.map((x) => rawText(x, depth + 1)).join('');
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    // exceljs rich text: { richText: [{ text, font? }, ...] }
    if (Array.isArray(o.richText)) {
      return o.richText.map((r) => rawText((r as { text?: unknown } | null)?.text, depth + 1)).join('');
    }
    // exceljs hyperlink: { text, hyperlink } (text may itself be rich text)
    if ('text' in o) return rawText(o.text, depth + 1);
    // exceljs formula / shared formula: { formula, result } — only the cached result matters
    if ('result' in o) return rawText(o.result, depth + 1);
    // exceljs error value { error: '#N/A' } and anything else: no usable text
    return '';
  }
  return '';
}

/** Turns a spreadsheet cell value (or any input) into a trimmed half-width string. */
export function cleanText(v: unknown): string {
  return toHalfWidth(rawText(v, 0)).trim();
}

/** True when the value has no visible text. */
export function isBlank(v: unknown): boolean {
  return cleanText(v) === '';
}

/** True when the string contains CJK ideographs. */
export function hasCjk(s: string): boolean {
  return /[\u3400-\u9fff\uf900-\ufaff]/.test(s);
}

import { createHash, randomInt } from 'node:crypto';

/**
 * Activation codes: 16 characters of Crockford's base32 (80 random bits), shown in groups of four
 * (`7KQ2-M9XD-4PTR-HW3A`) so a member can type one from a printed card. Typing is forgiving:
 * case, spaces and dashes do not matter, and O / I / L read as 0 / 1 / 1.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 16;

export function newCode(): string {
  let s = '';
  for (let i = 0; i < CODE_LENGTH; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s.match(/.{4}/g)!.join('-');
}

/** The code as typed, reduced to its 16 characters (or null when it cannot be one). */
export function normalizeCode(typed: string): string | null {
  const s = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return s.length === CODE_LENGTH && [...s].every((ch) => ALPHABET.includes(ch)) ? s : null;
}

/** What the database keeps of a code. */
export const codeHash = (normalized: string) => createHash('sha256').update(`activation:${normalized}`).digest('hex');

/** The web path a card's QR code opens. */
export const activationLink = (code: string) => `/activate?code=${encodeURIComponent(code)}`;

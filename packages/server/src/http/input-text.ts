import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FieldError } from '@zx/domain';
import { validationFailed } from './errors.ts';

/**
 * Text that comes in is text a person could have typed. One hook over every API request's JSON
 * body and query string, before validation, so no route has to remember it:
 * - refused (422, field error `FIELD_INVALID_CHARACTERS` at the field's path): C0/C1 control
 *   characters other than tab, line feed and carriage return (NUL included), and the invisible
 *   text-direction controls — embeddings and overrides U+202A–U+202E, isolates U+2066–U+2069,
 *   marks U+200E, U+200F, U+061C — that make a name display as something else ("Trojan Source");
 * - stripped at both ends: zero-width characters (U+200B, U+200C, U+200D, U+2060, U+FEFF), so a
 *   name made only of them becomes empty and fails its `min(1)`. Inside a string they stay
 *   (a zero-width joiner holds emoji together).
 * Passwords (any key containing "password") are taken as typed: only NUL is refused.
 */

// eslint-disable-next-line no-control-regex
const REFUSED = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/;
const NUL = /\u0000/;
const ZERO_WIDTH = /[\u200B\u200C\u200D\u2060\uFEFF]/g;
// Zero-width characters mixed with white space at an end: the zero-width ones go (trim() takes the rest).
const LEADING = /^[\s\u200B\u200C\u200D\u2060\uFEFF]+/;
const TRAILING = /[\s\u200B\u200C\u200D\u2060\uFEFF]+$/;
const MAX_ERRORS = 20;

const invalidCharacters = (field: string): FieldError => ({
  field,
  code: 'FIELD_INVALID_CHARACTERS',
  message: {
    zh: '包含不允许的控制字符或文字方向控制符，请删除后重试',
    en: 'Contains control or text-direction characters that are not allowed; remove them and try again',
  },
});

const isPasswordKey = (key: string) => /password/i.test(key);

/** Strips zero-width characters at both ends of `s`. */
export function stripZeroWidthEdges(s: string): string {
  if (!s) return s;
  return s.replace(LEADING, (m) => m.replace(ZERO_WIDTH, '')).replace(TRAILING, (m) => m.replace(ZERO_WIDTH, ''));
}

/** Whether a string holds a refused character (control or text-direction). */
export const hasRefusedCharacters = (s: string) => REFUSED.test(s);

/**
 * Walks a parsed JSON value (iteratively: a deeply nested body cannot exhaust the stack), strips
 * and checks every string in place, and returns the field errors.
 */
export function cleanInput(root: unknown, prefix = ''): FieldError[] {
  const errors: FieldError[] = [];
  if (root === null || typeof root !== 'object') return errors;
  const stack: Array<{ node: Record<string, unknown> | unknown[]; path: string; password: boolean }> = [
    { node: root as Record<string, unknown>, path: prefix, password: false },
  ];
  while (stack.length && errors.length < MAX_ERRORS) {
    const { node, path, password } = stack.pop()!;
    const keys: Array<string | number> = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    for (const key of keys) {
      const field = path ? `${path}.${key}` : String(key);
      if (typeof key === 'string' && REFUSED.test(key)) {
        errors.push(invalidCharacters(field));
        continue;
      }
      const secret = password || (typeof key === 'string' && isPasswordKey(key));
      const value = (node as Record<string | number, unknown>)[key];
      if (typeof value === 'string') {
        if (secret ? NUL.test(value) : REFUSED.test(value)) errors.push(invalidCharacters(field));
        else if (!secret) {
          const cleaned = stripZeroWidthEdges(value);
          if (cleaned !== value) (node as Record<string | number, unknown>)[key] = cleaned;
        }
      } else if (value !== null && typeof value === 'object') {
        stack.push({ node: value as Record<string, unknown>, path: field, password: secret });
      }
    }
  }
  return errors.slice(0, MAX_ERRORS);
}

/** Registered in app.ts after the access guard (who may call comes first), before validation. */
export function registerInputTextCheck(app: FastifyInstance) {
  app.addHook('preValidation', async (req: FastifyRequest) => {
    if (!req.url.startsWith('/api/') || req.is404) return;
    const errors = [...cleanInput(req.query), ...cleanInput(req.body)];
    if (typeof req.body === 'string') {
      if (REFUSED.test(req.body)) errors.push(invalidCharacters('(body)'));
      else req.body = stripZeroWidthEdges(req.body);
    }
    if (errors.length) throw validationFailed(errors);
  });
}

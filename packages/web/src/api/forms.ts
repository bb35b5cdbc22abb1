import type { FormInstance } from 'antd';
import { isApiError, type ApiError } from './client.ts';

/**
 * Puts the server's field errors on the matching form fields. Returns the errors that match no
 * field on the form so the caller can show them elsewhere.
 * `aliases` maps a server field name to a form field name when they differ.
 */
export function applyFieldErrors(form: FormInstance, err: unknown, lang: string, aliases: Record<string, string> = {}): ApiError['errors'] {
  if (!isApiError(err) || err.errors.length === 0) return [];
  const known = new Set(Object.keys(form.getFieldsValue()));
  const byField = new Map<string, string[]>();
  const unmatched: ApiError['errors'] = [];
  for (const e of err.errors) {
    // 'photoIds.2' (one id of a list refused) lands on the list's field 'photoIds'.
    const raw = aliases[e.field] ?? e.field;
    const name = known.has(raw) ? raw : raw.split('.')[0];
    if (!known.has(name)) {
      unmatched.push(e);
      continue;
    }
    byField.set(name, [...(byField.get(name) ?? []), err.fieldText(e, lang)]);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return unmatched;
}

/** A human text for any thrown value, in the UI language. */
export function errorText(err: unknown, lang: string): string {
  if (isApiError(err)) {
    const main = err.text(lang);
    return err.errors.length && err.code === 'VALIDATION_FAILED' ? `${main}：${err.errors.map((e) => err.fieldText(e, lang)).join('；')}` : main;
  }
  if (err instanceof Error) return err.message;
  return String(err);
}

/**
 * Like applyFieldErrors for forms with lists: a server path 'phases.1.tasks.0.key' becomes the
 * form name ['phases', 1, 'tasks', 0, 'key']. `accept` says which paths the form shows (others are
 * returned unmatched); `aliases` rewrites a server path first.
 */
export function applyNestedFieldErrors(
  form: FormInstance,
  err: unknown,
  lang: string,
  accept: (name: (string | number)[]) => boolean,
  aliases: (field: string) => string = (f) => f,
): ApiError['errors'] {
  if (!isApiError(err) || err.errors.length === 0) return [];
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const unmatched: ApiError['errors'] = [];
  for (const e of err.errors) {
    const name = aliases(e.field)
      .split('.')
      .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    if (!accept(name)) {
      unmatched.push(e);
      continue;
    }
    const key = name.join('.');
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(err.fieldText(e, lang));
    byField.set(key, entry);
  }
  form.setFields([...byField.values()].map(({ name, errors }) => ({ name, errors })));
  return unmatched;
}

/** A user-facing message in both UI languages. zh-CN is the primary language. */
export interface Message {
  zh: string;
  en: string;
}

/** A problem with one input field (or one cell of an imported row). */
export interface FieldError {
  field: string;
  code: string;
  message: Message;
}

export type Result<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

export const fieldError = (field: string, code: string, zh: string, en: string): FieldError => ({
  field,
  code,
  message: { zh, en },
});

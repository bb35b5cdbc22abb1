/**
 * A code read from the address (a filter kept in the URL) when it is one of `codes`, else null:
 * an edited or outdated link falls back to "any" instead of sending a value the API refuses.
 */
export function codeIn<C extends string>(codes: readonly (C | { readonly code: C })[], value: string | null | undefined): C | null {
  if (value === null || value === undefined) return null;
  const known = codes.map((c) => (typeof c === 'string' ? c : c.code));
  return (known as string[]).includes(value) ? (value as C) : null;
}

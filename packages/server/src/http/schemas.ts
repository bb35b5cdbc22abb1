import { z } from 'zod';
import { isIsoDate, MAX_YEAR, MIN_YEAR } from '@zx/domain';

export const idParam = z.object({ id: z.coerce.number().int().positive() });

/**
 * A sort key names a field: letters, digits and '_', never a property every object has
 * (`constructor`, `__proto__`, `toString` …) — a `map[sort]` lookup would find those.
 */
const isSortKey = (s: string) => s === '' || (/^[A-Za-z][A-Za-z0-9_]*$/.test(s) && !Object.hasOwn(Object.prototype, s));

export const pageQuery = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sort: z.string().max(40).refine(isSortKey, '排序字段无效|Invalid sort field').default(''),
  order: z.enum(['asc', 'desc']).default('asc'),
};

/**
 * The column a list sorts by: `map[key]` only when the map itself has that key (Object.hasOwn),
 * else `fallback` — a key like 'constructor' never reaches the prototype.
 */
export function sortColumn<M extends Record<string, string>, F extends string>(map: M, key: string | null | undefined, fallback: F): M[keyof M] | F {
  return key && Object.hasOwn(map, key) ? map[key as keyof M] : fallback;
}

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD|Date must be YYYY-MM-DD')
  .refine(isIsoDate, `日期无效（须为 ${MIN_YEAR}–${MAX_YEAR} 年间真实存在的日期）|Invalid date (a real calendar date between ${MIN_YEAR} and ${MAX_YEAR})`);

/** Years a timestamp in a request may name (a deadline, a filter bound): this application's lifetime. */
export const DATETIME_MIN_YEAR = 2000;
export const DATETIME_MAX_YEAR = 2100;
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:Z|[+-](\d{2}):(\d{2}))$/i;

/**
 * RFC 3339 date-time with a time zone (`2026-05-04T09:30:00+08:00`, `…Z`), a real calendar day
 * between 2000 and 2100 and a real time of day. Date.parse alone takes `+275760-09-13T00:00:00Z`.
 */
export function isIsoDateTime(s: string): boolean {
  const m = RFC3339.exec(s);
  if (!m) return false;
  const [y, mo, d, h, mi, sec, oh, om] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
  return (
    y >= DATETIME_MIN_YEAR &&
    y <= DATETIME_MAX_YEAR &&
    isIsoDate(`${m[1]}-${m[2]}-${m[3]}`) &&
    mo > 0 &&
    d > 0 &&
    h <= 23 &&
    mi <= 59 &&
    sec <= 59 &&
    oh <= 23 &&
    om <= 59 &&
    !Number.isNaN(Date.parse(s))
  );
}

export const isoDateTime = z
  .string()
  .max(40)
  .refine(
    isIsoDateTime,
    `时间无效（须为带时区的 RFC 3339 时间，${DATETIME_MIN_YEAR}–${DATETIME_MAX_YEAR} 年间）|Invalid time (RFC 3339 with a time zone, years ${DATETIME_MIN_YEAR}–${DATETIME_MAX_YEAR})`,
  );

export const trimmed = (min: number, max: number) => z.string().trim().min(min).max(max);

export const okResponse = z.object({ ok: z.literal(true) });

/** Content-Disposition for a download with a Chinese file name (RFC 6266 filename*). */
export function attachment(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

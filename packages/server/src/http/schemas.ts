import { z } from 'zod';
import { isIsoDate, MAX_YEAR, MIN_YEAR } from '@zx/domain';

export const idParam = z.object({ id: z.coerce.number().int().positive() });

export const pageQuery = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sort: z.string().max(40).default(''),
  order: z.enum(['asc', 'desc']).default('asc'),
};

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD|Date must be YYYY-MM-DD').refine(isIsoDate, `日期无效（须为 ${MIN_YEAR}–${MAX_YEAR} 年间真实存在的日期）|Invalid date (a real calendar date between ${MIN_YEAR} and ${MAX_YEAR})`);

export const trimmed = (min: number, max: number) => z.string().trim().min(min).max(max);

export const okResponse = z.object({ ok: z.literal(true) });

/** Content-Disposition for a download with a Chinese file name (RFC 6266 filename*). */
export function attachment(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

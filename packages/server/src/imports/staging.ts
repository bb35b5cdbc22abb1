import type { FieldError } from '@zx/domain';
import type { Executor } from '../db/database.ts';

/** Writes the problems of one import row (every field error, with its row number). */
export async function insertIssues(ex: Executor, jobId: number, issues: { rowNumber: number; error: FieldError }[]) {
  for (let i = 0; i < issues.length; i += 500) {
    await ex
      .insertInto('import_issue')
      .values(
        issues.slice(i, i + 500).map(({ rowNumber, error }) => ({
          job_id: jobId,
          row_number: rowNumber,
          field: error.field,
          code: error.code,
          message_zh: error.message.zh,
          message_en: error.message.en,
        })),
      )
      .execute();
  }
}

/** Lets queued HTTP requests run between batches: better-sqlite3 calls are synchronous. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Sums member-count deltas per ancestor so a bulk change updates each organization once. */
export function ancestorDeltas(orgs: { path: string; delta: number }[]): Map<number, number> {
  const totals = new Map<number, number>();
  for (const o of orgs) {
    for (const id of o.path.split('/').filter(Boolean).map(Number)) totals.set(id, (totals.get(id) ?? 0) + o.delta);
  }
  return totals;
}

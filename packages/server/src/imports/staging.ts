import { importRepository } from './repository.ts';

/** Writes the problems of one import row (every field error, with its row number). */
export const insertIssues = importRepository.insertIssues;

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

import type { Executor } from '../db/database.ts';
import { idsOnPath, orgRepository } from './repository.ts';

/**
 * Member counts are roll-up columns kept in the same transaction as the member rows they
 * count, so reading a subtree's size is one row, never a scan (DESIGN.md, "Heavy aggregates").
 */
export async function adjustMemberCounts(ex: Executor, org: { id: number; path: string }, delta: number): Promise<void> {
  if (!delta) return;
  await orgRepository.addToDirectCount(ex, org.id, delta);
  await orgRepository.addToSubtreeCounts(ex, idsOnPath(org.path), delta);
}

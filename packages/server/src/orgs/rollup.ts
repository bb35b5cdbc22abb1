import type { Executor } from '../db/database.ts';
import { idsOnPath } from '../access/paths.ts';
import { orgRepository } from './repository.ts';
import { typeCountRepository } from './rollup-repository.ts';

/**
 * Member counts are roll-up columns kept in the same transaction as the member rows they
 * count, so reading a subtree's size is one row, never a scan (DESIGN.md, "Heavy aggregates").
 */
export async function adjustMemberCounts(ex: Executor, org: { id: number; path: string }, delta: number): Promise<void> {
  if (!delta) return;
  await orgRepository.addToDirectCount(ex, org.id, delta);
  await orgRepository.addToSubtreeCounts(ex, idsOnPath(org.path), delta);
}

/**
 * Active organizations per type in each subtree (org_type_count): how many units a campaign task
 * applies to below any organization, read in O(types). `delta` is added on every id of `ids`.
 */
export async function adjustTypeCounts(ex: Executor, ids: number[], counts: Record<string, number>): Promise<void> {
  const rows = ids.flatMap((orgId) =>
    Object.entries(counts)
      .filter(([, n]) => n !== 0)
      .map(([type_code, count]) => ({ org_id: orgId, type_code, count })),
  );
  if (!rows.length) return;
  await typeCountRepository.add(ex, rows);
}

/** An organization became active (+1) or stopped being active (-1): itself and every ancestor. */
export const countOrgType = (ex: Executor, org: { path: string; type_code: string }, delta: 1 | -1) =>
  adjustTypeCounts(ex, idsOnPath(org.path), { [org.type_code]: delta });

/** The per-type counts of a subtree (the row set of its root). */
export async function subtreeTypeCounts(ex: Executor, orgId: number): Promise<Record<string, number>> {
  const rows = await typeCountRepository.ofOrg(ex, orgId);
  return Object.fromEntries(rows.map((r) => [r.type_code, Number(r.count)]));
}

/** Moves a subtree's type counts from its old ancestors to its new ones (call with the parents' paths). */
export async function moveTypeCounts(ex: Executor, rootId: number, oldParentPath: string, newParentPath: string): Promise<void> {
  const counts = await subtreeTypeCounts(ex, rootId);
  await adjustTypeCounts(ex, idsOnPath(oldParentPath), Object.fromEntries(Object.entries(counts).map(([k, n]) => [k, -n])));
  await adjustTypeCounts(ex, idsOnPath(newParentPath), counts);
}

/** Recomputes every type count from the organization rows (bulk loaders; also the upgrade path). */
export function rebuildTypeCounts(ex: Executor, rootPath?: string): Promise<void> {
  return typeCountRepository.rebuild(ex, rootPath);
}

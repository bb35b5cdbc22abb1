import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import { idsOnPath } from '../access/paths.ts';
import { pathInSubtree } from '../access/repository/subtree.ts';
import { orgRepository } from './repository.ts';

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
  await ex
    .insertInto('org_type_count')
    .values(rows)
    .onConflict((oc) => oc.columns(['org_id', 'type_code']).doUpdateSet((eb) => ({ count: eb('org_type_count.count', '+', eb.ref('excluded.count')) })))
    .execute();
}

/** An organization became active (+1) or stopped being active (-1): itself and every ancestor. */
export const countOrgType = (ex: Executor, org: { path: string; type_code: string }, delta: 1 | -1) =>
  adjustTypeCounts(ex, idsOnPath(org.path), { [org.type_code]: delta });

/** The per-type counts of a subtree (the row set of its root). */
export async function subtreeTypeCounts(ex: Executor, orgId: number): Promise<Record<string, number>> {
  const rows = await ex.selectFrom('org_type_count').select(['type_code', 'count']).where('org_id', '=', orgId).execute();
  return Object.fromEntries(rows.map((r) => [r.type_code, Number(r.count)]));
}

/** Moves a subtree's type counts from its old ancestors to its new ones (call with the parents' paths). */
export async function moveTypeCounts(ex: Executor, rootId: number, oldParentPath: string, newParentPath: string): Promise<void> {
  const counts = await subtreeTypeCounts(ex, rootId);
  await adjustTypeCounts(ex, idsOnPath(oldParentPath), Object.fromEntries(Object.entries(counts).map(([k, n]) => [k, -n])));
  await adjustTypeCounts(ex, idsOnPath(newParentPath), counts);
}

/** Recomputes every type count from the organization rows (bulk loaders; also the upgrade path). */
export async function rebuildTypeCounts(ex: Executor, rootPath?: string): Promise<void> {
  if (rootPath) {
    await ex
      .deleteFrom('org_type_count')
      .where('org_id', 'in', (eb) => eb.selectFrom('organization').select('id').where(pathInSubtree('path', rootPath)))
      .execute();
  } else {
    await ex.deleteFrom('org_type_count').execute();
  }
  await sql`
    INSERT INTO org_type_count (org_id, type_code, count)
    SELECT a.id, d.type_code, count(*)
    FROM organization a JOIN organization d ON d.path >= a.path AND d.path < substr(a.path, 1, length(a.path) - 1) || '0'
    WHERE d.status = 'active' ${rootPath ? sql`AND a.path >= ${rootPath} AND a.path < ${`${rootPath.slice(0, -1)}0`}` : sql``}
    GROUP BY a.id, d.type_code`.execute(ex);
}

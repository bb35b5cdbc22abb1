import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema.ts';

/**
 * The reach figures of the dashboard (覆盖面, 知晓率, pledges, media) of `org` in a campaign,
 * recounted from raw rows for dashboard/recount.test.ts — independently of the roll-up code.
 * Each capability that feeds a reach figure adds its recount here.
 */
const inSubtree = (col: string, path: string) => sql<boolean>`(${sql.ref(col)} >= ${path} and ${sql.ref(col)} < ${`${path.slice(0, -1)}0`})`;
const n = (r: { n: unknown } | undefined) => Number(r?.n ?? 0);

export async function recountReach(db: Kysely<DB>, campaignId: number, org: { path: string }) {
  const branches = db.selectFrom('organization as o').where(inSubtree('o.path', org.path)).where('o.status', '=', 'active').where('o.type_code', '=', 'branch');
  return {
    branches: n(await branches.select(sql`count(*)`.as('n')).executeTakeFirst()),
    branchesWithActivity: n(
      await branches
        .where(sql<boolean>`exists (select 1 from activity a where a.org_id = o.id and a.campaign_id = ${campaignId})`)
        .select(sql`count(*)`.as('n'))
        .executeTakeFirst(),
    ),
  };
}

/** The same figures as the dashboard of `org` shows them (its answer, or a child row of its parent's). */
export function reachShown(d: { coverage: { branches: number; branchesWithActivity: number } }) {
  return { branches: d.coverage.branches, branchesWithActivity: d.coverage.branchesWithActivity };
}
export function reachShownInChild(child: { branches: number; branchesWithActivity: number }) {
  return { branches: child.branches, branchesWithActivity: child.branchesWithActivity };
}

import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import { pathInSubtree } from '../access/repository/subtree.ts';

/** The per-type counts of active organizations in each subtree (org_type_count; orgs/rollup.ts keeps them). */
export const typeCountRepository = {
  /** Adds each count to its row (created at zero when missing). */
  add: (ex: Executor, rows: Array<{ org_id: number; type_code: string; count: number }>) =>
    ex
      .insertInto('org_type_count')
      .values(rows)
      .onConflict((oc) => oc.columns(['org_id', 'type_code']).doUpdateSet((eb) => ({ count: eb('org_type_count.count', '+', eb.ref('excluded.count')) })))
      .execute(),

  /** The rows of one organization's subtree. */
  ofOrg: (ex: Executor, orgId: number) => ex.selectFrom('org_type_count').select(['type_code', 'count']).where('org_id', '=', orgId).execute(),

  /** Recomputes the rows of every organization in the subtree at `rootPath` (every organization without it) from the organization rows. */
  async rebuild(ex: Executor, rootPath?: string): Promise<void> {
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
  },
};

import { sql } from 'kysely';
import type { Database, Executor } from '../db/database.ts';
import type { AuditLogTable } from '../db/schema.ts';
import type { Insertable } from 'kysely';
import { isRootPath } from '../access/paths.ts';
import { pathInSubtree } from '../access/repository/subtree.ts';

export interface AuditFilter {
  scopePath: string;
  from?: string;
  to?: string;
  action?: string;
  username?: string;
  outcome?: string;
  targetType?: string;
  targetId?: string;
}

/** The audit log is written only by insert; rows leave only through pruneOlderThan. */
export const auditRepository = {
  async insert(ex: Executor, row: Insertable<AuditLogTable>) {
    await ex.insertInto('audit_log').values(row).execute();
  },

  /**
   * Rows for actors inside the scope subtree, plus rows with no actor organization (failed
   * logins of unknown usernames) for a scope at the root.
   */
  list(ex: Executor, f: AuditFilter, page: { limit: number; offset: number; order: 'asc' | 'desc' }) {
    let q = ex
      .selectFrom('audit_log')
      .where(({ or, eb }) =>
        isRootPath(f.scopePath) ? or([pathInSubtree('org_path', f.scopePath), eb('org_path', 'is', null)]) : pathInSubtree('org_path', f.scopePath),
      );
    if (f.from) q = q.where('at', '>=', f.from);
    if (f.to) q = q.where('at', '<', f.to);
    if (f.action) q = q.where('action', '=', f.action);
    if (f.username) q = q.where('username', '=', f.username);
    if (f.outcome) q = q.where('outcome', '=', f.outcome as 'success');
    if (f.targetType) q = q.where('target_type', '=', f.targetType);
    if (f.targetId) q = q.where('target_id', '=', f.targetId);
    return {
      /** The rows with their actor organization's name and the summary parsed. */
      rows: async () =>
        (
          await q
            .selectAll('audit_log')
            .select((eb) => eb.selectFrom('organization as o').select('o.name').whereRef('o.id', '=', 'audit_log.org_id').as('org_name'))
            .orderBy('audit_log.at', page.order)
            .orderBy('audit_log.id', page.order)
            .limit(page.limit)
            .offset(page.offset)
            .execute()
        ).map((r) => ({ ...r, summary: r.summary ? (JSON.parse(r.summary) as Record<string, unknown>) : null })),
      count: async () => Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    };
  },

  /** Retention job: the only way rows leave the log (PostgreSQL's trigger checks the flag). */
  async pruneOlderThan(database: Database, cutoffIso: string): Promise<number> {
    return database.db.transaction().execute(async (trx) => {
      if (database.dialect === 'postgres') await sql`select set_config('zx.audit_prune', 'on', true)`.execute(trx);
      const res = await trx.deleteFrom('audit_log').where('at', '<', cutoffIso).executeTakeFirst();
      return Number(res.numDeletedRows);
    });
  },
};

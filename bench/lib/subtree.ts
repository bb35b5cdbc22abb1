import { CompiledQuery, sql, type Kysely } from 'kysely';
import type { DB } from '../../packages/server/src/db/schema.ts';
import type { Dialect } from '../../packages/server/src/db/database.ts';
import { pathInSubtree } from '../../packages/server/src/access/repository/subtree.ts';
import { orgRepository } from '../../packages/server/src/orgs/repository.ts';
import { nowMs, stats, type Stats } from './util.ts';

export interface SubtreeTarget {
  label: string;
  id: number;
}

export interface SubtreeResult {
  label: string;
  id: number;
  name: string;
  type: string;
  path: string;
  orgsInSubtree: number;
  /** (i) the roll-up the app serves: orgRepository.nodeById → subtree_member_count. */
  rollup: { value: number; ms: Stats };
  /** (ii) a recount over member ⋈ organization in the path range, status active. */
  recount: { value: number; ms: Stats; plan: string[] };
  ok: boolean;
}

/** The raw recount: select count(*) from member m join organization o … where o.path in the subtree range and m.status = 'active'. */
export const recountQuery = (db: Kysely<DB>, path: string) =>
  db
    .selectFrom('member as m')
    .innerJoin('organization as o', 'o.id', 'm.org_id')
    .select((eb) => eb.fn.countAll().as('n'))
    .where(pathInSubtree('o.path', path))
    .where('m.status', '=', 'active');

export async function recount(db: Kysely<DB>, path: string): Promise<number> {
  return Number((await recountQuery(db, path).executeTakeFirstOrThrow()).n);
}

export async function rollup(db: Kysely<DB>, scopePath: string, id: number): Promise<number> {
  const row = await orgRepository.nodeById(db, scopePath, id);
  if (!row) throw new Error(`organization ${id} not found in scope ${scopePath}`);
  return Number(row.subtree_member_count);
}

async function plan(db: Kysely<DB>, dialect: Dialect, path: string): Promise<string[]> {
  const c = recountQuery(db, path).compile();
  const r = await db.executeQuery<Record<string, unknown>>(
    CompiledQuery.raw(`${dialect === 'sqlite' ? 'explain query plan' : 'explain'} ${c.sql}`, [...c.parameters]),
  );
  return r.rows.map((x) => String(dialect === 'sqlite' ? x.detail : x['QUERY PLAN']));
}

/** Times `fn` reps times after `warmup` untimed calls; every call must return the same value. */
async function time(fn: () => Promise<number>, reps: number, warmup: number): Promise<{ value: number; ms: Stats }> {
  let value = await fn();
  for (let i = 1; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = nowMs();
    const v = await fn();
    samples.push(nowMs() - t);
    if (v !== value) throw new Error(`value changed between repetitions: ${value} → ${v}`);
    value = v;
  }
  return { value, ms: stats(samples) };
}

export async function measureSubtrees(
  db: Kysely<DB>,
  dialect: Dialect,
  rootPath: string,
  targets: SubtreeTarget[],
  reps: number,
  warmup = 20,
): Promise<SubtreeResult[]> {
  const out: SubtreeResult[] = [];
  for (const t of targets) {
    const org = await db.selectFrom('organization').select(['id', 'name', 'type_code', 'path']).where('id', '=', t.id).executeTakeFirstOrThrow();
    const orgsInSubtree = Number(
      (
        await db
          .selectFrom('organization')
          .select((eb) => eb.fn.countAll().as('n'))
          .where(pathInSubtree('path', org.path))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const r = await time(() => rollup(db, rootPath, t.id), reps, warmup);
    const c = await time(() => recount(db, org.path), reps, warmup);
    out.push({
      label: t.label,
      id: t.id,
      name: org.name,
      type: org.type_code,
      path: org.path,
      orgsInSubtree,
      rollup: r,
      recount: { ...c, plan: await plan(db, dialect, org.path) },
      ok: r.value === c.value,
    });
  }
  return out;
}

export async function versionOf(db: Kysely<DB>, dialect: Dialect): Promise<string> {
  const r =
    dialect === 'sqlite'
      ? await sql<{ v: string }>`select sqlite_version() as v`.execute(db)
      : await sql<{ v: string }>`select current_setting('server_version') as v`.execute(db);
  return r.rows[0].v;
}

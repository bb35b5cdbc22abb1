import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { migrateToLatest, openDatabase, type Database } from '../../packages/server/src/db/database.ts';
import { ensureReferenceData } from '../../packages/server/src/db/reference-data.ts';
import { loadFieldKey } from '../../packages/server/src/config.ts';
import { FieldCipher } from '../../packages/server/src/pii/crypto.ts';
import { generateCity, type CitySummary } from '../../packages/server/src/demo/generator.ts';
import { fmtInt, nowMs } from './util.ts';

/** Where a city lives: a SQLite file in dataDir, or a PostgreSQL schema. The field key is always dataDir's. */
export interface Target {
  databaseUrl: string | null;
  dataDir: string;
  /** PostgreSQL schema (default public). */
  schema: string | null;
}

export const SQLITE_FILE = 'zhengxian.sqlite';
const SCHEMA_RE = /^[a-z_][a-z0-9_]{0,62}$/;

export const describeTarget = (t: Target) =>
  t.databaseUrl
    ? `PostgreSQL ${t.databaseUrl.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')} schema ${t.schema ?? 'public'}`
    : `SQLite ${path.join(t.dataDir, SQLITE_FILE)}`;

async function withPgClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export function open(t: Target): Database {
  return openDatabase({ databaseUrl: t.databaseUrl, dataDir: t.dataDir, schema: t.schema });
}

export interface Contents {
  tables: number;
  foreignTables: string[];
  orgs: number;
  members: number;
  users: number;
}

/** What is already there, looked at before anything is created. */
export async function inspect(t: Target): Promise<Contents> {
  if (!t.databaseUrl && !existsSync(path.join(t.dataDir, SQLITE_FILE))) return { tables: 0, foreignTables: [], orgs: 0, members: 0, users: 0 };
  if (t.databaseUrl) {
    const exists = await withPgClient(
      t.databaseUrl,
      async (c) => (await c.query('select 1 from pg_namespace where nspname = $1', [t.schema ?? 'public'])).rowCount,
    );
    if (!exists) return { tables: 0, foreignTables: [], orgs: 0, members: 0, users: 0 };
  }
  const database = open(t);
  try {
    const tables = (await database.db.introspection.getTables({ withInternalKyselyTables: true })).filter(
      (x) => !t.databaseUrl || x.schema === (t.schema ?? 'public'),
    );
    const names = new Set(tables.map((x) => x.name));
    const count = async (table: 'organization' | 'member' | 'user_account') =>
      names.has(table)
        ? Number(
            (
              await database.db
                .selectFrom(table)
                .select((eb) => eb.fn.countAll().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          )
        : 0;
    const ours = names.has('organization') && names.has('member');
    return {
      tables: tables.length,
      foreignTables: ours ? [] : [...names],
      orgs: await count('organization'),
      members: await count('member'),
      users: await count('user_account'),
    };
  } finally {
    await database.destroy();
  }
}

export const isEmpty = (c: Contents) => c.foreignTables.length === 0 && c.orgs === 0 && c.members === 0 && c.users === 0;

/** Drops everything: the SQLite file (and its -wal/-shm), or the PostgreSQL schema (recreated empty). */
export async function reset(t: Target): Promise<void> {
  if (!t.databaseUrl) {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path.join(t.dataDir, SQLITE_FILE + suffix), { force: true });
    return;
  }
  const schema = t.schema ?? 'public';
  if (!SCHEMA_RE.test(schema)) throw new Error(`bad schema name "${schema}"`);
  await withPgClient(t.databaseUrl, async (c) => {
    await c.query(`drop schema if exists "${schema}" cascade`);
    await c.query(`create schema "${schema}"`);
    // PostgreSQL 15+ has public owned by pg_database_owner; keep it that way when we recreate it.
    if (schema === 'public') await c.query('alter schema public owner to pg_database_owner').catch(() => undefined);
  });
}

/** Creates the schema when it is missing (PostgreSQL, non-public). */
export async function ensureSchema(t: Target): Promise<void> {
  if (!t.databaseUrl || !t.schema || t.schema === 'public') return;
  if (!SCHEMA_RE.test(t.schema)) throw new Error(`bad schema name "${t.schema}" (lower-case letters, digits, _)`);
  await withPgClient(t.databaseUrl, (c) => c.query(`create schema if not exists "${t.schema}"`));
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  if (!SCHEMA_RE.test(schema) || schema === 'public') throw new Error(`refusing to drop schema "${schema}"`);
  await withPgClient(url, (c) => c.query(`drop schema if exists "${schema}" cascade`));
}

/** The generator's own arithmetic (generator.ts): how many organizations `orgs` really gives. */
export function expectedOrgCount(orgs: number): number {
  const nDistricts = Math.max(10, Math.round(orgs / 1000));
  const nCommittees = Math.max(nDistricts, Math.round(orgs * 0.09));
  const nBranches = Math.max(nCommittees, orgs - 1 - nDistricts - nCommittees);
  return 1 + nDistricts + nCommittees + nBranches;
}

export interface SeedResult {
  city: CitySummary;
  orgs: number;
  members: number;
  seconds: { migrate: number; generate: number; analyze: number; total: number };
  membersPerSecond: number;
  sqliteBytes: number | null;
}

/**
 * Migrates and fills an empty database with the deterministic synthetic city
 * (packages/server/src/demo/generator.ts), printing progress through `log`.
 */
export async function seedCity(t: Target, opts: { orgs: number; members: number; seed: number }, log: (line: string) => void): Promise<SeedResult> {
  mkdirSync(t.dataDir, { recursive: true });
  await ensureSchema(t);
  const cipher = new FieldCipher(loadFieldKey(t.dataDir));
  const database = open(t);
  try {
    const t0 = nowMs();
    await migrateToLatest(database, t.databaseUrl ? (t.schema ?? null) : null);
    await ensureReferenceData(database.db);
    const t1 = nowMs();
    const nOrgs = expectedOrgCount(opts.orgs);
    let nextPct = 0;
    let orgsDoneAt = 0;
    const city = await generateCity(database.db, database.dialect, cipher, opts, (done, total) => {
      const now = nowMs();
      if (done >= nOrgs && !orgsDoneAt) {
        orgsDoneAt = now;
        log(`  organizations: ${fmtInt(nOrgs)} in ${((now - t1) / 1000).toFixed(1)} s`);
      }
      const pct = Math.floor((done / total) * 100);
      if (pct >= nextPct || done === total) {
        nextPct = pct + 10;
        const members = Math.max(0, done - nOrgs);
        const rate = orgsDoneAt && now > orgsDoneAt ? Math.round(members / ((now - orgsDoneAt) / 1000)) : 0;
        log(
          `  ${String(pct).padStart(3)}%  ${fmtInt(done)}/${fmtInt(total)} rows  ${((now - t0) / 1000).toFixed(1)} s${rate ? `  (${fmtInt(rate)} members/s)` : ''}`,
        );
      }
    });
    const t2 = nowMs();
    // PostgreSQL plans from statistics, and index-only scans need the visibility map: a fresh
    // bulk load has neither until autovacuum gets to it (which it would do in the middle of a
    // measurement). VACUUM ANALYZE now, as a steady-state database would have been.
    if (database.dialect === 'postgres') {
      await sql`vacuum analyze organization`.execute(database.db);
      await sql`vacuum analyze member`.execute(database.db);
    } else await sql`pragma wal_checkpoint(TRUNCATE)`.execute(database.db);
    const t3 = nowMs();
    const file = path.join(t.dataDir, SQLITE_FILE);
    return {
      city,
      orgs: 1 + city.districtIds.length + city.committeeIds.length + city.branchIds.length,
      members: opts.members,
      seconds: { migrate: (t1 - t0) / 1000, generate: (t2 - t1) / 1000, analyze: (t3 - t2) / 1000, total: (t3 - t0) / 1000 },
      membersPerSecond: Math.round(opts.members / ((t2 - (orgsDoneAt || t1)) / 1000)),
      sqliteBytes: database.dialect === 'sqlite' && existsSync(file) ? statSync(file).size : null,
    };
  } finally {
    await database.destroy();
  }
}

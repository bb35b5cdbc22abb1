import path from 'node:path';
import { availableParallelism } from 'node:os';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, SqliteDriver, type DatabaseConnection, type Dialect as KyselyDialect, type Migration, type Transaction } from 'kysely';
import type { DB } from './schema.ts';
import * as m0001 from './migrations/0001_foundation.ts';
import * as m0002 from './migrations/0002_campaigns.ts';
import * as m0003 from './migrations/0003_campaign_work.ts';
import * as m0004 from './migrations/0004_votes.ts';
import * as m0005 from './migrations/0005_assessment.ts';
import * as m0006 from './migrations/0006_member_evaluation.ts';
import * as m0007 from './migrations/0007_exemplars.ts';
import * as m0008 from './migrations/0008_commitments.ts';

export type Dialect = 'sqlite' | 'postgres';
export type Executor = Kysely<DB> | Transaction<DB>;

export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  destroy(): Promise<void>;
}

// bigint ids and counts come back as numbers: ids stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(1700, (v) => Number.parseFloat(v));

export interface DatabaseOptions {
  databaseUrl: string | null;
  dataDir: string;
  schema?: string | null;
  /** SQLite file name inside dataDir. */
  sqliteFile?: string;
  /** PostgreSQL connections of this process (default: `defaultPoolSize()`). */
  poolSize?: number | null;
}

/**
 * Two connections per CPU core, at least 4. More queries in flight than the cores can run only queue in the
 * operating system instead of in the pool — and there they take CPU time from the event loop
 * (measured: docs/decisions/0006-postgres-pool-size.md). Raise it with ZX_PG_POOL_SIZE when
 * PostgreSQL runs on a bigger machine of its own.
 */
export function defaultPoolSize(): number {
  return Math.max(4, 2 * availableParallelism());
}

export function openDatabase(opts: DatabaseOptions): Database {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? defaultPoolSize(),
      ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', destroy: () => db.destroy() };
  }
  const file = path.join(opts.dataDir, opts.sqliteFile ?? 'zhengxian.sqlite');
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const base = new SqliteDialect({ database: sqlite });
  const dialect: KyselyDialect = {
    createAdapter: () => base.createAdapter(),
    createDriver: () => new TakingTurnsSqliteDriver({ database: sqlite }),
    createIntrospector: (k) => base.createIntrospector(k),
    createQueryCompiler: () => base.createQueryCompiler(),
  };
  const db = new Kysely<DB>({ dialect });
  return { db, dialect: 'sqlite', destroy: () => db.destroy() };
}

/**
 * better-sqlite3 answers synchronously, so without this a request's every query — and the
 * requests that arrive with it — would run in one turn of the event loop. Letting the loop
 * take a turn before each statement bounds a stall by the longest single statement, not by
 * the work of every request in flight. (The one connection stays locked for the transaction.)
 */
class TakingTurnsSqliteDriver extends SqliteDriver {
  override async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await super.acquireConnection();
    return {
      executeQuery: async (query) => {
        await new Promise<void>((resolve) => setImmediate(resolve));
        return connection.executeQuery(query);
      },
      streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
    };
  }
}

const MIGRATIONS: Record<string, { up(db: Kysely<any>, dialect: Dialect): Promise<void> }> = {
  '0001_foundation': m0001,
  '0002_campaigns': m0002,
  '0003_campaign_work': m0003,
  '0004_votes': m0004,
  '0005_assessment': m0005,
  '0006_member_evaluation': m0006,
  '0007_exemplars': m0007,
  '0008_commitments': m0008,
};

export async function migrateToLatest(database: Database, schema?: string | null): Promise<void> {
  const migrations: Record<string, Migration> = {};
  for (const [name, m] of Object.entries(MIGRATIONS)) {
    migrations[name] = { up: (db) => m.up(db, database.dialect) };
  }
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: async () => migrations },
    // Kysely looks for its bookkeeping tables in any visible schema unless told which one.
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}

/** Current time as the ISO string stored in every timestamp column. */
export const nowIso = () => new Date().toISOString();

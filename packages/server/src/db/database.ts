import { chmodSync, closeSync, openSync } from 'node:fs';
import path from 'node:path';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import {
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  sql,
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect as KyselyDialect,
  type QueryResult,
  type Migration,
  type Transaction,
} from 'kysely';
import type { DB } from './schema.ts';
import type { Dialect } from './dialect.ts';
import * as m0001 from './migrations/0001_foundation.ts';
import * as m0002 from './migrations/0002_campaigns.ts';
import * as m0003 from './migrations/0003_campaign_work.ts';
import * as m0004 from './migrations/0004_votes.ts';
import * as m0005 from './migrations/0005_assessment.ts';
import * as m0006 from './migrations/0006_member_evaluation.ts';
import * as m0007 from './migrations/0007_exemplars.ts';
import * as m0008 from './migrations/0008_commitments.ts';
import * as m0009 from './migrations/0009_honours.ts';
import * as m0010 from './migrations/0010_trust.ts';
import * as m0011 from './migrations/0011_login_throttle.ts';
import * as m0012 from './migrations/0012_one_account_per_member.ts';
import * as m0013 from './migrations/0013_publicity.ts';
import * as m0014 from './migrations/0014_notices_pledges.ts';
import * as m0015 from './migrations/0015_service.ts';
import * as m0016 from './migrations/0016_activation.ts';

export type { Dialect };
export type Executor = Kysely<DB> | Transaction<DB>;

export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  /** SQLite: the database file (null on PostgreSQL). */
  file?: string | null;
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
  // The database holds personal data: readable by the server's OS account only (0600), its WAL
  // and shared-memory files too (SQLite gives them the main file's mode).
  closeSync(openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      chmodSync(f, 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Deleted rows are overwritten with zeros, not left in free pages: a closed ballot box is
  // rewritten in random order, and the old order must not be readable from the file (docs/votes.md).
  sqlite.pragma('secure_delete = ON');
  const base = new SqliteDialect({ database: sqlite });
  const dialect: KyselyDialect = {
    createAdapter: () => base.createAdapter(),
    createDriver: () => new TakingTurnsSqliteDriver(sqlite),
    createIntrospector: (k) => base.createIntrospector(k),
    createQueryCompiler: () => base.createQueryCompiler(),
  };
  const db = new Kysely<DB>({ dialect });
  return { db, dialect: 'sqlite', file, destroy: () => db.destroy() };
}

/**
 * better-sqlite3 answers synchronously, so without this a request's every query — and the
 * requests that arrive with it — would run in one turn of the event loop. Letting the loop
 * take a turn before each statement bounds a stall by the longest single statement, not by
 * the work of every request in flight. (The one connection stays locked for the transaction.)
 *
 * It also keeps prepared statements: Kysely's own driver prepares every query anew, and
 * preparing costs more than running most of our point queries (measured on ballot casting).
 * The one connection is locked per query or transaction, so a cached statement is never in use
 * twice at once; streams prepare their own, since an iterator keeps its statement busy.
 */
class TakingTurnsSqliteDriver extends SqliteDriver {
  readonly #sqlite: SQLite.Database;
  readonly #statements = new Map<string, SQLite.Statement>();

  constructor(sqlite: SQLite.Database) {
    super({ database: sqlite });
    this.#sqlite = sqlite;
  }

  #prepared(sqlText: string): SQLite.Statement {
    let stmt = this.#statements.get(sqlText);
    if (stmt) {
      // Most recently used last: the first entry is the one to drop when the cache is full.
      this.#statements.delete(sqlText);
    } else {
      stmt = this.#sqlite.prepare(sqlText);
      if (this.#statements.size >= STATEMENT_CACHE_SIZE) this.#statements.delete(this.#statements.keys().next().value!);
    }
    this.#statements.set(sqlText, stmt);
    return stmt;
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await super.acquireConnection();
    return {
      executeQuery: async <R>(query: CompiledQuery): Promise<QueryResult<R>> => {
        await new Promise<void>((resolve) => setImmediate(resolve));
        const stmt = this.#prepared(query.sql);
        const parameters = query.parameters as unknown[];
        if (stmt.reader) return { rows: stmt.all(parameters) as R[] };
        const { changes, lastInsertRowid } = stmt.run(parameters);
        return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
      },
      streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
    };
  }

  /** An `INSERT OR ROLLBACK` that failed has already ended the transaction (bulkTransaction). */
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.#sqlite.inTransaction) await super.rollbackTransaction(connection);
  }
}

/**
 * A transaction for a bulk write that must stay all-or-nothing yet runs as many short statements
 * (a roster import's commit, decision 0009). Two things would still hold SQLite's one thread:
 *
 * - Statement journals. A statement that may fail halfway inside a transaction keeps a copy of
 *   every page it changes, to undo the statement alone; a chunked insert copies the same index
 *   pages again for every chunk (a 100,000-row commit in 500-row chunks took twice as long as one
 *   statement). SQLite needs none for an insert that cannot fail on its own: `INSERT OR ROLLBACK`
 *   (a conflict ends the whole transaction, which a bulk write wants anyway: use `bulkInsert`)
 *   with foreign keys unenforced. So foreign-key enforcement is off for this transaction, and
 *   **the caller must check every reference it writes**.
 * - The checkpoint. After a commit SQLite copies the write-ahead log into the database file
 *   (wal_autocheckpoint): 100–300 ms for a 100,000-row import, on the committing thread. For this
 *   transaction the automatic checkpoint is off; a worker thread checkpoints from a connection of
 *   its own (db/checkpoint-worker.cjs), then it is back on.
 *
 * The connection is held throughout, so no other request runs in between with these settings. On
 * PostgreSQL this is a plain transaction.
 */
export async function bulkTransaction<T>(db: Kysely<DB>, database: Pick<Database, 'dialect' | 'file'>, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  if (database.dialect !== 'sqlite' || !database.file) return db.transaction().execute(fn);
  const result = await db
    .connection()
    .execute(async (conn) => {
      // Both only take effect outside a transaction.
      await sql`PRAGMA foreign_keys = OFF`.execute(conn);
      await sql`PRAGMA wal_autocheckpoint = 0`.execute(conn);
      try {
        return await conn.transaction().execute(fn);
      } finally {
        await sql`PRAGMA foreign_keys = ON`.execute(conn);
      }
    })
    .catch(async (e) => {
      await sql`PRAGMA wal_autocheckpoint = ${sql.raw(String(WAL_AUTOCHECKPOINT))}`.execute(db);
      throw e;
    });
  // The transaction is committed: a checkpoint that fails must not fail the caller. Meanwhile other
  // writes went on without checkpointing; with the automatic checkpoint back on, the next commit
  // catches up on whatever is left.
  await checkpointInWorker(database.file).catch(() => {});
  await sql`PRAGMA wal_autocheckpoint = ${sql.raw(String(WAL_AUTOCHECKPOINT))}`.execute(db);
  return result;
}

/** SQLite's default: a commit checkpoints once the log holds this many pages. */
const WAL_AUTOCHECKPOINT = 1000;

/** A PASSIVE checkpoint of the SQLite file from a worker thread's own connection. */
function checkpointInWorker(file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./checkpoint-worker.cjs', import.meta.url), { workerData: { file }, execArgv: [] });
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`checkpoint worker exited with ${code}`))));
  });
}

/** An INSERT inside bulkTransaction: `OR ROLLBACK` on SQLite. */
export const bulkInsert = <Q extends { orRollback(): Q }>(dialect: Dialect, q: Q): Q => (dialect === 'sqlite' ? q.orRollback() : q);

/** Distinct SQL texts kept prepared (an `in (?, ?, …)` list of each length is its own text). */
const STATEMENT_CACHE_SIZE = 1000;

const MIGRATIONS: Record<string, { up(db: Kysely<any>, dialect: Dialect): Promise<void> }> = {
  '0001_foundation': m0001,
  '0002_campaigns': m0002,
  '0003_campaign_work': m0003,
  '0004_votes': m0004,
  '0005_assessment': m0005,
  '0006_member_evaluation': m0006,
  '0007_exemplars': m0007,
  '0008_commitments': m0008,
  '0009_honours': m0009,
  '0010_trust': m0010,
  '0011_login_throttle': m0011,
  '0012_one_account_per_member': m0012,
  '0013_publicity': m0013,
  '0014_notices_pledges': m0014,
  '0015_service': m0015,
  '0016_activation': m0016,
};

/** Brings the database up to date. `schema`: PostgreSQL's schema of the tables (SQLite has none: ignored there). */
export async function migrateToLatest(database: Database, schema?: string | null): Promise<void> {
  const migrations: Record<string, Migration> = {};
  for (const [name, m] of Object.entries(MIGRATIONS)) {
    migrations[name] = { up: (db) => m.up(db, database.dialect) };
  }
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: async () => migrations },
    // Kysely looks for its bookkeeping tables in any visible schema unless told which one.
    ...(schema && database.dialect === 'postgres' ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}

/** Current time as the ISO string stored in every timestamp column. */
export const nowIso = () => new Date().toISOString();

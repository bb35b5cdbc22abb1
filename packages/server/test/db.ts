import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/database.ts';

export type TestDbKind = 'sqlite' | 'postgres';

export interface TestDatabase {
  database: Database;
  /** A fresh temp folder (SQLite file, uploaded files); removed by cleanup(). */
  dataDir: string;
  /** PostgreSQL only: the throwaway schema this database lives in. */
  schema: string | null;
  kind: TestDbKind;
  cleanup(): Promise<void>;
}

/** Which database the API tests run on: ZX_TEST_DB=sqlite (default) or postgres. */
export function testDbKind(): TestDbKind {
  const kind = (process.env.ZX_TEST_DB ?? 'sqlite').toLowerCase();
  if (kind !== 'sqlite' && kind !== 'postgres') {
    throw new Error(`ZX_TEST_DB must be "sqlite" or "postgres", got "${process.env.ZX_TEST_DB}"`);
  }
  return kind;
}

function pgUrl(): string {
  const url = process.env.ZX_TEST_PG_URL;
  if (!url) {
    throw new Error(
      'ZX_TEST_DB=postgres but ZX_TEST_PG_URL is not set. Run the PostgreSQL suite through ' +
        '`bash scripts/test.sh api-postgres` (it starts a throwaway server), or point ZX_TEST_PG_URL ' +
        'at a database you own, e.g. postgres://postgres@127.0.0.1:5432/zx_test',
    );
  }
  return url;
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh, empty database for one test file (not yet migrated: buildApp migrates).
 * SQLite: a new file in a new temp folder. PostgreSQL: a new schema `t_<random>` in ZX_TEST_PG_URL.
 * Always await cleanup() in afterAll.
 */
export async function openTestDatabase(): Promise<TestDatabase> {
  const kind = testDbKind();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'zx-test-'));
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });

  if (kind === 'sqlite') {
    const database = openDatabase({ databaseUrl: null, dataDir });
    let done = false;
    return {
      database,
      dataDir,
      schema: null,
      kind,
      async cleanup() {
        if (done) return;
        done = true;
        try {
          await database.destroy();
        } finally {
          removeDir();
        }
      },
    };
  }

  const url = pgUrl();
  const schema = `t_${randomBytes(6).toString('hex')}`;
  try {
    await withClient(url, (c) => c.query(`create schema "${schema}"`));
  } catch (err) {
    removeDir();
    throw err;
  }
  const database = openDatabase({ databaseUrl: url, dataDir, schema });
  let done = false;
  return {
    database,
    dataDir,
    schema,
    kind,
    async cleanup() {
      if (done) return;
      done = true;
      try {
        await database.destroy();
        await withClient(url, (c) => c.query(`drop schema if exists "${schema}" cascade`));
      } finally {
        removeDir();
      }
    },
  };
}

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
  /** PostgreSQL only: the URL the database connects with (its own role); null on SQLite. */
  databaseUrl: string | null;
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
 * SQLite: a new file in a new temp folder. PostgreSQL: a new schema `t_<random>` in ZX_TEST_PG_URL,
 * owned by a new login role of the same name that the database connects as.
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
      databaseUrl: null,
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

  // Each test database gets its own schema AND its own login role owning just that schema.
  // Connecting as that role (not the superuser) keeps other files' schemas invisible: Kysely's
  // Migrator looks for its kysely_migration tables in every schema the user may use, so with a
  // shared superuser the second file to migrate sees the first file's tables and fails.
  const adminUrl = pgUrl();
  const name = `t_${randomBytes(6).toString('hex')}`;
  let url = adminUrl;
  let ownRole = false;
  try {
    await withClient(adminUrl, async (c) => {
      try {
        await c.query(`create role "${name}" login`);
        ownRole = true;
      } catch (err) {
        // Not allowed to create roles (a ZX_TEST_PG_URL of one's own): share the connecting user.
        if ((err as { code?: string }).code !== '42501') throw err;
      }
      await c.query(ownRole ? `create schema "${name}" authorization "${name}"` : `create schema "${name}"`);
    });
  } catch (err) {
    removeDir();
    throw err;
  }
  if (ownRole) {
    const u = new URL(adminUrl);
    u.username = name;
    u.password = '';
    url = u.toString();
  }
  const database = openDatabase({ databaseUrl: url, dataDir, schema: name });
  let done = false;
  return {
    database,
    dataDir,
    schema: name,
    databaseUrl: url,
    kind,
    async cleanup() {
      if (done) return;
      done = true;
      try {
        await database.destroy();
        await withClient(adminUrl, async (c) => {
          await c.query(`drop schema if exists "${name}" cascade`);
          if (ownRole) {
            await c.query(`drop owned by "${name}"`);
            await c.query(`drop role if exists "${name}"`);
          }
        });
      } finally {
        removeDir();
      }
    },
  };
}

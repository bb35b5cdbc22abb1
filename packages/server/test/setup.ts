import { randomBytes } from 'node:crypto';
import { buildApp, type App } from '../src/app.ts';
import type { Config } from '../src/config.ts';
import type { AppContext } from '../src/context.ts';
import { runNextJob } from '../src/jobs/runner.ts';
import { openTestDatabase, type TestDatabase } from './db.ts';
import { TestClient } from './client.ts';

export interface TestApp {
  app: App;
  ctx: AppContext;
  testDb: TestDatabase;
  client(ip?: string): TestClient;
  /** Runs queued jobs to completion (tests drive the job runner by hand). */
  drainJobs(): Promise<void>;
  close(): Promise<void>;
}

/** One app on a fresh database per test file (SQLite temp file or a fresh PostgreSQL schema). */
export async function createTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const testDb = await openTestDatabase();
  const config: Config = {
    port: 0, host: '127.0.0.1', dataDir: testDb.dataDir,
    databaseUrl: testDb.kind === 'postgres' ? process.env.ZX_TEST_PG_URL! : null, databaseSchema: testDb.schema,
    fieldKey: randomBytes(32), webDist: null, demo: false, secureCookies: false, logLevel: 'warn', runJobs: false,
    ...overrides,
  };
  const { app, ctx } = await buildApp({ config, database: testDb.database, logger: false });
  await app.ready();
  return {
    app, ctx, testDb,
    client: (ip?: string) => new TestClient(app, ip),
    async drainJobs() {
      while (await runNextJob(ctx)) { /* until the queue is empty */ }
    },
    async close() {
      await app.close();
      await testDb.cleanup();
    },
  };
}

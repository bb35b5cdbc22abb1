import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Role } from '@zx/domain';
import { buildApp, type App } from '../src/app.ts';
import type { Config } from '../src/config.ts';
import type { AppContext } from '../src/context.ts';
import { runNextJob } from '../src/jobs/runner.ts';
import { openTestDatabase, type TestDatabase } from './db.ts';
import { TestClient } from './client.ts';
import { createUser, type OrgRef } from './factories.ts';

/** A client signed in as a fresh account; `user` is that account. */
export type SignedInClient = TestClient & { user: { id: number; username: string } };

export interface TestApp {
  app: App;
  ctx: AppContext;
  testDb: TestDatabase;
  client(ip?: string): TestClient;
  /** A new account holding `role` at `org`, signed in on a new client (throws unless the login succeeds). */
  loginAs(role: Role, org: OrgRef, opts?: { memberId?: number }): Promise<SignedInClient>;
  /** Runs queued jobs to completion (tests drive the job runner by hand). */
  drainJobs(): Promise<void>;
  close(): Promise<void>;
}

/** One app on a fresh database per test file (SQLite temp file or a fresh PostgreSQL schema). */
export async function createTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const testDb = await openTestDatabase();
  const config: Config = {
    port: 0,
    host: '127.0.0.1',
    dataDir: testDb.dataDir,
    databaseUrl: testDb.kind === 'postgres' ? process.env.ZX_TEST_PG_URL! : null,
    databaseSchema: testDb.schema,
    fieldKey: randomBytes(32),
    webDist: null,
    demo: false,
    secureCookies: false,
    logLevel: 'warn',
    runJobs: false,
    contractCheck: true,
    ...overrides,
  };
  const { app, ctx } = await buildApp({ config, database: testDb.database, logger: false });
  await app.ready();
  return {
    app,
    ctx,
    testDb,
    client: (ip?: string) => new TestClient(app, ip),
    async loginAs(role, org, opts = {}) {
      const user = await createUser(ctx, [{ role, org }], opts);
      const client = new TestClient(app);
      const res = await client.login(user.username);
      if (res.status !== 200) throw new Error(`login as ${role} at ${org.name} failed: ${res.status}`);
      return Object.assign(client, { user });
    },
    async drainJobs() {
      // A job that fails unexpectedly is logged (not swallowed), so a failing assertion on its result has its cause.
      const log = { error: (obj: unknown, msg: string) => console.error(msg, obj) } as unknown as FastifyBaseLogger;
      while (await runNextJob(ctx, log)) {
        /* until the queue is empty */
      }
    },
    async close() {
      await app.close();
      await testDb.cleanup();
    },
  };
}

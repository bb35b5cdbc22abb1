import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type KyselyPlugin, type QueryId, type RootOperationNode } from 'kysely';
import { makeIdCard } from '@zx/domain';
import { createTestApp, type TestApp } from '../../test/setup.ts';
import { FormDataBody, type TestClient } from '../../test/client.ts';
import { createTree, createUser, type Tree } from '../../test/factories.ts';
import { xlsxOf, type CellValue } from '../../test/xlsx-fixtures.ts';
import { runNextJob } from '../jobs/runner.ts';
import { COMMIT_CHUNK_ROWS } from './import-job.ts';

/**
 * The commit of a large import (decision 0009): on SQLite every statement blocks the event loop,
 * so the staged rows move onto the roster in chunks with the loop taking turns in between, inside
 * one transaction. These tests check that structure — statement sizes and the order of events —
 * never wall-clock time, so they hold on a busy machine.
 */
let t: TestApp;
let tree: Tree;
let admin: TestClient;

const API = '/api/v1';

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  admin = t.client();
  expect((await admin.login((await createUser(t.ctx, [{ role: 'org_admin', org: tree.cA1 }])).username)).status).toBe(200);
});
afterAll(async () => {
  await t?.close();
});

/** A clean roster of `n` people (distinct region codes make distinct, valid ID numbers). */
function roster(n: number, prefix: string, nameOf: (i: number) => string = (i) => `团员${i}`): Promise<Buffer> {
  const rows: CellValue[][] = [['姓名', '身份证号']];
  for (let i = 0; i < n; i++) rows.push([nameOf(i), makeIdCard(`${prefix}${String(i).padStart(4, '0')}`, '20010305', '011')]);
  return xlsxOf(rows);
}

/** Uploads and previews a file, then asks for the commit; the commit job is left queued. */
async function previewedAndQueued(file: Buffer, orgId: number) {
  const up = await admin.post(`${API}/members/import?orgId=${orgId}`, new FormDataBody({ name: '花名册.xlsx', content: file }));
  expect(up.status, JSON.stringify(up.body)).toBe(202);
  await t.drainJobs();
  const job = (await admin.get(`${API}/jobs/${up.body.id}`)).body;
  expect(job.result).toMatchObject({ invalidRows: 0 });
  const res = await admin.post(`${API}/jobs/${job.id}/commit`, { mode: 'all' });
  expect(res.status).toBe(202);
  return job.id as number;
}

const count = async (table: 'member' | 'member_import_row') =>
  Number(
    (
      await t.ctx.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

type Event = { kind: 'insert'; rows: number } | { kind: 'turn' } | { kind: 'served'; status: number };

/** Records every INSERT INTO member with the rows it wrote. */
function insertRecorder(events: Event[]): KyselyPlugin {
  const inserts = new WeakSet<QueryId>();
  return {
    transformQuery({ node, queryId }: { node: RootOperationNode; queryId: QueryId }) {
      if (node.kind === 'InsertQueryNode' && node.into?.table.identifier.name === 'member') inserts.add(queryId);
      return node;
    },
    async transformResult({ result, queryId }) {
      if (inserts.has(queryId)) events.push({ kind: 'insert', rows: Number(result.numAffectedRows ?? 0) });
      return result;
    },
  };
}

describe('committing a large import', () => {
  it('moves the rows in chunks, lets the event loop turn between them and serves a request meanwhile', async () => {
    const n = 4 * COMMIT_CHUNK_ROWS + 7;
    const jobId = await previewedAndQueued(await roster(n, '13'), tree.bA1a.id);
    const before = await count('member');

    const events: Event[] = [];
    let running = true;
    let asked = false;
    // Every turn of the event loop while the commit runs; after the first chunk, one request that
    // needs no database (on SQLite the transaction holds the one connection).
    const spin = () => {
      events.push({ kind: 'turn' });
      if (!asked && events.some((e) => e.kind === 'insert')) {
        asked = true;
        void t.app.inject({ method: 'GET', url: '/api/docs/json' }).then((r) => events.push({ kind: 'served', status: r.statusCode }));
      }
      if (running) setImmediate(spin);
    };
    setImmediate(spin);
    const ran = await runNextJob({ ...t.ctx, db: t.ctx.db.withPlugin(insertRecorder(events)) });
    running = false;
    expect(ran).toBe(true);

    const job = (await admin.get(`${API}/jobs/${jobId}`)).body;
    expect(job).toMatchObject({ status: 'succeeded', result: { phase: 'committed', imported: n } });
    expect(await count('member')).toBe(before + n);
    expect(await count('member_import_row')).toBe(0);
    expect(await foreignKeysEnforced()).toBe(true);
    if (t.ctx.dialect === 'sqlite') {
      // A worker thread checkpointed the commit (a failure there fails the job); the automatic
      // checkpoint of the server's connection is back on.
      expect((await sql<{ wal_autocheckpoint: number }>`PRAGMA wal_autocheckpoint`.execute(t.ctx.db)).rows).toEqual([{ wal_autocheckpoint: 1000 }]);
    }

    const inserts = events.flatMap((e, i) => (e.kind === 'insert' ? [{ ...e, at: i }] : []));
    expect(inserts.map((e) => e.rows)).toEqual([COMMIT_CHUNK_ROWS, COMMIT_CHUNK_ROWS, COMMIT_CHUNK_ROWS, COMMIT_CHUNK_ROWS, 7]);
    for (let i = 1; i < inserts.length; i++) {
      expect(
        events.slice(inserts[i - 1]!.at + 1, inserts[i]!.at).some((e) => e.kind === 'turn'),
        `a turn of the loop between chunk ${i} and ${i + 1}`,
      ).toBe(true);
    }
    const served = events.findIndex((e) => e.kind === 'served');
    expect(events[served]).toEqual({ kind: 'served', status: 200 });
    expect(served, 'the request was answered before the last chunk').toBeLessThan(inserts[inserts.length - 1]!.at);
  });

  it('leaves nothing behind when a chunk fails halfway: no member, no roll-up change, the staged rows kept', async () => {
    const n = 3 * COMMIT_CHUNK_ROWS;
    const failAt = 2 * COMMIT_CHUNK_ROWS + 100; // in the third chunk
    const jobId = await previewedAndQueued(await roster(n, '14', (i) => (i === failAt ? '炸断' : `团员${i}`)), tree.bA1b.id);
    const countsOf = async () =>
      (await t.ctx.db.selectFrom('organization').select(['id', 'direct_member_count', 'subtree_member_count']).orderBy('id').execute()).map((o) => [
        o.id,
        Number(o.direct_member_count),
        Number(o.subtree_member_count),
      ]);
    const [membersBefore, countsBefore, stagedBefore] = [await count('member'), await countsOf(), await count('member_import_row')];
    expect(stagedBefore).toBe(n);

    // A database failure on one row of the third chunk, after two chunks went in.
    if (t.ctx.dialect === 'sqlite') {
      await sql`CREATE TRIGGER zx_fail_member BEFORE INSERT ON member WHEN NEW.name = '炸断' BEGIN SELECT RAISE(ABORT, 'injected failure'); END`.execute(
        t.ctx.db,
      );
    } else {
      await sql`CREATE FUNCTION zx_fail_member() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.name = '炸断' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$`.execute(
        t.ctx.db,
      );
      await sql`CREATE TRIGGER zx_fail_member BEFORE INSERT ON member FOR EACH ROW EXECUTE FUNCTION zx_fail_member()`.execute(t.ctx.db);
    }
    const events: Event[] = [];
    try {
      expect(await runNextJob({ ...t.ctx, db: t.ctx.db.withPlugin(insertRecorder(events)) })).toBe(true);
    } finally {
      await sql`DROP TRIGGER zx_fail_member${sql.raw(t.ctx.dialect === 'postgres' ? ' ON member' : '')}`.execute(t.ctx.db);
      if (t.ctx.dialect === 'postgres') await sql`DROP FUNCTION zx_fail_member()`.execute(t.ctx.db);
    }
    // Two chunks were written before the failure …
    expect(events.filter((e) => e.kind === 'insert').map((e) => (e as { rows: number }).rows)).toEqual([COMMIT_CHUNK_ROWS, COMMIT_CHUNK_ROWS]);
    // … and the transaction took them back.
    const job = (await admin.get(`${API}/jobs/${jobId}`)).body;
    expect(job).toMatchObject({ status: 'failed', result: null, error: { code: 'JOB_FAILED' } });
    expect(await count('member')).toBe(membersBefore);
    expect(await countsOf()).toEqual(countsBefore);
    expect(await count('member_import_row')).toBe(stagedBefore);
    const audited = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'member.import')
      .where('target_id', '=', String(tree.bA1b.id))
      .execute();
    expect(audited).toEqual([]);
    expect(await foreignKeysEnforced()).toBe(true);
  });

  it('leaves nothing behind when a row breaks a constraint in a late chunk (SQLite: INSERT OR ROLLBACK ends the transaction)', async () => {
    const n = 2 * COMMIT_CHUNK_ROWS;
    const jobId = await previewedAndQueued(await roster(n, '15'), tree.gA1x.id);
    // A staged row whose ID repeats the first row's: nothing before the insert notices (the
    // preview removes repeats within a file); the roster's unique index does, in the last chunk.
    const first = await t.ctx.db.selectFrom('member_import_row').selectAll().where('job_id', '=', jobId).orderBy('row_number').executeTakeFirstOrThrow();
    await t.ctx.db
      .insertInto('member_import_row')
      .values({ ...first, row_number: 100_000 })
      .execute();
    const [membersBefore, stagedBefore] = [await count('member'), await count('member_import_row')];

    expect(await runNextJob(t.ctx)).toBe(true);
    const job = (await admin.get(`${API}/jobs/${jobId}`)).body;
    expect(job).toMatchObject({ status: 'failed', error: { code: 'JOB_FAILED' } });
    expect(await count('member')).toBe(membersBefore);
    expect(await count('member_import_row')).toBe(stagedBefore);
    expect(await foreignKeysEnforced()).toBe(true);
    if (t.ctx.dialect === 'sqlite')
      expect((await sql<{ wal_autocheckpoint: number }>`PRAGMA wal_autocheckpoint`.execute(t.ctx.db)).rows).toEqual([{ wal_autocheckpoint: 1000 }]);
    // The connection works on: a later import commits.
    const next = await previewedAndQueued(await roster(3, '16'), tree.gA1x.id);
    await t.drainJobs();
    expect((await admin.get(`${API}/jobs/${next}`)).body.result).toEqual({ phase: 'committed', imported: 3, skipped: 0 });
  });
});

/** On SQLite, whether the connection enforces foreign keys (a commit turns them off while it runs); always true on PostgreSQL. */
async function foreignKeysEnforced(): Promise<boolean> {
  if (t.ctx.dialect !== 'sqlite') return true;
  const { rows } = await sql<{ foreign_keys: number }>`PRAGMA foreign_keys`.execute(t.ctx.db);
  return rows[0]?.foreign_keys === 1;
}

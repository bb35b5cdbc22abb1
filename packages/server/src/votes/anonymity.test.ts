import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type SignedInClient, type TestApp } from '../../test/setup.ts';
import { createTree, type Tree } from '../../test/factories.ts';
import { boxOf, cadreAt, rollOf, votersAt } from '../../test/vote-fixtures.ts';
import type { TestClient } from '../../test/client.ts';

/**
 * What a database administrator can see: tests with direct database access that try to link a
 * ballot to a voter (DESIGN.md, "Ballots are anonymous but one per voter"; docs/votes.md).
 */
let t: TestApp;
let tree: Tree;
let secretary: SignedInClient;
let voters: { memberId: number; client: TestClient }[];

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  secretary = await t.loginAs('branch_secretary', tree.bA1a);
  await cadreAt(t, tree.bA1a, '张书记', 'secretary', null);
  await cadreAt(t, tree.bA1a, '李副书记', 'deputy_secretary', null);
  voters = await votersAt(t, tree.bA1a, 100);
}, 120_000);
afterAll(() => t?.close());

async function openSessionWith(roll: number[], scale = 'points10') {
  expect((await secretary.put('/api/v1/votes/representatives', { orgId: tree.bA1a.id, memberIds: roll })).status).toBe(200);
  const s = await secretary.post('/api/v1/votes/sessions', { orgId: tree.bA1a.id, scale });
  expect(s.status).toBe(201);
  expect((await secretary.post(`/api/v1/votes/sessions/${s.body.id}/open`)).status).toBe(200);
  return s.body as { id: number; subjects: { id: number }[] };
}

const columnsOf = async (table: string) =>
  t.ctx.dialect === 'postgres'
    ? (
        await sql<{
          column_name: string;
        }>`select column_name from information_schema.columns where table_name = ${table} and table_schema = current_schema() order by ordinal_position`.execute(
          t.ctx.db,
        )
      ).rows.map((r) => r.column_name)
    : (await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(t.ctx.db)).rows.map((r) => r.name);

describe('the box and the roll share nothing but the session', () => {
  it('a ballot row holds a random id, the session and the answers; a roll row the session, the member and a flag', async () => {
    expect((await columnsOf('vote_ballot')).sort()).toEqual(['answers', 'id', 'session_id']);
    expect((await columnsOf('vote_roll')).sort()).toEqual(['member_id', 'session_id', 'voted']);
  });

  it.runIf(process.env.ZX_TEST_DB !== 'postgres')('SQLite: the box has no rowid that would record the insertion order', async () => {
    await expect(sql`select rowid from vote_ballot`.execute(t.ctx.db)).rejects.toThrow(/rowid/);
  });
});

describe('30 ballots with distinct answers, before and after close', () => {
  let s: { id: number; subjects: { id: number }[] };
  const castOrder: string[] = [];
  let idsBeforeClose: string[] = [];
  let xminBefore: Map<string, string> = new Map();

  beforeAll(async () => {
    const roll = voters.slice(0, 30);
    s = await openSessionWith(roll.map((v) => v.memberId));
    for (let i = 0; i < roll.length; i++) {
      const answers = { [s.subjects[0].id]: (i % 10) + 1, [s.subjects[1].id]: Math.floor(i / 10) + 1 };
      const res = await roll[i].client.post(`/api/v1/votes/sessions/${s.id}/ballot`, { answers });
      expect(res.status).toBe(200);
      castOrder.push(JSON.stringify(Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, String(v)]))));
    }
    const box = await boxOf(t, s.id);
    idsBeforeClose = box.map((b) => b.id);
    if (t.ctx.dialect === 'postgres') {
      const rows = (await sql<{ id: string; xmin: string }>`select id, xmin::text as xmin from vote_ballot where session_id = ${s.id}`.execute(t.ctx.db)).rows;
      xminBefore = new Map(rows.map((r) => [r.id, r.xmin]));
    }
  }, 60_000);

  it('ballot ids are random (128 bits, no sequence)', () => {
    expect(new Set(idsBeforeClose).size).toBe(30);
    for (const id of idsBeforeClose) expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(idsBeforeClose.every((id) => !/^\d+$/.test(id))).toBe(true);
  });

  it.runIf(process.env.ZX_TEST_DB === 'postgres')(
    'PostgreSQL, before close: a ballot still shares its transaction id with a roll row (why the box is rewritten)',
    async () => {
      const rollX = new Set(
        (await sql<{ xmin: string }>`select xmin::text as xmin from vote_roll where session_id = ${s.id}`.execute(t.ctx.db)).rows.map((r) => r.xmin),
      );
      expect([...xminBefore.values()].filter((x) => rollX.has(x)).length).toBe(30);
    },
  );

  it('after close the natural row order is not the cast order and every id has changed', async () => {
    expect((await secretary.post(`/api/v1/votes/sessions/${s.id}/close`)).status).toBe(200);
    const natural = (await sql<{ id: string; answers: string }>`select id, answers from vote_ballot where session_id = ${s.id}`.execute(t.ctx.db)).rows;
    expect(natural).toHaveLength(30);
    expect(natural.map((r) => r.answers).sort()).toEqual([...castOrder].sort()); // the same ballots…
    expect(natural.map((r) => r.answers)).not.toEqual(castOrder); // …not in the order they were cast
    const before = new Set(idsBeforeClose);
    expect(natural.filter((r) => before.has(r.id))).toEqual([]);
    if (t.ctx.dialect === 'postgres') {
      const byCtid = (await sql<{ answers: string }>`select answers from vote_ballot where session_id = ${s.id} order by ctid`.execute(t.ctx.db)).rows.map(
        (r) => r.answers,
      );
      expect(byCtid).not.toEqual(castOrder);
    }
  });

  it('the result still counts every ballot', async () => {
    const r = (await secretary.get(`/api/v1/votes/sessions/${s.id}/result`)).body;
    expect(r.ballots).toBe(30);
    expect(Object.values(r.subjects[0].counts).reduce((a: number, b) => a + (b as number), 0)).toBe(30);
    expect(r.subjects[0].counts['1']).toBe(3);
  });

  it.runIf(process.env.ZX_TEST_DB !== 'postgres')('SQLite: deleted rows are zeroed (secure_delete is on for every close, whoever closes)', async () => {
    const r = await sql<{ secure_delete: number }>`pragma secure_delete`.execute(t.ctx.db);
    expect(r.rows[0].secure_delete).toBe(1);
  });

  it.runIf(process.env.ZX_TEST_DB === 'postgres')("PostgreSQL: every ballot carries the closing transaction's xmin, and no roll row shares it", async () => {
    const ballotX = new Set(
      (await sql<{ xmin: string }>`select xmin::text as xmin from vote_ballot where session_id = ${s.id}`.execute(t.ctx.db)).rows.map((r) => r.xmin),
    );
    const sessionX = (await sql<{ xmin: string }>`select xmin::text as xmin from vote_session where id = ${s.id}`.execute(t.ctx.db)).rows[0].xmin;
    expect([...ballotX]).toEqual([sessionX]);
    const rollX = (await sql<{ xmin: string }>`select xmin::text as xmin from vote_roll where session_id = ${s.id}`.execute(t.ctx.db)).rows.map((r) => r.xmin);
    expect(rollX).toHaveLength(30);
    expect(rollX.filter((x) => ballotX.has(x))).toEqual([]);
    // The roll rows were rewritten too: their transaction ids no longer tell the order of voting.
    expect(new Set(rollX).size).toBe(1);
    expect(rollX.filter((x) => [...xminBefore.values()].includes(x))).toEqual([]);
  });
});

describe('200 concurrent casts including repeats', () => {
  it('leave exactly one ballot per voter, and roll count = ballot count', async () => {
    const s = await openSessionWith(
      voters.map((v) => v.memberId),
      'satisfaction3',
    );
    const answers = { answers: { [s.subjects[0].id]: 'satisfied', [s.subjects[1].id]: 'basic' } };
    // Each of the 100 voters sends two casts at once: 200 requests in flight together.
    const results = await Promise.all(voters.flatMap((v) => [v, v]).map((v) => v.client.post(`/api/v1/votes/sessions/${s.id}/ballot`, answers)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((x) => x === 200)).toHaveLength(100);
    expect(statuses.filter((x) => x === 409)).toHaveLength(100);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'ALREADY_VOTED')).toBe(true);
    const roll = await rollOf(t, s.id);
    expect(roll.filter((r) => r.voted === 1)).toHaveLength(100);
    expect(await boxOf(t, s.id)).toHaveLength(100);
    await secretary.post(`/api/v1/votes/sessions/${s.id}/close`);
    expect((await secretary.get(`/api/v1/votes/sessions/${s.id}/result`)).body).toMatchObject({ ballots: 100, rollSize: 100 });
  }, 60_000);

  it('a close racing with casts counts exactly the ballots whose roll flag is set', async () => {
    const s = await openSessionWith(
      voters.map((v) => v.memberId),
      'satisfaction3',
    );
    const answers = { answers: { [s.subjects[0].id]: 'satisfied', [s.subjects[1].id]: 'satisfied' } };
    const casts = voters.map((v) => v.client.post(`/api/v1/votes/sessions/${s.id}/ballot`, answers));
    const close = new Promise((r) => setTimeout(r, 5)).then(() => secretary.post(`/api/v1/votes/sessions/${s.id}/close`));
    const results = await Promise.all(casts);
    expect((await close).status).toBe(200);
    const accepted = results.filter((r) => r.status === 200).length;
    expect(results.every((r) => r.status === 200 || r.body.code === 'SESSION_CLOSED')).toBe(true);
    const voted = (await rollOf(t, s.id)).filter((r) => r.voted === 1).length;
    const r = (await secretary.get(`/api/v1/votes/sessions/${s.id}/result`)).body;
    expect(voted).toBe(accepted);
    expect((await boxOf(t, s.id)).length).toBe(accepted);
    expect(r.ballots).toBe(accepted);
  }, 60_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/setup.ts';
import { createTree, type Tree } from '../../test/factories.ts';
import type { TestClient } from '../../test/client.ts';
import { cadreAt, daysAgo } from '../../test/vote-fixtures.ts';
import { inboxOf, kindsOf, person } from '../../test/notice-probe.ts';
import { runVoteSchedule } from './service.ts';

/**
 * vote_opened goes to each person on the roll once the roll is frozen, and to nobody else (issue
 * 11); the member-facing pages of a vote answer a member.
 */
let t: TestApp;
let tree: Tree;
let secretary: TestClient;
let reps: Array<{ client: TestClient; memberId: number | null }>;
let notOnRoll: { client: TestClient; memberId: number | null };
let siblingRep: { client: TestClient; memberId: number | null };

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  secretary = (await person(t, 'branch_secretary', tree.bA1a)).client;
  await cadreAt(t, tree.bA1a, '张书记', 'secretary', daysAgo(400));
  reps = [];
  for (let i = 0; i < 5; i++) reps.push(await person(t, 'member', tree.bA1a, { name: `代表${i}` }));
  notOnRoll = await person(t, 'member', tree.bA1a, { name: '普通团员' });
  siblingRep = await person(t, 'member', tree.bA1b, { name: '隔壁代表' });
  expect((await secretary.put('/api/v1/votes/representatives', { orgId: tree.bA1a.id, memberIds: reps.map((r) => r.memberId) })).status).toBe(200);
});
afterAll(() => t?.close());

describe('vote_opened (issue 11)', () => {
  let sessionId = 0;

  it('reaches each member on the frozen roll, not a member of the branch who is not on it', async () => {
    const s = await secretary.post('/api/v1/votes/sessions', { orgId: tree.bA1a.id });
    expect(s.status).toBe(201);
    sessionId = s.body.id;
    expect((await secretary.post(`/api/v1/votes/sessions/${sessionId}/open`)).status).toBe(200);
    for (const r of reps) {
      const notices = (await inboxOf(r.client)).filter((n) => n.kind === 'vote_opened');
      expect(notices).toEqual([expect.objectContaining({ link: `/votes/ballot/${sessionId}` })]);
    }
    for (const c of [notOnRoll.client, siblingRep.client, secretary]) expect(await kindsOf(c)).not.toContain('vote_opened');
  });

  it('is sent when the scheduler opens a session, after its roll is frozen, and not to a representative added later', async () => {
    const s = await secretary.post('/api/v1/votes/sessions', {
      orgId: tree.bA1a.id,
      opensAt: new Date(Date.now() - 1000).toISOString(),
      closesAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(s.status).toBe(201);
    expect((await runVoteSchedule(t.ctx)).opened).toBe(1);
    const late = await person(t, 'member', tree.bA1a, { name: '后来的代表' });
    await secretary.put('/api/v1/votes/representatives', { orgId: tree.bA1a.id, memberIds: [...reps.map((r) => r.memberId), late.memberId] });
    const roll = await t.ctx.db
      .selectFrom('notification')
      .select('member_id')
      .where('kind', '=', 'vote_opened')
      .where('link', '=', `/votes/ballot/${s.body.id}`)
      .orderBy('member_id')
      .execute();
    expect(roll.map((n) => n.member_id)).toEqual(reps.map((r) => r.memberId).sort((a, b) => a! - b!));
    expect(await kindsOf(late.client)).not.toContain('vote_opened');
    expect(await kindsOf(notOnRoll.client)).not.toContain('vote_opened');
  });

  it('answers the pages a voter opens with 200, and a member not on the roll with 404', async () => {
    expect((await reps[0].client.get('/api/v1/votes/mine')).status).toBe(200);
    expect((await reps[0].client.get(`/api/v1/votes/sessions/${sessionId}/ballot`)).status).toBe(200);
    expect((await notOnRoll.client.get('/api/v1/votes/mine')).body).toEqual([]);
    expect((await notOnRoll.client.get(`/api/v1/votes/sessions/${sessionId}/ballot`)).status).toBe(404);
    expect((await notOnRoll.client.get(`/api/v1/votes/sessions/${sessionId}/result`)).status).toBe(404);
    expect((await notOnRoll.client.post(`/api/v1/votes/sessions/${sessionId}/ballot`, { answers: {} })).status).toBe(404);
    // Managing is not a member's: the role is refused before any id.
    expect((await reps[0].client.get(`/api/v1/votes/sessions/${sessionId}`)).status).toBe(403);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoToday } from '@zx/domain';
import { createTestApp, type TestApp } from '../../test/setup.ts';
import { createMember, createTree, createUser, type OrgRef, type Tree } from '../../test/factories.ts';
import type { TestClient } from '../../test/client.ts';

/** The vote step held online: the round opens a ballot-engine session of its participants (the paper count: evaluation.test.ts). */

let t: TestApp;
let tree: Tree;
const year = Number(isoToday().slice(0, 4));

/** A member-role account on its own phone (its own address, so many sign-ins stay under the login rate limit). */
let phoneSeq = 0;
async function phoneOf(org: OrgRef, memberId: number): Promise<TestClient> {
  const user = await createUser(t.ctx, [{ role: 'member', org }], { memberId });
  const c = t.client(`10.9.${Math.floor(++phoneSeq / 200)}.${phoneSeq % 200}`);
  expect((await c.login(user.username)).status).toBe(200);
  return c;
}

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
});
afterAll(() => t?.close());

describe('the vote through the ballot engine', () => {
  it('opens an anonymous vote of the participants, counts it at close and needs its quorum', async () => {
    const names = ['甲一', '乙二', '丙三', '丁四', '戊五', '己六', '庚七', '辛八', '壬九'];
    const ms: number[] = [];
    for (const name of names) ms.push((await createMember(t.ctx, tree.gA1x, { name })).id);
    const sec = await t.loginAs('branch_secretary', tree.gA1x);
    const opened = await sec.post('/api/v1/evaluations', { orgId: tree.gA1x.id, year });
    const id = opened.body.id;
    await sec.put(`/api/v1/evaluations/${id}/study`, { heldOn: isoToday(), note: '学习' });
    await sec.post(`/api/v1/evaluations/${id}/advance`, { stage: 'self_assessment' });
    await sec.post(`/api/v1/evaluations/${id}/advance`, { stage: 'peer_review' });
    const vote = await sec.post(`/api/v1/evaluations/${id}/vote`, {});
    expect(vote.status, JSON.stringify(vote.body)).toBe(200);
    expect(vote.body.vote).toMatchObject({ mode: 'ballot', session: { status: 'open', rollSize: 9, votedCount: 0 } });
    const sessionId = vote.body.vote.sessionId;
    expect((await sec.post(`/api/v1/evaluations/${id}/vote/paper`, { present: 9, counts: [] })).body.code).toBe('EVALUATION_VOTE_OPEN');
    const subjects = await t.ctx.db.selectFrom('vote_subject').select(['id', 'member_id']).where('session_id', '=', sessionId).execute();
    expect(subjects).toHaveLength(9);
    const answers = Object.fromEntries(subjects.map((s) => [s.id, s.member_id === ms[0] ? 'excellent' : 'qualified']));
    // 6 of 9 cast: exactly 2/3, not more — no quorum.
    const voters = new Map<number, TestClient>();
    for (const m of ms.slice(0, 7)) voters.set(m, await phoneOf(tree.gA1x, m));
    for (const m of ms.slice(0, 6)) {
      const phone = voters.get(m)!;
      const cast = await phone.post(`/api/v1/votes/sessions/${sessionId}/ballot`, { answers });
      expect(cast.status, JSON.stringify(cast.body)).toBeLessThan(300);
    }
    const failed = await sec.post(`/api/v1/evaluations/${id}/vote/close`);
    expect(failed.status, JSON.stringify(failed.body)).toBe(200);
    expect(failed.body).toMatchObject({ stage: 'voting', vote: { present: 6, quorumMet: false } });
    // A second vote: 7 of 9.
    const second = await sec.post(`/api/v1/evaluations/${id}/vote`, {});
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    const sid2 = second.body.vote.sessionId;
    const subjects2 = await t.ctx.db.selectFrom('vote_subject').select(['id', 'member_id']).where('session_id', '=', sid2).execute();
    const answers2 = Object.fromEntries(subjects2.map((s) => [s.id, s.member_id === ms[0] ? 'excellent' : 'qualified']));
    for (const m of ms.slice(0, 7)) {
      const phone = voters.get(m)!;
      const mine = await phone.get('/api/v1/evaluations/mine');
      expect(mine.body.items[0].vote).toMatchObject({ sessionId: sid2, status: 'open', voted: false });
      expect((await phone.post(`/api/v1/votes/sessions/${sid2}/ballot`, { answers: answers2 })).status).toBeLessThan(300);
    }
    const closed = await sec.post(`/api/v1/evaluations/${id}/vote/close`);
    expect(closed.body).toMatchObject({ stage: 'proposal', vote: { present: 7, quorumMet: true } });
    expect(closed.body.participants.find((p: { memberId: number }) => p.memberId === ms[0])).toMatchObject({
      votes: { excellent: 7, qualified: 0 },
      leading: ['excellent'],
    });
    // The voters are the members graded: the counts per member are the committee's, not theirs.
    expect((await voters.get(ms[1])!.get(`/api/v1/votes/sessions/${sid2}/result`)).status).toBe(404);
    expect((await sec.get(`/api/v1/votes/sessions/${sid2}/result`)).status).toBe(200);
  });
});

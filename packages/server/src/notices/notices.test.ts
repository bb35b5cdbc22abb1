import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedInClient, type TestApp } from '../../test/setup.ts';
import { createMember } from '../../test/factories.ts';
import { createReachWorld, QUIZ, type ReachWorld } from '../../test/reach-world.ts';
import { MEMBERS_AWARE } from './facts.ts';

let t: TestApp;
let w: ReachWorld;
let committee: SignedInClient;
let secretary: SignedInClient;

beforeAll(async () => {
  t = await createTestApp();
  w = await createReachWorld(t);
  committee = await t.loginAs('org_admin', w.tree.cA1);
  secretary = await t.loginAs('branch_secretary', w.tree.bA1a);
});
afterAll(() => t?.close());

const draft = (c: SignedInClient, orgId: number, extra: Record<string, unknown> = {}) =>
  c.post('/api/v1/notices', { campaignId: w.campaignId, orgId, title: '关于开展双争先活动的通知', body: '请全体团员知晓活动安排。', ...extra });
async function sent(c: SignedInClient, orgId: number, extra: Record<string, unknown> = {}) {
  const d = await draft(c, orgId, extra);
  expect(d.status, JSON.stringify(d.body)).toBe(201);
  const s = await c.post(`/api/v1/notices/${d.body.id}/send`);
  expect(s.status, JSON.stringify(s.body)).toBe(200);
  return s.body.id as number;
}
const mineIds = async (c: SignedInClient) => (await c.get('/api/v1/notices/mine')).body.items.map((n: { id: number }) => n.id);

describe('audience', () => {
  it("reaches the active members of the sender's subtree, never a sibling committee's", async () => {
    const a = await w.member(w.tree.bA1a, '高一一班团员');
    const b = await w.member(w.tree.gA1x, '教工团员');
    const outside = await w.member(w.tree.bA2a, '青山社区团员');
    const id = await sent(committee, w.tree.cA1.id);
    expect(await mineIds(a.client)).toContain(id);
    expect(await mineIds(b.client)).toContain(id);
    expect(await mineIds(outside.client)).not.toContain(id);
    expect((await outside.client.get(`/api/v1/notices/mine/${id}`)).status).toBe(404);
    expect((await outside.client.post(`/api/v1/notices/mine/${id}/acknowledge`)).status).toBe(404);
  });

  it('narrows to chosen units below the sender; a foreign unit is refused, the sender itself is no target', async () => {
    const inA = await w.member(w.tree.bA1a);
    const inB = await w.member(w.tree.bA1b);
    const id = await sent(committee, w.tree.cA1.id, { targetOrgIds: [w.tree.bA1a.id] });
    expect(await mineIds(inA.client)).toContain(id);
    expect(await mineIds(inB.client)).not.toContain(id);
    const foreign = await draft(committee, w.tree.cA1.id, { targetOrgIds: [w.tree.bA2a.id] });
    expect([foreign.status, foreign.body.errors[0].field]).toEqual([404, 'targetOrgIds.0']);
    const self = await draft(committee, w.tree.cA1.id, { targetOrgIds: [w.tree.cA1.id] });
    expect([self.status, self.body.errors[0].code]).toEqual([422, 'TARGET_NOT_BELOW_SENDER']);
  });

  it('keeps the audience fixed at sending: a member joining later is not addressed, one transferred out still is', async () => {
    const leaving = await w.member(w.tree.bA1b, '转出团员');
    expect((await draft(secretary, w.tree.bA1b.id)).status).toBe(404);
    const own = await sent(committee, w.tree.cA1.id, { targetOrgIds: [w.tree.bA1b.id] });
    const joiner = await w.member(w.tree.bA1b, '新团员');
    expect(await mineIds(joiner.client)).not.toContain(own);
    const move = await w.city.post(`/api/v1/members/${leaving.id}/transfer`, { toOrgId: w.tree.bB1a.id, reason: '工作调动' });
    expect(move.status, JSON.stringify(move.body)).toBeLessThan(300);
    expect(await mineIds(leaving.client)).toContain(own);
    // Aware after the transfer: counted where the member is now, not where they were addressed.
    const before = { old: await w.figure(w.tree.bA1b.id, MEMBERS_AWARE), now: await w.figure(w.tree.bB1a.id, MEMBERS_AWARE) };
    expect((await leaving.client.post(`/api/v1/notices/mine/${own}/acknowledge`)).status).toBe(200);
    expect((await w.figure(w.tree.bB1a.id, MEMBERS_AWARE)).own).toBe(before.now.own + 1);
    expect((await w.figure(w.tree.bA1b.id, MEMBERS_AWARE)).own).toBe(before.old.own);
  });
});

describe('drafts and sending', () => {
  it('edits a draft and freezes the content once sent', async () => {
    const d = await draft(committee, w.tree.cA1.id);
    const put = await committee.put(`/api/v1/notices/${d.body.id}`, { title: '更正后的标题', body: '正文' });
    expect([put.status, put.body.title]).toEqual([200, '更正后的标题']);
    await committee.post(`/api/v1/notices/${d.body.id}/send`);
    const again = await committee.put(`/api/v1/notices/${d.body.id}`, { title: '再改', body: '正文' });
    expect([again.status, again.body.code]).toEqual([409, 'NOTICE_ALREADY_SENT']);
    expect((await committee.post(`/api/v1/notices/${d.body.id}/send`)).body.code).toBe('NOTICE_ALREADY_SENT');
    expect((await committee.delete(`/api/v1/notices/${d.body.id}`)).status).toBe(409);
    expect((await committee.get(`/api/v1/notices/${d.body.id}`)).body.title).toBe('更正后的标题');
  });

  it('refuses a quiz with one option or a single choice with two answers, field by field, and writes nothing', async () => {
    const count = async () => (await t.ctx.db.selectFrom('notice').select('id').execute()).length;
    const n = await count();
    const res = await draft(committee, w.tree.cA1.id, {
      quiz: {
        questions: [
          { text: '题一', kind: 'single', options: ['甲'], correct: [0] },
          { text: '题二', kind: 'single', options: ['甲', '乙'], correct: [0, 1] },
        ],
        passMark: { kind: 'count', value: 1 },
      },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`)).toEqual([
      'quiz.questions.0.options:QUIZ_OPTIONS',
      'quiz.questions.1.correct:QUIZ_CORRECT',
    ]);
    expect(res.body.errors[0].messages.en).toContain('options');
    expect(await count()).toBe(n);
  });
});

describe('reading, acknowledging and 知晓率', () => {
  it('records the first read, acknowledges once, and counts the member aware exactly once', async () => {
    const m = await w.member(w.tree.gA1x);
    const id = await sent(committee, w.tree.cA1.id, { targetOrgIds: [w.tree.gA1x.id] });
    const base = await w.figure(w.tree.gA1x.id, MEMBERS_AWARE);
    const open = await m.client.get(`/api/v1/notices/mine/${id}`);
    expect([open.status, open.body.read, open.body.acknowledged]).toEqual([200, true, false]);
    const first = await m.client.post(`/api/v1/notices/mine/${id}/acknowledge`);
    const second = await m.client.post(`/api/v1/notices/mine/${id}/acknowledge`);
    expect(second.body.acknowledgedAt).toBe(first.body.acknowledgedAt);
    expect(await w.figure(w.tree.gA1x.id, MEMBERS_AWARE)).toEqual({ own: base.own + 1, subtree: base.subtree + 1 });
    // A second notice acknowledged does not count the member twice in the campaign.
    const id2 = await sent(committee, w.tree.cA1.id, { targetOrgIds: [w.tree.gA1x.id] });
    await m.client.post(`/api/v1/notices/mine/${id2}/acknowledge`);
    expect((await w.figure(w.tree.gA1x.id, MEMBERS_AWARE)).own).toBe(base.own + 1);
    const receipts = (await committee.get(`/api/v1/notices/${id}/receipts`)).body;
    expect(receipts.totals).toMatchObject({ read: 1, acknowledged: 1, aware: 1 });
    expect(receipts.units.find((u: { orgId: number }) => u.orgId === w.tree.gA1.id)).toMatchObject({ aware: 1 });
  });

  it('lets nobody acknowledge for a member: a cadre account without a member reaches no notice of theirs', async () => {
    const m = await w.member(w.tree.bA1a);
    const id = await sent(committee, w.tree.cA1.id, { targetOrgIds: [w.tree.bA1a.id] });
    expect((await committee.post(`/api/v1/notices/mine/${id}/acknowledge`)).status).toBe(404);
    expect((await secretary.post(`/api/v1/notices/mine/${id}/acknowledge`)).status).toBe(404);
    expect(
      (await t.ctx.db.selectFrom('notice_recipient').select('acknowledged_at').where('notice_id', '=', id).where('member_id', '=', m.id).executeTakeFirst())
        ?.acknowledged_at,
    ).toBeNull();
  });
});

describe('the quiz', () => {
  it('never sends the correct options before the member passes, counts exact sets only, and passing makes them aware', async () => {
    const m = await w.member(w.tree.bA1b, '答题团员');
    const id = await sent(committee, w.tree.cA1.id, { targetOrgIds: [w.tree.bA1b.id], quiz: QUIZ, maxAttempts: 3 });
    const base = await w.figure(w.tree.bA1b.id, MEMBERS_AWARE);
    const open = await m.client.get(`/api/v1/notices/mine/${id}`);
    expect(JSON.stringify(open.body)).not.toContain('correct');
    expect(open.body.quiz.review).toBeNull();
    expect((await m.client.post(`/api/v1/notices/mine/${id}/acknowledge`)).body.code).toBe('QUIZ_REQUIRED');

    const partial = await m.client.post(`/api/v1/notices/mine/${id}/answers`, { answers: { '0': [0], '1': [0] } });
    expect([partial.status, partial.body.score, partial.body.passed, partial.body.attemptsLeft]).toEqual([200, 1, false, 2]);
    expect(JSON.stringify(partial.body)).not.toContain('correct');
    const tooMany = await m.client.post(`/api/v1/notices/mine/${id}/answers`, { answers: { '0': [0], '1': [0, 1, 2] } });
    expect([tooMany.body.score, tooMany.body.passed]).toEqual([1, false]);
    expect(await w.figure(w.tree.bA1b.id, MEMBERS_AWARE)).toEqual(base);

    const pass = await m.client.post(`/api/v1/notices/mine/${id}/answers`, { answers: { '0': [0], '1': [1, 0] } });
    expect([pass.body.score, pass.body.passed, pass.body.notice.aware]).toEqual([2, true, true]);
    expect(pass.body.notice.quiz.review).toEqual([{ correct: [0] }, { correct: [0, 1] }]);
    expect((await w.figure(w.tree.bA1b.id, MEMBERS_AWARE)).own).toBe(base.own + 1);
    expect((await m.client.post(`/api/v1/notices/mine/${id}/answers`, { answers: {} })).body.code).toBe('QUIZ_ALREADY_PASSED');
  });

  it('stops at the attempt limit and then shows the answers', async () => {
    const m = await w.member(w.tree.bA1b, '限次团员');
    const id = await sent(committee, w.tree.cA1.id, { targetOrgIds: [w.tree.bA1b.id], quiz: QUIZ, maxAttempts: 1 });
    const wrong = await m.client.post(`/api/v1/notices/mine/${id}/answers`, { answers: { '0': [1] } });
    expect([wrong.body.passed, wrong.body.attemptsLeft]).toEqual([false, 0]);
    expect(wrong.body.notice.quiz.review).not.toBeNull();
    const again = await m.client.post(`/api/v1/notices/mine/${id}/answers`, { answers: { '0': [0], '1': [0, 1] } });
    expect([again.status, again.body.code]).toEqual([409, 'QUIZ_NO_ATTEMPTS_LEFT']);
  });

  it("keeps a member's answers from other members and from the receipts", async () => {
    const id = await sent(committee, w.tree.cA1.id, { targetOrgIds: [w.tree.bA1b.id], quiz: QUIZ });
    const receipts = await committee.get(`/api/v1/notices/${id}/receipts`);
    expect(JSON.stringify(receipts.body)).not.toContain('answers');
  });
});

describe('receipts and the members who have not yet', () => {
  it("names the not-yet members to the branch's own cadres only", async () => {
    const a = await w.member(w.tree.bA1a, '已读团员');
    await w.member(w.tree.bA1a, '未读团员');
    const id = await sent(secretary, w.tree.bA1a.id);
    await a.client.post(`/api/v1/notices/mine/${id}/acknowledge`);
    const mine = (await secretary.get(`/api/v1/notices/${id}/receipts`)).body;
    expect(mine.notYet.map((x: { name: string }) => x.name)).toContain('未读团员');
    expect(mine.notYet.map((x: { name: string }) => x.name)).not.toContain('已读团员');
    const above = (await committee.get(`/api/v1/notices/${id}/receipts`)).body;
    expect([above.notYet, above.totals.aware]).toEqual([null, mine.totals.aware]);

    const missing = await secretary.get(`/api/v1/campaigns/${w.campaignId}/dashboard/members?orgId=${w.tree.bA1a.id}&figure=aware&state=missing&pageSize=200`);
    expect(missing.status).toBe(200);
    expect(missing.body.items.map((x: { name: string }) => x.name)).toContain('未读团员');
    expect(missing.body.items.map((x: { name: string }) => x.name)).not.toContain('已读团员');
    const dashboard = (await secretary.get(`/api/v1/campaigns/${w.campaignId}/dashboard?orgId=${w.tree.bA1a.id}`)).body;
    expect(dashboard.awareness.aware).toBe(dashboard.awareness.members - missing.body.total);
    expect((await committee.get(`/api/v1/campaigns/${w.campaignId}/dashboard/members?orgId=${w.tree.bA1a.id}&figure=aware`)).status).toBe(403);
  });

  it('counts a member who left the League out of the figure', async () => {
    const m = await createMember(t.ctx, w.tree.bA2a, { name: '离团团员' });
    const client = await t.loginAs('member', w.tree.bA2a, { memberId: m.id });
    const cA2 = await t.loginAs('org_admin', w.tree.cA2);
    const id = await sent(cA2, w.tree.cA2.id);
    await client.post(`/api/v1/notices/mine/${id}/acknowledge`);
    const with1 = (await w.figure(w.tree.bA2a.id, MEMBERS_AWARE)).own;
    expect((await w.city.patch(`/api/v1/members/${m.id}`, { status: 'left' })).status).toBeLessThan(300);
    expect((await w.figure(w.tree.bA2a.id, MEMBERS_AWARE)).own).toBe(with1 - 1);
  });
});

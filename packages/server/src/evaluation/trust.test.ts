import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_EVALUATION_SETTINGS, addCalendarMonths, isoToday } from '@zx/domain';
import { createTestApp, type TestApp } from '../../test/setup.ts';
import { createMember, createTree, type OrgRef, type Tree } from '../../test/factories.ts';
import type { TestClient } from '../../test/client.ts';
import { kindsOf, person } from '../../test/notice-probe.ts';
import { runReminders } from '../jobs/reminders.ts';
import { writeSetting } from '../settings/store.ts';

/**
 * Issue 11 in the member evaluation: every notice reaches exactly its audience — a plain member
 * of the branch sees that the evaluation opened, never that a peer was graded 不合格 — and the
 * anonymity floors hold (quorum more than 2/3, no per-member counts under 5 ballots).
 */
let t: TestApp;
let tree: Tree;
const year = Number(isoToday().slice(0, 4));
let secretary: TestClient;
let committee: TestClient;
let city: TestClient;
let cityUser = 0;
let graded: { client: TestClient; memberId: number | null };
let peer: { client: TestClient; memberId: number | null };
let sibling: TestClient;
let committeeMember: TestClient;
let roundId = 0;
const members: number[] = [];

const codes = (body: { errors?: { field: string; code: string }[] }) => (body.errors ?? []).map((e) => `${e.field}:${e.code}`);

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  secretary = (await person(t, 'branch_secretary', tree.bA1a)).client;
  committee = (await person(t, 'org_admin', tree.cA1)).client;
  const c = await person(t, 'org_admin', tree.city);
  city = c.client;
  cityUser = c.userId;
  graded = await person(t, 'member', tree.bA1a, { name: '冯十' });
  peer = await person(t, 'member', tree.bA1a, { name: '王一' });
  sibling = (await person(t, 'member', tree.bA1b, { name: '隔壁团员' })).client;
  committeeMember = (await person(t, 'member', tree.cA1, { name: '团委团员' })).client;
  for (const name of ['李二', '张三', '赵四', '钱五']) await createMember(t.ctx, tree.bA1a, { name });
});
afterAll(() => t?.close());

describe('evaluation notices (issue 11)', () => {
  it("evaluation_opened and evaluation_step: every member of the branch — not another branch's", async () => {
    const opened = await secretary.post('/api/v1/evaluations', { orgId: tree.bA1a.id, year });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    roundId = opened.body.id;
    members.push(
      ...(await t.ctx.db.selectFrom('member_evaluation_participant').select('member_id').where('evaluation_id', '=', roundId).execute()).map(
        (p) => p.member_id,
      ),
    );
    expect(members).toHaveLength(6);
    for (const c of [peer.client, graded.client]) expect(await kindsOf(c)).toContain('evaluation_opened');
    for (const c of [sibling, committeeMember]) expect(await kindsOf(c)).not.toContain('evaluation_opened');
    expect((await secretary.put(`/api/v1/evaluations/${roundId}/study`, { heldOn: isoToday(), note: '学习团章' })).status).toBe(200);
    expect((await secretary.post(`/api/v1/evaluations/${roundId}/advance`, { stage: 'self_assessment' })).status).toBe(200);
    expect((await secretary.post(`/api/v1/evaluations/${roundId}/advance`, { stage: 'peer_review' })).status).toBe(200);
    expect(await kindsOf(peer.client)).toContain('evaluation_step');
    expect(await kindsOf(sibling)).not.toContain('evaluation_step');
  });

  it('answers the pages a participant opens with 200, without the grade counts of the others', async () => {
    for (const url of [
      '/api/v1/evaluations/mine',
      '/api/v1/evaluations/settings',
      `/api/v1/evaluations/${roundId}`,
      `/api/v1/evaluations/history/${peer.memberId}`,
    ]) {
      expect((await peer.client.get(url)).status, url).toBe(200);
    }
    const view = (await peer.client.get(`/api/v1/evaluations/${roundId}`)).body;
    expect(view.full).toBe(false);
    expect(view.figures).not.toHaveProperty('byGrade');
    expect(view.figures).not.toHaveProperty('excellent');
    expect((await peer.client.get('/api/v1/evaluations')).status).toBe(403);
    expect((await sibling.get(`/api/v1/evaluations/${roundId}`)).status).toBe(404);
  });

  it('evaluation_submitted, _returned and _approved: the level above that approves, then the branch committee — no plain member', async () => {
    const counts = members.map((id) => (id === graded.memberId ? { memberId: id, unqualified: 5 } : { memberId: id, qualified: 5 }));
    const paper = await secretary.post(`/api/v1/evaluations/${roundId}/vote/paper`, { present: 5, counts });
    expect(paper.status, JSON.stringify(paper.body)).toBe(200);
    const grades = members.map((id) => ({ memberId: id, grade: id === graded.memberId ? 'unqualified' : 'qualified', reason: null }));
    expect((await secretary.post(`/api/v1/evaluations/${roundId}/submit`, { grades })).status).toBe(200);
    expect(await kindsOf(committee)).toContain('evaluation_submitted');
    for (const c of [committeeMember, secretary, peer.client, graded.client]) expect(await kindsOf(c)).not.toContain('evaluation_submitted');
    expect((await committee.post(`/api/v1/evaluations/${roundId}/review`, { decision: 'return', comment: '请写明不合格的事实' })).status).toBe(200);
    expect(await kindsOf(secretary)).toContain('evaluation_returned');
    for (const c of [peer.client, graded.client]) expect(await kindsOf(c)).not.toContain('evaluation_returned');
    // Nor does the round's page show a participant the comment (it names members and grades); the committee reads it.
    for (const c of [peer.client, graded.client]) {
      const seen = (await c.get(`/api/v1/evaluations/${roundId}`)).body;
      expect(seen.review.returnComment).toBeNull();
      expect(JSON.stringify(seen)).not.toContain('请写明不合格的事实');
    }
    expect((await secretary.get(`/api/v1/evaluations/${roundId}`)).body.review.returnComment).toBe('请写明不合格的事实');
    expect((await secretary.post(`/api/v1/evaluations/${roundId}/submit`, {})).status).toBe(200);
    expect((await committee.post(`/api/v1/evaluations/${roundId}/review`, { decision: 'approve' })).status).toBe(200);
    expect(await kindsOf(secretary)).toContain('evaluation_approved');
    for (const c of [peer.client, graded.client]) expect(await kindsOf(c)).not.toContain('evaluation_approved');
  });

  it('evaluation_reevaluation_due names a member graded 不合格: the committee only — not a peer, not the member, not the level above', async () => {
    const approvedOn = addCalendarMonths(isoToday(), -4);
    await t.ctx.db
      .updateTable('member_evaluation')
      .set({ decided_at: `${approvedOn}T02:00:00.000Z` })
      .where('id', '=', roundId)
      .execute();
    await t.ctx.db
      .updateTable('member_evaluation_participant')
      .set({ reevaluation_due_on: addCalendarMonths(approvedOn, 3) })
      .where('evaluation_id', '=', roundId)
      .where('member_id', '=', graded.memberId!)
      .execute();
    await runReminders(t.ctx);
    expect(await kindsOf(secretary)).toContain('evaluation_reevaluation_due');
    for (const c of [peer.client, graded.client, sibling, committee, committeeMember]) expect(await kindsOf(c)).not.toContain('evaluation_reevaluation_due');
    // The grade itself is the graded member's own business, and a peer's history is out of reach.
    expect((await graded.client.get('/api/v1/evaluations/mine')).body.items[0]).toMatchObject({ finalGrade: 'unqualified' });
    expect((await peer.client.get(`/api/v1/evaluations/history/${graded.memberId}`)).status).toBe(404);
  });
});

describe('the quorum floor of the member evaluation is a rule (issue 11)', () => {
  it('refuses settings at or below 2/3 with 422 on the quorum field, and changes nothing', async () => {
    const before = (await city.get('/api/v1/evaluations/settings')).body;
    for (const quorum of [
      { num: 1, den: 2, strict: true },
      { num: 2, den: 3, strict: false },
      { num: 13, den: 20, strict: true },
    ]) {
      const res = await city.put('/api/v1/evaluations/settings', { ...before.settings, quorum });
      expect(res.status, JSON.stringify(quorum)).toBe(422);
      expect(codes(res.body)).toEqual(['quorum:EVALUATION_QUORUM_BELOW_FLOOR']);
      expect(res.body.errors[0].messages).toMatchObject({ zh: expect.stringContaining('2/3'), en: expect.stringContaining('2/3') });
    }
    // No quorum at all is not even a valid fraction.
    const none = await city.put('/api/v1/evaluations/settings', { ...before.settings, quorum: { num: 0, den: 3, strict: true } });
    expect([none.status, codes(none.body)]).toEqual([422, ['quorum:EVALUATION_QUORUM_INVALID']]);
    expect((await city.get('/api/v1/evaluations/settings')).body).toEqual(before);
    expect((await city.put('/api/v1/evaluations/settings', { ...before.settings, quorum: { num: 3, den: 4, strict: false } })).status).toBe(200);
    expect((await city.put('/api/v1/evaluations/settings', before.settings)).status).toBe(200);
  });

  it('raises a quorum stored below the floor: the settings read, a round opened with them, and a round stored with it', async () => {
    await writeSetting(t.ctx.db, 'evaluation', { ...DEFAULT_EVALUATION_SETTINGS, quorum: { num: 1, den: 10, strict: false } }, cityUser);
    expect((await city.get('/api/v1/evaluations/settings')).body.settings.quorum).toEqual({ num: 2, den: 3, strict: true });
    const org = await branchWith(tree.gA1x, 6);
    const sec = (await person(t, 'branch_secretary', org)).client;
    const opened = await sec.post('/api/v1/evaluations', { orgId: org.id, year });
    expect(opened.body.settings.quorum).toEqual({ num: 2, den: 3, strict: true });
    await writeSetting(t.ctx.db, 'evaluation', DEFAULT_EVALUATION_SETTINGS, cityUser);
    // A round whose frozen settings hold no quorum at all (stored by hand): 3 of 6 present is refused.
    await t.ctx.db
      .updateTable('member_evaluation')
      .set({ settings: JSON.stringify({ ...DEFAULT_EVALUATION_SETTINGS, quorum: { num: 0, den: 3, strict: false } }) })
      .where('id', '=', opened.body.id)
      .execute();
    expect((await sec.get(`/api/v1/evaluations/${opened.body.id}`)).body.settings.quorum).toEqual({ num: 2, den: 3, strict: true });
    await toPeerReview(sec, opened.body.id);
    const ids = (await t.ctx.db.selectFrom('member_evaluation_participant').select('member_id').where('evaluation_id', '=', opened.body.id).execute()).map(
      (p) => p.member_id,
    );
    const res = await sec.post(`/api/v1/evaluations/${opened.body.id}/vote/paper`, { present: 3, counts: ids.map((memberId) => ({ memberId, qualified: 3 })) });
    expect(res.status).toBe(422);
    expect(codes(res.body)).toContain('present:EVALUATION_QUORUM_NOT_MET');
  });
});

describe('no per-member count is kept or shown under 5 ballots (issue 11)', () => {
  let small = 0;
  let ids: number[] = [];
  let sec: TestClient;

  it('keeps no counts of a paper vote with 4 present: every grade then needs its reason', async () => {
    const org = await branchWith(tree.bA2a, 4);
    sec = (await person(t, 'org_admin', tree.cA2)).client;
    small = (await sec.post('/api/v1/evaluations', { orgId: org.id, year })).body.id;
    await toPeerReview(sec, small);
    ids = (await t.ctx.db.selectFrom('member_evaluation_participant').select('member_id').where('evaluation_id', '=', small).execute()).map((p) => p.member_id);
    // An online vote of 4 could never report without exposing its voters: refused, the paper count is the way.
    const online = await sec.post(`/api/v1/evaluations/${small}/vote`, { closesAt: null });
    expect(online.status).toBe(422);
    expect(codes(online.body)).toEqual(['mode:EVALUATION_TOO_FEW_FOR_ONLINE_VOTE']);
    expect(await t.ctx.db.selectFrom('vote_session').select('id').where('ref_id', '=', small).execute()).toEqual([]);
    const res = await sec.post(`/api/v1/evaluations/${small}/vote/paper`, {
      present: 4,
      counts: ids.map((memberId, i) => ({ memberId, qualified: i === 0 ? 3 : 4, unqualified: i === 0 ? 1 : 0 })),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ stage: 'proposal', vote: { mode: 'paper', present: 4, quorumMet: true } });
    expect(res.body.participants.every((p: { votes: unknown; leading: unknown[] }) => p.votes === null && p.leading.length === 0)).toBe(true);
    expect(
      (await t.ctx.db.selectFrom('member_evaluation_participant').select('votes').where('evaluation_id', '=', small).execute()).every((p) => p.votes === null),
    ).toBe(true);
    const noReason = await sec.put(`/api/v1/evaluations/${small}/proposal`, { grades: [{ memberId: ids[0], grade: 'qualified', reason: null }] });
    expect(codes(noReason.body)).toEqual(['grades.0.reason:EVALUATION_OVERRIDE_REASON_REQUIRED']);
  });

  it("shows none of the counts stored earlier from fewer than 5 ballots, in the round or in a member's history", async () => {
    await t.ctx.db
      .updateTable('member_evaluation_participant')
      .set({ votes: JSON.stringify({ qualified: 3, unqualified: 1 }) })
      .where('evaluation_id', '=', small)
      .execute();
    const view = (await sec.get(`/api/v1/evaluations/${small}`)).body;
    expect(view.participants.every((p: { votes: unknown }) => p.votes === null)).toBe(true);
    const grades = ids.map((memberId) => ({ memberId, grade: 'qualified', reason: '综合平时表现评定' }));
    expect((await sec.post(`/api/v1/evaluations/${small}/submit`, { grades })).status).toBe(200);
    const approver = (await person(t, 'org_admin', tree.dA)).client;
    expect((await approver.post(`/api/v1/evaluations/${small}/review`, { decision: 'approve' })).status).toBe(200);
    const history = (await sec.get(`/api/v1/evaluations/history/${ids[0]}`)).body;
    expect(history.evaluations[0]).toMatchObject({ grade: 'qualified', votes: null });
  });
});

/** A fresh branch under `parent` with `n` active members. */
async function branchWith(parent: OrgRef, n: number): Promise<OrgRef> {
  for (let i = 0; i < n; i++) await createMember(t.ctx, parent, { name: `成员${i}` });
  return parent;
}

async function toPeerReview(c: TestClient, id: number) {
  expect((await c.put(`/api/v1/evaluations/${id}/study`, { heldOn: isoToday(), note: '学习' })).status).toBe(200);
  expect((await c.post(`/api/v1/evaluations/${id}/advance`, { stage: 'self_assessment' })).status).toBe(200);
  expect((await c.post(`/api/v1/evaluations/${id}/advance`, { stage: 'peer_review' })).status).toBe(200);
}

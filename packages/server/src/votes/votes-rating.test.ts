import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedInClient, TestApp } from '../../test/setup.ts';
import { createMember, type Tree } from '../../test/factories.ts';
import type { TestClient } from '../../test/client.ts';
import { boxOf, rollOf, votersAt } from '../../test/vote-fixtures.ts';
import { answersFor, ratingSessionAt, setUpVoteWorld } from '../../test/vote-world.ts';
import { isRepresentative } from './representatives.ts';

/**
 * The representatives of a branch, and one cadre rating session from draft to result: the roll
 * frozen at opening, one ballot per representative, the result sealed until close. The rules
 * through the API are in votes-rules.test.ts, the engine as other areas call it in votes-engine.test.ts.
 */
let t: TestApp;
let tree: Tree;
let committee: SignedInClient; // org admin at cA1, the level above the branch bA1a
let secretary: TestClient; // branch secretary at bA1a
let reps: { memberId: number; client: TestClient }[];
let outsider: TestClient; // a member of bA1a who is not a representative
let secretaryCadre = 0;
let deputyCadre = 0;
let newCadre = 0;

beforeAll(async () => {
  ({ t, tree, committee, secretary, reps, outsider, secretaryCadre, deputyCadre, newCadre } = await setUpVoteWorld());
});
afterAll(() => t?.close());

const ratingSession = (body: Record<string, unknown> = {}) => ratingSessionAt(secretary, tree.bA1a, body);

describe('representatives', () => {
  it('lists the representatives picked from the roster, and tells other areas who they are', async () => {
    const res = await secretary.get(`/api/v1/votes/representatives?orgId=${tree.bA1a.id}`);
    expect(res.body.items.map((r: { memberId: number }) => r.memberId).sort()).toEqual(reps.map((r) => r.memberId).sort());
    expect(await isRepresentative(t.ctx.db, tree.bA1a.id, reps[0].memberId)).toBe(true);
    expect(await isRepresentative(t.ctx.db, tree.bA1b.id, reps[0].memberId)).toBe(false);
    expect(await isRepresentative(t.ctx.db, tree.bA1a.id, secretaryCadre)).toBe(false);
  });

  it('refuses a member from outside the organization, field by field, and writes nothing', async () => {
    const stranger = await createMember(t.ctx, tree.bA1b);
    const before = await t.ctx.db.selectFrom('org_representative').selectAll().execute();
    // Outside the secretary's scope: the id is refused like any foreign id (404 on its position).
    const foreign = await secretary.put('/api/v1/votes/representatives', { orgId: tree.bA1a.id, memberIds: [reps[0].memberId, stranger.id] });
    expect(foreign.status).toBe(404);
    expect(foreign.body.errors).toEqual([expect.objectContaining({ field: 'memberIds.1', code: 'NOT_FOUND' })]);
    // In the committee's scope, but not of the branch: the rule answers on its field.
    const res = await committee.put('/api/v1/votes/representatives', { orgId: tree.bA1a.id, memberIds: [reps[0].memberId, stranger.id] });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'memberIds.1', code: 'REPRESENTATIVE_NOT_IN_ORG' })]);
    expect(await t.ctx.db.selectFrom('org_representative').selectAll().execute()).toEqual(before);
  });

  it('needs vote.manage: a member-role account is refused', async () => {
    expect((await reps[0].client.get(`/api/v1/votes/representatives?orgId=${tree.bA1a.id}`)).status).toBe(403);
  });
});

describe('a cadre rating session', () => {
  let s: Awaited<ReturnType<typeof ratingSession>>;

  it('lists the cadres by position and exempts the one under 3 months in post (unknown start is not exempt)', async () => {
    const preview = await secretary.get(`/api/v1/votes/cadre-preview?orgId=${tree.bA1a.id}`);
    expect(preview.body.cadres.map((c: { memberId: number; exempt: boolean }) => [c.memberId, c.exempt])).toEqual([
      [secretaryCadre, false],
      [deputyCadre, false],
      [newCadre, true],
    ]);
    expect(preview.body.roll).toHaveLength(6);
    s = await ratingSession({ closesAt: new Date(Date.now() + 86_400_000).toISOString() });
    expect(s.subjects.map((x) => [x.memberId, x.exempt])).toEqual([
      [secretaryCadre, false],
      [deputyCadre, false],
      [newCadre, true],
    ]);
  });

  it('shows no ballot before it opens, then freezes the roll at opening', async () => {
    expect((await reps[0].client.get(`/api/v1/votes/sessions/${s.id}/ballot`)).status).toBe(404);
    const opened = await secretary.post(`/api/v1/votes/sessions/${s.id}/open`);
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ status: 'open', rollSize: 6 });
    // One notice per person on the (now frozen) roll, nobody else.
    const notice = await t.ctx.db
      .selectFrom('notification')
      .select(['member_id', 'audience', 'link'])
      .where('kind', '=', 'vote_opened')
      .orderBy('member_id')
      .execute();
    expect(notice).toEqual(
      reps
        .map((r) => r.memberId)
        .sort((a, b) => a - b)
        .map((m) => ({ member_id: m, audience: 'member', link: `/votes/ballot/${s.id}` })),
    );
    // A representative added after opening is not on this roll.
    const late = (await votersAt(t, tree.bA1a, 1, 200))[0];
    await secretary.put('/api/v1/votes/representatives', { orgId: tree.bA1a.id, memberIds: [...reps.map((r) => r.memberId), late.memberId] });
    expect((await rollOf(t, s.id)).length).toBe(6);
    expect((await late.client.get(`/api/v1/votes/sessions/${s.id}/ballot`)).status).toBe(404);
    await secretary.put('/api/v1/votes/representatives', { orgId: tree.bA1a.id, memberIds: reps.map((r) => r.memberId) });
  });

  it('gives a representative the ballot without the exempt cadre, and lists it under 我的投票', async () => {
    const b = await reps[0].client.get(`/api/v1/votes/sessions/${s.id}/ballot`);
    expect(b.status).toBe(200);
    expect(b.body.subjects.map((x: { memberId: number }) => x.memberId)).toEqual([secretaryCadre, deputyCadre]);
    expect(b.body.exempt.map((x: { memberId?: number; label: string }) => x.label)).toEqual(['王委员']);
    expect(b.body.voted).toBe(false);
    expect(b.body.scale.options.map((o: { zh: string }) => o.zh)).toEqual(['满意', '基本满意', '不满意']);
    const mine = await reps[0].client.get('/api/v1/votes/mine');
    expect(mine.body).toEqual([expect.objectContaining({ id: s.id, status: 'open', voted: false })]);
  });

  it('refuses an incomplete ballot and an answer for the exempt cadre, writing nothing', async () => {
    const [a, b] = s.subjects;
    const missing = await reps[0].client.post(`/api/v1/votes/sessions/${s.id}/ballot`, { answers: { [a.id]: 'satisfied' } });
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: `answers.${b.id}`, code: 'ANSWER_MISSING' })]);
    const exempt = await reps[0].client.post(`/api/v1/votes/sessions/${s.id}/ballot`, {
      answers: { [a.id]: 'satisfied', [b.id]: 'basic', [s.subjects[2].id]: 'satisfied' },
    });
    expect(exempt.body.errors[0].code).toBe('SUBJECT_NOT_ON_BALLOT');
    expect(await boxOf(t, s.id)).toHaveLength(0);
    expect((await rollOf(t, s.id)).every((r) => r.voted === 0)).toBe(true);
  });

  it('takes one ballot per representative: a repeat is refused with 409 and writes nothing', async () => {
    const ballot = (await reps[0].client.get(`/api/v1/votes/sessions/${s.id}/ballot`)).body;
    expect((await reps[0].client.post(`/api/v1/votes/sessions/${s.id}/ballot`, answersFor(ballot, 'satisfied'))).status).toBe(200);
    const again = await reps[0].client.post(`/api/v1/votes/sessions/${s.id}/ballot`, answersFor(ballot, 'dissatisfied'));
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ALREADY_VOTED');
    expect(await boxOf(t, s.id)).toHaveLength(1);
    expect((await reps[0].client.get(`/api/v1/votes/sessions/${s.id}/ballot`)).body.voted).toBe(true);
  });

  it('refuses an account that is not on the roll as if the session did not exist', async () => {
    const ballot = (await reps[0].client.get(`/api/v1/votes/sessions/${s.id}/ballot`)).body;
    expect((await outsider.post(`/api/v1/votes/sessions/${s.id}/ballot`, answersFor(ballot, 'satisfied'))).status).toBe(404);
    expect((await outsider.get(`/api/v1/votes/sessions/${s.id}/result`)).status).toBe(404);
    // The secretary manages the session but is not a representative.
    const notOnRoll = await secretary.post(`/api/v1/votes/sessions/${s.id}/ballot`, answersFor(ballot, 'satisfied'));
    expect([403, 404]).toContain(notOnRoll.status);
    expect(await boxOf(t, s.id)).toHaveLength(1);
  });

  it('keeps the result sealed until close, and stores nothing tallied before it', async () => {
    for (const c of [secretary, reps[0].client]) {
      const res = await c.get(`/api/v1/votes/sessions/${s.id}/result`);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('RESULTS_SEALED');
    }
    const row = await t.ctx.db.selectFrom('vote_session').select(['result', 'ballot_count']).where('id', '=', s.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ result: null, ballot_count: null });
    expect((await secretary.get(`/api/v1/votes/sessions/${s.id}`)).body.votedCount).toBe(1);
  });

  it('reports counts, satisfaction, scores and follow-up flags after close', async () => {
    const ballot = (await reps[1].client.get(`/api/v1/votes/sessions/${s.id}/ballot`)).body;
    const [a, b] = ballot.subjects.map((x: { id: number }) => x.id);
    // Secretary: 5 satisfied + 1 basic; deputy: 2 satisfied, 4 dissatisfied (rate 33 %: flagged).
    const plan = [
      ['satisfied', 'satisfied'],
      ['satisfied', 'dissatisfied'],
      ['satisfied', 'dissatisfied'],
      ['basic', 'dissatisfied'],
      ['satisfied', 'dissatisfied'],
    ];
    for (let i = 0; i < plan.length; i++) {
      const res = await reps[i + 1].client.post(`/api/v1/votes/sessions/${s.id}/ballot`, { answers: { [a]: plan[i][0], [b]: plan[i][1] } });
      expect(res.status).toBe(200);
    }
    const closed = await secretary.post(`/api/v1/votes/sessions/${s.id}/close`);
    expect(closed.body.status).toBe('closed');
    const r = (await secretary.get(`/api/v1/votes/sessions/${s.id}/result`)).body;
    expect(r).toMatchObject({ rollSize: 6, ballots: 6, turnout: 1, withheld: null, quorum: { num: 2, den: 3, strict: false, met: true } });
    expect(r.subjects[0]).toMatchObject({
      memberId: secretaryCadre,
      counts: { satisfied: 5, basic: 1, dissatisfied: 0 },
      satisfactionRate: 1,
      score: 93.3,
      flagged: false,
    });
    expect(r.subjects[1]).toMatchObject({
      memberId: deputyCadre,
      counts: { satisfied: 2, basic: 0, dissatisfied: 4 },
      satisfactionRate: 0.3333,
      flagged: true,
    });
    expect(r.subjects[2]).toMatchObject({ memberId: newCadre, exempt: true, counts: {}, score: null });
    // The voters see the announced result too.
    expect((await reps[3].client.get(`/api/v1/votes/sessions/${s.id}/result`)).status).toBe(200);
    const late = await reps[0].client.post(`/api/v1/votes/sessions/${s.id}/ballot`, answersFor(ballot, 'satisfied'));
    expect(late.body.code).toBe('SESSION_CLOSED');
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_type', '=', 'vote_session')
      .where('target_id', '=', String(s.id))
      .execute();
    expect(audit.map((x) => x.action)).toEqual(expect.arrayContaining(['vote.create', 'vote.open', 'vote.close', 'vote.cast']));
  });
});

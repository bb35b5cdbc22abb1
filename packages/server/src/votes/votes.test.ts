import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedInClient, type TestApp } from '../../test/setup.ts';
import { createMember, createTree, type Tree } from '../../test/factories.ts';
import type { TestClient } from '../../test/client.ts';
import { boxOf, cadreAt, daysAgo, rollOf, votersAt } from '../../test/vote-fixtures.ts';
import { closeSession, createSession, openSession, sessionResult, sessionSummary } from './engine.ts';
import { isRepresentative } from './representatives.ts';
import { runVoteSchedule } from './service.ts';

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
  t = await createTestApp();
  tree = await createTree(t.ctx);
  committee = await t.loginAs('org_admin', tree.cA1);
  secretary = await t.loginAs('branch_secretary', tree.bA1a);
  secretaryCadre = await cadreAt(t, tree.bA1a, '张书记', 'secretary', null);
  deputyCadre = await cadreAt(t, tree.bA1a, '李副书记', 'deputy_secretary', daysAgo(400));
  newCadre = await cadreAt(t, tree.bA1a, '王委员', 'organization_member', daysAgo(30));
  reps = await votersAt(t, tree.bA1a, 6);
  const o = (await votersAt(t, tree.bA1a, 1, 100))[0];
  outsider = o.client;
  expect((await secretary.put('/api/v1/votes/representatives', { orgId: tree.bA1a.id, memberIds: reps.map((r) => r.memberId) })).status).toBe(200);
});
afterAll(() => t?.close());

const answersFor = (ballot: { subjects: { id: number }[] }, key: string) => ({ answers: Object.fromEntries(ballot.subjects.map((s) => [s.id, key])) });

async function ratingSession(body: Record<string, unknown> = {}) {
  const res = await secretary.post('/api/v1/votes/sessions', { orgId: tree.bA1a.id, ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number; subjects: { id: number; memberId: number; exempt: boolean; label: string }[] };
}

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

describe('rules through the API', () => {
  async function openRating(body: Record<string, unknown> = {}) {
    const s = await ratingSession(body);
    expect((await secretary.post(`/api/v1/votes/sessions/${s.id}/open`)).status).toBe(200);
    return s;
  }
  async function vote(id: number, voters: typeof reps, key: string | ((i: number) => string)) {
    for (let i = 0; i < voters.length; i++) {
      const ballot = (await voters[i].client.get(`/api/v1/votes/sessions/${id}/ballot`)).body;
      expect((await voters[i].client.post(`/api/v1/votes/sessions/${id}/ballot`, answersFor(ballot, typeof key === 'string' ? key : key(i)))).status).toBe(200);
    }
  }

  it('withholds the result when fewer than 2/3 of the roll voted (3 of 6), and publishes at exactly 2/3 (6 of 9)', async () => {
    const a = await openRating();
    await vote(a.id, reps.slice(0, 3), 'satisfied');
    await secretary.post(`/api/v1/votes/sessions/${a.id}/close`);
    const r = (await secretary.get(`/api/v1/votes/sessions/${a.id}/result`)).body;
    expect(r.withheld.code).toBe('QUORUM_NOT_MET');
    expect(r.subjects.every((x: { counts: object; score: number | null }) => Object.keys(x.counts).length === 0 && x.score === null)).toBe(true);

    // 6 of a roll of 9: exactly 2/3, and at least the 5 ballots below which nothing is shown.
    const extra = await votersAt(t, tree.bA1a, 3, 300);
    const nine = [...reps, ...extra];
    await secretary.put('/api/v1/votes/representatives', { orgId: tree.bA1a.id, memberIds: nine.map((r) => r.memberId) });
    const b = await openRating();
    await secretary.put('/api/v1/votes/representatives', { orgId: tree.bA1a.id, memberIds: reps.map((r) => r.memberId) });
    await vote(b.id, nine.slice(0, 6), 'satisfied');
    await secretary.post(`/api/v1/votes/sessions/${b.id}/close`);
    const published = (await secretary.get(`/api/v1/votes/sessions/${b.id}/result`)).body;
    expect(published).toMatchObject({ rollSize: 9, ballots: 6, withheld: null });
    expect(published.subjects[0].counts).toMatchObject({ satisfied: 6 });
  });

  it('withholds the result of a group under 5 voters even with full turnout', async () => {
    const a = await openRating();
    await t.ctx.db
      .deleteFrom('vote_roll')
      .where('session_id', '=', a.id)
      .where(
        'member_id',
        'in',
        reps.slice(4).map((r) => r.memberId),
      )
      .execute();
    await t.ctx.db.updateTable('vote_session').set({ roll_size: 4 }).where('id', '=', a.id).execute();
    await vote(a.id, reps.slice(0, 4), 'satisfied');
    await secretary.post(`/api/v1/votes/sessions/${a.id}/close`);
    const r = (await secretary.get(`/api/v1/votes/sessions/${a.id}/result`)).body;
    expect(r.withheld.code).toBe('TOO_FEW_VOTERS');
    expect(r.subjects[0].counts).toEqual({});
  });

  it('drops the highest and lowest on the 10-point scale', async () => {
    const a = await openRating({ scale: 'points10' });
    const points = ['10', '1', '8', '8', '8', '7'];
    await vote(a.id, reps, (i) => points[i]);
    await secretary.post(`/api/v1/votes/sessions/${a.id}/close`);
    const r = (await secretary.get(`/api/v1/votes/sessions/${a.id}/result`)).body;
    expect(r.subjects[0].score).toBe(77.5); // (8 + 8 + 8 + 7) / 4 × 10
    expect(r.subjects[0].counts).toMatchObject({ 1: 1, 7: 1, 8: 3, 10: 1 });
  });

  it('weights 70/30 with the score the level above enters; the branch itself may not enter it', async () => {
    const a = await openRating({ settings: { weighting: { memberWeight: 70, upperWeight: 30 } } });
    const subject = a.subjects[0].id;
    const own = await secretary.put(`/api/v1/votes/sessions/${a.id}/subjects/${subject}/upper-score`, { score: 90 });
    expect(own.status).toBe(403);
    expect(own.body.code).toBe('UPPER_LEVEL_ONLY');
    expect((await committee.put(`/api/v1/votes/sessions/${a.id}/subjects/${subject}/upper-score`, { score: 90 })).status).toBe(200);
    await vote(a.id, reps, (i) => (i < 4 ? 'satisfied' : 'basic')); // member score (400 + 120) / 6 = 86.7
    await secretary.post(`/api/v1/votes/sessions/${a.id}/close`);
    const r = (await committee.get(`/api/v1/votes/sessions/${a.id}/result`)).body;
    expect(r.subjects[0]).toMatchObject({ score: 86.7, upperScore: 90, weightedScore: 87.7 }); // 86.7 × 0.7 + 90 × 0.3
    expect(r.subjects[1]).toMatchObject({ upperScore: null, weightedScore: null });
  });

  it('refuses weights that do not add up to 100 on their field', async () => {
    const res = await secretary.post('/api/v1/votes/sessions', { orgId: tree.bA1a.id, settings: { weighting: { memberWeight: 70, upperWeight: 20 } } });
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({ field: 'settings.weighting', code: 'WEIGHTS_SUM' });
  });

  it('refuses opening and closing times outside real calendar years (Date.parse takes +275760-09-13)', async () => {
    for (const closesAt of ['+275760-09-13T00:00:00.000Z', '9999-12-31T00:00:00Z', '2026-02-30T10:00:00+08:00', 'tomorrow']) {
      const res = await secretary.post('/api/v1/votes/sessions', { orgId: tree.bA1a.id, closesAt });
      expect(res.status, closesAt).toBe(422);
      expect(res.body.errors[0].field).toBe('closesAt');
    }
  });

  it('is not run by a cadre it rates: the rated secretary may draft it; the level above opens and closes it', async () => {
    const rated = await t.loginAs('branch_secretary', tree.bA1a, { memberId: secretaryCadre });
    const draft = await rated.post('/api/v1/votes/sessions', { orgId: tree.bA1a.id });
    expect(draft.status).toBe(201);
    expect((await rated.get(`/api/v1/votes/sessions/${draft.body.id}`)).body).toMatchObject({ canManage: false, ratedHere: true });
    for (const action of ['open', 'delete'] as const) {
      const res =
        action === 'open' ? await rated.post(`/api/v1/votes/sessions/${draft.body.id}/open`) : await rated.delete(`/api/v1/votes/sessions/${draft.body.id}`);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('RATED_CADRE_CANNOT_MANAGE');
    }
    expect((await t.ctx.db.selectFrom('vote_session').select('status').where('id', '=', draft.body.id).executeTakeFirstOrThrow()).status).toBe('draft');
    expect((await committee.post(`/api/v1/votes/sessions/${draft.body.id}/open`)).status).toBe(200);
    expect((await rated.post(`/api/v1/votes/sessions/${draft.body.id}/close`)).body.code).toBe('RATED_CADRE_CANNOT_MANAGE');
    expect((await committee.post(`/api/v1/votes/sessions/${draft.body.id}/close`)).status).toBe(200);
  });

  it('lets a rated cadre neither schedule the rating to run by itself nor pick the representatives who rate them', async () => {
    const rated = await t.loginAs('branch_secretary', tree.bA1a, { memberId: deputyCadre });
    const sessions = async () =>
      Number(
        (
          await t.ctx.db
            .selectFrom('vote_session')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await sessions();
    const soon = (m: number) => new Date(Date.now() + m * 60_000).toISOString();
    const scheduled = await rated.post('/api/v1/votes/sessions', { orgId: tree.bA1a.id, opensAt: soon(5), closesAt: soon(30) });
    expect(scheduled.status).toBe(403);
    expect(scheduled.body.code).toBe('RATED_CADRE_CANNOT_MANAGE');
    expect(await sessions()).toBe(before);
    const picked = await rated.put('/api/v1/votes/representatives', { orgId: tree.bA1a.id, memberIds: [deputyCadre] });
    expect(picked.status).toBe(403);
    expect(picked.body.code).toBe('CADRE_PICKS_OWN_RATERS');
    expect(await t.ctx.db.selectFrom('org_representative').select('member_id').where('member_id', '=', deputyCadre).execute()).toEqual([]);
    // The level above schedules it.
    expect((await committee.post('/api/v1/votes/sessions', { orgId: tree.bA1a.id, opensAt: soon(5), closesAt: soon(30) })).status).toBe(201);
  });

  it('cannot open without representatives, and a draft can be deleted', async () => {
    const other = await t.loginAs('branch_secretary', tree.bA1b);
    await cadreAt(t, tree.bA1b, '赵书记', 'secretary', null);
    const s = await other.post('/api/v1/votes/sessions', { orgId: tree.bA1b.id });
    expect(s.status).toBe(201);
    const open = await other.post(`/api/v1/votes/sessions/${s.body.id}/open`);
    expect(open.status).toBe(409);
    expect(open.body.code).toBe('ROLL_EMPTY');
    expect((await other.delete(`/api/v1/votes/sessions/${s.body.id}`)).status).toBe(200);
    expect((await other.get(`/api/v1/votes/sessions/${s.body.id}`)).status).toBe(404);
  });

  it('opens and closes at its times (the scheduler pass), and a past closing time is refused at creation', async () => {
    const past = await secretary.post('/api/v1/votes/sessions', { orgId: tree.bA1a.id, closesAt: new Date(Date.now() - 60_000).toISOString() });
    expect(past.status).toBe(422);
    expect(past.body.errors[0]).toMatchObject({ field: 'closesAt', code: 'CLOSES_IN_PAST' });
    const s = await ratingSession({ opensAt: new Date(Date.now() - 1000).toISOString(), closesAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect((await runVoteSchedule(t.ctx)).opened).toBeGreaterThanOrEqual(1);
    expect((await sessionSummary(t.ctx.db, s.id)).status).toBe('open');
    await vote(s.id, reps, 'satisfied');
    await t.ctx.db
      .updateTable('vote_session')
      .set({ closes_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', s.id)
      .execute();
    const ballot = (await reps[0].client.get(`/api/v1/votes/sessions/${s.id}/ballot`)).body;
    expect((await reps[0].client.post(`/api/v1/votes/sessions/${s.id}/ballot`, answersFor(ballot, 'satisfied'))).status).toBe(409);
    expect((await runVoteSchedule(t.ctx)).closed).toBeGreaterThanOrEqual(1);
    expect((await sessionSummary(t.ctx.db, s.id)).status).toBe('closed');
    expect((await secretary.get(`/api/v1/votes/sessions/${s.id}/result`)).body.ballots).toBe(6);
  });
});

describe('the engine as other areas call it', () => {
  it('runs a member vote with an explicit roll and the strict > 2/3 quorum', async () => {
    const actor = {
      userId: committee.user.id,
      username: committee.user.username,
      displayName: 'x',
      memberId: null,
      sessionId: 's',
      ip: null,
      grant: { id: 1, role: 'org_admin' as const, orgId: tree.bA1a.id, orgPath: tree.bA1a.path, orgName: '' },
    };
    const { id } = await t.ctx.db.transaction().execute((trx) =>
      createSession(trx, actor, {
        orgId: tree.bA1a.id,
        kind: 'member_evaluation',
        titleZh: '团员评议',
        scale: 'member_grade4',
        refType: 'member_evaluation',
        refId: 7,
        subjects: reps.slice(0, 2).map((r) => ({ label: `团员${r.memberId}`, memberId: r.memberId })),
        voterMemberIds: reps.map((r) => r.memberId),
      }),
    );
    await t.ctx.db.transaction().execute((trx) => openSession(trx, actor, id));
    await expect(sessionResult(t.ctx.db, id)).rejects.toMatchObject({ code: 'RESULTS_SEALED' });
    for (const r of reps.slice(0, 4)) {
      const ballot = (await r.client.get(`/api/v1/votes/sessions/${id}/ballot`)).body;
      expect((await r.client.post(`/api/v1/votes/sessions/${id}/ballot`, answersFor(ballot, 'excellent'))).status).toBe(200);
    }
    // Its own page runs it: the generic endpoints refuse to close it.
    expect((await secretary.post(`/api/v1/votes/sessions/${id}/close`)).body.code).toBe('SESSION_MANAGED_ELSEWHERE');
    const result = await t.ctx.db.transaction().execute((trx) => closeSession(trx, null, id));
    expect(result.quorum).toMatchObject({ strict: true, met: false }); // 4 of 6 is not more than 2/3
    expect(result.withheld?.code).toBe('QUORUM_NOT_MET');
  });
});

describe('anonymity floors are rules, not settings (issue 11)', () => {
  const sessions = () => t.ctx.db.selectFrom('vote_session').select('id').execute();
  const figures = (r: {
    subjects: { counts: object; score: number | null; satisfactionRate: number | null; weightedScore: number | null; flagged: boolean }[];
  }) => r.subjects.filter((x) => Object.keys(x.counts).length > 0 || x.score !== null || x.satisfactionRate !== null || x.weightedScore !== null || x.flagged);

  it('refuses minGroup 1 and a quorum of 0 with 422 on their fields, in both languages, and creates nothing', async () => {
    const before = await sessions();
    const res = await secretary.post('/api/v1/votes/sessions', { orgId: tree.bA1a.id, settings: { minGroup: 1, quorum: { num: 0, den: 3, strict: false } } });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`).sort()).toEqual([
      'settings.minGroup:MIN_GROUP_BELOW_FLOOR',
      'settings.quorum:QUORUM_BELOW_FLOOR',
    ]);
    for (const e of res.body.errors) expect(e.messages).toMatchObject({ zh: expect.stringMatching(/./), en: expect.stringMatching(/./) });
    for (const settings of [{ minGroup: 4 }, { quorum: { num: 1, den: 2, strict: true } }, { quorum: { num: 0, den: 1, strict: false } }]) {
      const low = await secretary.post('/api/v1/votes/sessions', { orgId: tree.bA1a.id, settings });
      expect(low.status, JSON.stringify(settings)).toBe(422);
      expect(low.body.errors[0].code).toMatch(/_BELOW_FLOOR$/);
    }
    expect(await sessions()).toEqual(before);
    // Other areas call the engine directly: it refuses the same.
    const actor = {
      userId: committee.user.id,
      username: committee.user.username,
      displayName: 'x',
      memberId: null,
      sessionId: 's',
      ip: null,
      grant: { id: 1, role: 'org_admin' as const, orgId: tree.cA1.id, orgPath: tree.cA1.path, orgName: '' },
    };
    await expect(
      t.ctx.db.transaction().execute((trx) =>
        createSession(trx, actor, {
          orgId: tree.bA1a.id,
          kind: 'general',
          titleZh: '小范围投票',
          scale: 'approve3',
          subjects: [{ label: '事项' }],
          voterMemberIds: [reps[0].memberId],
          settings: { minGroup: 1 },
        }),
      ),
    ).rejects.toMatchObject({ status: 422, fieldErrors: [expect.objectContaining({ field: 'settings.minGroup', code: 'MIN_GROUP_BELOW_FLOOR' })] });
    expect(await sessions()).toEqual(before);
  });

  it('accepts settings at or above the floors', async () => {
    const ok = await ratingSession({ settings: { minGroup: 5, quorum: { num: 3, den: 4, strict: false } } });
    expect((await secretary.get(`/api/v1/votes/sessions/${ok.id}`)).body.settings).toMatchObject({ minGroup: 5, quorum: { num: 3, den: 4 } });
    expect((await secretary.delete(`/api/v1/votes/sessions/${ok.id}`)).status).toBe(200);
  });

  for (const cast of [1, 4]) {
    it(`shows no answer figure of a closed session with ${cast} ballot(s), even with settings stored below the floors`, async () => {
      const s = await ratingSession({ settings: { weighting: { memberWeight: 70, upperWeight: 30 } } });
      // A session stored before the floors: its manager asked for minGroup 1 and no quorum.
      const stored = JSON.parse((await t.ctx.db.selectFrom('vote_session').select('settings').where('id', '=', s.id).executeTakeFirstOrThrow()).settings);
      await t.ctx.db
        .updateTable('vote_session')
        .set({ settings: JSON.stringify({ ...stored, minGroup: 1, quorum: { num: 0, den: 3, strict: false } }) })
        .where('id', '=', s.id)
        .execute();
      const detail = (await secretary.get(`/api/v1/votes/sessions/${s.id}`)).body;
      expect(detail.settings).toMatchObject({ minGroup: 5, quorum: { num: 2, den: 3, strict: false } });
      // A roll of `cast` voters, all of whom vote: the quorum is met, the group is too small.
      await t.ctx.db.transaction().execute(async (trx) => {
        await trx.updateTable('vote_session').set({ roll_source: 'explicit', roll_size: cast }).where('id', '=', s.id).execute();
        await trx
          .insertInto('vote_roll')
          .values(reps.slice(0, cast).map((r) => ({ session_id: s.id, member_id: r.memberId, voted: 0 })))
          .execute();
      });
      expect((await secretary.post(`/api/v1/votes/sessions/${s.id}/open`)).status).toBe(200);
      expect((await committee.put(`/api/v1/votes/sessions/${s.id}/subjects/${s.subjects[0].id}/upper-score`, { score: 90 })).status).toBe(200);
      for (const r of reps.slice(0, cast)) {
        const ballot = (await r.client.get(`/api/v1/votes/sessions/${s.id}/ballot`)).body;
        expect((await r.client.post(`/api/v1/votes/sessions/${s.id}/ballot`, answersFor(ballot, 'dissatisfied'))).status).toBe(200);
      }
      expect((await secretary.post(`/api/v1/votes/sessions/${s.id}/close`)).status).toBe(200);
      for (const reader of [secretary, committee, reps[0].client]) {
        const r = (await reader.get(`/api/v1/votes/sessions/${s.id}/result`)).body;
        expect(r).toMatchObject({ ballots: cast, minGroup: 5, withheld: { code: 'TOO_FEW_VOTERS' } });
        expect(figures(r)).toEqual([]);
      }
    });
  }
});

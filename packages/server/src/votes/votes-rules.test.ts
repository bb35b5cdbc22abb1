import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedInClient, TestApp } from '../../test/setup.ts';
import type { Tree } from '../../test/factories.ts';
import type { TestClient } from '../../test/client.ts';
import { cadreAt, votersAt } from '../../test/vote-fixtures.ts';
import { answersFor, ratingSessionAt, setUpVoteWorld } from '../../test/vote-world.ts';
import { sessionSummary } from './engine.ts';
import { runVoteSchedule } from './service.ts';

/**
 * The rules of a rating session through the API: quorum and group floors, scales, the weighting
 * with the level above, valid times, who may run, schedule and delete a session, the scheduler
 * pass. The representatives and one session from draft to result are in votes-rating.test.ts.
 */
let t: TestApp;
let tree: Tree;
let committee: SignedInClient; // org admin at cA1, the level above the branch bA1a
let secretary: TestClient; // branch secretary at bA1a
let reps: { memberId: number; client: TestClient }[];
let secretaryCadre = 0;
let deputyCadre = 0;

beforeAll(async () => {
  ({ t, tree, committee, secretary, reps, secretaryCadre, deputyCadre } = await setUpVoteWorld());
});
afterAll(() => t?.close());

const ratingSession = (body: Record<string, unknown> = {}) => ratingSessionAt(secretary, tree.bA1a, body);

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

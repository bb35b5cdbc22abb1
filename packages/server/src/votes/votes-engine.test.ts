import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedInClient, TestApp } from '../../test/setup.ts';
import type { Tree } from '../../test/factories.ts';
import type { TestClient } from '../../test/client.ts';
import { answersFor, ratingSessionAt, setUpVoteWorld } from '../../test/vote-world.ts';
import { closeSession, createSession, openSession, sessionResult } from './engine.ts';

/**
 * The vote engine as other areas call it (an explicit roll, the strict quorum), and the anonymity
 * floors it holds whatever a manager or a caller asks. The rating sessions through the API are in
 * votes-rating.test.ts and votes-rules.test.ts.
 */
let t: TestApp;
let tree: Tree;
let committee: SignedInClient; // org admin at cA1, the level above the branch bA1a
let secretary: TestClient; // branch secretary at bA1a
let reps: { memberId: number; client: TestClient }[];

beforeAll(async () => {
  ({ t, tree, committee, secretary, reps } = await setUpVoteWorld());
});
afterAll(() => t?.close());

const ratingSession = (body: Record<string, unknown> = {}) => ratingSessionAt(secretary, tree.bA1a, body);

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

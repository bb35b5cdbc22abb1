import { afterAll, beforeAll, expect } from 'vitest';
import { isoToday } from '@zx/domain';
import { createTestApp, type TestApp } from '../../test/setup.ts';
import { createMember, createTree, createUser, type OrgRef, type Tree } from '../../test/factories.ts';
import type { TestClient } from '../../test/client.ts';
import { describeScopeMatrix, type ScopeProbe } from '../../test/scope-matrix.ts';
import { nowIso } from '../db/database.ts';

/**
 * Every member-evaluation endpoint that targets an organization, a round of one or a member of
 * one, probed by the scope matrix: an organization admin at 红星中学团委 and a branch secretary at
 * 高一(1)班团支部 are refused on a sibling, a sibling's child, the parent and an unrelated
 * organization, and nothing of the area changes.
 */
let t: TestApp;
let tree: Tree;
let admin: TestClient;
let secretary: TestClient;
const year = Number(isoToday().slice(0, 4));
const memberIn = new Map<number, number>();
/** Rounds at each organization: one at peer comments (this year), one submitted (next year), one approved (last year). */
const openIn = new Map<number, number>();
const submittedIn = new Map<number, number>();
const approvedIn = new Map<number, number>();
const negativeIn = new Map<number, number>();

async function roundAt(org: OrgRef, y: number, stage: 'peer_review' | 'submitted' | 'approved', members: number[]) {
  const at = nowIso();
  const { id } = await t.ctx.db
    .insertInto('member_evaluation')
    .values({
      org_id: org.id,
      org_path: org.path,
      year: y,
      stage,
      settings: JSON.stringify({
        quorum: { num: 2, den: 3, strict: true },
        excellentCapPercent: 30,
        reevaluationMonths: 3,
        reevaluationMinMonths: 3,
        reevaluationMaxMonths: 6,
      }),
      study_held_on: isoToday(),
      study_note: null,
      vote_mode: stage === 'peer_review' ? null : 'paper',
      vote_session_id: null,
      vote_present: stage === 'peer_review' ? null : 3,
      vote_quorum_met: stage === 'peer_review' ? null : 1,
      vote_closed_at: null,
      return_comment: null,
      submitted_at: null,
      submitted_by: null,
      decided_at: stage === 'approved' ? '2020-01-01T00:00:00.000Z' : null,
      decided_by: null,
      created_at: at,
      created_by: null,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const m of members) {
    await t.ctx.db
      .insertInto('member_evaluation_participant')
      .values({
        evaluation_id: id,
        member_id: m,
        member_name: '参评团员',
        votes: stage === 'peer_review' ? null : JSON.stringify({ qualified: 3 }),
        proposed_grade: stage === 'peer_review' ? null : 'unqualified',
        override_reason: '理由理由理由',
        final_grade: stage === 'approved' ? 'unqualified' : null,
        reevaluation_due_on: stage === 'approved' ? '2020-04-01' : null,
      })
      .execute();
  }
  return id;
}

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  for (const org of [tree.bA1a, tree.bA1b, tree.gA1x, tree.bA2a, tree.bB1a, tree.cA1, tree.cA2, tree.dA]) {
    const ms: number[] = [];
    for (const name of ['甲', '乙', '丙']) ms.push((await createMember(t.ctx, org, { name })).id);
    memberIn.set(org.id, ms[0]);
    openIn.set(org.id, await roundAt(org, year, 'peer_review', ms));
    submittedIn.set(org.id, await roundAt(org, year + 1, 'submitted', ms));
    approvedIn.set(org.id, await roundAt(org, year - 1, 'approved', ms));
    const { id } = await t.ctx.db
      .insertInto('member_negative_entry')
      .values({
        member_id: ms[1],
        org_id: org.id,
        reason: '违纪',
        starts_on: `${year}-01-01`,
        ends_on: null,
        created_at: nowIso(),
        created_by: null,
        lifted_at: null,
        lifted_by: null,
        lift_reason: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    negativeIn.set(org.id, id);
  }
  const a = await createUser(t.ctx, [{ role: 'org_admin', org: tree.cA1 }]);
  const s = await createUser(t.ctx, [{ role: 'branch_secretary', org: tree.bA1a }]);
  admin = t.client();
  secretary = t.client();
  expect((await admin.login(a.username)).status).toBe(200);
  expect((await secretary.login(s.username)).status).toBe(200);
});
afterAll(() => t?.close());

const e = (o: OrgRef, map = openIn) => `/api/v1/evaluations/${map.get(o.id)}`;
/** A list that answers 200 must not contain the target's row: that counts as refused. */
const notListed = async (res: { status: number; body: any }, has: (body: any) => boolean) => (res.status === 200 && !has(res.body) ? { status: 404 } : res);

const probes: Record<string, ScopeProbe> = {
  'GET /evaluations?orgId': (c, o) => c.get(`/api/v1/evaluations?orgId=${o.id}&year=${year}`),
  'GET /evaluations (no orgId)': async (c, o) =>
    notListed(await c.get(`/api/v1/evaluations?year=${year}&pageSize=200`), (b) => b.items.some((x: { orgId: number }) => x.orgId === o.id)),
  'POST /evaluations (orgId)': (c, o) => c.post('/api/v1/evaluations', { orgId: o.id, year }),
  'GET /evaluations/:id': (c, o) => c.get(e(o)),
  'PUT /evaluations/:id/study': (c, o) => c.put(`${e(o)}/study`, { heldOn: isoToday(), note: '越权' }),
  'POST /evaluations/:id/advance': (c, o) => c.post(`${e(o)}/advance`, { stage: 'peer_review' }),
  'PUT /evaluations/:id/participants/:memberId/self-assessment': (c, o, m) => c.put(`${e(o)}/participants/${m}/self-assessment`, { text: '越权自评' }),
  'PUT /evaluations/:id/participants/:memberId/comment': (c, o, m) => c.put(`${e(o)}/participants/${m}/comment`, { text: '越权互评' }),
  'GET /evaluations/:id/comments': (c, o) => c.get(`${e(o)}/comments`),
  'POST /evaluations/:id/vote': (c, o) => c.post(`${e(o)}/vote`, {}),
  'POST /evaluations/:id/vote/close': (c, o) => c.post(`${e(o)}/vote/close`),
  'POST /evaluations/:id/vote/paper': (c, o, m) => c.post(`${e(o)}/vote/paper`, { present: 3, counts: [{ memberId: m, qualified: 3 }] }),
  'PUT /evaluations/:id/proposal': (c, o, m) =>
    c.put(`${e(o, submittedIn)}/proposal`, { grades: [{ memberId: m, grade: 'qualified', reason: '越权拟定等次' }] }),
  'POST /evaluations/:id/submit': (c, o) => c.post(`${e(o, submittedIn)}/submit`, {}),
  'POST /evaluations/:id/review': (c, o) => c.post(`${e(o, submittedIn)}/review`, { decision: 'approve' }),
  'POST /evaluations/:id/participants/:memberId/reevaluation': (c, o, m) =>
    c.post(`${e(o, approvedIn)}/participants/${m}/reevaluation`, { grade: 'qualified', heldOn: isoToday(), note: '越权' }),
  'GET /evaluations/history/:memberId': (c, _o, m) => c.get(`/api/v1/evaluations/history/${m}`),
  'GET /evaluations/negative-list?orgId': (c, o) => c.get(`/api/v1/evaluations/negative-list?orgId=${o.id}`),
  'GET /evaluations/negative-list (no orgId)': async (c, o) =>
    notListed(await c.get('/api/v1/evaluations/negative-list'), (b) => b.some((x: { id: number }) => x.id === negativeIn.get(o.id))),
  'POST /evaluations/negative-list (memberId)': (c, _o, m) =>
    c.post('/api/v1/evaluations/negative-list', { memberId: m, reason: '越权', startsOn: isoToday() }),
  'POST /evaluations/negative-list/:id/lift': (c, o) => c.post(`/api/v1/evaluations/negative-list/${negativeIn.get(o.id)}/lift`, { reason: '越权' }),
};

describeScopeMatrix({
  tree: () => tree,
  admin: () => admin,
  secretary: () => secretary,
  probes,
  memberIn,
  fingerprint: async () =>
    JSON.stringify(
      await Promise.all([
        t.ctx.db.selectFrom('member_evaluation').selectAll().orderBy('id').execute(),
        t.ctx.db.selectFrom('member_evaluation_participant').selectAll().orderBy('evaluation_id').orderBy('member_id').execute(),
        t.ctx.db.selectFrom('member_evaluation_comment').selectAll().orderBy('evaluation_id').orderBy('member_id').orderBy('author_member_id').execute(),
        t.ctx.db.selectFrom('member_negative_entry').selectAll().orderBy('id').execute(),
        t.ctx.db.selectFrom('vote_session').select('id').orderBy('id').execute(),
      ]),
    ),
});

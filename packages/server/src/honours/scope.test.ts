import { afterAll, beforeAll } from 'vitest';
import { DEFAULT_HONOUR_SETTINGS, isoToday } from '@zx/domain';
import { createTestApp, type TestApp } from '../../test/setup.ts';
import { createMember, createTree, type OrgRef, type Tree } from '../../test/factories.ts';
import type { TestClient } from '../../test/client.ts';
import { describeScopeMatrix, type ScopeProbe } from '../../test/scope-matrix.ts';
import type { HonourRoundStatus } from '../db/schema-honours.ts';

/**
 * The scope matrix for the honours (两红两优): every endpoint that names an organization, a
 * member, a round, a candidate, an objection or an award of one is refused on a sibling, a
 * sibling's child, the parent and an unrelated organization, and changes nothing. A parent's
 * draft round is invisible below; a parent's public notice is readable below (by design) but not
 * manageable, so the probes aim at what the actor must not reach.
 */
let t: TestApp;
let tree: Tree;
let admin: TestClient;
let secretary: TestClient;
const memberIn = new Map<number, number>();
const today = isoToday();
const y = Number(today.slice(0, 4));
const at = () => new Date().toISOString();

async function roundAt(o: OrgRef, status: HonourRoundStatus) {
  const { id } = await t.ctx.db
    .insertInto('honour_round')
    .values({
      org_id: o.id,
      org_path: o.path,
      name: `${o.name}评选`,
      year: y,
      reference_date: `${y}-12-31`,
      kinds: JSON.stringify(['excellent_member', 'red_flag_branch']),
      settings: JSON.stringify(DEFAULT_HONOUR_SETTINGS),
      require_lower_title: 0,
      campaign_id: null,
      status,
      notice_starts_on: status === 'draft' || status === 'recommending' ? null : today,
      notice_ends_on: status === 'draft' || status === 'recommending' ? null : today,
      published_at: null,
      finalized_at: null,
      created_at: at(),
      created_by: null,
      updated_at: at(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

async function candidateAt(roundId: number, o: OrgRef, status: 'recommended' | 'candidate' | 'awarded') {
  const { id } = await t.ctx.db
    .insertInto('honour_candidate')
    .values({
      round_id: roundId,
      kind: 'red_flag_branch',
      subject_key: `o:${o.id}`,
      org_id: o.id,
      org_path: o.path,
      member_id: null,
      subject_name: o.name,
      status,
      recommender_org_id: o.id,
      recommender_org_path: o.path,
      note: null,
      checks: '[]',
      created_at: at(),
      created_by: null,
      updated_at: at(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

interface Fixture {
  draft: number;
  draftCandidate: number;
  recommending: number;
  recommended: number;
  notice: number;
  objection: number;
  final: number;
  award: number;
}
const fx = new Map<number, Fixture>();
let cityRecommending = 0;

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  const orgs = [tree.cA2, tree.bA2a, tree.dA, tree.bB1a, tree.bA1b, tree.gA1x, tree.cA1];
  for (const o of orgs) memberIn.set(o.id, (await createMember(t.ctx, o)).id);
  const user = (
    await t.ctx.db
      .insertInto('user_account')
      .values({
        username: 'objector',
        display_name: '异议人',
        phone_enc: null,
        phone_hash: null,
        phone_masked: null,
        password_hash: 'x',
        member_id: null,
        status: 'active',
        must_change_password: 0,
        password_changed_at: at(),
        created_at: at(),
        updated_at: at(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  for (const o of orgs) {
    const draft = await roundAt(o, 'draft');
    const draftCandidate = await candidateAt(draft, o, 'candidate');
    const recommending = await roundAt(o, 'recommending');
    const recommended = await candidateAt(recommending, o, 'recommended');
    const notice = await roundAt(o, 'notice');
    const listed = await candidateAt(notice, o, 'candidate');
    const objection = (
      await t.ctx.db
        .insertInto('honour_objection')
        .values({
          round_id: notice,
          candidate_id: listed,
          reason: '该对象材料与事实不符，请核实。',
          contact: null,
          objector_user_id: user,
          objector_name: '异议人',
          objector_org_id: o.id,
          objector_org_path: o.path,
          status: 'pending',
          reply: null,
          handled_by: null,
          handled_at: null,
          created_at: at(),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const final = await roundAt(o, 'final');
    const awarded = await candidateAt(final, o, 'awarded');
    const award = (
      await t.ctx.db
        .insertInto('honour_award')
        .values({
          round_id: final,
          candidate_id: awarded,
          kind: 'red_flag_branch',
          year: y,
          subject_key: `o:${o.id}`,
          org_id: o.id,
          org_path: o.path,
          member_id: null,
          subject_name: o.name,
          issuer_org_id: o.id,
          issuer_org_name: o.name,
          issuer_depth: 2,
          certificate_no: `ZX-${y}-HQZB-${final}-0001`,
          awarded_on: today,
          created_at: at(),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    fx.set(o.id, { draft, draftCandidate, recommending, recommended, notice, objection, final, award });
  }
  cityRecommending = await roundAt(tree.city, 'recommending');
  admin = await t.loginAs('org_admin', tree.cA1);
  secretary = await t.loginAs('branch_secretary', tree.bA1a);
});
afterAll(() => t?.close());

const f = (o: OrgRef) => fx.get(o.id)!;
const h = '/api/v1/honours';

const probes: Record<string, ScopeProbe> = {
  'GET /honours/rounds?orgId': (c, o) => c.get(`${h}/rounds?orgId=${o.id}`),
  'GET /honours/rounds/:id': (c, o) => c.get(`${h}/rounds/${f(o).draft}`),
  'PATCH /honours/rounds/:id': (c, o) => c.patch(`${h}/rounds/${f(o).draft}`, { name: '越权修改' }),
  'GET /honours/rounds/:id/eligible': (c, o) => c.get(`${h}/rounds/${f(o).draft}/eligible?kind=excellent_member`),
  'GET /honours/rounds/:id/eligible?orgId': (c, o) => c.get(`${h}/rounds/${cityRecommending}/eligible?kind=excellent_member&orgId=${o.id}`),
  'POST /honours/rounds/:id/candidates': (c, o) => c.post(`${h}/rounds/${f(o).draft}/candidates`, { kind: 'red_flag_branch', orgId: o.id }),
  'POST /honours/rounds/:id/candidates (memberId)': (c, o) =>
    c.post(`${h}/rounds/${cityRecommending}/candidates`, { kind: 'excellent_member', memberId: memberIn.get(o.id) }),
  'POST /honours/rounds/:id/open-recommendations': (c, o) => c.post(`${h}/rounds/${f(o).draft}/open-recommendations`),
  'POST /honours/rounds/:id/publish': (c, o) => c.post(`${h}/rounds/${f(o).draft}/publish`, {}),
  'POST /honours/rounds/:id/finalize': (c, o) => c.post(`${h}/rounds/${f(o).notice}/finalize`),
  'GET /honours/rounds/:id/certificates.pdf': (c, o) => c.get(`${h}/rounds/${f(o).final}/certificates.pdf`),
  'POST /honours/candidates/:id/decide': (c, o) => c.post(`${h}/candidates/${f(o).recommended}/decide`, { decision: 'accept' }),
  'POST /honours/candidates/:id/remove': (c, o) => c.post(`${h}/candidates/${f(o).recommended}/remove`),
  'POST /honours/candidates/:id/objections': (c, o) => c.post(`${h}/candidates/${f(o).draftCandidate}/objections`, { reason: '越权提出的异议，理由足够长。' }),
  'POST /honours/objections/:id/handle': (c, o) => c.post(`${h}/objections/${f(o).objection}/handle`, { decision: 'upheld', reply: '越权处理' }),
  'GET /honours/awards?orgId': (c, o) => c.get(`${h}/awards?orgId=${o.id}`),
  'GET /honours/awards?memberId': (c, o) => c.get(`${h}/awards?memberId=${memberIn.get(o.id)}`),
  'GET /honours/awards/:id/certificate.pdf': (c, o) => c.get(`${h}/awards/${f(o).award}/certificate.pdf`),
  'GET /honours/volunteer-hours': (c, o) => c.get(`${h}/volunteer-hours?orgId=${o.id}&year=${y}`),
  'PUT /honours/volunteer-hours': (c, o) => c.put(`${h}/volunteer-hours`, { orgId: o.id, year: y, entries: [{ memberId: memberIn.get(o.id), hours: 30 }] }),
  'PUT /honours/volunteer-hours (memberId)': (c, o) =>
    c.put(`${h}/volunteer-hours`, { orgId: tree.cA1.id, year: y, entries: [{ memberId: memberIn.get(o.id), hours: 30 }] }),
  'GET /honours/dues': (c, o) => c.get(`${h}/dues?orgId=${o.id}&year=${y}`),
  'PUT /honours/dues': (c, o) => c.put(`${h}/dues`, { orgId: o.id, year: y, membersDue: 10, membersInArrears: 0 }),
  // Not an organization's record, but refused below the top of the tree whatever the target.
  'PUT /honours/settings': (c) => c.put(`${h}/settings`, { ...DEFAULT_HONOUR_SETTINGS, minVolunteerHours: 1 }),
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
        t.ctx.db.selectFrom('honour_round').selectAll().orderBy('id').execute(),
        t.ctx.db.selectFrom('honour_candidate').selectAll().orderBy('id').execute(),
        t.ctx.db.selectFrom('honour_objection').selectAll().orderBy('id').execute(),
        t.ctx.db.selectFrom('honour_award').selectAll().orderBy('id').execute(),
        t.ctx.db.selectFrom('volunteer_service').selectAll().orderBy('id').execute(),
        t.ctx.db.selectFrom('dues_record').selectAll().orderBy('org_id').orderBy('year').execute(),
        t.ctx.db.selectFrom('setting').selectAll().where('key', '=', 'honours').execute(),
      ]),
    ),
});

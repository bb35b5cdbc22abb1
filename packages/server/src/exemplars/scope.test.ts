import { isoToday } from '@zx/domain';
import { afterAll, beforeAll, expect } from 'vitest';
import { createTestApp, type TestApp } from '../../test/setup.ts';
import { createMember, createTree, yearPhases, type OrgRef, type Tree } from '../../test/factories.ts';
import type { TestClient } from '../../test/client.ts';
import { describeScopeMatrix, type ScopeProbe } from '../../test/scope-matrix.ts';

/**
 * The scope matrix for exemplars (先进典型, 示范点) and benchmarking (对标定位, 赶超措施): every
 * endpoint that names an organization, a member or a record of one is refused on a sibling, a
 * sibling's child, the parent and an unrelated organization, and changes nothing.
 */
let t: TestApp;
let tree: Tree;
let admin: TestClient;
let secretary: TestClient;
let campaignId = 0;
const memberIn = new Map<number, number>();
const today = isoToday(); // the server's date (China), not UTC's

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  for (const org of [tree.bA1b, tree.gA1x, tree.bA2a, tree.bB1a, tree.cA1, tree.cA2, tree.dA]) {
    memberIn.set(org.id, (await createMember(t.ctx, org)).id);
  }
  const city = await t.loginAs('org_admin', tree.city);
  const launched = await city.post('/api/v1/campaigns', {
    templateId: 1,
    orgId: tree.city.id,
    name: '全市活动',
    phases: yearPhases(new Date().getUTCFullYear()),
  });
  expect(launched.status).toBe(201);
  campaignId = launched.body.id;
  admin = await t.loginAs('org_admin', tree.cA1);
  secretary = await t.loginAs('branch_secretary', tree.bA1a);
  // Every fixture exists before the matrix runs, so the fingerprint sees only what a probe changes.
  for (const o of [tree.cA2, tree.bA2a, tree.dA, tree.bB1a, tree.bA1b, tree.gA1x, tree.cA1]) {
    await nominationAt(o);
    await selectedAt(o);
    await measureAt(o);
    await measureAt(o, 'closed');
  }
});
afterAll(() => t?.close());

const at = () => new Date().toISOString();

/** A nomination made by `o` of itself, still pending (seen only from `o` up). */
const nominations = new Map<number, number>();
async function nominationAt(o: OrgRef) {
  if (!nominations.has(o.id)) {
    const { id } = await t.ctx.db
      .insertInto('exemplar')
      .values({
        campaign_id: campaignId,
        kind: 'unit',
        nominee_org_id: o.id,
        nominee_org_path: o.path,
        nominee_member_id: null,
        title: '推荐',
        materials: '材料',
        photo_ids: '[1]',
        nominator_org_id: o.id,
        nominator_org_path: o.path,
        nominated_by: null,
        nominated_on: today,
        status: 'nominated',
        created_at: at(),
        updated_at: at(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    nominations.set(o.id, id);
  }
  return nominations.get(o.id)!;
}

/** A unit exemplar of `o` selected by `o` itself (a fixture: the rule forbids it, so the matrix sees only scope). */
const selected = new Map<number, number>();
async function selectedAt(o: OrgRef) {
  if (!selected.has(o.id)) {
    const { id } = await t.ctx.db
      .insertInto('exemplar')
      .values({
        campaign_id: campaignId,
        kind: 'unit',
        nominee_org_id: o.id,
        nominee_org_path: o.path,
        nominee_member_id: null,
        title: '典型',
        materials: '材料',
        photo_ids: '[]',
        nominator_org_id: o.id,
        nominator_org_path: o.path,
        nominated_by: null,
        nominated_on: today,
        status: 'selected',
        selector_org_id: o.id,
        selector_org_path: o.path,
        level_type_code: 'branch',
        decision_method: 'committee',
        decided_on: today,
        created_at: at(),
        updated_at: at(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    selected.set(o.id, id);
  }
  return selected.get(o.id)!;
}

/** An open catch-up measure of `o` (its benchmarking exercise included). */
const measures = new Map<number, number>();
async function measureAt(o: OrgRef, status: 'open' | 'closed' = 'open') {
  const key = o.id * 10 + (status === 'open' ? 0 : 1);
  if (!measures.has(key)) {
    let b = await t.ctx.db.selectFrom('benchmark').select('id').where('campaign_id', '=', campaignId).where('org_id', '=', o.id).executeTakeFirst();
    b ??= await t.ctx.db
      .insertInto('benchmark')
      .values({ campaign_id: campaignId, org_id: o.id, org_path: o.path, step: 'list', reflection: null, created_at: at(), created_by: null, updated_at: at() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { id } = await t.ctx.db
      .insertInto('catch_up_measure')
      .values({
        benchmark_id: b.id,
        org_id: o.id,
        org_path: o.path,
        dimension_key: 'team',
        content: '措施',
        owner_member_id: memberIn.get(o.id) ?? (await createMember(t.ctx, o)).id,
        due_on: today,
        status,
        evidence_activity_id: null,
        evidence_attachment_ids: '[]',
        closing_note: null,
        closed_at: null,
        closed_by: null,
        created_at: at(),
        created_by: null,
        updated_at: at(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    measures.set(key, id);
  }
  return measures.get(key)!;
}

const bm = (o: OrgRef) => `/api/v1/benchmarks/${campaignId}/${o.id}`;

const probes: Record<string, ScopeProbe> = {
  'GET /exemplars?orgId': (c, o) => c.get(`/api/v1/exemplars?orgId=${o.id}`),
  'GET /exemplars/:id': async (c, o) => c.get(`/api/v1/exemplars/${await nominationAt(o)}`),
  'GET /exemplars/:id/photos/:attachmentId': async (c, o) => c.get(`/api/v1/exemplars/${await nominationAt(o)}/photos/1`),
  'GET /exemplars/:id/photos/:attachmentId/thumb': async (c, o) => c.get(`/api/v1/exemplars/${await nominationAt(o)}/photos/1/thumb`),
  'POST /exemplars (nomineeOrgId)': (c, o) => c.post('/api/v1/exemplars', { kind: 'unit', nomineeOrgId: o.id, title: '越权推荐', materials: '材料' }),
  'POST /exemplars (nomineeMemberId)': (c, o) =>
    c.post('/api/v1/exemplars', { kind: 'person', nomineeMemberId: memberIn.get(o.id) ?? 0, title: '越权推荐', materials: '材料' }),
  'POST /exemplars/:id/withdraw': async (c, o) => c.post(`/api/v1/exemplars/${await nominationAt(o)}/withdraw`),
  'POST /exemplars/:id/decide': async (c, o) =>
    c.post(`/api/v1/exemplars/${await nominationAt(o)}/decide`, { decision: 'selected', note: '越权评选', decidedOn: today }),
  'POST /exemplars/:id/vote': async (c, o) => c.post(`/api/v1/exemplars/${await nominationAt(o)}/vote`, {}),
  'POST /exemplars/:id/vote/close': async (c, o) => c.post(`/api/v1/exemplars/${await nominationAt(o)}/vote/close`),
  'POST /exemplars/:id/demo-site': async (c, o) => c.post(`/api/v1/exemplars/${await selectedAt(o)}/demo-site`, { demoSite: true }),
  'GET /benchmarks/:campaignId/:orgId': (c, o) => c.get(bm(o)),
  'PUT /benchmarks/:campaignId/:orgId': (c, o) => c.put(bm(o), { exemplarIds: [] }),
  'POST /benchmarks/:campaignId/:orgId/step': (c, o) => c.post(`${bm(o)}/step`, { step: 'study' }),
  'POST /benchmarks/:campaignId/:orgId/measures': (c, o) =>
    c.post(`${bm(o)}/measures`, { dimensionKey: 'team', content: '越权', ownerMemberId: memberIn.get(o.id) ?? 1, dueOn: '2099-12-31' }),
  'GET /measures?orgId': (c, o) => c.get(`/api/v1/measures?orgId=${o.id}`),
  'GET /measures/:id': async (c, o) => c.get(`/api/v1/measures/${await measureAt(o)}`),
  'PATCH /measures/:id': async (c, o) => c.patch(`/api/v1/measures/${await measureAt(o)}`, { content: '越权修改' }),
  'DELETE /measures/:id': async (c, o) => c.delete(`/api/v1/measures/${await measureAt(o)}`),
  'POST /measures/:id/close': async (c, o) => c.post(`/api/v1/measures/${await measureAt(o)}/close`, { attachmentIds: [1] }),
  'POST /measures/:id/reopen': async (c, o) => c.post(`/api/v1/measures/${await measureAt(o, 'closed')}/reopen`, { comment: '越权退回' }),
  'POST /measures/:id/comments': async (c, o) => c.post(`/api/v1/measures/${await measureAt(o)}/comments`, { body: '越权督促' }),
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
        t.ctx.db.selectFrom('exemplar').selectAll().orderBy('id').execute(),
        t.ctx.db.selectFrom('demo_site_visit').selectAll().orderBy('activity_id').execute(),
        t.ctx.db.selectFrom('benchmark').selectAll().orderBy('id').execute(),
        t.ctx.db.selectFrom('benchmark_exemplar').selectAll().orderBy('benchmark_id').orderBy('exemplar_id').execute(),
        t.ctx.db.selectFrom('catch_up_measure').selectAll().orderBy('id').execute(),
        t.ctx.db.selectFrom('catch_up_comment').selectAll().orderBy('id').execute(),
      ]),
    ),
});

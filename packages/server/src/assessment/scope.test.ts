import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_RUBRIC } from '@zx/domain';
import { createTestApp, type SignedInClient, type TestApp } from '../../test/setup.ts';
import { createTree, yearPhases, type OrgRef, type Tree } from '../../test/factories.ts';
import { describeScopeMatrix, type ScopeProbe } from '../../test/scope-matrix.ts';

/**
 * The scope matrix (test/scope-matrix.ts) for the assessment endpoints: every organization of
 * the matrix holds a submitted self-assessment, a tier and a title, so a refused request is
 * refused for its scope, not for a missing record.
 */
let t: TestApp;
let tree: Tree;
let admin: SignedInClient;
let secretary: SignedInClient;
let campaignId = 0;
const y = new Date().getUTCFullYear();
const titles = new Map<number, number>();

async function seed(org: OrgRef) {
  const at = new Date().toISOString();
  const { id } = await t.ctx.db
    .insertInto('assessment')
    .values({
      campaign_id: campaignId,
      org_id: org.id,
      status: 'submitted',
      rubric_key: BUILTIN_RUBRIC.key,
      rubric: JSON.stringify(BUILTIN_RUBRIC),
      self_total: 90,
      summary: null,
      secretary_user_id: null,
      secretary_name: '书记',
      secretary_signed_at: at,
      representative_member_id: null,
      representative_name: '代表',
      representative_signed_at: at,
      submitted_at: at,
      verified_total: null,
      dimension_scores: null,
      tier: null,
      tier_by_score: null,
      tier_reasons: null,
      verified_by: null,
      verified_by_name: null,
      verifier_org_id: null,
      verified_at: null,
      return_comment: null,
      returned_at: null,
      created_at: at,
      updated_at: at,
      updated_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.ctx.db
    .insertInto('assessment_item')
    .values(
      BUILTIN_RUBRIC.dimensions
        .flatMap((d) => d.items)
        .map((i) => ({
          assessment_id: id,
          item_key: i.key,
          kind: 'score' as const,
          self_value: 4.5,
          verified_value: null,
          reason: null,
          note: null,
          activity_ids: '[]',
          attachment_ids: '[]',
        })),
    )
    .execute();
  await t.ctx.db
    .insertInto('unit_tier')
    .values({ org_id: org.id, year: y - 1, campaign_id: null, assessment_id: null, tier: 'star5', score: 95, decided_at: at })
    .execute();
  const title = await t.ctx.db
    .insertInto('unit_title')
    .values({
      org_id: org.id,
      year: y - 1,
      title: 'distinctive',
      campaign_id: null,
      note: null,
      awarded_by: null,
      awarded_by_name: null,
      awarder_org_id: tree.city.id,
      awarded_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  titles.set(org.id, title.id);
}

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  const city = await t.loginAs('org_admin', tree.city);
  campaignId = (await city.post('/api/v1/campaigns', { templateId: 1, orgId: tree.city.id, name: '全市活动', phases: yearPhases(y) })).body.id;
  for (const org of [tree.dA, tree.cA1, tree.bA1a, tree.bA1b, tree.gA1x, tree.cA2, tree.bA2a, tree.bB1a]) await seed(org);
  admin = await t.loginAs('org_admin', tree.cA1);
  secretary = await t.loginAs('branch_secretary', tree.bA1a);
});
afterAll(() => t?.close());

const a = (o: OrgRef, suffix = '') => `/api/v1/campaigns/${campaignId}/assessments/${o.id}${suffix}`;
const FULL = { items: BUILTIN_RUBRIC.dimensions.flatMap((d) => d.items).map((i) => ({ key: i.key, score: i.points })), vetoes: [] };

const probes: Record<string, ScopeProbe> = {
  'GET /campaigns/:id/assessments?orgId': (c, o) => c.get(`/api/v1/campaigns/${campaignId}/assessments?orgId=${o.id}`),
  'GET /campaigns/:id/assessments/:orgId': (c, o) => c.get(a(o)),
  'PUT /campaigns/:id/assessments/:orgId': (c, o) => c.put(a(o), FULL),
  'POST /campaigns/:id/assessments/:orgId/sign': (c, o) => c.post(a(o, '/sign')),
  'POST /campaigns/:id/assessments/:orgId/confirm': (c, o) => c.post(a(o, '/confirm')),
  'POST /campaigns/:id/assessments/:orgId/verify': (c, o) => c.post(a(o, '/verify'), { items: [] }),
  'POST /campaigns/:id/assessments/:orgId/verify (dryRun)': (c, o) => c.post(a(o, '/verify'), { items: [], dryRun: true }),
  'POST /campaigns/:id/assessments/:orgId/return': (c, o) => c.post(a(o, '/return'), { comment: '越权退回' }),
  'GET /assessment/orgs/:id/history': (c, o) => c.get(`/api/v1/assessment/orgs/${o.id}/history?year=${y}`),
  'GET /assessment/upgrade-report?orgId': (c, o) => c.get(`/api/v1/assessment/upgrade-report?orgId=${o.id}&year=${y}`),
  'GET /assessment/titles?orgId': (c, o) => c.get(`/api/v1/assessment/titles?orgId=${o.id}&year=${y - 1}`),
  'POST /assessment/titles (orgId)': (c, o) => c.post('/api/v1/assessment/titles', { orgId: o.id, year: y, title: 'standard' }),
  'DELETE /assessment/titles/:id': (c, o) => c.delete(`/api/v1/assessment/titles/${titles.get(o.id)}`),
};

async function fingerprint() {
  const rows = await Promise.all([
    t.ctx.db.selectFrom('assessment').selectAll().orderBy('id').execute(),
    t.ctx.db.selectFrom('assessment_item').selectAll().orderBy('assessment_id').orderBy('item_key').execute(),
    t.ctx.db.selectFrom('unit_tier').selectAll().orderBy('org_id').orderBy('year').execute(),
    t.ctx.db.selectFrom('unit_title').selectAll().orderBy('id').execute(),
  ]);
  return JSON.stringify(rows);
}

describeScopeMatrix({ tree: () => tree, admin: () => admin, secretary: () => secretary, probes, fingerprint });

describe('allowed in the own subtree', () => {
  it('lets the committee read and verify below it, and the secretary read its own unit', async () => {
    expect((await admin.get(a(tree.bA1b))).body.canVerify).toBe(true);
    expect((await admin.post(a(tree.bA1b, '/verify'), { items: [], dryRun: true })).body.preview.tier).toBe('star5');
    expect((await secretary.get(a(tree.bA1a))).body.status).toBe('submitted');
    expect((await secretary.get(`/api/v1/assessment/orgs/${tree.bA1a.id}/history?year=${y}`)).status).toBe(200);
  });
});

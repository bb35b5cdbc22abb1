import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { createTestApp, type TestApp } from '../../test/setup.ts';
import { createTree, createUser, yearPhases, type OrgRef, type Tree } from '../../test/factories.ts';
import type { TestClient } from '../../test/client.ts';
import { describeScopeMatrix, type ScopeProbe } from '../../test/scope-matrix.ts';
import { insertNotice } from '../../test/reach-fixtures.ts';
import { nowIso } from '../db/database.ts';

/** The scope matrix (test/scope-matrix.ts) for every endpoint of notices, the member drill-down and pledges. */
let t: TestApp;
let tree: Tree;
let admin: TestClient;
let secretary: TestClient;
let cityCampaign: number;
/** Per organization: a draft and a sent notice, a campaign launched there, a file stored there. */
const at = new Map<number, { draft: number; sent: number; campaign: number; file: number }>();

async function launch(city: TestClient, org: OrgRef) {
  const templateId = (await city.get('/api/v1/templates')).body[0].id;
  const res = await city.post('/api/v1/campaigns', { templateId, orgId: org.id, name: `${org.name}活动`, phases: yearPhases(new Date().getUTCFullYear()) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as number;
}

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  const cityAdmin = await t.loginAs('org_admin', tree.city);
  cityCampaign = await launch(cityAdmin, tree.city);
  const uploader = await createUser(t.ctx, [{ role: 'org_admin', org: tree.city }]);
  for (const org of [tree.cA1, tree.bA1a, tree.bA1b, tree.gA1x, tree.cA2, tree.bA2a, tree.dA, tree.bB1a]) {
    const { id: file } = await t.ctx.db
      .insertInto('attachment')
      .values({
        hash: randomBytes(32).toString('hex'),
        name: '材料.pdf',
        mime: 'application/pdf',
        size: 10,
        kind: 'file',
        thumb_hash: null,
        width: null,
        height: null,
        org_id: org.id,
        org_path: org.path,
        uploaded_by: uploader.id,
        created_at: nowIso(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    at.set(org.id, {
      draft: await insertNotice(t, cityCampaign, org, 'draft'),
      sent: await insertNotice(t, cityCampaign, org, 'sent', [file]),
      campaign: await launch(cityAdmin, org),
      file,
    });
  }
  admin = await t.loginAs('org_admin', tree.cA1);
  secretary = await t.loginAs('branch_secretary', tree.bA1a);
});
afterAll(() => t?.close());

const of = (o: OrgRef) => at.get(o.id)!;
const body = (orgId: number, extra: Record<string, unknown> = {}) => ({ campaignId: cityCampaign, orgId, title: '通知', body: '正文', ...extra });
/** The acting client's own organization (a probe names one foreign id at a time). */
const own = (c: TestClient) => (c === admin ? tree.cA1 : tree.bA1a);

const probes: Record<string, ScopeProbe> = {
  'GET /notices?orgId': (c, o) => c.get(`/api/v1/notices?orgId=${o.id}`),
  'POST /notices (orgId)': (c, o) => c.post('/api/v1/notices', body(o.id)),
  'POST /notices (targetOrgIds)': (c, o) => c.post('/api/v1/notices', body(own(c).id, { targetOrgIds: [o.id] })),
  'POST /notices (attachmentIds)': (c, o) => c.post('/api/v1/notices', body(own(c).id, { attachmentIds: [of(o).file] })),
  'GET /notices/:id': (c, o) => c.get(`/api/v1/notices/${of(o).sent}`),
  'PUT /notices/:id': (c, o) => c.put(`/api/v1/notices/${of(o).draft}`, { title: '改', body: '改' }),
  'DELETE /notices/:id': (c, o) => c.delete(`/api/v1/notices/${of(o).draft}`),
  'POST /notices/:id/send': (c, o) => c.post(`/api/v1/notices/${of(o).draft}/send`),
  'GET /notices/:id/receipts': (c, o) => c.get(`/api/v1/notices/${of(o).sent}/receipts`),
  'GET /notices/mine/:id': (c, o) => c.get(`/api/v1/notices/mine/${of(o).sent}`),
  'POST /notices/mine/:id/acknowledge': (c, o) => c.post(`/api/v1/notices/mine/${of(o).sent}/acknowledge`),
  'POST /notices/mine/:id/answers': (c, o) => c.post(`/api/v1/notices/mine/${of(o).sent}/answers`, { answers: {} }),
  'GET /notices/mine/:id/files/:attachmentId': (c, o) => c.get(`/api/v1/notices/mine/${of(o).sent}/files/${of(o).file}`),
  'GET /campaigns/:id/dashboard/members?figure=aware': (c, o) => c.get(`/api/v1/campaigns/${cityCampaign}/dashboard/members?orgId=${o.id}&figure=aware`),
  'GET /campaigns/:id/dashboard/members?figure=pledged': (c, o) => c.get(`/api/v1/campaigns/${cityCampaign}/dashboard/members?orgId=${o.id}&figure=pledged`),
  'GET /pledges?orgId': (c, o) => c.get(`/api/v1/pledges?campaignId=${cityCampaign}&orgId=${o.id}`),
  'PUT /pledges/mine/:id': (c, o) => c.put(`/api/v1/pledges/mine/${of(o).campaign}`, { post: '岗位', pledge: '承诺' }),
  'GET /pledges/mine/:id/branch': (c, o) => c.get(`/api/v1/pledges/mine/${of(o).campaign}/branch`),
};

async function fingerprint() {
  return JSON.stringify([
    await t.ctx.db.selectFrom('notice').select(['id', 'status', 'title', 'updated_at', 'recipient_count']).orderBy('id').execute(),
    await t.ctx.db
      .selectFrom('notice_recipient')
      .select(['notice_id', 'member_id', 'read_at', 'acknowledged_at', 'passed_at', 'attempts'])
      .orderBy('notice_id')
      .orderBy('member_id')
      .execute(),
    (await t.ctx.db.selectFrom('notice_attempt').select('id').execute()).length,
    await t.ctx.db.selectFrom('member_pledge').select(['id', 'post', 'pledge']).orderBy('id').execute(),
  ]);
}

describeScopeMatrix({ tree: () => tree, admin: () => admin, secretary: () => secretary, probes, fingerprint });

describe('campaign ids', () => {
  // A campaign launched above covers the actor (it is theirs to work in); one launched at a sibling or elsewhere is not.
  it.each([
    ['organization admin', () => admin, () => [tree.cA2, tree.bA2a, tree.bB1a], () => tree.cA1],
    ['branch secretary', () => secretary, () => [tree.bA1b, tree.gA1x, tree.bB1a], () => tree.bA1a],
  ])("refuses a campaign of a sibling, a sibling's child and an unrelated organization to the %s", async (_who, client, foreign, home) => {
    for (const o of foreign()) {
      const c = of(o).campaign;
      const before = await fingerprint();
      for (const res of [
        await client().get(`/api/v1/notices?campaignId=${c}`),
        await client().post('/api/v1/notices', { ...body(home().id), campaignId: c }),
        await client().get(`/api/v1/campaigns/${c}/dashboard/members?orgId=${home().id}&figure=aware`),
        await client().get(`/api/v1/pledges?campaignId=${c}&orgId=${home().id}`),
      ])
        expect(res.status, `campaign of ${o.name}`).toBe(404);
      expect(await fingerprint()).toBe(before);
    }
  });
});

describe('allowed in the own subtree', () => {
  it("lets the committee admin read its branches' notices and receipts, and send its own", async () => {
    expect((await admin.get(`/api/v1/notices/${of(tree.bA1a).sent}/receipts`)).status).toBe(200);
    expect((await admin.get(`/api/v1/notices?orgId=${tree.cA1.id}`)).body.map((n: { orgId: number }) => n.orgId)).toEqual(
      expect.arrayContaining([tree.cA1.id, tree.bA1a.id, tree.gA1x.id]),
    );
    expect((await admin.post(`/api/v1/notices/${of(tree.cA1).draft}/send`)).status).toBe(200);
  });

  it('lets the branch secretary work on its own branch only', async () => {
    expect((await secretary.put(`/api/v1/notices/${of(tree.bA1a).draft}`, { title: '改', body: '改' })).status).toBe(200);
    expect((await secretary.get(`/api/v1/pledges?campaignId=${cityCampaign}&orgId=${tree.bA1a.id}`)).status).toBe(200);
    expect((await secretary.get(`/api/v1/campaigns/${cityCampaign}/dashboard/members?orgId=${tree.bA1a.id}&figure=pledged`)).status).toBe(200);
  });
});

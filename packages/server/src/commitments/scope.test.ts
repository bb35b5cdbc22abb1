import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoToday } from '@zx/domain';
import { createTestApp, type TestApp } from '../../test/setup.ts';
import { createMember, createTree, createUser, type OrgRef, type Tree } from '../../test/factories.ts';
import type { TestClient } from '../../test/client.ts';
import { describeScopeMatrix, type ScopeProbe } from '../../test/scope-matrix.ts';

/**
 * Every commitments endpoint that targets an organization or a cadre of one, probed by the
 * scope matrix: an organization admin at 红星中学团委 and a branch secretary at 高一(1)班团支部
 * are refused on a sibling, a sibling's child, the parent and an unrelated organization, and
 * nothing of the area changes.
 */
let t: TestApp;
let tree: Tree;
let admin: TestClient;
let secretary: TestClient;
const year = Number(isoToday().slice(0, 4));
/** A cadre at each organization, with published commitments, a draft and a submitted report. */
const cadreIn = new Map<number, number>();
const draftIn = new Map<number, number>();
const publishedIn = new Map<number, number>();
const fileIn = new Map<number, number>();

const content = '本年度，我认真履行公开承诺，带领团组织开展主题团日、志愿服务和理论学习，团员参与率明显提高。'.repeat(3);

async function fileAt(org: OrgRef) {
  const { hash, size } = await t.ctx.files.put(Readable.from(Buffer.from(`evidence of ${org.name}`)), 1000);
  const { id } = await t.ctx.db
    .insertInto('attachment')
    .values({
      hash,
      name: 'a.txt',
      mime: 'text/plain; charset=utf-8',
      size,
      kind: 'file',
      thumb_hash: null,
      width: null,
      height: null,
      org_id: org.id,
      org_path: org.path,
      uploaded_by: null,
      created_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  const city = await t.loginAs('org_admin', tree.city);
  for (const org of [tree.bA1a, tree.bA1b, tree.gA1x, tree.bA2a, tree.bB1a, tree.cA1, tree.cA2, tree.dA]) {
    const m = (await createMember(t.ctx, org, { name: `${org.name}书记`, position: 'secretary' })).id;
    const base = `/api/v1/commitments/cadres/${m}/${year}`;
    const first = await city.post(`${base}/items`, { text: '每月一次主题团日' });
    expect(first.status).toBe(201);
    await city.post(`${base}/publish`, {});
    const file = await fileAt(org);
    const sub = await city.post(`${base}/report/submit`, { content, items: [{ commitmentId: first.body.id, status: 'done', attachmentIds: [file] }] });
    expect(sub.status).toBe(200);
    cadreIn.set(org.id, m);
    publishedIn.set(org.id, first.body.id);
    fileIn.set(org.id, file);
    // A second cadre with a draft only (the report above freezes the first one's list).
    const d = (await createMember(t.ctx, org, { name: `${org.name}委员`, position: 'committee_member' })).id;
    draftIn.set(org.id, (await city.post(`/api/v1/commitments/cadres/${d}/${year}/items`, { text: '草稿承诺' })).body.id);
  }
  const a = await createUser(t.ctx, [{ role: 'org_admin', org: tree.cA1 }]);
  const s = await createUser(t.ctx, [{ role: 'branch_secretary', org: tree.bA1a }]);
  admin = t.client();
  secretary = t.client();
  expect((await admin.login(a.username)).status).toBe(200);
  expect((await secretary.login(s.username)).status).toBe(200);
});
afterAll(() => t?.close());

const cadre = (o: OrgRef) => `/api/v1/commitments/cadres/${cadreIn.get(o.id)}/${year}`;
const probes: Record<string, ScopeProbe> = {
  'GET /commitments/cadres?orgId': (c, o) => c.get(`/api/v1/commitments/cadres?orgId=${o.id}&year=${year}`),
  'GET /commitments/cadres?orgId&subtree=1': (c, o) => c.get(`/api/v1/commitments/cadres?orgId=${o.id}&year=${year}&subtree=1`),
  'GET /commitments/cadres/:memberId/:year': (c, o) => c.get(cadre(o)),
  'POST /commitments/cadres/:memberId/:year/items': (c, o) => c.post(`${cadre(o)}/items`, { text: '越权承诺' }),
  'POST /commitments/cadres/:memberId/:year/publish': (c, o) => c.post(`${cadre(o)}/publish`, {}),
  'PATCH /commitments/items/:id': (c, o) => c.patch(`/api/v1/commitments/items/${draftIn.get(o.id)}`, { text: '越权修改' }),
  'DELETE /commitments/items/:id': (c, o) => c.delete(`/api/v1/commitments/items/${draftIn.get(o.id)}`),
  'POST /commitments/items/:id/revise': (c, o) => c.post(`/api/v1/commitments/items/${publishedIn.get(o.id)}/revise`, { text: '越权修订' }),
  'GET /commitments/cadres/:memberId/:year/report': (c, o) => c.get(`${cadre(o)}/report`),
  'PUT /commitments/cadres/:memberId/:year/report': (c, o) => c.put(`${cadre(o)}/report`, { content: '越权', items: [] }),
  'POST /commitments/cadres/:memberId/:year/report/submit': (c, o) => c.post(`${cadre(o)}/report/submit`),
  'GET /commitments/cadres/:memberId/:year/report/files/:id': (c, o) => c.get(`${cadre(o)}/report/files/${fileIn.get(o.id)}`),
};

async function fingerprint() {
  const db = t.ctx.db;
  const plans = await db.selectFrom('commitment_plan').select(['id', 'version', 'updated_at']).orderBy('id').execute();
  const items = await db.selectFrom('commitment_item').select(['id', 'state', 'text', 'updated_at']).orderBy('id').execute();
  const versions = await db.selectFrom('commitment_version').select('id').execute();
  const reports = await db.selectFrom('cadre_report').select(['id', 'status', 'content', 'updated_at']).orderBy('id').execute();
  const reportItems = await db.selectFrom('cadre_report_item').selectAll().orderBy('report_id').orderBy('item_id').execute();
  const reads = await db.selectFrom('cadre_report_read').select('report_id').execute();
  const notices = await db.selectFrom('notification').select('id').execute();
  return JSON.stringify({ plans, items, versions: versions.length, reports, reportItems, reads: reads.length, notices: notices.length });
}

describeScopeMatrix({ tree: () => tree, admin: () => admin, secretary: () => secretary, probes, fingerprint, memberIn: cadreIn });

describe('allowed in the own subtree', () => {
  it('lets the organization admin read every cadre below and write on their behalf', async () => {
    expect((await admin.get(cadre(tree.bA1a))).status).toBe(200);
    expect((await admin.get(`${cadre(tree.gA1x)}/report`)).status).toBe(200);
    expect((await admin.get(`/api/v1/commitments/cadres?orgId=${tree.cA1.id}&year=${year}&subtree=1`)).body.total).toBe(8);
    expect((await admin.patch(`/api/v1/commitments/items/${draftIn.get(tree.bA1b.id)}`, { text: '代为修改' })).status).toBe(200);
  });

  it('lets the branch secretary read the cadres of the branch but not write for them', async () => {
    expect((await secretary.get(cadre(tree.bA1a))).status).toBe(200);
    expect((await secretary.get(`${cadre(tree.bA1a)}/report`)).status).toBe(200);
    expect((await secretary.patch(`/api/v1/commitments/items/${draftIn.get(tree.bA1a.id)}`, { text: '替人修改' })).status).toBe(403);
  });
});

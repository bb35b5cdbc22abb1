import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/setup.ts';
import type { OrgRef, Tree } from '../../test/factories.ts';
import type { TestClient } from '../../test/client.ts';
import { describeScopeMatrix, type ScopeProbe } from '../../test/scope-matrix.ts';
import { fingerprint, setUpScopeWorld } from '../../test/auth-scope-fixtures.ts';

/**
 * The scope matrix (test/scope-matrix.ts) for inspections, rectification items and written-report
 * requests, and an inspection the same roles run in their own subtree. The foundation's probes are
 * in scope-foundation.test.ts.
 */
let t: TestApp;
let tree: Tree;
let admin: TestClient;
let secretary: TestClient;
const memberIn = new Map<number, number>();
const userIn = new Map<number, number>();

beforeAll(async () => {
  ({ t, tree, admin, secretary } = await setUpScopeWorld(memberIn, userIn));
});
afterAll(() => t?.close());

/** Endpoints that read or change something at an organization or a member of it. */
const probes: Record<string, ScopeProbe> = {
  'POST /inspections (orgId)': async (c, o) => {
    const res = await c.post('/api/v1/inspections', {
      orgId: o.id,
      visitedOn: '2025-06-01',
      findings: '探针检查',
      items: [{ description: '整改', owner: '张三', dueOn: '2025-07-01' }],
    });
    const written = await t.ctx.db.selectFrom('inspection').select('id').where('org_id', '=', o.id).where('findings', '=', '探针检查').execute();
    return written.length ? { status: 201 } : res;
  },
  'GET /inspections?orgId': (c, o) => c.get(`/api/v1/inspections?orgId=${o.id}`),
  'GET /inspections/:id': async (c, o) => c.get(`/api/v1/inspections/${(await rectificationAt(o)).inspectionId}`),
  'GET /rectifications?orgId': (c, o) => c.get(`/api/v1/rectifications?orgId=${o.id}`),
  'POST /rectifications/:id/answer': (c, o) => itemUnchanged(o, (id) => c.post(`/api/v1/rectifications/${id}/answer`, { answer: '探针答复' })),
  'POST /rectifications/:id/close': (c, o) => itemUnchanged(o, (id) => c.post(`/api/v1/rectifications/${id}/close`, { comment: '探针' })),
  'POST /rectifications/:id/reopen': (c, o) => itemUnchanged(o, (id) => c.post(`/api/v1/rectifications/${id}/reopen`, { comment: '探针' })),
  'POST /report-requests (orgId)': (c, o) =>
    reportsUnchanged(() => c.post('/api/v1/report-requests', { orgId: o.id, title: '越权汇报', guidance: '', dueOn: '2099-01-01', filter: {} })),
  'GET /report-requests/:id (board of a request made there)': async (c, o) => c.get(`/api/v1/report-requests/${await reportRequestAt(o)}`),
  'GET /report-requests/:id/export': async (c, o) => c.get(`/api/v1/report-requests/${await reportRequestAt(o)}/export`),
  'GET /report-requests/:id?orgId (a unit that was asked)': async (c, o) => c.get(`/api/v1/report-requests/${await cityReportRequest()}?orgId=${o.id}`),
  'GET /report-requests/:id/submissions/:orgId': async (c, o) => c.get(`/api/v1/report-requests/${await cityReportRequest()}/submissions/${o.id}`),
  'PUT /report-requests/:id/submissions/:orgId': async (c, o) => {
    const id = await cityReportRequest();
    return reportsUnchanged(() => c.put(`/api/v1/report-requests/${id}/submissions/${o.id}`, { content: '代交', submit: true }));
  },
  'POST /report-requests/:id/submissions/:orgId/review': async (c, o) => {
    const id = await reportRequestAt(o);
    return reportsUnchanged(() => c.post(`/api/v1/report-requests/${id}/submissions/${o.id}/review`, { comment: '越权批阅' }));
  },
};

/** A visit to `org` by the city with one answered rectification item, written by the test itself. */
const rectifications = new Map<number, { inspectionId: number; itemId: number }>();
async function rectificationAt(org: OrgRef) {
  if (!rectifications.has(org.id)) {
    const { id: inspectionId } = await t.ctx.db
      .insertInto('inspection')
      .values({
        campaign_id: null,
        org_id: org.id,
        org_path: org.path,
        visited_on: '2025-06-01',
        findings: '检查',
        score: null,
        inspector_user_id: null,
        inspector_name: '督查员',
        inspector_org_path: tree.city.path,
        created_at: new Date().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { id: itemId } = await t.ctx.db
      .insertInto('rectification')
      .values({
        inspection_id: inspectionId,
        org_id: org.id,
        org_path: org.path,
        description: '整改',
        owner: '张三',
        due_on: '2025-07-01',
        status: 'answered',
        answer: '已整改',
        answered_at: null,
        answered_by: null,
        closed_at: null,
        closed_by: null,
        review_comment: null,
        reminded_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    rectifications.set(org.id, { inspectionId, itemId });
  }
  return rectifications.get(org.id)!;
}

/** Runs a request on the item at `org`; reports 200 when the item changed whatever the answer said. */
async function itemUnchanged(org: OrgRef, request: (itemId: number) => Promise<{ status: number }>) {
  const { itemId } = await rectificationAt(org);
  const row = () =>
    t.ctx.db
      .selectFrom('rectification')
      .selectAll()
      .where('id', '=', itemId)
      .executeTakeFirstOrThrow()
      .then((r) => JSON.stringify(r));
  const before = await row();
  const res = await request(itemId);
  return (await row()) === before ? res : { status: 200 };
}

/**
 * A written-report request made by `org` itself, with one submitted report (of `org`, written by
 * the test: the rule "strictly below" applies to the API, not to this fixture).
 */
const reportRequests = new Map<number, number>();
async function reportRequestAt(org: OrgRef): Promise<number> {
  if (!reportRequests.has(org.id)) {
    const at = new Date().toISOString();
    const { id } = await t.ctx.db
      .insertInto('report_request')
      .values({
        campaign_id: null,
        task_key: null,
        org_id: org.id,
        org_path: org.path,
        title: '探针汇报',
        guidance: '',
        due_on: '2099-01-01',
        target_filter: '{}',
        created_at: at,
        created_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.ctx.db
      .insertInto('report_submission')
      .values({ request_id: id, org_id: org.id, org_path: org.path, status: 'submitted', content: '汇报', attachment_ids: '[]', submitted_at: at })
      .execute();
    reportRequests.set(org.id, id);
  }
  return reportRequests.get(org.id)!;
}
/** A request of the city that asked every organization of the tree (every one has a pending submission). */
let cityRequestId = 0;
async function cityReportRequest(): Promise<number> {
  if (!cityRequestId) {
    const { id } = await t.ctx.db
      .insertInto('report_request')
      .values({
        campaign_id: null,
        task_key: null,
        org_id: tree.city.id,
        org_path: tree.city.path,
        title: '全市汇报',
        guidance: '',
        due_on: '2099-01-01',
        target_filter: '{}',
        created_at: new Date().toISOString(),
        created_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const orgs = Object.values(tree).filter((o) => o.id !== tree.city.id);
    await t.ctx.db
      .insertInto('report_submission')
      .values(orgs.map((o) => ({ request_id: id, org_id: o.id, org_path: o.path, status: 'pending' as const, content: null, attachment_ids: '[]' })))
      .execute();
    cityRequestId = id;
  }
  return cityRequestId;
}
/** Runs a report write; any change to requests or submissions counts as allowed (200) whatever the answer. */
async function reportsUnchanged(call: () => Promise<{ status: number }>) {
  const snap = async () =>
    JSON.stringify({
      requests: await t.ctx.db.selectFrom('report_request').select('id').orderBy('id').execute(),
      submissions: await t.ctx.db.selectFrom('report_submission').selectAll().orderBy('id').execute(),
    });
  const before = await snap();
  const res = await call();
  return (await snap()) === before ? res : { status: 200 };
}

describeScopeMatrix({ tree: () => tree, admin: () => admin, secretary: () => secretary, probes, fingerprint: () => fingerprint(t), memberIn, userIn });

describe('inspections in the own subtree', () => {
  it('lets the organization admin inspect a unit below it and the branch secretary answer its own item', async () => {
    const res = await admin.post('/api/v1/inspections', {
      orgId: tree.bA1a.id,
      visitedOn: '2025-06-01',
      findings: '台账齐全',
      items: [{ description: '补齐照片', owner: '李明', dueOn: '2025-07-01' }],
    });
    expect(res.status).toBe(201);
    expect((await admin.get(`/api/v1/inspections?orgId=${tree.bA1a.id}`)).body.items.map((i: { id: number }) => i.id)).toContain(res.body.id);
    expect((await secretary.get(`/api/v1/inspections/${res.body.id}`)).status).toBe(200);
    expect((await secretary.get(`/api/v1/rectifications?orgId=${tree.bA1a.id}&status=open`)).body.total).toBe(1);
    const itemId = res.body.items[0].id;
    expect((await secretary.post(`/api/v1/rectifications/${itemId}/answer`, { answer: '已补齐' })).status).toBe(200);
    expect((await admin.post(`/api/v1/rectifications/${itemId}/reopen`, { comment: '缺签到表' })).status).toBe(200);
    await secretary.post(`/api/v1/rectifications/${itemId}/answer`, { answer: '已补齐照片和签到表' });
    expect((await admin.post(`/api/v1/rectifications/${itemId}/close`, {})).status).toBe(200);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/setup.ts';
import { createMember, createTree, createUser, yearPhases, type OrgRef, type Tree } from '../../test/factories.ts';
import { FormDataBody, type TestClient } from '../../test/client.ts';
import { Readable } from 'node:stream';
import { describeScopeMatrix, type ScopeProbe } from '../../test/scope-matrix.ts';

/**
 * The scope matrix (test/scope-matrix.ts) for the endpoints of the foundation and the campaign
 * engine, and what the same roles may do in their own subtree. Later areas keep their probes
 * beside their code (e.g. src/votes/scope.test.ts) and call the same matrix.
 */
let t: TestApp;
let tree: Tree;
let admin: TestClient;
let secretary: TestClient;
const memberIn = new Map<number, number>();
const userIn = new Map<number, number>();
let ownUser = 0;
/** A campaign launched at the city: it covers every organization of the tree. */
let cityCampaignId = 0;
async function launchCityCampaign() {
  const cityAdmin = await t.loginAs('org_admin', tree.city);
  const res = await cityAdmin.post('/api/v1/campaigns', {
    templateId: 1,
    orgId: tree.city.id,
    name: '全市活动',
    phases: yearPhases(new Date().getUTCFullYear()),
  });
  expect(res.status).toBe(201);
  return res.body.id as number;
}

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  for (const org of [tree.bA1a, tree.bA1b, tree.gA1x, tree.bA2a, tree.bB1a, tree.cA1, tree.cA2, tree.dA]) {
    memberIn.set(org.id, (await createMember(t.ctx, org)).id);
  }
  for (const org of [tree.bA1b, tree.gA1x, tree.bA2a, tree.bB1a, tree.cA1, tree.cA2, tree.dA]) {
    userIn.set(org.id, (await createUser(t.ctx, [{ role: 'branch_secretary', org }])).id);
  }
  ownUser = (await createUser(t.ctx, [{ role: 'member', org: tree.bA1b }])).id;
  cityCampaignId = await launchCityCampaign();
  const a = await createUser(t.ctx, [{ role: 'org_admin', org: tree.cA1 }]);
  const s = await createUser(t.ctx, [{ role: 'branch_secretary', org: tree.bA1a }]);
  admin = t.client();
  secretary = t.client();
  expect((await admin.login(a.username)).status).toBe(200);
  expect((await secretary.login(s.username)).status).toBe(200);
});
afterAll(() => t?.close());

const xlsx = () => new FormDataBody({ name: 'x.xlsx', content: Buffer.from('PK\x03\x04not really a workbook') });

/** Endpoints that read or change something at an organization or a member of it. */
const probes: Record<string, ScopeProbe> = {
  'POST /bulletins (orgId)': (c, o) =>
    unchangedBulletin(o, () => c.post('/api/v1/bulletins', { campaignId: cityCampaignId, orgId: o.id, periodFrom: '2026-01-01', periodTo: '2026-12-31' })),
  'GET /bulletins?orgId': async (c, o) => {
    const id = await bulletinAt(o);
    const res = await c.get(`/api/v1/bulletins?orgId=${o.id}&pageSize=200`);
    return res.status === 200 && !res.body.items.some((x: { id: number }) => x.id === id) ? { status: 404 } : res;
  },
  'GET /bulletins/:id': async (c, o) => c.get(`/api/v1/bulletins/${await bulletinAt(o)}`),
  'PUT /bulletins/:id': (c, o) => unchangedBulletin(o, (id) => c.put(`/api/v1/bulletins/${id}`, { title: '越权修改' })),
  'POST /bulletins/:id/number': (c, o) => unchangedBulletin(o, (id) => c.post(`/api/v1/bulletins/${id}/number`, {})),
  'POST /bulletins/:id/publish': (c, o) => unchangedBulletin(o, (id) => c.post(`/api/v1/bulletins/${id}/publish`)),
  'DELETE /bulletins/:id': (c, o) => unchangedBulletin(o, (id) => c.delete(`/api/v1/bulletins/${id}`)),
  'GET /bulletins/:id/docx': async (c, o) => c.get(`/api/v1/bulletins/${await bulletinAt(o)}/docx`),
  'GET /bulletins/:id/pdf': async (c, o) => c.get(`/api/v1/bulletins/${await bulletinAt(o)}/pdf`),
  'GET /orgs/:id': (c, o) => c.get(`/api/v1/orgs/${o.id}`),
  'GET /orgs/tree?parentId': (c, o) => c.get(`/api/v1/orgs/tree?parentId=${o.id}`),
  'GET /orgs?rootId': (c, o) => c.get(`/api/v1/orgs?rootId=${o.id}`),
  'GET /orgs/export?rootId': (c, o) => c.get(`/api/v1/orgs/export?rootId=${o.id}`),
  'POST /orgs (parentId)': (c, o) =>
    c.post('/api/v1/orgs', { parentId: o.id, name: '新团支部', code: `N${o.id}${Math.random().toString(36).slice(2, 8)}`, typeCode: 'branch' }),
  'PATCH /orgs/:id': (c, o) => c.patch(`/api/v1/orgs/${o.id}`, { responsiblePerson: '王五' }),
  'POST /orgs/:id/move': (c, o) => c.post(`/api/v1/orgs/${o.id}/move`, { newParentId: tree.cA1.id }),
  'POST /orgs/:id/move (newParentId)': (c, o) => c.post(`/api/v1/orgs/${tree.bA1b.id}/move`, { newParentId: o.id }),
  'POST /orgs/:id/deactivate': (c, o) => c.post(`/api/v1/orgs/${o.id}/deactivate`, { reason: '测试' }),
  'POST /orgs/:id/reactivate': (c, o) => c.post(`/api/v1/orgs/${o.id}/reactivate`),
  'POST /orgs/:id/merge': (c, o) => c.post(`/api/v1/orgs/${o.id}/merge`, { targetId: tree.bA1b.id, reason: '测试' }),
  'POST /orgs/:id/merge (targetId)': (c, o) => c.post(`/api/v1/orgs/${tree.bA1b.id}/merge`, { targetId: o.id, reason: '测试' }),
  'POST /orgs/:id/reveal-contact': (c, o) => c.post(`/api/v1/orgs/${o.id}/reveal-contact`),
  'POST /orgs/import?parentId': (c, o) => c.request('POST', `/api/v1/orgs/import?parentId=${o.id}`, xlsx()),
  'GET /members?orgId': (c, o) => c.get(`/api/v1/members?orgId=${o.id}`),
  'GET /members?orgId&subtree': (c, o) => c.get(`/api/v1/members?orgId=${o.id}&subtree=1`),
  'GET /members/export?orgId': (c, o) => c.get(`/api/v1/members/export?orgId=${o.id}`),
  'POST /members/import?orgId': (c, o) => c.request('POST', `/api/v1/members/import?orgId=${o.id}`, xlsx()),
  'POST /members (orgId)': (c, o) => c.post('/api/v1/members', { orgId: o.id, name: '赵六', idCard: '11010519491231002X' }),
  'GET /members/:id': (c, _o, m) => c.get(`/api/v1/members/${m}`),
  'PATCH /members/:id': (c, _o, m) => c.patch(`/api/v1/members/${m}`, { note: '改' }),
  'POST /members/:id/reveal': (c, _o, m) => c.post(`/api/v1/members/${m}/reveal`, { field: 'idCard' }),
  'POST /members/:id/transfer': (c, _o, m) => c.post(`/api/v1/members/${m}/transfer`, { toOrgId: tree.bA1b.id, reason: '测试' }),
  'POST /members/:id/transfer (toOrgId)': (c, o) => c.post(`/api/v1/members/${memberIn.get(tree.bA1a.id)}/transfer`, { toOrgId: o.id, reason: '测试' }),
  'PATCH /accounts/:id': (c, _o, _m, u) => c.patch(`/api/v1/accounts/${u}`, { displayName: '改名' }),
  'POST /accounts/:id/reset-password': (c, _o, _m, u) => c.post(`/api/v1/accounts/${u}/reset-password`),
  'POST /accounts/:id/unlock': (c, _o, _m, u) => c.post(`/api/v1/accounts/${u}/unlock`),
  'POST /accounts/:id/grants': (c, _o, _m, u) => c.post(`/api/v1/accounts/${u}/grants`, { role: 'inspector', orgId: tree.bA1a.id }),
  'POST /accounts/:id/grants (orgId)': (c, o) => c.post(`/api/v1/accounts/${ownUser}/grants`, { role: 'inspector', orgId: o.id }),
  'GET /accounts?orgId': async (c, o) => {
    const res = await c.get(`/api/v1/accounts?orgId=${o.id}`);
    // A list filtered to an outside organization is empty (or refused).
    return res.status === 200 && res.body.total === 0 ? { status: 404 } : res;
  },
  'POST /campaigns (orgId)': (c, o) => c.post('/api/v1/campaigns', { templateId: 1, orgId: o.id, name: '活动', phases: yearPhases(2026) }),
  'GET /campaigns/:id/dashboard?orgId': (c, o) => c.get(`/api/v1/campaigns/${cityCampaignId}/dashboard?orgId=${o.id}`),
  'GET /campaigns/:id/units?orgId': (c, o) => c.get(`/api/v1/campaigns/${cityCampaignId}/units?orgId=${o.id}&taskKey=plan`),
  'GET /campaigns/:id/lagging?orgId': (c, o) => c.get(`/api/v1/campaigns/${cityCampaignId}/lagging?orgId=${o.id}`),
  'GET /campaigns/:id/tasks?orgId': (c, o) => c.get(`/api/v1/campaigns/${cityCampaignId}/tasks?orgId=${o.id}`),
  'POST /campaigns/:id/tasks/:key/confirm (orgId)': async (c, o) => {
    const res = await c.post(`/api/v1/campaigns/${cityCampaignId}/tasks/cadre_commitments/confirm`, { orgId: o.id });
    const written = await t.ctx.db.selectFrom('task_confirmation').select('org_id').where('org_id', '=', o.id).execute();
    return written.length ? { status: 200 } : res;
  },
  'DELETE /campaigns/:id/tasks/:key/confirm?orgId': async (c, o) => {
    await t.ctx.db
      .insertInto('task_confirmation')
      .values({
        campaign_id: cityCampaignId,
        org_id: o.id,
        task_key: 'cadre_commitments',
        note: null,
        confirmed_at: new Date().toISOString(),
        confirmed_by: null,
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
    const res = await c.delete(`/api/v1/campaigns/${cityCampaignId}/tasks/cadre_commitments/confirm?orgId=${o.id}`);
    const left = await t.ctx.db.selectFrom('task_confirmation').select('org_id').where('org_id', '=', o.id).execute();
    await t.ctx.db.deleteFrom('task_confirmation').where('org_id', '=', o.id).execute();
    return left.length ? res : { status: 200 };
  },
  'GET /campaigns/:id/plans?orgId': (c, o) => c.get(`/api/v1/campaigns/${cityCampaignId}/plans?orgId=${o.id}`),
  'GET /campaigns/:id/plans/:orgId': (c, o) => c.get(`/api/v1/campaigns/${cityCampaignId}/plans/${o.id}`),
  'PUT /campaigns/:id/plans/:orgId': (c, o) => unchangedPlan(o, () => c.put(`/api/v1/campaigns/${cityCampaignId}/plans/${o.id}`, PLAN)),
  'POST /campaigns/:id/plans/:orgId/submit': (c, o) => unchangedPlan(o, () => c.post(`/api/v1/campaigns/${cityCampaignId}/plans/${o.id}/submit`, PLAN)),
  'POST /campaigns/:id/plans/:orgId/review': async (c, o) => {
    await submittedPlanAt(o);
    return unchangedPlan(o, () => c.post(`/api/v1/campaigns/${cityCampaignId}/plans/${o.id}/review`, { decision: 'return', comment: '越权退回' }));
  },
  'POST /accounts (orgId)': (c, o) =>
    c.post('/api/v1/accounts', {
      username: `u${o.id}x${Math.random().toString(36).slice(2, 7)}`,
      displayName: '新账号',
      role: 'branch_secretary',
      orgId: o.id,
    }),
  'POST /attachments (orgId)': (c, o) =>
    c.request(
      'POST',
      '/api/v1/attachments',
      new FormDataBody({ name: 'note.txt', content: Buffer.from('会议记录'), type: 'text/plain' }, { orgId: String(o.id), kind: 'file' }),
    ),
  'GET /attachments/:id': async (c, o) => c.get(`/api/v1/attachments/${await attachmentAt(o)}`),
  'GET /attachments/:id/thumb': async (c, o) => c.get(`/api/v1/attachments/${await attachmentAt(o)}/thumb`),
  'GET /activities?orgId': (c, o) => c.get(`/api/v1/activities?orgId=${o.id}`),
  'GET /activities/calendar?orgId': (c, o) => c.get(`/api/v1/activities/calendar?orgId=${o.id}&month=2026-04`),
  'POST /activities (orgId)': (c, o) =>
    c.post('/api/v1/activities', {
      campaignId: cityCampaignId,
      orgId: o.id,
      type: 'publicity',
      title: '越权记录',
      heldOn: `${new Date().getUTCFullYear()}-03-10`,
      place: '礼堂',
      summary: '—',
    }),
  'GET /activities/:id': async (c, o) => c.get(`/api/v1/activities/${await activityAt(o)}`),
  'PATCH /activities/:id': async (c, o) => unchangedActivity(o, async (id) => c.patch(`/api/v1/activities/${id}`, { title: '越权修改' })),
  'DELETE /activities/:id': async (c, o) => unchangedActivity(o, async (id) => c.delete(`/api/v1/activities/${id}`)),
  'POST /activities/:id/notable': async (c, o) => unchangedActivity(o, async (id) => c.post(`/api/v1/activities/${id}/notable`, { notable: true })),
  'POST /inbox/:id/read (a notice to the organization)': async (c, o) => {
    const { notify } = await import('../inbox/service.ts');
    await notify(t.ctx.db, { org: o, kind: 'plan_returned', titleZh: '方案被退回', titleEn: 'Plan returned' });
    const n = await t.ctx.db.selectFrom('notification').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
    const res = await c.post(`/api/v1/inbox/${n.id}/read`);
    const written = await t.ctx.db.selectFrom('notification_read').select('user_id').where('notification_id', '=', n.id).execute();
    return written.length ? { status: 200 } : res;
  },
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

const PLAN = { theme: '越权方案', contentHtml: '<p>内容</p>', targets: [{ kind: 'star_tier', value: 5 }] };
const planOf = async (org: OrgRef) =>
  JSON.stringify({
    plans: await t.ctx.db.selectFrom('unit_plan').selectAll().where('org_id', '=', org.id).execute(),
    versions: await t.ctx.db
      .selectFrom('unit_plan_version as v')
      .innerJoin('unit_plan as p', 'p.id', 'v.plan_id')
      .selectAll('v')
      .where('p.org_id', '=', org.id)
      .execute(),
  });
/** Runs a plan write; a changed plan of `org` counts as allowed (200) whatever the answer. */
async function unchangedPlan(org: OrgRef, call: () => Promise<{ status: number }>) {
  const before = await planOf(org);
  const res = await call();
  return (await planOf(org)) === before ? res : { status: 200 };
}
/** A plan of `org` awaiting review, written by the test itself. */
async function submittedPlanAt(org: OrgRef) {
  if (await t.ctx.db.selectFrom('unit_plan').select('id').where('campaign_id', '=', cityCampaignId).where('org_id', '=', org.id).executeTakeFirst()) return;
  const at = new Date().toISOString();
  const { id } = await t.ctx.db
    .insertInto('unit_plan')
    .values({
      campaign_id: cityCampaignId,
      org_id: org.id,
      status: 'submitted',
      theme: '方案',
      content_html: '<p>内容</p>',
      targets: '[]',
      attachment_ids: '[]',
      version: 1,
      submitted_at: at,
      decided_at: null,
      created_at: at,
      updated_at: at,
      updated_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.ctx.db
    .insertInto('unit_plan_version')
    .values({
      plan_id: id,
      version: 1,
      theme: '方案',
      content_html: '<p>内容</p>',
      targets: '[]',
      attachment_ids: '[]',
      submitted_at: at,
      submitted_by: null,
      decision: null,
      review_comment: null,
      reviewed_at: null,
      reviewed_by: null,
    })
    .execute();
}

/** An activity recorded at `org` by the test itself (created_by null, so fingerprint() ignores it). */
const activities = new Map<number, number>();
async function activityAt(org: OrgRef): Promise<number> {
  if (!activities.has(org.id)) {
    const at = new Date().toISOString();
    const { id } = await t.ctx.db
      .insertInto('activity')
      .values({
        campaign_id: cityCampaignId,
        org_id: org.id,
        org_path: org.path,
        type: 'publicity',
        form: null,
        title: '宣传活动',
        held_on: `${at.slice(0, 4)}-03-10`,
        place: '礼堂',
        summary: '—',
        minutes: null,
        task_keys: '[]',
        photo_ids: '[]',
        created_at: at,
        created_by: null,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    activities.set(org.id, id);
  }
  return activities.get(org.id)!;
}

/** Runs a write on `org`'s test activity; answers 200 when the row changed (or vanished) whatever the status. */
async function unchangedActivity(org: OrgRef, write: (id: number) => Promise<{ status: number }>) {
  const id = await activityAt(org);
  const row = () =>
    t.ctx.db
      .selectFrom('activity')
      .select(['title', 'notable', 'updated_at'])
      .where('id', '=', id)
      .executeTakeFirst()
      .then((r) => JSON.stringify(r ?? null));
  const before = await row();
  const res = await write(id);
  return (await row()) === before ? res : { status: 200 };
}

/** An attachment stored at `org` by the test itself (uploaded_by null, so fingerprint() ignores it). */
const attachments = new Map<number, number>();
async function attachmentAt(org: OrgRef): Promise<number> {
  if (!attachments.has(org.id)) {
    const { hash, size } = await t.ctx.files.put(Readable.from(Buffer.from(`file of ${org.name}`)), 1000);
    const { id } = await t.ctx.db
      .insertInto('attachment')
      .values({
        hash,
        name: 'a.txt',
        mime: 'text/plain; charset=utf-8',
        size,
        kind: 'photo',
        thumb_hash: hash,
        width: null,
        height: null,
        org_id: org.id,
        org_path: org.path,
        uploaded_by: null,
        created_at: new Date().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    attachments.set(org.id, id);
  }
  return attachments.get(org.id)!;
}

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

/** Snapshot of everything a refused request must leave untouched. */
async function fingerprint() {
  const orgs = await t.ctx.db
    .selectFrom('organization')
    .select(['id', 'path', 'status', 'name', 'responsible_person', 'subtree_member_count'])
    .orderBy('id')
    .execute();
  const members = await t.ctx.db.selectFrom('member').select(['id', 'org_id', 'note', 'status']).orderBy('id').execute();
  const users = await t.ctx.db.selectFrom('user_account').select(['id', 'display_name', 'password_hash', 'locked_until']).orderBy('id').execute();
  const grants = await t.ctx.db.selectFrom('role_grant').select(['id', 'user_id', 'org_id', 'role']).orderBy('id').execute();
  const jobs = await t.ctx.db.selectFrom('job').select('id').execute();
  const campaigns = await t.ctx.db.selectFrom('campaign').select('id').execute();
  const uploads = await t.ctx.db.selectFrom('attachment').select('id').where('uploaded_by', 'is not', null).execute();
  const recorded = await t.ctx.db.selectFrom('activity').select('id').where('created_by', 'is not', null).execute();
  return JSON.stringify({ orgs, members, users, grants, jobs: jobs.length, campaigns: campaigns.length, uploads: uploads.length, activities: recorded.length });
}

describeScopeMatrix({ tree: () => tree, admin: () => admin, secretary: () => secretary, probes, fingerprint, memberIn, userIn });

describe('allowed in the own subtree', () => {
  it('lets the organization admin read and change its subtree', async () => {
    const m = memberIn.get(tree.bA1a.id)!;
    expect((await admin.get(`/api/v1/orgs/${tree.bA1a.id}`)).status).toBe(200);
    expect((await admin.get(`/api/v1/orgs/tree?parentId=${tree.cA1.id}`)).body.map((n: { id: number }) => n.id)).toEqual(
      expect.arrayContaining([tree.bA1a.id, tree.bA1b.id, tree.gA1.id]),
    );
    expect((await admin.get(`/api/v1/members?orgId=${tree.cA1.id}&subtree=1`)).body.total).toBe(4);
    expect((await admin.patch(`/api/v1/orgs/${tree.bA1b.id}`, { responsiblePerson: '王五' })).status).toBe(200);
    expect((await admin.patch(`/api/v1/members/${m}`, { note: '优秀' })).status).toBe(200);
    expect((await admin.post(`/api/v1/members/${m}/reveal`, { field: 'idCard' })).body.value).toMatch(/^\d{17}[\dX]$/);
    const created = await admin.post('/api/v1/orgs', { parentId: tree.cA1.id, name: '高一(3)班团支部', code: 'A1C', typeCode: 'branch' });
    expect(created.status).toBe(201);
    expect(created.body.path).toBe(`${tree.cA1.path}${created.body.id}/`);
  });

  it('lets the branch secretary read and change its own branch only', async () => {
    const m = memberIn.get(tree.bA1a.id)!;
    expect((await secretary.get(`/api/v1/orgs/${tree.bA1a.id}`)).status).toBe(200);
    expect((await secretary.get(`/api/v1/members?orgId=${tree.bA1a.id}`)).body.items.map((x: { id: number }) => x.id)).toEqual([m]);
    expect((await secretary.patch(`/api/v1/members/${m}`, { note: '学习委员' })).status).toBe(200);
    expect((await secretary.patch(`/api/v1/orgs/${tree.bA1a.id}`, { responsiblePerson: '李四' })).status).toBe(200);
    // Structure belongs to the level above.
    expect((await secretary.post('/api/v1/orgs', { parentId: tree.bA1a.id, name: 'x', code: 'XQ1', typeCode: 'branch' })).status).toBe(403);
  });

  it('answers the same 404 for a missing organization and one outside the scope', async () => {
    const missing = await admin.get('/api/v1/orgs/999999');
    const outside = await admin.get(`/api/v1/orgs/${tree.bB1a.id}`);
    expect(missing.status).toBe(404);
    expect(outside.status).toBe(404);
    expect(outside.body.code).toBe(missing.body.code);
    expect(outside.body.title).toBe(missing.body.title);
  });

  it('keeps search and lists inside the subtree', async () => {
    const found = await admin.get(`/api/v1/orgs/search?q=${encodeURIComponent('团支部')}`);
    const ids = found.body.map((o: { id: number }) => o.id);
    expect(ids).toContain(tree.bA1a.id);
    expect(ids).not.toContain(tree.bA2a.id);
    expect(ids).not.toContain(tree.bB1a.id);
    const list = await secretary.get('/api/v1/orgs?pageSize=200');
    expect(list.body.items.map((o: { id: number }) => o.id)).toEqual([tree.bA1a.id]);
  });
});

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

describe('plans in the own subtree', () => {
  it('lets the secretary write and submit its own plan, and the committee above review it', async () => {
    expect((await secretary.put(`/api/v1/campaigns/${cityCampaignId}/plans/${tree.bA1a.id}`, PLAN)).status).toBe(200);
    expect((await secretary.post(`/api/v1/campaigns/${cityCampaignId}/plans/${tree.bA1a.id}/submit`)).body.status).toBe('submitted');
    expect((await secretary.get(`/api/v1/campaigns/${cityCampaignId}/plans`)).body.items.map((i: { orgId: number }) => i.orgId)).toEqual([tree.bA1a.id]);
    expect((await admin.get(`/api/v1/campaigns/${cityCampaignId}/plans?orgId=${tree.bA1a.id}`)).body.items[0]).toMatchObject({
      orgId: tree.bA1a.id,
      status: 'submitted',
      canReview: true,
    });
    expect((await admin.post(`/api/v1/campaigns/${cityCampaignId}/plans/${tree.bA1a.id}/review`, { decision: 'approve' })).body.status).toBe('approved');
  });
});

/** A numbered draft bulletin issued at `org`, written by the test itself (drafts are never visible below). */
const bulletins = new Map<number, number>();
async function bulletinAt(org: OrgRef): Promise<number> {
  if (!bulletins.has(org.id)) {
    const at = new Date().toISOString();
    const body = {
      issuer: org.name,
      addressee: '',
      opening: '',
      overviewText: '',
      requirements: [],
      closing: '',
      signature: org.name,
      dateLine: '',
      ranking: [],
      highlights: [],
      lagging: [],
      overview: {
        orgName: org.name,
        campaignName: '全市活动',
        currentPhaseNameZh: null,
        members: 0,
        participants: 0,
        participationRate: null,
        plans: { required: 0, submitted: 0, approved: 0, submissionRate: null, approvalRate: null },
        activities: { total: 0, byType: [] },
        tasks: [],
      },
    };
    const { id } = await t.ctx.db
      .insertInto('bulletin')
      .values({
        campaign_id: cityCampaignId,
        org_id: org.id,
        org_path: org.path,
        period_from: '2026-01-01',
        period_to: '2026-12-31',
        title: `${org.name}通报`,
        body: JSON.stringify(body),
        score_weights: '{"tasks":0.5,"plans":0.2,"participation":0.2,"activities":0.1,"activityTarget":2}',
        number_prefix: null,
        number_year: 2026,
        number_seq: 900 + org.id,
        status: 'draft',
        published_at: null,
        published_by: null,
        created_at: at,
        created_by: null,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    bulletins.set(org.id, id);
  }
  return bulletins.get(org.id)!;
}

/** Runs a write on `org`'s test bulletin; answers 200 when any bulletin or notice changed, whatever the status. */
async function unchangedBulletin(org: OrgRef, write: (id: number) => Promise<{ status: number }>) {
  const id = await bulletinAt(org);
  const snapshot = async () =>
    JSON.stringify([
      await t.ctx.db.selectFrom('bulletin').select(['id', 'title', 'status', 'number_seq', 'updated_at']).orderBy('id').execute(),
      await t.ctx.db.selectFrom('notification').select('id').where('kind', '=', 'bulletin_published').execute(),
    ]);
  const before = await snapshot();
  const res = await write(id);
  return (await snapshot()) === before ? res : { status: 200 };
}

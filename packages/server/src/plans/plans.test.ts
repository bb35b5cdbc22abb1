import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/setup.ts';
import { createTree, yearPhases, type OrgRef, type Tree } from '../../test/factories.ts';
import { FormDataBody, type TestClient } from '../../test/client.ts';

let t: TestApp;
let tree: Tree;
let city: TestClient;
let district: TestClient;
let districtB: TestClient;
let committee: TestClient;
let secretary: TestClient;
let sibling: TestClient;
let campaignId: number;

const y = new Date().getUTCFullYear();
const phases = yearPhases(y);
const plan = {
  theme: '青春建功“双争先”',
  contentHtml: '<h2>一、指导思想</h2><p>以<strong>争创五四红旗团支部</strong>为目标。</p>',
  targets: [
    { kind: 'star_tier', value: 5, unit: null, label: null, goalTag: null },
    { kind: 'custom_kpi', value: 300, unit: '小时', label: '志愿服务时长', goalTag: '学赶苏南、后来居上' },
  ],
  attachmentIds: [] as number[],
};
const url = (org: OrgRef, suffix = '') => `/api/v1/campaigns/${campaignId}/plans/${org.id}${suffix}`;

async function stat(orgId: number, metric: string) {
  const r = await t.ctx.db
    .selectFrom('campaign_stat')
    .select(['own', 'subtree'])
    .where('campaign_id', '=', campaignId)
    .where('org_id', '=', orgId)
    .where('metric', '=', metric)
    .executeTakeFirst();
  return { own: Number(r?.own ?? 0), subtree: Number(r?.subtree ?? 0) };
}
const auditActions = async (orgId: number) =>
  (
    await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_type', '=', 'unit_plan')
      .where('target_id', '=', `${campaignId}:${orgId}`)
      .orderBy('id')
      .execute()
  ).map((a) => a.action);
const notices = (orgId: number) =>
  t.ctx.db.selectFrom('notification').select(['kind', 'title_zh', 'title_en', 'link', 'body']).where('org_id', '=', orgId).orderBy('id').execute();
const planRows = async () =>
  JSON.stringify({
    plans: await t.ctx.db.selectFrom('unit_plan').selectAll().orderBy('id').execute(),
    versions: await t.ctx.db.selectFrom('unit_plan_version').selectAll().orderBy('id').execute(),
  });

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  city = await t.loginAs('org_admin', tree.city);
  district = await t.loginAs('org_admin', tree.dA);
  districtB = await t.loginAs('org_admin', tree.dB);
  committee = await t.loginAs('org_admin', tree.cA1);
  secretary = await t.loginAs('branch_secretary', tree.bA1a);
  sibling = await t.loginAs('branch_secretary', tree.bA1b);
  const templateId = (await city.get('/api/v1/templates')).body[0].id;
  const c = await city.post('/api/v1/campaigns', { templateId, orgId: tree.city.id, name: `${y}年“双争先”主题实践活动`, phases });
  expect(c.status).toBe(201);
  campaignId = c.body.id;
});
afterAll(() => t?.close());

describe('the list of units and their plans', () => {
  it('lists every basic unit of the subtree as missing (未提交), with its parent, responsible person and deadline', async () => {
    const res = await committee.get(`/api/v1/campaigns/${campaignId}/plans`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { name: string }) => i.name)).toEqual(['红星中学团委', '高一(1)班团支部', '高一(2)班团支部', '教工团总支', '教工第一团支部']);
    expect(res.body.items[1]).toMatchObject({
      status: 'missing',
      parentName: '红星中学团委',
      responsiblePerson: '张三',
      dueOn: `${y}-02-28`,
      typeCode: 'branch',
      canReview: false,
    });
    expect(res.body.items[1].overdue).toBe(new Date().toISOString().slice(0, 10) > `${y}-02-28`);
    expect(res.body.counts).toMatchObject({ missing: 5, draft: 0, submitted: 0, returned: 0, approved: 0, all: 5 });
  });

  it('leaves out districts and the city (no plan task for them), and narrows by organization, status and search', async () => {
    const all = await district.get(`/api/v1/campaigns/${campaignId}/plans?pageSize=50`);
    expect(all.body.total).toBe(7);
    expect(all.body.items.map((i: { orgId: number }) => i.orgId)).not.toContain(tree.dA.id);
    const cA2 = await district.get(`/api/v1/campaigns/${campaignId}/plans?orgId=${tree.cA2.id}`);
    expect(cA2.body.items.map((i: { name: string }) => i.name)).toEqual(['青山街道团工委', '青山社区团支部']);
    const q = await district.get(`/api/v1/campaigns/${campaignId}/plans?q=${encodeURIComponent('高一')}&status=missing`);
    expect(q.body.items.map((i: { name: string }) => i.name)).toEqual(['高一(1)班团支部', '高一(2)班团支部']);
    expect((await district.get(`/api/v1/campaigns/${campaignId}/plans?status=approved`)).body.total).toBe(0);
    expect((await secretary.get(`/api/v1/campaigns/${campaignId}/plans`)).body.items.map((i: { orgId: number }) => i.orgId)).toEqual([tree.bA1a.id]);
  });

  it('gives an empty skeleton for a unit without a plan, and marks types that need none', async () => {
    const res = await secretary.get(url(tree.bA1a));
    expect(res.body).toMatchObject({
      status: 'missing',
      required: true,
      theme: '',
      targets: [],
      versions: [],
      canEdit: true,
      canReview: false,
      dueOn: `${y}-02-28`,
      org: { name: '高一(1)班团支部', parentName: '红星中学团委' },
    });
    const d = await district.get(url(tree.dA));
    expect(d.body).toMatchObject({ required: false, canEdit: false });
    const put = await district.put(url(tree.dA), plan);
    expect(put.status).toBe(422);
    expect(put.body.errors[0]).toMatchObject({ field: 'orgId', code: 'PLAN_NOT_REQUIRED' });
  });
});

describe('draft → submit → return → resubmit → approve', () => {
  it('saves a draft with the plan text sanitized: scripts, styles and event handlers removed', async () => {
    const dirty =
      '<p onclick="steal()">一、<img src=x onerror="alert(1)">目标<script>alert(1)</script></p><a href="javascript:alert(1)">坏链接</a><a href="https://www.gqt.org.cn">共青团中央</a><style>p{}</style><p></p><p><br></p>';
    const res = await secretary.put(url(tree.bA1a), { ...plan, contentHtml: dirty });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('draft');
    expect(res.body.contentHtml).not.toMatch(/script|onerror|onclick|javascript|<img|<style/i);
    expect(res.body.contentHtml).toMatch(/<a href="https:\/\/www.gqt.org.cn" target="_blank" rel="noopener noreferrer nofollow">共青团中央<\/a>$/);
    expect(res.body.targets[1]).toEqual({ kind: 'custom_kpi', value: 300, unit: '小时', label: '志愿服务时长', goalTag: '学赶苏南、后来居上' });
    const stored = await t.ctx.db.selectFrom('unit_plan').select('content_html').where('org_id', '=', tree.bA1a.id).executeTakeFirstOrThrow();
    expect(stored.content_html).not.toMatch(/script|onerror/i);
    expect(await auditActions(tree.bA1a.id)).toEqual(['plan.save']);
  });

  it('refuses invalid targets field by field and writes nothing', async () => {
    const before = await planRows();
    const res = await secretary.post(url(tree.bA1a, '/submit'), {
      theme: '',
      contentHtml: '<p></p>',
      targets: [
        { kind: 'star_tier', value: 7 },
        { kind: 'excellent_member_ratio', value: 120 },
        { kind: 'custom_kpi', value: null, label: '' },
        { kind: 'red_flag' },
        { kind: 'red_flag' },
      ],
    });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'theme',
      'targets.0.value',
      'targets.1.value',
      'targets.2.label',
      'targets.2.value',
      'targets.2.unit',
      'targets.4.kind',
    ]);
    expect(res.body.errors[0].messages).toEqual({ zh: '请填写活动主题', en: 'Enter the activity theme' });
    const empty = await secretary.post(url(tree.bA1a, '/submit'), { ...plan, contentHtml: '<p> </p>', targets: [] });
    expect(empty.body.errors.map((e: { code: string }) => e.code)).toEqual(['PLAN_CONTENT_REQUIRED', 'PLAN_TARGETS_REQUIRED']);
    expect(await planRows()).toBe(before);
    expect(await auditActions(tree.bA1a.id)).toEqual(['plan.save']);
  });

  it('submits version 1 to the parent, locks it, notifies the parent and counts it as submitted', async () => {
    expect(await stat(tree.bA1a.id, 'plan_submitted')).toEqual({ own: 0, subtree: 0 });
    const res = await secretary.post(url(tree.bA1a, '/submit'), plan);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'submitted', version: 1, canEdit: false });
    expect(res.body.versions).toHaveLength(1);
    expect(res.body.versions[0]).toMatchObject({ version: 1, theme: plan.theme, decision: null });
    expect(await stat(tree.bA1a.id, 'plan_submitted')).toEqual({ own: 1, subtree: 1 });
    expect((await stat(tree.cA1.id, 'plan_submitted')).subtree).toBe(1);
    expect((await stat(tree.city.id, 'plan_submitted')).subtree).toBe(1);
    expect(await notices(tree.cA1.id)).toEqual([
      expect.objectContaining({
        kind: 'plan_submitted',
        link: `/plans/${campaignId}/${tree.bA1a.id}`,
        title_zh: '高一(1)班团支部提交了实施方案（第 1 版），请审核',
      }),
    ]);

    const locked = await secretary.put(url(tree.bA1a), plan);
    expect(locked.status).toBe(409);
    expect(locked.body.code).toBe('PLAN_LOCKED');
    expect(locked.body.messages.zh).toContain('等待上级审核');
    expect((await secretary.post(url(tree.bA1a, '/submit'))).body.code).toBe('PLAN_LOCKED');

    const list = await committee.get(`/api/v1/campaigns/${campaignId}/plans?status=submitted`);
    expect(list.body.items).toEqual([
      expect.objectContaining({ orgId: tree.bA1a.id, status: 'submitted', theme: plan.theme, canReview: true, overdue: list.body.items[0].overdue }),
    ]);
    expect(list.body.counts).toMatchObject({ submitted: 1, missing: 4 });
  });

  it('refuses a return without a comment, then returns it with the comment to the unit', async () => {
    const before = await planRows();
    const bare = await committee.post(url(tree.bA1a, '/review'), { decision: 'return', comment: '  ' });
    expect(bare.status).toBe(422);
    expect(bare.body.errors[0]).toMatchObject({ field: 'comment', code: 'PLAN_RETURN_COMMENT_REQUIRED' });
    expect(await planRows()).toBe(before);

    const res = await committee.post(url(tree.bA1a, '/review'), { decision: 'return', comment: '目标要量化到每季度' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('returned');
    expect(await stat(tree.bA1a.id, 'plan_submitted')).toEqual({ own: 0, subtree: 0 });
    expect(await notices(tree.bA1a.id)).toEqual([
      expect.objectContaining({ kind: 'plan_returned', body: '目标要量化到每季度', link: `/plans/${campaignId}/${tree.bA1a.id}` }),
    ]);

    const seen = await secretary.get(url(tree.bA1a));
    expect(seen.body).toMatchObject({ status: 'returned', canEdit: true, lastReview: { version: 1, decision: 'returned', comment: '目标要量化到每季度' } });
    expect(seen.body.versions[0]).toMatchObject({ decision: 'returned', reviewComment: '目标要量化到每季度' });
    expect(seen.body.versions[0].reviewedBy).toMatch(/测试用户/);
  });

  it('keeps the plan returned while it is edited, then freezes version 2 on resubmission', async () => {
    const edited = {
      ...plan,
      contentHtml: `${plan.contentHtml}<p>每季度开展一次主题团日。</p>`,
      targets: [...plan.targets, { kind: 'excellent_member_ratio', value: 20, unit: null, label: null, goalTag: null }],
    };
    const saved = await secretary.put(url(tree.bA1a), edited);
    expect(saved.body.status).toBe('returned');
    const res = await secretary.post(url(tree.bA1a, '/submit'));
    expect(res.body).toMatchObject({ status: 'submitted', version: 2 });
    expect(res.body.versions.map((v: { version: number; decision: string | null }) => [v.version, v.decision])).toEqual([
      [2, null],
      [1, 'returned'],
    ]);
    expect(res.body.versions[0].contentHtml).toContain('每季度');
    expect(res.body.versions[1].contentHtml).not.toContain('每季度');
    expect(res.body.versions[0].targets).toHaveLength(3);
  });

  it('approves version 2: counted as approved with its targets, locked for good', async () => {
    const res = await committee.post(url(tree.bA1a, '/review'), { decision: 'approve' });
    expect(res.body).toMatchObject({ status: 'approved', lastReview: { version: 2, decision: 'approved' } });
    expect(await stat(tree.bA1a.id, 'plan_approved')).toEqual({ own: 1, subtree: 1 });
    expect(await stat(tree.bA1a.id, 'plan_submitted')).toEqual({ own: 1, subtree: 1 });
    expect((await stat(tree.dA.id, 'plan_approved')).subtree).toBe(1);
    expect((await stat(tree.city.id, 'target_excellent_units')).subtree).toBe(1);
    expect((await stat(tree.bA1a.id, 'task:plan')).own).toBe(1);
    expect((await notices(tree.bA1a.id)).map((n) => n.kind)).toEqual(['plan_returned', 'plan_approved']);
    expect((await secretary.put(url(tree.bA1a), plan)).body.code).toBe('PLAN_LOCKED');
    expect((await committee.post(url(tree.bA1a, '/review'), { decision: 'return', comment: 'x' })).body.code).toBe('PLAN_NOT_SUBMITTED');
    expect(await auditActions(tree.bA1a.id)).toEqual(['plan.save', 'plan.save', 'plan.submit', 'plan.return', 'plan.save', 'plan.submit', 'plan.approve']);
    const counts = (await district.get(`/api/v1/campaigns/${campaignId}/plans`)).body.counts;
    expect(counts).toMatchObject({ approved: 1, missing: 6, all: 7 });
  });
});

describe('who may do what', () => {
  it('never lets a unit approve its own plan; the level above does', async () => {
    expect((await committee.post(url(tree.cA1, '/submit'), { ...plan, theme: '团委方案' })).status).toBe(200);
    const self = await committee.post(url(tree.cA1, '/review'), { decision: 'approve' });
    expect(self.status).toBe(403);
    expect(self.body.code).toBe('PLAN_SELF_REVIEW');
    expect((await committee.get(url(tree.cA1))).body.canReview).toBe(false);
    expect((await district.get(url(tree.cA1))).body.canReview).toBe(true);
    expect((await district.post(url(tree.cA1, '/review'), { decision: 'approve' })).body.status).toBe('approved');
  });

  it('refuses a secretary reviewing (no permission) and a sibling, child, parent or unrelated unit (out of scope)', async () => {
    await sibling.put(url(tree.bA1b), plan);
    await sibling.post(url(tree.bA1b, '/submit'));
    const before = await planRows();
    expect((await secretary.post(url(tree.bA1b, '/review'), { decision: 'approve' })).status).toBe(403);
    for (const org of [tree.bA1b, tree.cA1, tree.bB1a]) {
      expect((await secretary.get(url(org))).status, org.name).toBe(404);
      expect((await secretary.put(url(org), plan)).status, org.name).toBe(404);
      expect((await secretary.post(url(org, '/submit'), plan)).status, org.name).toBe(404);
    }
    for (const org of [tree.cA2, tree.bA2a, tree.dA, tree.bB1a]) {
      expect((await committee.get(url(org))).status, org.name).toBe(404);
      expect((await committee.put(url(org), plan)).status, org.name).toBe(404);
      expect((await committee.post(url(org, '/review'), { decision: 'approve' })).status, org.name).toBe(404);
    }
    expect((await committee.get(`/api/v1/campaigns/${campaignId}/plans?orgId=${tree.cA2.id}`)).status).toBe(404);
    expect((await districtB.post(url(tree.bA1b, '/review'), { decision: 'approve' })).status).toBe(404);
    expect(await planRows()).toBe(before);
    // A child's plan is the committee's to review.
    expect((await committee.post(url(tree.bA1b, '/review'), { decision: 'approve' })).status).toBe(200);
  });

  it('hides a campaign launched elsewhere', async () => {
    const templateId = (await city.get('/api/v1/templates')).body[0].id;
    const b = await districtB.post('/api/v1/campaigns', { templateId, orgId: tree.dB.id, name: '临江区“双争先”', phases });
    expect((await secretary.get(`/api/v1/campaigns/${b.body.id}/plans`)).status).toBe(404);
    expect((await secretary.get(`/api/v1/campaigns/${b.body.id}/plans/${tree.bA1a.id}`)).status).toBe(404);
    expect((await districtB.get(`/api/v1/campaigns/${b.body.id}/plans`)).body.items.map((i: { name: string }) => i.name)).toEqual([
      '临江医院团委',
      '临江医院护理团支部',
    ]);
  });
});

describe('attachments', () => {
  it('keeps files of the unit with the plan, refuses a file of another unit in scope (422) and one outside the scope (404)', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
    const up = (c: TestClient, org: OrgRef) =>
      c.request(
        'POST',
        '/api/v1/attachments',
        new FormDataBody({ name: '实施方案.pdf', content: pdf, type: 'application/pdf' }, { orgId: String(org.id), kind: 'file' }),
      );
    const mine = await up(committee, tree.gA1x);
    const theirs = await up(district, tree.bA2a);
    expect(mine.status).toBe(201);
    const ok = await committee.put(url(tree.gA1x), { ...plan, attachmentIds: [mine.body.id] });
    expect(ok.status).toBe(200);
    expect(ok.body.attachments).toEqual([expect.objectContaining({ id: mine.body.id, name: '实施方案.pdf', url: `/api/v1/attachments/${mine.body.id}` })]);
    const foreign = await committee.put(url(tree.gA1x), { ...plan, attachmentIds: [mine.body.id, theirs.body.id] });
    expect(foreign.status).toBe(404);
    expect(foreign.body.errors).toEqual([expect.objectContaining({ field: 'attachmentIds.1', code: 'NOT_FOUND' })]);
    const sibling = await up(committee, tree.bA1b);
    const bad = await committee.put(url(tree.gA1x), { ...plan, attachmentIds: [sibling.body.id] });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0]).toMatchObject({ field: 'attachmentIds', code: 'ATTACHMENT_NOT_USABLE' });
    const sub = await committee.post(url(tree.gA1x, '/submit'));
    expect(sub.body.versions[0].attachments.map((a: { id: number }) => a.id)).toEqual([mine.body.id]);
  });
});

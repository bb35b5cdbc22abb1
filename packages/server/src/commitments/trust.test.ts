import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoToday } from '@zx/domain';
import { createTestApp, type TestApp } from '../../test/setup.ts';
import { createTree, yearPhases, type Tree } from '../../test/factories.ts';
import { FormDataBody, type TestClient } from '../../test/client.ts';
import { kindsOf, person } from '../../test/notice-probe.ts';
import { remindCadreReports } from './reminders.ts';

/**
 * Issue 11 in the commitments area: a cadre signed in with the member role reaches only files
 * they may read themself, and the report's file route serves only files the report
 * legitimately holds; every notice of the area reaches exactly its audience.
 */
let t: TestApp;
let tree: Tree;
const year = Number(isoToday().slice(0, 4));
let cadre: { client: TestClient; memberId: number | null };
let otherCadre: { client: TestClient; memberId: number | null };
let plain: { client: TestClient; memberId: number | null };
let siblingMember: { client: TestClient; memberId: number | null };
let secretary: { client: TestClient };
let siblingSecretary: { client: TestClient };
let item = 0;

const base = (memberId = cadre.memberId) => `/api/v1/commitments/cadres/${memberId}/${year}`;
const upload = (c: TestClient, orgId: number, name: string) =>
  c.request(
    'POST',
    '/api/v1/attachments',
    new FormDataBody({ name, content: Buffer.from(`${name} 内容`), type: 'text/plain' }, { orgId: String(orgId), kind: 'file' }),
  );
const reportRow = async () => {
  const plan = await t.ctx.db
    .selectFrom('commitment_plan')
    .select('id')
    .where('member_id', '=', cadre.memberId!)
    .where('year', '=', year)
    .executeTakeFirstOrThrow();
  const r = await t.ctx.db.selectFrom('cadre_report').selectAll().where('plan_id', '=', plan.id).executeTakeFirst();
  const items = r ? await t.ctx.db.selectFrom('cadre_report_item').selectAll().where('report_id', '=', r.id).execute() : [];
  return { report: r ?? null, items };
};

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  const city = await person(t, 'org_admin', tree.city);
  expect((await city.client.post('/api/v1/campaigns', { templateId: 1, orgId: tree.city.id, name: '全市活动', phases: yearPhases(year) })).status).toBe(201);
  // A deputy secretary of 高一(1)班 signed in with the member role: a cadre, no subtree.
  cadre = await person(t, 'member', tree.bA1a, { name: '李副书记', position: 'deputy_secretary' });
  otherCadre = await person(t, 'member', tree.bA1a, { name: '赵委员', position: 'organization_member' });
  plain = await person(t, 'member', tree.bA1a, { name: '团员甲' });
  siblingMember = await person(t, 'member', tree.bA1b, { name: '团员乙' });
  secretary = await person(t, 'branch_secretary', tree.bA1a);
  siblingSecretary = await person(t, 'branch_secretary', tree.bA1b);
  item = (await cadre.client.post(`${base()}/items`, { text: '每季度组织一次志愿服务' })).body.id;
  expect((await cadre.client.post(`${base()}/publish`, {})).status).toBe(200);
  expect((await otherCadre.client.post(`${base(otherCadre.memberId)}/items`, { text: '发展两名新团员' })).status).toBe(201);
  expect((await otherCadre.client.post(`${base(otherCadre.memberId)}/publish`, {})).status).toBe(200);
});
afterAll(() => t?.close());

/** The cadre's own upload, given as evidence in their report. */
let own = 0;

describe('files reached through a year-end report (issue 11)', () => {
  let foreign = 0;
  let branchFile = 0;

  it('lets the cadre upload evidence under their own organization and use it in their report', async () => {
    const res = await upload(cadre.client, tree.bA1a.id, '志愿服务台账.txt');
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    own = res.body.id;
    foreign = (await upload(siblingSecretary.client, tree.bA1b.id, '别的支部的材料.txt')).body.id;
    branchFile = (await upload(secretary.client, tree.bA1a.id, '支部书记的材料.txt')).body.id;
    expect(foreign).toBeGreaterThan(0);
    expect(branchFile).toBeGreaterThan(0);
    const saved = await cadre.client.put(`${base()}/report`, { content: '述职', items: [{ commitmentId: item, status: 'done', attachmentIds: [own] }] });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.items[0].attachments.map((a: { id: number }) => a.id)).toEqual([own]);
    expect((await cadre.client.get(`${base()}/report/files/${own}`)).status).toBe(200);
  });

  it("refuses a foreign attachment id in the member's report with 404 and saves nothing", async () => {
    const before = await reportRow();
    for (const id of [foreign, branchFile]) {
      const res = await cadre.client.put(`${base()}/report`, {
        content: '改过的述职',
        items: [{ commitmentId: item, status: 'done', attachmentIds: [own, id] }],
      });
      expect(res.status).toBe(404);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'items.0.attachmentIds.1', code: 'NOT_FOUND' })]);
      const sub = await cadre.client.post(`${base()}/report/submit`, {
        content: '改过的述职',
        items: [{ commitmentId: item, status: 'done', attachmentIds: [id] }],
      });
      expect(sub.status).toBe(404);
    }
    expect(await reportRow()).toEqual(before);
  });

  it('does not serve a file through the report that the report does not hold', async () => {
    expect((await cadre.client.get(`${base()}/report/files/${foreign}`)).status).toBe(404);
    expect((await cadre.client.get(`${base()}/report/files/${branchFile}`)).status).toBe(404);
  });

  it("serves and shows only files of the cadre's organization, even when another id was stored some other way", async () => {
    // As a report saved before the fix could hold: a file and an activity of another branch.
    const campaign = await t.ctx.db.selectFrom('campaign').select('id').executeTakeFirstOrThrow();
    const at = new Date().toISOString();
    const activity = await t.ctx.db
      .insertInto('activity')
      .values({
        campaign_id: campaign.id,
        org_id: tree.bA1b.id,
        org_path: tree.bA1b.path,
        type: 'other',
        form: null,
        title: '别的支部的活动',
        held_on: isoToday(),
        place: '某地',
        summary: '别的',
        minutes: null,
        task_keys: '[]',
        photo_ids: '[]',
        created_at: at,
        created_by: null,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { report } = await reportRow();
    await t.ctx.db
      .updateTable('cadre_report_item')
      .set({ attachment_ids: JSON.stringify([own, foreign]), activity_ids: JSON.stringify([activity.id]) })
      .where('report_id', '=', report!.id)
      .execute();
    expect((await cadre.client.get(`${base()}/report/files/${foreign}`)).status).toBe(404);
    expect((await cadre.client.get(`${base()}/report/files/${own}`)).status).toBe(200);
    const view = (await cadre.client.get(`${base()}/report`)).body;
    expect(view.items[0].attachments.map((a: { id: number }) => a.id)).toEqual([own]);
    expect(view.items[0].activities).toEqual([]);
    await t.ctx.db
      .updateTable('cadre_report_item')
      .set({ attachment_ids: JSON.stringify([own]), activity_ids: '[]' })
      .where('report_id', '=', report!.id)
      .execute();
  });

  it("cites no activity through the member role (it reads none), and writes no one else's report", async () => {
    const activityId = (
      await secretary.client.post('/api/v1/activities', {
        campaignId: (await t.ctx.db.selectFrom('campaign').select('id').executeTakeFirstOrThrow()).id,
        orgId: tree.bA1a.id,
        type: 'other',
        title: '主题团日',
        heldOn: isoToday(),
        place: '团员活动室',
        summary: '学习',
      })
    ).body.id;
    const res = await cadre.client.put(`${base()}/report`, { content: '述职', items: [{ commitmentId: item, activityIds: [activityId] }] });
    expect(res.status).toBe(404);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'items.0.activityIds.0', code: 'NOT_FOUND' })]);
    const theirs = await cadre.client.put(`${base(otherCadre.memberId)}/report`, { content: '代写', items: [] });
    expect(theirs.status).toBe(404);
  });
});

describe('notices of the commitments area reach exactly their audience (issue 11)', () => {
  it("commitments_published and cadre_report_submitted: the organization's members, not the sibling branch's", async () => {
    for (const c of [plain, secretary, cadre]) expect(await kindsOf(c.client)).toContain('commitments_published');
    expect(await kindsOf(siblingMember.client)).not.toContain('commitments_published');
    const sub = await cadre.client.post(`${base()}/report/submit`, {
      content: '本年度认真履行承诺，按季度组织志愿服务。'.repeat(10),
      items: [{ commitmentId: item, status: 'done', attachmentIds: [own] }],
    });
    expect(sub.status, JSON.stringify(sub.body)).toBe(200);
    expect(await kindsOf(plain.client)).toContain('cadre_report_submitted');
    expect(await kindsOf(siblingMember.client)).not.toContain('cadre_report_submitted');
    // A member of the branch reads the submitted report and its files.
    expect((await plain.client.get(`${base()}/report`)).status).toBe(200);
    expect((await plain.client.get(`${base()}/report/files/${own}`)).status).toBe(200);
    expect((await siblingMember.client.get(`${base()}/report/files/${own}`)).status).toBe(404);
  });

  it('cadre_report_due: only the cadre whose report is due — not the other cadres, the members or the secretary', async () => {
    expect(await t.ctx.db.transaction().execute((trx) => remindCadreReports(trx, `${year}-12-01`))).toBe(1);
    expect(await kindsOf(otherCadre.client)).toContain('cadre_report_due');
    for (const c of [cadre, plain, secretary, siblingMember]) expect(await kindsOf(c.client)).not.toContain('cadre_report_due');
  });

  it('answers the pages a member opens with 200', async () => {
    for (const url of ['/api/v1/commitments/rules', `/api/v1/commitments/cadres?year=${year}`, base(), `${base()}/report`, `${base(otherCadre.memberId)}`]) {
      expect((await plain.client.get(url)).status, url).toBe(200);
    }
    expect((await plain.client.get(`/api/v1/commitments/cadres?orgId=${tree.cA1.id}&year=${year}`)).status).toBe(200);
    expect((await plain.client.get(`/api/v1/commitments/cadres?orgId=${tree.cA1.id}&year=${year}&subtree=1`)).status).toBe(403);
  });
});

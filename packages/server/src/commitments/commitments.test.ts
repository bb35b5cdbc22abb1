import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoToday } from '@zx/domain';
import { createTestApp, type SignedInClient, type TestApp } from '../../test/setup.ts';
import { createMember, createTree, yearPhases, type Tree } from '../../test/factories.ts';
import { FormDataBody } from '../../test/client.ts';
import { remindCadreReports } from './reminders.ts';
import { cadreReportOf, cadreReportStatus } from './service.ts';

let t: TestApp;
let tree: Tree;
const today = isoToday();
const year = Number(today.slice(0, 4));
/** The secretary of 高一(1)班团支部, a cadre whose account is linked to the member. */
let cadre: { id: number };
let secretary: SignedInClient;
/** A member-role account of the same branch, and one of the sibling branch. */
let member: SignedInClient;
let siblingMember: SignedInClient;
let committee: SignedInClient;
let district: SignedInClient;
let otherDistrict: SignedInClient;
let campaignId: number;

const base = () => `/api/v1/commitments/cadres/${cadre.id}/${year}`;
const report = (n: number) => '本年度，我带领团支部围绕“双争先”主题实践活动，认真履行承诺，组织开展主题团日和志愿服务。'.repeat(n);
const fields = (res: { body: { errors?: { field: string; code: string }[] } }) => (res.body.errors ?? []).map((e) => `${e.field}:${e.code}`);

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  cadre = await createMember(t.ctx, tree.bA1a, { name: '王书记', position: 'secretary' });
  secretary = await t.loginAs('branch_secretary', tree.bA1a, { memberId: cadre.id });
  member = await t.loginAs('member', tree.bA1a, { memberId: (await createMember(t.ctx, tree.bA1a, { name: '团员甲' })).id });
  siblingMember = await t.loginAs('member', tree.bA1b, { memberId: (await createMember(t.ctx, tree.bA1b, { name: '团员乙' })).id });
  committee = await t.loginAs('org_admin', tree.cA1);
  district = await t.loginAs('org_admin', tree.dA);
  otherDistrict = await t.loginAs('org_admin', tree.dB);
  const city = await t.loginAs('org_admin', tree.city);
  campaignId = (await city.post('/api/v1/campaigns', { templateId: 1, orgId: tree.city.id, name: '全市活动', phases: yearPhases(year) })).body.id;
});
afterAll(() => t?.close());

describe('commitments', () => {
  let first: number;
  let second: number;

  it('lets a cadre write drafts that nobody else reads until they are published', async () => {
    const a = await secretary.post(`${base()}/items`, { text: '每月组织一次主题团日活动', category: 'organization', dueOn: `${year}-12-31` });
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ state: 'draft', seq: 1 });
    first = a.body.id;
    second = (await secretary.post(`${base()}/items`, { text: '发展两名新团员' })).body.id;
    const mine = await secretary.get(base());
    expect(mine.body.items.map((i: { id: number }) => i.id)).toEqual([first, second]);
    expect(mine.body.can).toMatchObject({ write: true, report: false });
    const theirs = await member.get(base());
    expect(theirs.status).toBe(200);
    expect(theirs.body.items).toEqual([]);
  });

  it('reports field errors in both languages and writes nothing', async () => {
    const before = await t.ctx.db
      .selectFrom('commitment_item')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const res = await secretary.post(`${base()}/items`, { text: '超期承诺', category: 'nope', dueOn: `${year + 1}-01-01` });
    expect(res.status).toBe(422);
    expect(fields(res)).toContain('category:FIELD_INVALID_VALUE');
    const late = await secretary.post(`${base()}/items`, { text: '超期承诺', dueOn: `${year + 1}-01-01` });
    expect(late.status).toBe(422);
    expect(late.body.errors[0]).toMatchObject({
      field: 'dueOn',
      code: 'COMMITMENT_DUE_OUTSIDE_YEAR',
      messages: { zh: expect.stringContaining('年内'), en: expect.stringContaining('within') },
    });
    const empty = await secretary.post(`${base()}/items`, { text: '   ' });
    expect(empty.status).toBe(422);
    const after = await t.ctx.db
      .selectFrom('commitment_item')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('publishes the drafts as version 1 and tells the organization', async () => {
    const res = await secretary.post(`${base()}/publish`, { note: '年初公开' });
    expect(res.status).toBe(200);
    expect(res.body.plan.version).toBe(1);
    expect(res.body.items.every((i: { state: string }) => i.state === 'published')).toBe(true);
    expect(res.body.versions[0]).toMatchObject({ version: 1, note: '年初公开', onBehalf: false });
    expect(res.body.versions[0].items.map((i: { change: string }) => i.change)).toEqual(['added', 'added']);
    const notice = await t.ctx.db.selectFrom('notification').select(['kind', 'org_id']).where('kind', '=', 'commitments_published').executeTakeFirstOrThrow();
    expect(notice.org_id).toBe(tree.bA1a.id);
    expect((await secretary.post(`${base()}/publish`, {})).body.errors[0].code).toBe('COMMITMENT_NOTHING_TO_PUBLISH');
  });

  it('freezes published commitments: edits are revisions, the history is kept', async () => {
    const edit = await secretary.patch(`/api/v1/commitments/items/${first}`, { text: '改掉' });
    expect(edit.status).toBe(409);
    expect(edit.body.code).toBe('COMMITMENT_FROZEN');
    expect((await secretary.delete(`/api/v1/commitments/items/${first}`)).status).toBe(409);
    const rev = await secretary.post(`/api/v1/commitments/items/${second}/revise`, { text: '发展三名新团员', category: 'organization' });
    expect(rev.status).toBe(201);
    expect(rev.body).toMatchObject({ state: 'draft', revisesId: second });
    // Members still read the published text until the revision is published.
    expect((await member.get(base())).body.items.map((i: { text: string }) => i.text)).toEqual(['每月组织一次主题团日活动', '发展两名新团员']);
    const added = await secretary.post(`${base()}/items`, { text: '开展一次志愿服务', category: 'service' });
    const v2 = await secretary.post(`${base()}/publish`, {});
    expect(v2.body.plan.version).toBe(2);
    expect(v2.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(v2.body.versions[0].items.map((i: { text: string; change: string | null }) => `${i.text}/${i.change}`)).toEqual([
      '每月组织一次主题团日活动/null',
      '发展三名新团员/revised',
      '开展一次志愿服务/added',
    ]);
    expect(v2.body.versions[1].items.map((i: { text: string }) => i.text)).toEqual(['每月组织一次主题团日活动', '发展两名新团员']);
    const old = await t.ctx.db.selectFrom('commitment_item').select('state').where('id', '=', second).executeTakeFirstOrThrow();
    expect(old.state).toBe('superseded');
    second = rev.body.id;
    expect((await member.get(base())).body.items.map((i: { id: number }) => i.id)).toEqual([first, second, added.body.id]);
  });

  it('is visible to members of the organization and to the levels above, to nobody else', async () => {
    expect((await member.get(base())).status).toBe(200);
    expect((await committee.get(base())).status).toBe(200);
    expect((await district.get(base())).status).toBe(200);
    expect((await siblingMember.get(base())).status).toBe(404);
    expect((await otherDistrict.get(base())).status).toBe(404);
    const list = await member.get(`/api/v1/commitments/cadres?year=${year}`);
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ memberId: cadre.id, name: '王书记', version: 2, publishedCount: 3, reportStatus: 'none', canWrite: false }),
    ]);
    expect((await siblingMember.get(`/api/v1/commitments/cadres?orgId=${tree.bA1a.id}&year=${year}`)).status).toBe(404);
    const above = await district.get(`/api/v1/commitments/cadres?orgId=${tree.dA.id}&year=${year}&subtree=1`);
    expect(above.body.totals).toEqual({ cadres: 1, published: 1, submitted: 0 });
  });

  it('refuses other writers: a member, another secretary, an admin outside the scope', async () => {
    const other = await t.loginAs('branch_secretary', tree.bA1a);
    // A member-role account reaches only its own member's commitments for writing: another cadre is 404.
    const byMember = await member.post(`${base()}/items`, { text: 'x' });
    expect([byMember.status, byMember.body.code]).toEqual([404, 'NOT_FOUND']);
    // In the secretary's scope, but someone else's: refused as such.
    const bySecretary = await other.post(`${base()}/items`, { text: 'x' });
    expect([bySecretary.status, bySecretary.body.code]).toEqual([403, 'COMMITMENT_NOT_YOURS']);
    expect((await otherDistrict.post(`${base()}/items`, { text: 'x' })).status).toBe(404);
    expect((await siblingMember.patch(`/api/v1/commitments/items/${first}`, { text: 'x' })).status).toBe(404);
    const items = await t.ctx.db.selectFrom('commitment_item').select('text').where('text', '=', 'x').execute();
    expect(items).toEqual([]);
  });

  it('lets a cadre signed in with the member role write their own; a member without a position has no page', async () => {
    const deputy = await createMember(t.ctx, tree.bA1a, { name: '李副书记', position: 'deputy_secretary' });
    const deputyAccount = await t.loginAs('member', tree.bA1a, { memberId: deputy.id });
    const own = `/api/v1/commitments/cadres/${deputy.id}/${year}`;
    expect((await deputyAccount.post(`${own}/items`, { text: '每季度组织一次志愿服务' })).status).toBe(201);
    const page = (await deputyAccount.get(own)).body;
    expect(page).toMatchObject({
      cadre: { name: '李副书记' },
      can: { writer: true },
      items: [expect.objectContaining({ text: '每季度组织一次志愿服务', state: 'draft' })],
    });
    expect((await member.get(own)).body.items).toEqual([]); // drafts stay the cadre's until published
    const forTheSecretary = await deputyAccount.post(`${base()}/items`, { text: '替书记写' });
    expect([forTheSecretary.status, forTheSecretary.body.code]).toEqual([404, 'NOT_FOUND']);
    const memberId = (await member.get('/api/v1/auth/me')).body.user.memberId;
    expect((await member.get(`/api/v1/commitments/cadres/${memberId}/${year}`)).status).toBe(404);
  });

  it("lets an organization admin above write on the cadre's behalf, audited as such", async () => {
    const res = await committee.post(`${base()}/items`, { text: '代为录入的承诺' });
    expect(res.status).toBe(201);
    const row = await t.ctx.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'commitment.item_add')
      .where('target_id', '=', String(res.body.id))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.summary!)).toMatchObject({ onBehalf: true, memberId: cadre.id });
    expect((await committee.delete(`/api/v1/commitments/items/${res.body.id}`)).status).toBe(200);
  });
});

describe('the year-end report', () => {
  let ids: number[];
  let activityId: number;
  let fileId: number;

  beforeAll(async () => {
    ids = (await secretary.get(base())).body.items.map((i: { id: number }) => i.id);
    activityId = (
      await secretary.post('/api/v1/activities', {
        campaignId,
        orgId: tree.bA1a.id,
        type: 'other',
        title: '社区志愿服务',
        heldOn: today,
        place: '青山社区',
        summary: '志愿服务',
      })
    ).body.id;
    fileId = (
      await secretary.request(
        'POST',
        '/api/v1/attachments',
        new FormDataBody({ name: '台账.txt', content: Buffer.from('志愿服务台账'), type: 'text/plain' }, { orgId: String(tree.bA1a.id), kind: 'file' }),
      )
    ).body.id;
  });

  it('saves a draft with statuses and evidence from the organization', async () => {
    const res = await secretary.put(`${base()}/report`, {
      content: report(3),
      items: [
        { commitmentId: ids[0], status: 'done', note: '全年开展 12 次', activityIds: [activityId], attachmentIds: [fileId] },
        { commitmentId: ids[1], status: null },
        { commitmentId: ids[2] },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'draft', summary: { total: 3, done: 1, partly: 0, notDone: 0 } });
    expect(res.body.items[0].activities).toEqual([expect.objectContaining({ id: activityId, title: '社区志愿服务' })]);
    expect(res.body.items[0].attachments[0].url).toBe(`${base()}/report/files/${fileId}`);
    // A draft is the cadre's own.
    expect((await member.get(`${base()}/report`)).status).toBe(404);
    expect(await cadreReportOf(t.ctx.db, cadre.id, year)).toBeNull();
    expect((await cadreReportStatus(t.ctx.db, [cadre.id], year)).get(cadre.id)).toBe('draft');
  });

  it('refuses evidence of another organization and commitments that are not published', async () => {
    const siblingSecretary = await t.loginAs('branch_secretary', tree.bA1b);
    const foreign = (
      await siblingSecretary.post('/api/v1/activities', {
        campaignId,
        orgId: tree.bA1b.id,
        type: 'other',
        title: '别的支部',
        heldOn: today,
        place: '某地',
        summary: '别的',
      })
    ).body.id;
    // Ids outside the writer's reach: 404 on their position, nothing written.
    const foreignActivity = await secretary.put(`${base()}/report`, { content: 'x', items: [{ commitmentId: ids[0], activityIds: [foreign] }] });
    expect(foreignActivity.status).toBe(404);
    expect(fields(foreignActivity)).toEqual(['items.0.activityIds.0:NOT_FOUND']);
    const unknown = await secretary.put(`${base()}/report`, { content: 'x', items: [{ commitmentId: ids[0] }, { commitmentId: 999999 }] });
    expect(unknown.status).toBe(404);
    expect(fields(unknown)).toEqual(['items.1.commitmentId:NOT_FOUND']);
    // Within reach (the committee writes on the cadre's behalf) but not this report's: the rules answer on their fields.
    const superseded = await t.ctx.db.selectFrom('commitment_item').select('id').where('state', '=', 'superseded').executeTakeFirstOrThrow();
    const res = await committee.put(`${base()}/report`, {
      content: 'x',
      items: [{ commitmentId: ids[0], activityIds: [foreign] }, { commitmentId: superseded.id }],
    });
    expect(res.status).toBe(422);
    expect(fields(res)).toEqual(['items.0.activityIds:ACTIVITY_NOT_USABLE', 'items.1.commitmentId:COMMITMENT_UNKNOWN']);
    expect((await secretary.get(`${base()}/report`)).body.content).toBe(report(3));
  });

  it('cannot be submitted until every commitment has a status', async () => {
    const res = await secretary.post(`${base()}/report/submit`);
    expect(res.status).toBe(422);
    expect(fields(res)).toEqual(['items.1.status:COMMITMENT_STATUS_REQUIRED', 'items.2.status:COMMITMENT_STATUS_REQUIRED']);
    const short = await secretary.post(`${base()}/report/submit`, { content: '太短', items: ids.map((commitmentId) => ({ commitmentId, status: 'done' })) });
    expect(fields(short)).toEqual(['content:REPORT_TOO_SHORT']);
    expect((await secretary.get(`${base()}/report`)).body.status).toBe('draft');
  });

  it('is submitted, frozen, and readable by the members, who leave a read receipt', async () => {
    const res = await secretary.post(`${base()}/report/submit`, {
      content: report(6),
      items: [
        { commitmentId: ids[0], status: 'done', activityIds: [activityId], attachmentIds: [fileId] },
        { commitmentId: ids[1], status: 'partly', note: '发展了两名，第三名明年入团' },
        { commitmentId: ids[2], status: 'not_done', note: '因疫情暂停' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'submitted', summary: { done: 1, partly: 1, notDone: 1 }, readCount: 0 });
    expect((await secretary.put(`${base()}/report`, { content: 'x', items: [] })).status).toBe(409);
    expect((await secretary.post(`${base()}/items`, { text: '提交后再加' })).body.code).toBe('REPORT_ALREADY_SUBMITTED');

    const read = await member.get(`${base()}/report`);
    expect(read.status).toBe(200);
    expect(read.body.content).toBe(report(6));
    expect((await member.get(`${base()}/report`)).body.readCount).toBe(1);
    expect((await secretary.get(base())).body.report).toMatchObject({ status: 'submitted', readCount: 1 });
    expect((await siblingMember.get(`${base()}/report`)).status).toBe(404);

    const file = await member.get(`${base()}/report/files/${fileId}`);
    expect(file.status).toBe(200);
    expect((await siblingMember.get(`${base()}/report/files/${fileId}`)).status).toBe(404);
    expect((await member.get(`${base()}/report/files/999999`)).status).toBe(404);

    const view = await cadreReportOf(t.ctx.db, cadre.id, year);
    expect(view).toMatchObject({ memberId: cadre.id, cadreName: '王书记', status: 'submitted', orgId: tree.bA1a.id });
    expect(view!.items.map((i) => i.status)).toEqual(['done', 'partly', 'not_done']);
    const notice = await t.ctx.db.selectFrom('notification').select('link').where('kind', '=', 'cadre_report_submitted').executeTakeFirstOrThrow();
    expect(notice.link).toBe(`/commitments/cadre/${cadre.id}/${year}`);
  });
});

describe('the December reminder', () => {
  it('reminds a cadre with published commitments and no submitted report, once', async () => {
    const other = await createMember(t.ctx, tree.bA1b, { name: '李副书记', position: 'deputy_secretary' });
    const admin = await t.loginAs('org_admin', tree.cA1);
    await admin.post(`/api/v1/commitments/cadres/${other.id}/${year}/items`, { text: '组织一次读书会' });
    expect((await admin.post(`/api/v1/commitments/cadres/${other.id}/${year}/publish`, {})).status).toBe(200);
    const run = (day: string) => t.ctx.db.transaction().execute((trx) => remindCadreReports(trx, day));
    expect(await run(`${year}-11-30`)).toBe(0);
    expect(await run(`${year}-12-01`)).toBe(1); // 王书记 submitted: only 李副书记
    expect(await run(`${year}-12-02`)).toBe(0);
    const n = await t.ctx.db.selectFrom('notification').select(['org_id', 'dedupe_key']).where('kind', '=', 'cadre_report_due').execute();
    expect(n).toEqual([expect.objectContaining({ org_id: tree.bA1b.id })]);
  });
});

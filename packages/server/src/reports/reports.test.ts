import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoToday, type Role } from '@zx/domain';
import { createTestApp, type SignedInClient, type TestApp } from '../../test/setup.ts';
import { createOrg, createTree, type OrgRef, type Tree } from '../../test/factories.ts';
import { FormDataBody, type TestClient } from '../../test/client.ts';
import type { Actor } from '../auth/actor.ts';
import { runReminders } from '../jobs/reminders.ts';
import { reportService } from './service.ts';

let t: TestApp;
let tree: Tree;
let city: TestClient;
let district: SignedInClient;
let committee: TestClient;
let secretary: TestClient;
let sibling: TestClient;
let child: TestClient;
let unrelated: TestClient;
let districtActor: Actor;
let campaignId: number;
let otherCampaignId: number;
let committeeCampaignId: number;

const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const today = isoToday();
const soon = addDays(today, 10);

async function actorFor(userId: number, role: Role, org: OrgRef): Promise<Actor> {
  const g = await t.ctx.db.selectFrom('role_grant').select('id').where('user_id', '=', userId).executeTakeFirstOrThrow();
  return {
    userId,
    username: 'x',
    displayName: 'x',
    memberId: null,
    sessionId: 'test',
    ip: null,
    grant: { id: g.id, role, orgId: org.id, orgPath: org.path, orgName: org.name },
  };
}

async function counts() {
  const n = async (table: 'report_request' | 'report_submission' | 'notification') =>
    Number(
      (
        await t.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { requests: await n('report_request'), submissions: await n('report_submission'), notifications: await n('notification') };
}

const request = (c: TestClient, body: Record<string, unknown>) =>
  c.post('/api/v1/report-requests', { orgId: tree.dA.id, title: '上半年工作汇报', guidance: '请汇报上半年活动开展情况', dueOn: soon, filter: {}, ...body });

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  city = await t.loginAs('org_admin', tree.city);
  district = await t.loginAs('org_admin', tree.dA);
  districtActor = await actorFor(district.user.id, 'org_admin', tree.dA);
  committee = await t.loginAs('org_admin', tree.cA1);
  secretary = await t.loginAs('branch_secretary', tree.bA1a);
  sibling = await t.loginAs('branch_secretary', tree.bA1b);
  child = await t.loginAs('branch_secretary', tree.gA1x);
  unrelated = await t.loginAs('branch_secretary', tree.bB1a);
  const templateId = (await city.get('/api/v1/templates')).body[0].id;
  const y = Number(today.slice(0, 4));
  const phases = (from: number) => [
    { key: 'mobilization', startsOn: `${from}-01-01`, endsOn: `${from}-02-28` },
    { key: 'implementation', startsOn: `${from}-03-01`, endsOn: `${from}-08-31` },
    { key: 'deepening', startsOn: `${from}-09-01`, endsOn: `${from}-10-31` },
    { key: 'summary', startsOn: `${from}-11-01`, endsOn: `${from + 1}-12-31` },
  ];
  campaignId = (await city.post('/api/v1/campaigns', { templateId, orgId: tree.city.id, name: '双争先', phases: phases(y) })).body.id;
  const dB = await t.loginAs('org_admin', tree.dB);
  otherCampaignId = (await dB.post('/api/v1/campaigns', { templateId, orgId: tree.dB.id, name: '临江区双争先', phases: phases(y) })).body.id;
  committeeCampaignId = (await committee.post('/api/v1/campaigns', { templateId, orgId: tree.cA1.id, name: '红星中学双争先', phases: phases(y) })).body.id;
  expect([campaignId, otherCampaignId, committeeCampaignId].every((id) => Number.isInteger(id) && id > 0)).toBe(true);
});
afterAll(() => t?.close());

describe('requesting a written report', () => {
  it('asks every active branch of a district by type, notifies each and audits', async () => {
    const closed = await createOrg(t.ctx, tree.cA2, 'branch', '已撤销团支部');
    await t.ctx.db.updateTable('organization').set({ status: 'inactive' }).where('id', '=', closed.id).execute();
    const res = await request(district, { filter: { types: ['branch'] } });
    expect(res.status).toBe(201);
    expect(res.body.side).toBe('requester');
    expect(res.body.board.counts).toEqual({ total: 4, submitted: 0, late: 0, missing: 0, pending: 4 });
    const asked = res.body.board.rows.items.map((r: { orgId: number }) => r.orgId).sort();
    expect(asked).toEqual([tree.bA1a.id, tree.bA1b.id, tree.gA1x.id, tree.bA2a.id].sort());
    const notes = await t.ctx.db.selectFrom('notification').select(['org_id', 'kind', 'link']).where('link', '=', `/reports/${res.body.request.id}`).execute();
    expect(notes.map((n) => n.org_id).sort()).toEqual(asked);
    expect(new Set(notes.map((n) => n.kind))).toEqual(new Set(['report_requested']));
    const inbox = await secretary.get('/api/v1/inbox');
    expect(inbox.body.items[0]).toMatchObject({ kind: 'report_requested', link: `/reports/${res.body.request.id}` });
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('target_type', '=', 'report_request')
      .where('target_id', '=', String(res.body.request.id))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['report.request']);
    expect(JSON.parse(audit[0].summary!)).toMatchObject({ targets: 4 });
  });

  it('asks by depth: 1 = the direct children, 2 = two levels', async () => {
    const one = await request(district, { filter: { depth: 1 } });
    expect(one.body.board.rows.items.map((r: { orgId: number }) => r.orgId).sort()).toEqual([tree.cA1.id, tree.cA2.id].sort());
    const two = await request(committee, { orgId: tree.cA1.id, filter: { depth: 1, types: ['branch', 'general_branch'] } });
    expect(two.body.board.rows.items.map((r: { orgId: number }) => r.orgId).sort()).toEqual([tree.bA1a.id, tree.bA1b.id, tree.gA1.id].sort());
    const all = await request(committee, { orgId: tree.cA1.id, filter: { depth: 2, types: ['branch'] } });
    expect(all.body.board.counts.total).toBe(3);
  });

  it('refuses bad input with field errors and writes nothing', async () => {
    const before = await counts();
    // A campaign the district reaches (launched below it) that does not cover the requesting organization.
    const bad = await request(district, { dueOn: addDays(today, -1), filter: { types: ['nope'] }, campaignId: committeeCampaignId });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`).sort()).toEqual([
      'campaignId:CAMPAIGN_NOT_COVERING',
      'dueOn:DUE_IN_PAST',
      'filter.types:ORG_TYPE_UNKNOWN',
    ]);
    expect(bad.body.errors[0].messages).toHaveProperty('zh');
    // A campaign out of the district's reach is a 404 naming the field, before any other rule.
    const foreign = await request(district, { dueOn: addDays(today, -1), campaignId: otherCampaignId });
    expect(foreign.status).toBe(404);
    expect(foreign.body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`)).toEqual(['campaignId:NOT_FOUND']);
    const task = await request(district, { campaignId, taskKey: 'plan' });
    expect(task.body.errors.map((e: { code: string }) => e.code)).toEqual(['TASK_NOT_REPORT']);
    expect((await request(district, { taskKey: 'summary_report' })).body.errors[0].code).toBe('TASK_NEEDS_CAMPAIGN');
    const none = await request(district, { filter: { types: ['city'] } });
    expect(none.status).toBe(422);
    expect(none.body.code).toBe('REPORT_NO_TARGETS');
    expect(none.body.errors[0].field).toBe('filter');
    const leaf = await request(secretary, { orgId: tree.bA1a.id });
    expect(leaf.status).toBe(403);
    expect((await request(district, { title: '' })).body.errors[0].field).toBe('title');
    expect(await counts()).toEqual(before);
  });

  it('refuses a request from outside the scope (404) and without the permission (403)', async () => {
    const before = await counts();
    for (const org of [tree.dA, tree.cA2, tree.dB]) expect((await request(committee, { orgId: org.id })).status, org.name).toBe(404);
    expect((await request(secretary, { orgId: tree.bA1a.id })).status).toBe(403);
    expect(await counts()).toEqual(before);
  });
});

describe('submitting and reviewing', () => {
  let id: number;
  beforeAll(async () => {
    const res = await request(district, { title: '活动总结', filter: { types: ['branch'] }, campaignId, taskKey: 'summary_report' });
    expect(res.status).toBe(201);
    id = res.body.request.id;
  });

  it('saves a draft (still pending), refuses an empty submission, then submits and completes the campaign task', async () => {
    const draft = await secretary.put(`/api/v1/report-requests/${id}/submissions/${tree.bA1a.id}`, { content: '草稿：上半年开展活动三次', submit: false });
    expect(draft.status).toBe(200);
    expect(draft.body).toMatchObject({ status: 'pending', boardStatus: 'pending', submittedAt: null, content: '草稿：上半年开展活动三次' });
    const empty = await secretary.put(`/api/v1/report-requests/${id}/submissions/${tree.bA1a.id}`, { content: '  ', submit: true });
    expect(empty.status).toBe(422);
    expect(empty.body.errors[0]).toMatchObject({ field: 'content', code: 'REPORT_EMPTY' });
    expect((await secretary.get(`/api/v1/report-requests/${id}`)).body.submission.content).toBe('草稿：上半年开展活动三次');

    const upload = await secretary.request(
      'POST',
      '/api/v1/attachments',
      new FormDataBody({ name: '总结.txt', content: Buffer.from('活动总结正文'), type: 'text/plain' }, { orgId: String(tree.bA1a.id), kind: 'file' }),
    );
    expect(upload.status).toBe(201);
    const foreign = await sibling.request(
      'POST',
      '/api/v1/attachments',
      new FormDataBody({ name: 'x.txt', content: Buffer.from('别的支部'), type: 'text/plain' }, { orgId: String(tree.bA1b.id), kind: 'file' }),
    );
    // A file out of the secretary's reach: 404 naming the position (issue 11; was a 422).
    const refused = await secretary.put(`/api/v1/report-requests/${id}/submissions/${tree.bA1a.id}`, {
      content: '正文',
      attachmentIds: [foreign.body.id],
      submit: true,
    });
    expect(refused.status).toBe(404);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'attachmentIds.0', code: 'NOT_FOUND' })]);
    // The district reaches the sibling's file, but it is not the reporting unit's: 422 ATTACHMENT_NOT_USABLE.
    const notTheUnits = await district.put(`/api/v1/report-requests/${id}/submissions/${tree.bA1a.id}`, {
      content: '正文',
      attachmentIds: [foreign.body.id],
      submit: true,
    });
    expect(notTheUnits.status).toBe(422);
    expect(notTheUnits.body.errors[0]).toMatchObject({ field: 'attachmentIds', code: 'ATTACHMENT_NOT_USABLE' });

    const final = await secretary.put(`/api/v1/report-requests/${id}/submissions/${tree.bA1a.id}`, {
      content: '上半年开展活动三次，参与率 90%',
      attachmentIds: [upload.body.id],
      submit: true,
    });
    expect(final.status).toBe(200);
    expect(final.body).toMatchObject({ status: 'submitted', boardStatus: 'submitted', late: false });
    expect(final.body.attachments[0]).toMatchObject({ id: upload.body.id, name: '总结.txt' });
    const stat = await t.ctx.db
      .selectFrom('campaign_stat')
      .select(['own', 'subtree'])
      .where('campaign_id', '=', campaignId)
      .where('org_id', '=', tree.bA1a.id)
      .where('metric', '=', 'task:summary_report')
      .executeTakeFirst();
    expect(stat).toMatchObject({ own: 1, subtree: 1 });
    const up = await t.ctx.db
      .selectFrom('campaign_stat')
      .select('subtree')
      .where('campaign_id', '=', campaignId)
      .where('org_id', '=', tree.dA.id)
      .where('metric', '=', 'task:summary_report')
      .executeTakeFirst();
    expect(up?.subtree).toBe(1);
    const again = await secretary.put(`/api/v1/report-requests/${id}/submissions/${tree.bA1a.id}`, { content: '改回草稿', submit: false });
    expect(again.body.code).toBe('REPORT_ALREADY_SUBMITTED');
    const actions = (await t.ctx.db.selectFrom('audit_log').select('action').where('target_type', '=', 'report_submission').orderBy('id').execute()).map(
      (a) => a.action,
    );
    expect(actions).toEqual(['report.save_draft', 'report.submit']);

    const board = await district.get(`/api/v1/report-requests/${id}?status=submitted`);
    expect(board.body.board.counts).toMatchObject({ submitted: 1, pending: 3 });
    expect(board.body.board.rows.items).toEqual([
      expect.objectContaining({
        orgId: tree.bA1a.id,
        orgName: '高一(1)班团支部',
        parentName: '红星中学团委',
        responsiblePerson: '张三',
        status: 'submitted',
        late: false,
      }),
    ]);
    const received = await secretary.get('/api/v1/report-requests?box=received');
    expect(received.body.items.find((r: { id: number }) => r.id === id).submission).toMatchObject({ status: 'submitted', boardStatus: 'submitted' });
  });

  it('lets the requesting side comment; the unit is notified, sees the comment and can no longer change it', async () => {
    expect((await district.post(`/api/v1/report-requests/${id}/submissions/${tree.bA1b.id}/review`, { comment: '请尽快提交' })).body.code).toBe(
      'REPORT_NOT_SUBMITTED',
    );
    expect((await district.post(`/api/v1/report-requests/${id}/submissions/${tree.bA1a.id}/review`, { comment: ' ' })).body.errors[0].field).toBe('comment');
    expect((await secretary.post(`/api/v1/report-requests/${id}/submissions/${tree.bA1a.id}/review`, { comment: '好' })).status).toBe(403);
    // The committee between them is not the requesting side.
    expect((await committee.post(`/api/v1/report-requests/${id}/submissions/${tree.bA1a.id}/review`, { comment: '好' })).status).toBe(404);
    const res = await district.post(`/api/v1/report-requests/${id}/submissions/${tree.bA1a.id}/review`, { comment: '内容翔实，请补充活动照片' });
    expect(res.status).toBe(200);
    expect(res.body.reviewComment).toBe('内容翔实，请补充活动照片');
    const inbox = await secretary.get('/api/v1/inbox');
    expect(inbox.body.items[0]).toMatchObject({ kind: 'report_reviewed', body: '内容翔实，请补充活动照片', link: `/reports/${id}` });
    const own = await secretary.get(`/api/v1/report-requests/${id}`);
    expect(own.body).toMatchObject({ side: 'target', submission: { reviewComment: '内容翔实，请补充活动照片' } });
    expect(own.body.board).toBeUndefined();
    const locked = await secretary.put(`/api/v1/report-requests/${id}/submissions/${tree.bA1a.id}`, { content: '再改', submit: true });
    expect(locked.status).toBe(409);
    expect(locked.body.code).toBe('REPORT_REVIEWED');
  });

  it('keeps the board to the requesting side and submissions to each unit', async () => {
    const before = await t.ctx.db.selectFrom('report_submission').selectAll().orderBy('id').execute();
    // The sibling branch is a target too: it sees its own submission, never the board or another unit's.
    const own = await sibling.get(`/api/v1/report-requests/${id}`);
    expect(own.body.side).toBe('target');
    expect(own.body.board).toBeUndefined();
    expect(own.body.submission.orgId).toBe(tree.bA1b.id);
    for (const [who, c] of [
      ['sibling', sibling],
      ['child', child],
      ['unrelated', unrelated],
    ] as const) {
      expect((await c.get(`/api/v1/report-requests/${id}?orgId=${tree.bA1a.id}`)).status, who).toBe(404);
      expect((await c.get(`/api/v1/report-requests/${id}/submissions/${tree.bA1a.id}`)).status, who).toBe(404);
      expect((await c.put(`/api/v1/report-requests/${id}/submissions/${tree.bA1a.id}`, { content: '代交', submit: true })).status, who).toBe(404);
      expect((await c.get(`/api/v1/report-requests/${id}/export`)).status, who).toBe(404);
    }
    expect((await unrelated.get(`/api/v1/report-requests/${id}`)).status).toBe(404);
    // The committee (parent of the branches) was not asked and did not ask: no board.
    expect((await committee.get(`/api/v1/report-requests/${id}`)).status).toBe(404);
    // A request made by the committee is not the district's secretary's business either.
    const mine = await request(committee, { orgId: tree.cA1.id, filter: { types: ['branch'], depth: 1 } });
    const childView = await secretary.get(`/api/v1/report-requests/${mine.body.request.id}`);
    expect(childView.body.side).toBe('target');
    expect(childView.body.board).toBeUndefined();
    expect((await child.get(`/api/v1/report-requests/${mine.body.request.id}`)).status).toBe(404);
    // The city above the district sees the district's board.
    expect((await city.get(`/api/v1/report-requests/${id}`)).body.board.counts.total).toBe(4);
    const after = await t.ctx.db.selectFrom('report_submission').selectAll().where('request_id', '=', id).orderBy('id').execute();
    expect(after).toEqual(before.filter((s) => s.request_id === id));
  });

  it('lists sent requests for the subtree and received ones for the own unit', async () => {
    const sent = await district.get('/api/v1/report-requests?box=sent');
    const row = sent.body.items.find((r: { id: number }) => r.id === id);
    expect(row).toMatchObject({ targets: 4, submittedCount: 1, orgName: '红星区团委' });
    expect((await city.get('/api/v1/report-requests?box=sent')).body.items.map((r: { id: number }) => r.id)).toContain(id);
    expect((await committee.get('/api/v1/report-requests?box=sent')).body.items.map((r: { id: number }) => r.id)).not.toContain(id);
    expect((await unrelated.get('/api/v1/report-requests?box=received')).body.total).toBe(0);
    expect((await district.get(`/api/v1/report-requests?box=sent&campaignId=${campaignId}`)).body.items.map((r: { id: number }) => r.id)).toEqual([id]);
  });

  it('lets an inspector read the board of its subtree (report.read) but neither review nor write a report', async () => {
    const inspector = await t.loginAs('inspector', tree.dA);
    const board = await inspector.get(`/api/v1/report-requests/${id}`);
    expect(board.status).toBe(200);
    expect(board.body).toMatchObject({ side: 'requester', canReview: false });
    expect((await inspector.get(`/api/v1/report-requests/${id}/submissions/${tree.bA1a.id}`)).body.status).toBe('submitted');
    expect((await inspector.post(`/api/v1/report-requests/${id}/submissions/${tree.bA1a.id}/review`, { comment: '好' })).status).toBe(403);
    expect((await inspector.put(`/api/v1/report-requests/${id}/submissions/${tree.bA1b.id}`, { content: '代交', submit: true })).status).toBe(403);
    expect((await inspector.post('/api/v1/report-requests', { orgId: tree.dA.id, title: 'x', dueOn: soon, filter: {} })).status).toBe(403);
  });

  it('exports the board as a workbook', async () => {
    const res = await district.get(`/api/v1/report-requests/${id}/export`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.raw.subarray(0, 2).toString()).toBe('PK');
  });
});

describe('the board on a fixed date', () => {
  it('counts submitted, late, missing and pending, and filters the rows by each', async () => {
    const due = addDays(today, 5);
    const created = await request(district, { title: '专项汇报', dueOn: due, filter: { types: ['branch'] } });
    const id = created.body.request.id as number;
    for (const [c, org] of [
      [secretary, tree.bA1a],
      [sibling, tree.bA1b],
      [child, tree.gA1x],
    ] as const) {
      expect((await c.put(`/api/v1/report-requests/${id}/submissions/${org.id}`, { content: '汇报', submit: true })).status).toBe(200);
    }
    const at = async (org: OrgRef, iso: string) =>
      t.ctx.db.updateTable('report_submission').set({ submitted_at: iso }).where('request_id', '=', id).where('org_id', '=', org.id).execute();
    await at(tree.bA1a, `${addDays(due, -1)}T02:00:00.000Z`);
    await at(tree.bA1b, `${due}T15:59:59.999Z`); // 23:59:59 China time on the due day: on time
    await at(tree.gA1x, `${due}T16:00:00.000Z`); // 00:00 China time the day after: late
    const board = (day: string, status?: 'submitted' | 'late' | 'missing' | 'pending') =>
      reportService.get(t.ctx, districtActor, id, { status, page: 1, pageSize: 20 }, day);

    const before = await board(addDays(due, -2));
    if (before.side !== 'requester') throw new Error('expected the board');
    expect(before.board.counts).toEqual({ total: 4, submitted: 2, late: 1, missing: 0, pending: 1 });
    const after = await board(addDays(due, 1));
    if (after.side !== 'requester') throw new Error('expected the board');
    expect(after.board.counts).toEqual({ total: 4, submitted: 2, late: 1, missing: 1, pending: 0 });

    const ids = async (day: string, s: 'submitted' | 'late' | 'missing' | 'pending') => {
      const b = await board(day, s);
      return b.side === 'requester' ? b.board.rows.items.map((r) => r.orgId).sort() : null;
    };
    expect(await ids(due, 'submitted')).toEqual([tree.bA1a.id, tree.bA1b.id].sort());
    expect(await ids(due, 'late')).toEqual([tree.gA1x.id]);
    expect(await ids(due, 'pending')).toEqual([tree.bA2a.id]);
    expect(await ids(due, 'missing')).toEqual([]);
    expect(await ids(addDays(due, 1), 'missing')).toEqual([tree.bA2a.id]);
    expect(await ids(addDays(due, 1), 'pending')).toEqual([]);
    const late = await board(due, 'late');
    if (late.side === 'requester') expect(late.board.rows.items[0]).toMatchObject({ late: true, status: 'late', parentName: '教工团总支' });
  });
});

describe('deadline reminders', () => {
  it('reminds pending units and open rectification items once, within three days of the deadline, never after it', async () => {
    const due = '2031-03-20';
    const created = await request(district, { title: '季度汇报', dueOn: due, filter: { types: ['branch'] } });
    const id = created.body.request.id as number;
    expect((await secretary.put(`/api/v1/report-requests/${id}/submissions/${tree.bA1a.id}`, { content: '已交', submit: true })).status).toBe(200);

    const at = new Date().toISOString();
    const { id: inspectionId } = await t.ctx.db
      .insertInto('inspection')
      .values({
        campaign_id: null,
        org_id: tree.bA1b.id,
        org_path: tree.bA1b.path,
        visited_on: '2031-03-01',
        findings: '台账不全',
        score: null,
        inspector_user_id: null,
        inspector_name: '督查员',
        inspector_org_path: tree.dA.path,
        created_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const item = (status: 'open' | 'answered' | 'closed', dueOn: string) =>
      t.ctx.db
        .insertInto('rectification')
        .values({
          inspection_id: inspectionId,
          org_id: tree.bA1b.id,
          org_path: tree.bA1b.path,
          description: `补齐台账（${status}）`,
          owner: '李四',
          due_on: dueOn,
          status,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const open = await item('open', '2031-03-19');
    const answered = await item('answered', '2031-03-18');
    await item('closed', '2031-03-18');
    await item('open', '2031-03-30');

    expect(await runReminders(t.ctx, '2031-03-10')).toMatchObject({ reports: 0, rectifications: 0 });
    expect(await runReminders(t.ctx, '2031-03-17')).toMatchObject({ reports: 3, rectifications: 2 });
    expect(await runReminders(t.ctx, '2031-03-18')).toMatchObject({ reports: 0, rectifications: 0 });
    // Even if the mark were lost, the dedupe key keeps the notice single.
    await t.ctx.db.updateTable('report_submission').set({ reminded_at: null }).where('request_id', '=', id).execute();
    expect(await runReminders(t.ctx, '2031-03-19')).toMatchObject({ reports: 0, rectifications: 0 });

    const notes = await t.ctx.db
      .selectFrom('notification')
      .select(['org_id', 'kind', 'dedupe_key'])
      .where('kind', 'in', ['report_deadline', 'rectification_due'])
      .orderBy('id')
      .execute();
    const submissions = await t.ctx.db.selectFrom('report_submission').select(['id', 'org_id']).where('request_id', '=', id).execute();
    const pendingKeys = submissions
      .filter((s) => s.org_id !== tree.bA1a.id)
      .map((s) => `report-due:${s.id}`)
      .sort();
    expect(
      notes
        .filter((n) => n.kind === 'report_deadline')
        .map((n) => n.dedupe_key)
        .sort(),
    ).toEqual(pendingKeys);
    expect(
      notes
        .filter((n) => n.kind === 'rectification_due')
        .map((n) => n.dedupe_key)
        .sort(),
    ).toEqual([`rectification-due:${open.id}`, `rectification-due:${answered.id}`].sort());
    expect(notes.some((n) => n.org_id === tree.bA1a.id && n.kind === 'report_deadline')).toBe(false);

    // Past the deadline there is no "due soon" notice.
    const late = await request(district, { title: '补充汇报', dueOn: '2031-04-01', filter: { types: ['branch'] } });
    expect(late.status).toBe(201);
    expect(await runReminders(t.ctx, '2031-04-02')).toMatchObject({ reports: 0, rectifications: 0 });
    const sibInbox = await sibling.get('/api/v1/inbox');
    expect(sibInbox.body.items.map((n: { kind: string }) => n.kind)).toEqual(expect.arrayContaining(['report_deadline', 'rectification_due']));
  });
});

describe('a request to thousands of units', () => {
  it('writes one submission and one notice per unit in batches', async () => {
    const at = new Date().toISOString();
    const rows = Array.from({ length: 1200 }, (_, i) => ({
      parent_id: tree.cA2.id,
      path: `pending:${i}`,
      depth: 3,
      type_code: 'branch',
      name: `社区第${i + 1}团支部`,
      code: `BULK${i}`,
      pinyin_initials: 'sqdtzb',
      pinyin_full: 'shequ',
      founded_on: '2015-05-04',
      responsible_person: '王五',
      contact_phone_enc: null,
      contact_phone_masked: null,
      status: 'active' as const,
      merged_into_id: null,
      created_at: at,
      updated_at: at,
    }));
    await t.ctx.db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += 200)
        await trx
          .insertInto('organization')
          .values(rows.slice(i, i + 200))
          .execute();
      const bulk = await trx.selectFrom('organization').select('id').where('path', 'like', 'pending:%').execute();
      for (const { id } of bulk)
        await trx
          .updateTable('organization')
          .set({ path: `${tree.cA2.path}${id}/` })
          .where('id', '=', id)
          .execute();
    });

    const res = await request(district, { orgId: tree.cA2.id, title: '全覆盖汇报', filter: { types: ['branch'] } });
    expect(res.status).toBe(201);
    expect(res.body.board.counts).toMatchObject({ total: 1201, pending: 1201 });
    const notes = await t.ctx.db
      .selectFrom('notification')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('link', '=', `/reports/${res.body.request.id}`)
      .executeTakeFirstOrThrow();
    expect(Number(notes.n)).toBe(1201);
    const page = await district.get(`/api/v1/report-requests/${res.body.request.id}?status=pending&page=61&pageSize=20`);
    expect(page.body.board.rows.items).toHaveLength(1);
  });
});

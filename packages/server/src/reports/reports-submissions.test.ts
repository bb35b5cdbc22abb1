import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/setup.ts';
import type { Tree } from '../../test/factories.ts';
import { FormDataBody, type TestClient } from '../../test/client.ts';
import { reportsWorld, requestReport, soon } from '../../test/report-fixtures.ts';

/** A written report from draft to review: submitting, commenting, who sees the board, the lists, the export. */

let t: TestApp;
let tree: Tree;
let city: TestClient;
let district: TestClient;
let committee: TestClient;
let secretary: TestClient;
let sibling: TestClient;
let child: TestClient;
let unrelated: TestClient;
let campaignId: number;

const request = (c: TestClient, body: Record<string, unknown>) => requestReport(tree, c, body);

beforeAll(async () => {
  ({ t, tree, city, district, committee, secretary, sibling, child, unrelated, campaignId } = await reportsWorld());
});
afterAll(() => t?.close());

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

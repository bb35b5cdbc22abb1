import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoToday } from '@zx/domain';
import { createTestApp, type TestApp } from '../../test/setup.ts';
import { createTree, yearPhases, type Tree } from '../../test/factories.ts';
import type { TestClient } from '../../test/client.ts';

let t: TestApp;
let tree: Tree;
let inspector: TestClient; // inspector at 红星区团委 (district A)
let city: TestClient;
let committee: TestClient; // org admin at 红星中学团委
let secretary: TestClient; // branch secretary at 高一(1)班团支部
let siblingSecretary: TestClient; // branch secretary at 高一(2)班团支部
let branchAdmin: TestClient; // org admin at 高一(1)班团支部 itself
let campaignId: number;

/** Dates relative to today on the platform's calendar, so the overdue rule needs no clock mocking. */
const today = isoToday();
const daysFromToday = (n: number) => new Date(Date.parse(today) + n * 86_400_000).toISOString().slice(0, 10);

async function counts() {
  const n = async (table: 'inspection' | 'rectification' | 'notification' | 'audit_log') =>
    Number(
      (
        await t.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { inspections: await n('inspection'), items: await n('rectification'), notices: await n('notification'), audit: await n('audit_log') };
}

const visit = (orgId: number, extra: Record<string, unknown> = {}) => ({
  orgId,
  visitedOn: daysFromToday(-10),
  findings: '台账基本齐全，团员发展程序规范；活动记录缺少照片。',
  items: [{ description: '补齐活动照片和签到表', owner: '李明', dueOn: daysFromToday(-1) }],
  ...extra,
});

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  inspector = await t.loginAs('inspector', tree.dA);
  city = await t.loginAs('org_admin', tree.city);
  committee = await t.loginAs('org_admin', tree.cA1);
  secretary = await t.loginAs('branch_secretary', tree.bA1a);
  siblingSecretary = await t.loginAs('branch_secretary', tree.bA1b);
  branchAdmin = await t.loginAs('org_admin', tree.bA1a);
  const templateId = (await city.get('/api/v1/templates')).body[0].id;
  const y = Number(today.slice(0, 4));
  const launched = await city.post('/api/v1/campaigns', { templateId, orgId: tree.city.id, name: '“双争先”主题实践活动', phases: yearPhases(y) });
  expect(launched.status).toBe(201);
  campaignId = launched.body.id;
});
afterAll(() => t?.close());

describe('recording a visit (检查指导)', () => {
  let visitId: number;
  let itemIds: number[];

  it('lets a district inspector record a visit to a branch with two rectification items, and tells the branch', async () => {
    const res = await inspector.post(
      '/api/v1/inspections',
      visit(tree.bA1a.id, {
        campaignId,
        score: 86,
        items: [
          { description: '补齐活动照片和签到表', owner: '李明', dueOn: daysFromToday(-1) },
          { description: '修订团支部学习制度', owner: '王芳', dueOn: daysFromToday(20) },
        ],
      }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      orgId: tree.bA1a.id,
      orgName: '高一(1)班团支部',
      campaignId,
      score: 86,
      inspectorOrgId: tree.dA.id,
      inspectorOrgName: '红星区团委',
    });
    expect(res.body.items.map((i: { status: string; owner: string }) => [i.owner, i.status])).toEqual([
      ['李明', 'open'],
      ['王芳', 'open'],
    ]);
    expect(res.body.items[0]).toMatchObject({ overdue: true, canAnswer: false, canClose: false });
    visitId = res.body.id;
    itemIds = res.body.items.map((i: { id: number }) => i.id);

    const row = await t.ctx.db.selectFrom('inspection').selectAll().where('id', '=', visitId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ org_path: tree.bA1a.path, inspector_org_path: tree.dA.path, inspector_name: expect.stringMatching(/^测试用户/) });
    const notice = await t.ctx.db.selectFrom('notification').selectAll().where('kind', '=', 'rectification_assigned').executeTakeFirstOrThrow();
    expect(notice).toMatchObject({ org_id: tree.bA1a.id, link: `/inspections/${visitId}` });
    expect(notice.title_zh).toContain('2 项整改事项');
    const inbox = await secretary.get('/api/v1/inbox');
    expect(inbox.body.items.map((n: { kind: string }) => n.kind)).toContain('rectification_assigned');
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'user_id'])
      .where('target_type', '=', 'inspection')
      .where('target_id', '=', String(visitId))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['inspection.create']);
  });

  it('shows the visit to the inspected branch and to the levels above, but not to a sibling branch', async () => {
    for (const c of [secretary, committee, inspector, city]) {
      expect((await c.get('/api/v1/inspections')).body.items.map((i: { id: number }) => i.id)).toContain(visitId);
      expect((await c.get(`/api/v1/inspections/${visitId}`)).status).toBe(200);
    }
    expect((await siblingSecretary.get('/api/v1/inspections')).body.items).toEqual([]);
    expect((await siblingSecretary.get(`/api/v1/inspections/${visitId}`)).status).toBe(404);
    const mine = await secretary.get(`/api/v1/inspections/${visitId}`);
    expect(mine.body.items.every((i: { canAnswer: boolean; canClose: boolean }) => i.canAnswer && !i.canClose)).toBe(true);
  });

  it('filters visits by unit (alone or with its subtree), campaign and date range', async () => {
    const other = await inspector.post('/api/v1/inspections', visit(tree.cA2.id, { visitedOn: daysFromToday(-40), items: [] }));
    expect(other.status).toBe(201);
    const ids = async (q: string) => (await inspector.get(`/api/v1/inspections?${q}`)).body.items.map((i: { id: number }) => i.id);
    expect(await ids('')).toEqual([visitId, other.body.id]);
    expect(await ids(`orgId=${tree.cA1.id}`)).toEqual([visitId]);
    expect(await ids(`orgId=${tree.cA1.id}&subtree=0`)).toEqual([]);
    expect(await ids(`campaignId=${campaignId}`)).toEqual([visitId]);
    expect(await ids(`from=${daysFromToday(-20)}&to=${today}`)).toEqual([visitId]);
    const list = await inspector.get(`/api/v1/inspections?orgId=${tree.bA1a.id}`);
    expect(list.body).toMatchObject({ total: 1, page: 1, items: [{ itemCounts: { total: 2, open: 2, overdue: 1 } }] });
  });

  it('lets the branch answer an item and tells the inspecting district; the inspector then closes it', async () => {
    const answered = await secretary.post(`/api/v1/rectifications/${itemIds[0]}/answer`, { answer: '已补齐 3 次活动的照片和签到表，上传至平台。' });
    expect(answered.status).toBe(200);
    const notice = await t.ctx.db.selectFrom('notification').selectAll().where('kind', '=', 'rectification_answered').executeTakeFirstOrThrow();
    expect(notice).toMatchObject({ org_id: tree.dA.id, link: `/inspections/${visitId}` });
    expect(notice.title_zh).toContain('高一(1)班团支部');

    const seen = (await inspector.get(`/api/v1/inspections/${visitId}`)).body.items[0];
    expect(seen).toMatchObject({
      status: 'answered',
      answer: '已补齐 3 次活动的照片和签到表，上传至平台。',
      canClose: true,
      canReopen: true,
      canAnswer: false,
    });
    const closed = await inspector.post(`/api/v1/rectifications/${itemIds[0]}/close`, { comment: '核实无误' });
    expect(closed.status).toBe(200);
    const row = await t.ctx.db.selectFrom('rectification').selectAll().where('id', '=', itemIds[0]).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'closed', review_comment: '核实无误' });
    expect(Date.now() - Date.parse(row.closed_at!)).toBeLessThan(60_000);
    const actions = (
      await t.ctx.db
        .selectFrom('audit_log')
        .select('action')
        .where('target_type', '=', 'rectification')
        .where('target_id', '=', String(itemIds[0]))
        .orderBy('id')
        .execute()
    ).map((a) => a.action);
    expect(actions).toEqual(['rectification.answer', 'rectification.close']);
    // A closed item is settled: no more answers.
    const again = await secretary.post(`/api/v1/rectifications/${itemIds[0]}/answer`, { answer: '再补充' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('RECTIFICATION_CLOSED');
  });

  it('cannot close an open item, and reopens an answered one with a comment that the unit sees', async () => {
    const early = await inspector.post(`/api/v1/rectifications/${itemIds[1]}/close`, {});
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('RECTIFICATION_NOT_ANSWERED');
    expect((await inspector.post(`/api/v1/rectifications/${itemIds[1]}/reopen`, { comment: '未答复' })).body.code).toBe('RECTIFICATION_ALREADY_OPEN');
    await secretary.post(`/api/v1/rectifications/${itemIds[1]}/answer`, { answer: '正在修订' });
    const back = await inspector.post(`/api/v1/rectifications/${itemIds[1]}/reopen`, { comment: '请附上修订后的制度文本' });
    expect(back.status).toBe(200);
    const item = (await secretary.get(`/api/v1/inspections/${visitId}`)).body.items[1];
    expect(item).toMatchObject({ status: 'open', reviewComment: '请附上修订后的制度文本', answer: '正在修订' });
    const notice = await t.ctx.db.selectFrom('notification').selectAll().where('kind', '=', 'rectification_reopened').executeTakeFirstOrThrow();
    expect(notice).toMatchObject({ org_id: tree.bA1a.id, body: '请附上修订后的制度文本' });
    expect((await inspector.post(`/api/v1/rectifications/${itemIds[1]}/reopen`, { comment: '' })).status).toBe(422);
  });

  it('lists overdue items (not closed, past their due date) for the level above and open items for the unit', async () => {
    const late = await inspector.post(
      '/api/v1/inspections',
      visit(tree.bA1a.id, {
        items: [
          { description: '整改事项甲', owner: '张三', dueOn: daysFromToday(-2) },
          { description: '整改事项乙', owner: '张三', dueOn: today },
        ],
      }),
    );
    const [lateId, dueTodayId] = late.body.items.map((i: { id: number }) => i.id);
    await secretary.post(`/api/v1/rectifications/${lateId}/answer`, { answer: '已整改' });

    const overdue = await committee.get('/api/v1/rectifications?status=overdue');
    expect(overdue.status).toBe(200);
    // Answered but not closed still counts as overdue; closed items and items due today do not.
    expect(overdue.body.items.map((i: { id: number }) => i.id)).toEqual([lateId]);
    expect(overdue.body.items[0]).toMatchObject({ overdue: true, orgName: '高一(1)班团支部', inspectorOrgName: '红星区团委', status: 'answered' });
    const open = await secretary.get('/api/v1/rectifications?status=open');
    expect(open.body.items.map((i: { id: number }) => i.id)).toEqual(expect.arrayContaining([itemIds[1], dueTodayId]));
    expect(open.body.items.every((i: { status: string }) => i.status === 'open')).toBe(true);
    expect((await secretary.get('/api/v1/rectifications?status=closed')).body.items.map((i: { id: number }) => i.id)).toEqual([itemIds[0]]);
    expect((await siblingSecretary.get('/api/v1/rectifications')).body.total).toBe(0);
    expect((await inspector.get(`/api/v1/rectifications?orgId=${tree.cA2.id}`)).body.total).toBe(0);
    expect((await committee.get('/api/v1/rectifications?status=late')).status).toBe(422);
  });
});

describe('validation', () => {
  it('refuses an item due before the visit, a visit in the future and a bad score with field errors, and writes nothing', async () => {
    const before = await counts();
    const res = await inspector.post(
      '/api/v1/inspections',
      visit(tree.bA1a.id, {
        visitedOn: daysFromToday(1),
        items: [
          { description: '甲', owner: '张三', dueOn: daysFromToday(5) },
          { description: '乙', owner: '李四', dueOn: daysFromToday(-3) },
        ],
      }),
    );
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
      ['visitedOn', 'VISIT_IN_FUTURE'],
      ['items.1.dueOn', 'DUE_BEFORE_VISIT'],
    ]);
    expect(res.body.errors[1].messages).toEqual({ zh: '整改期限不能早于检查日期', en: 'The due date cannot be before the visit' });

    const shape = await inspector.post('/api/v1/inspections', {
      ...visit(tree.bA1a.id),
      findings: '',
      score: 101,
      items: [{ description: '甲', owner: '', dueOn: '2026-13-01' }],
    });
    expect(shape.status).toBe(422);
    expect(shape.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['findings', 'score', 'items.0.owner', 'items.0.dueOn']));
    // A day the calendar does not have (Date.parse would read 2027-02-29 as 1 March) is refused, not shifted.
    const noSuchDay = await inspector.post('/api/v1/inspections', { ...visit(tree.bA1a.id), items: [{ description: '甲', owner: '乙', dueOn: '2027-02-29' }] });
    expect(noSuchDay.status).toBe(422);
    expect(noSuchDay.body.errors.map((e: { field: string }) => e.field)).toEqual(['items.0.dueOn']);
    expect(noSuchDay.body.errors[0].messages.zh).toContain('真实存在的日期');
    expect(await counts()).toEqual(before);
  });

  it('refuses the inspector’s own organization and a campaign that does not cover the unit', async () => {
    const before = await counts();
    const own = await inspector.post('/api/v1/inspections', visit(tree.dA.id));
    expect(own.status).toBe(422);
    expect(own.body.errors[0]).toMatchObject({ field: 'orgId', code: 'INSPECT_BELOW_ONLY' });
    const districtB = await t.loginAs('org_admin', tree.dB);
    const y = Number(today.slice(0, 4));
    const templateId = (await city.get('/api/v1/templates')).body[0].id;
    const other = await districtB.post('/api/v1/campaigns', { templateId, orgId: tree.dB.id, name: '临江区活动', phases: yearPhases(y) });
    const street = await city.post('/api/v1/campaigns', { templateId, orgId: tree.cA2.id, name: '青山街道活动', phases: yearPhases(y) });
    const after = await counts();
    // A campaign in the inspector's reach (launched in its district) that does not cover the unit: 422.
    const wrong = await inspector.post('/api/v1/inspections', visit(tree.bA1a.id, { campaignId: street.body.id }));
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors[0]).toMatchObject({ field: 'campaignId', code: 'CAMPAIGN_NOT_COVERING' });
    // Another district's campaign is out of reach: 404 naming the field (issue 11; was a 422).
    const foreign = await inspector.post('/api/v1/inspections', visit(tree.bA1a.id, { campaignId: other.body.id }));
    expect(foreign.status).toBe(404);
    expect(foreign.body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`)).toEqual(['campaignId:NOT_FOUND']);
    expect((await counts()).inspections).toBe(before.inspections);
    expect(await counts()).toEqual(after);
  });
});

describe('who may', () => {
  let itemAtA2: number;
  let itemAtCommittee: number;
  let visitAtA2: number;

  beforeAll(async () => {
    const a2 = await inspector.post('/api/v1/inspections', visit(tree.bA2a.id));
    visitAtA2 = a2.body.id;
    itemAtA2 = a2.body.items[0].id;
    const c = await inspector.post('/api/v1/inspections', visit(tree.cA1.id));
    itemAtCommittee = c.body.items[0].id;
    // Answered, so only scope and permission can refuse a close or reopen.
    await committee.post(`/api/v1/rectifications/${itemAtCommittee}/answer`, { answer: '已整改' });
    await inspector.post(`/api/v1/rectifications/${itemAtA2}/answer`, { answer: 'x' }); // the inspector role cannot answer
  });

  it('refuses a branch secretary recording a visit (403) and an inspector answering an item (403)', async () => {
    const before = await counts();
    const res = await secretary.post('/api/v1/inspections', visit(tree.bA1a.id));
    expect(res.status).toBe(403);
    expect((await inspector.post(`/api/v1/rectifications/${itemAtA2}/answer`, { answer: 'x' })).status).toBe(403);
    expect((await secretary.post(`/api/v1/rectifications/${itemAtA2}/close`, {})).status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('refuses every endpoint on a sibling, a sibling’s child, the parent and an unrelated organization (404)', async () => {
    const before = await counts();
    for (const org of [tree.cA2, tree.bA2a, tree.dA, tree.bB1a]) {
      expect((await committee.post('/api/v1/inspections', visit(org.id))).status, `record at ${org.name}`).toBe(404);
      expect((await committee.get(`/api/v1/inspections?orgId=${org.id}`)).status, `list at ${org.name}`).toBe(404);
      expect((await committee.get(`/api/v1/rectifications?orgId=${org.id}`)).status, `items at ${org.name}`).toBe(404);
    }
    expect((await committee.get(`/api/v1/inspections/${visitAtA2}`)).status).toBe(404);
    expect((await committee.post(`/api/v1/rectifications/${itemAtA2}/answer`, { answer: 'x' })).status).toBe(404);
    expect((await committee.post(`/api/v1/rectifications/${itemAtA2}/close`, {})).status).toBe(404);
    expect((await committee.post(`/api/v1/rectifications/${itemAtA2}/reopen`, { comment: 'x' })).status).toBe(404);
    // A child sees nothing of its parent's items.
    expect((await secretary.post(`/api/v1/rectifications/${itemAtCommittee}/answer`, { answer: 'x' })).status).toBe(404);
    expect((await secretary.get(`/api/v1/rectifications?orgId=${tree.cA1.id}`)).status).toBe(404);
    expect(await counts()).toEqual(before);
    const row = await t.ctx.db.selectFrom('rectification').select(['status', 'answer']).where('id', '=', itemAtA2).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'open', answer: null });
  });

  it('lets only the inspecting side, strictly above the unit, close or reopen its items', async () => {
    const own = await committee.post(`/api/v1/rectifications/${itemAtCommittee}/close`, {});
    expect(own.status).toBe(403);
    expect(own.body.code).toBe('RECTIFICATION_OWN_UNIT');
    const branchItem = (await inspector.post('/api/v1/inspections', visit(tree.bA1a.id))).body.items[0].id;
    await branchAdmin.post(`/api/v1/rectifications/${branchItem}/answer`, { answer: '已整改' });
    expect((await branchAdmin.post(`/api/v1/rectifications/${branchItem}/close`, {})).status).toBe(403);
    // The committee between the district and the branch may answer for the branch, so it does not
    // also close what the district inspector asked for: the district (or above) does.
    const between = await committee.post(`/api/v1/rectifications/${branchItem}/close`, {});
    expect(between.status).toBe(403);
    expect(between.body.code).toBe('RECTIFICATION_OWN_UNIT');
    expect((await t.ctx.db.selectFrom('rectification').select('status').where('id', '=', branchItem).executeTakeFirstOrThrow()).status).not.toBe('closed');
    expect((await inspector.post(`/api/v1/rectifications/${branchItem}/close`, {})).status).toBe(200);
    expect((await city.post(`/api/v1/rectifications/${itemAtCommittee}/close`, {})).status).toBe(200);
  });
});

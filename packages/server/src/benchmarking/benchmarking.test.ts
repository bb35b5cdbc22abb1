import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoToday } from '@zx/domain';
import { createTestApp, type TestApp } from '../../test/setup.ts';
import { createMember, createTree, yearPhases, type Tree } from '../../test/factories.ts';
import { FormDataBody, type TestClient } from '../../test/client.ts';
import { seedVerifiedScores } from '../../test/benchmark-factories.ts';
import { runReminders } from '../jobs/reminders.ts';

let t: TestApp;
let tree: Tree;
let city: TestClient;
let district: TestClient; // org admin at 红星区团委 (selects exemplars, supervises)
let committee: TestClient; // org admin at 红星中学团委
let secretary: TestClient; // branch secretary at 高一(2)班团支部: the unit benchmarking
let sibling: TestClient; // branch secretary at 高一(1)班团支部: the exemplar unit
let campaignId: number;
let exemplarId: number;
let secondExemplarId: number;
let owner: number;

const today = isoToday();
const y = Number(today.slice(0, 4));
const daysFromToday = (n: number) => new Date(Date.parse(today) + n * 86_400_000).toISOString().slice(0, 10);
const base = () => `/api/v1/benchmarks/${campaignId}/${tree.bA1b.id}`;

async function counts() {
  const n = async (table: 'benchmark' | 'benchmark_exemplar' | 'catch_up_measure' | 'catch_up_comment') =>
    Number(
      (
        await t.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    benchmarks: await n('benchmark'),
    chosen: await n('benchmark_exemplar'),
    measures: await n('catch_up_measure'),
    comments: await n('catch_up_comment'),
  };
}

async function selectedExemplar(orgId: number, title: string) {
  const nominated = await committee.post('/api/v1/exemplars', { campaignId, kind: 'unit', nomineeOrgId: orgId, title, materials: '先进事迹材料' });
  expect(nominated.status).toBe(201);
  const decided = await district.post(`/api/v1/exemplars/${nominated.body.id}/decide`, { decision: 'selected', note: '经团区委研究决定', decidedOn: today });
  expect(decided.status).toBe(200);
  return nominated.body.id as number;
}

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  city = await t.loginAs('org_admin', tree.city);
  district = await t.loginAs('org_admin', tree.dA);
  committee = await t.loginAs('org_admin', tree.cA1);
  secretary = await t.loginAs('branch_secretary', tree.bA1b);
  sibling = await t.loginAs('branch_secretary', tree.bA1a);
  owner = (await createMember(t.ctx, tree.bA1b, { name: '刘洋' })).id;
  const templateId = (await city.get('/api/v1/templates')).body[0].id;
  campaignId = (await city.post('/api/v1/campaigns', { templateId, orgId: tree.city.id, name: '“双争先”主题实践活动', phases: yearPhases(y) })).body.id;
  exemplarId = await selectedExemplar(tree.bA1a.id, '红旗团支部');
  secondExemplarId = await selectedExemplar(tree.gA1x.id, '教工示范团支部');
  await seedVerifiedScores(t.ctx, campaignId, tree.bA1b.id, { team: 15, venue: 18, activity: 12, rules: 16, support: 11 });
  await seedVerifiedScores(t.ctx, campaignId, tree.bA1a.id, { team: 19, venue: 17, activity: 19, rules: 18, support: 17 });
});
afterAll(() => t?.close());

describe('the gap (对标找差距)', () => {
  it('shows the standard and the unit’s own verified score before any exemplar is chosen', async () => {
    const res = await secretary.get(base());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: null, step: null, exemplars: [], own: { total: 72, max: 100 }, canWrite: true, canSupervise: false });
    expect(res.body.standardName).toEqual({ zh: expect.any(String), en: expect.any(String) });
    expect(res.body.standard.map((d: { key: string; max: number }) => [d.key, d.max])).toEqual([
      ['team', 20],
      ['venue', 20],
      ['activity', 20],
      ['rules', 20],
      ['support', 20],
    ]);
    expect(res.body.gaps.rows.map((r: { gapToFull: number }) => r.gapToFull)).toEqual([5, 2, 8, 4, 9]);
  });

  it('computes the gap on every dimension against the best chosen exemplar and against full marks', async () => {
    const res = await secretary.put(base(), { exemplarIds: [exemplarId, secondExemplarId] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.step).toBe('mobilize');
    expect(res.body.exemplars).toEqual([
      expect.objectContaining({ id: exemplarId, orgName: '高一(1)班团支部', total: 90, levelZh: '区县级', selectorOrgName: '红星区团委' }),
      expect.objectContaining({ id: secondExemplarId, orgName: '教工第一团支部', total: null }),
    ]);
    const rows = res.body.gaps.rows.map((r: { key: string; own: number; exemplars: (number | null)[]; benchmark: number; gapToExemplar: number }) => [
      r.key,
      r.own,
      r.exemplars,
      r.benchmark,
      r.gapToExemplar,
    ]);
    expect(rows).toEqual([
      ['team', 15, [19, null], 19, 4],
      ['venue', 18, [17, null], 17, -1],
      ['activity', 12, [19, null], 19, 7],
      ['rules', 16, [18, null], 18, 2],
      ['support', 11, [17, null], 17, 6],
    ]);
    expect(res.body.gaps.behind).toEqual(['activity', 'support', 'team', 'rules']);
    expect(res.body.gaps.totals).toMatchObject({ own: 72, benchmark: 90, gapToExemplar: 18, gapToFull: 28 });
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('target_type', '=', 'benchmark').execute();
    expect(audit.map((a) => a.action)).toEqual(['benchmark.start', 'benchmark.save']);
  });

  it('refuses exemplars it cannot see (404) and, among those it sees, the unit itself and a pending nomination (422), field by field, and writes nothing', async () => {
    const ownUnit = await selectedExemplar(tree.bA1b.id, '本单位');
    const hidden = (await committee.post('/api/v1/exemplars', { campaignId, kind: 'unit', nomineeOrgId: tree.gA1.id, title: '待评选', materials: '材料' })).body
      .id;
    const mine = await secretary.post('/api/v1/exemplars', { campaignId, kind: 'person', nomineeMemberId: owner, title: '本支部推荐', materials: '材料' });
    expect(mine.status).toBe(201);
    const before = await counts();
    // The committee's pending nomination is not the branch's to see: like an unknown id, 404.
    const unseen = await secretary.put(base(), { exemplarIds: [exemplarId, ownUnit, hidden, 99999] });
    expect(unseen.status).toBe(404);
    expect(unseen.body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`)).toEqual([
      'exemplarIds.2:NOT_FOUND',
      'exemplarIds.3:NOT_FOUND',
    ]);
    const res = await secretary.put(base(), { exemplarIds: [exemplarId, ownUnit, mine.body.id] });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`)).toEqual([
      'exemplarIds.1:BENCHMARK_EXEMPLAR_INVALID',
      'exemplarIds.2:BENCHMARK_EXEMPLAR_INVALID',
    ]);
    expect(await counts()).toEqual(before);
  });

  it('refuses a unit the campaign does not cover or outside the scope (404), and a member-role account (403)', async () => {
    expect((await secretary.get(`/api/v1/benchmarks/${campaignId}/${tree.bA1a.id}`)).status).toBe(404);
    expect((await secretary.get(`/api/v1/benchmarks/999999/${tree.bA1b.id}`)).status).toBe(404);
    const member = await t.loginAs('member', tree.bA1b);
    expect((await member.get(base())).status).toBe(403);
    expect((await member.put(base(), { exemplarIds: [] })).status).toBe(403);
  });
});

describe('catch-up measures (赶超措施)', () => {
  let measureId: number;

  it('turns the largest gap into a measure with an owner and a due date', async () => {
    const res = await secretary.post(`${base()}/measures`, {
      dimensionKey: 'activity',
      content: '每月开展一次主题团日，邀请红旗团支部交流经验',
      ownerMemberId: owner,
      dueOn: daysFromToday(30),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      dimensionKey: 'activity',
      dimensionNameZh: expect.stringContaining('活动'),
      ownerName: '刘洋',
      status: 'open',
      overdue: false,
      canClose: true,
      canComment: false,
    });
    measureId = res.body.id;
  });

  it('refuses an owner out of scope (404), and an unknown dimension, a past due date and an owner from another unit (422), and writes nothing', async () => {
    const other = (await createMember(t.ctx, tree.bA1a, { name: '外支部' })).id;
    const before = await counts();
    const foreign = await secretary.post(`${base()}/measures`, { dimensionKey: 'activity', content: '措施', ownerMemberId: other, dueOn: daysFromToday(5) });
    expect(foreign.status).toBe(404);
    expect(foreign.body.errors).toEqual([expect.objectContaining({ field: 'ownerMemberId', code: 'NOT_FOUND' })]);
    // The district reaches both branches: the owner is its to name, but not a member of this unit.
    const res = await district.post(`${base()}/measures`, { dimensionKey: 'fun', content: ' ', ownerMemberId: other, dueOn: daysFromToday(-1) });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`)).toEqual([
      'content:MEASURE_CONTENT_REQUIRED',
      'dimensionKey:MEASURE_DIMENSION_UNKNOWN',
      'dueOn:MEASURE_DUE_IN_PAST',
      'ownerMemberId:MEASURE_OWNER_NOT_MEMBER',
    ]);
    expect(await counts()).toEqual(before);
  });

  it('walks the six steps in order: a list needs exemplars, supervision a measure, the summary every measure closed', async () => {
    const skip = await secretary.post(`${base()}/step`, { step: 'compare' });
    expect(skip.body.errors[0].code).toBe('BENCHMARK_STEP_SKIPPED');
    for (const step of ['study', 'compare', 'list', 'supervise']) {
      const res = await secretary.post(`${base()}/step`, { step });
      expect(res.status, `${step}: ${JSON.stringify(res.body)}`).toBe(200);
    }
    const early = await secretary.post(`${base()}/step`, { step: 'improve' });
    expect(early.status).toBe(422);
    expect(early.body.errors[0]).toMatchObject({ field: 'step', code: 'BENCHMARK_MEASURES_OPEN' });
  });

  it('lets the district supervise: the subtree list, the overdue filter, a comment the unit hears of', async () => {
    const late = await secretary.post(`${base()}/measures`, { dimensionKey: 'support', content: '落实团支部活动经费', ownerMemberId: owner, dueOn: today });
    await t.ctx.db
      .updateTable('catch_up_measure')
      .set({ due_on: daysFromToday(-3) })
      .where('id', '=', late.body.id)
      .execute();
    const all = await district.get('/api/v1/measures');
    expect(all.body.total).toBe(2);
    const overdue = await district.get('/api/v1/measures?status=overdue');
    expect(overdue.body.items.map((m: { id: number; overdue: boolean; orgName: string }) => [m.id, m.overdue, m.orgName])).toEqual([
      [late.body.id, true, '高一(2)班团支部'],
    ]);
    expect((await sibling.get('/api/v1/measures')).body.total).toBe(0);
    expect((await secretary.post(`/api/v1/measures/${measureId}/comments`, { body: '自己评自己' })).status).toBe(403);
    const commented = await district.post(`/api/v1/measures/${measureId}/comments`, { body: '请尽快落实，月底前报送进展' });
    expect(commented.status).toBe(201);
    expect(commented.body.comments).toEqual([expect.objectContaining({ body: '请尽快落实，月底前报送进展', orgName: '红星区团委' })]);
    const notice = await t.ctx.db.selectFrom('notification').selectAll().where('kind', '=', 'measure_commented').executeTakeFirstOrThrow();
    expect(notice.org_id).toBe(tree.bA1b.id);
  });

  it('refuses to close without evidence; with evidence the actor cannot read (404) or not of the unit (422)', async () => {
    const before = await t.ctx.db.selectFrom('catch_up_measure').selectAll().where('id', '=', measureId).executeTakeFirstOrThrow();
    const none = await secretary.post(`/api/v1/measures/${measureId}/close`, { note: '已完成' });
    expect(none.status).toBe(422);
    expect(none.body.errors[0]).toMatchObject({ field: 'evidence', code: 'MEASURE_EVIDENCE_REQUIRED' });
    const foreign = await sibling.post('/api/v1/activities', {
      campaignId,
      orgId: tree.bA1a.id,
      type: 'other',
      title: '别的支部的活动',
      heldOn: today,
      place: '教室',
      summary: '内容',
    });
    expect(foreign.status).toBe(201);
    // The sibling branch's activity and file are out of the secretary's scope: not found, field by field.
    const unseen = await secretary.post(`/api/v1/measures/${measureId}/close`, { activityId: foreign.body.id });
    expect(unseen.status).toBe(404);
    expect(unseen.body.errors).toEqual([expect.objectContaining({ field: 'activityId', code: 'NOT_FOUND' })]);
    const file = await sibling.request(
      'POST',
      '/api/v1/attachments',
      new FormDataBody({ name: '总结.txt', content: Buffer.from('总结'), type: 'text/plain' }, { orgId: String(tree.bA1a.id), kind: 'file' }),
    );
    expect(file.status, JSON.stringify(file.body)).toBe(201);
    const unseenFile = await secretary.post(`/api/v1/measures/${measureId}/close`, { attachmentIds: [file.body.id] });
    expect(unseenFile.status).toBe(404);
    expect(unseenFile.body.errors).toEqual([expect.objectContaining({ field: 'attachmentIds.0', code: 'NOT_FOUND' })]);
    // The district reads both, but they are the other branch's: 422.
    const wrong = await district.post(`/api/v1/measures/${measureId}/close`, { activityId: foreign.body.id });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors[0]).toMatchObject({ field: 'activityId', code: 'MEASURE_EVIDENCE_NOT_OF_UNIT' });
    const wrongFile = await district.post(`/api/v1/measures/${measureId}/close`, { attachmentIds: [file.body.id] });
    expect(wrongFile.status).toBe(422);
    expect(wrongFile.body.errors[0]).toMatchObject({ field: 'attachmentIds', code: 'ATTACHMENT_NOT_USABLE' });
    expect(await t.ctx.db.selectFrom('catch_up_measure').selectAll().where('id', '=', measureId).executeTakeFirstOrThrow()).toEqual(before);
  });

  it('closes with an activity of the unit as evidence; the district may send it back', async () => {
    const activity = await secretary.post('/api/v1/activities', {
      campaignId,
      orgId: tree.bA1b.id,
      type: 'other',
      title: '与红旗团支部联学共建',
      heldOn: today,
      place: '会议室',
      summary: '交流经验',
    });
    const closed = await secretary.post(`/api/v1/measures/${measureId}/close`, { activityId: activity.body.id, note: '已开展联学' });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body).toMatchObject({
      status: 'closed',
      closingNote: '已开展联学',
      evidence: { activity: { id: activity.body.id, title: '与红旗团支部联学共建' } },
      canEdit: false,
    });
    expect((await secretary.patch(`/api/v1/measures/${measureId}`, { content: '改' })).body.code).toBe('MEASURE_CLOSED');
    expect((await secretary.post(`/api/v1/measures/${measureId}/reopen`, { comment: '不行' })).status).toBe(403);
    const reopened = await district.post(`/api/v1/measures/${measureId}/reopen`, { comment: '佐证不足，请补充照片' });
    expect(reopened.body).toMatchObject({ status: 'open', canReopen: false });
    expect(reopened.body.comments.map((c: { body: string }) => c.body)).toContain('佐证不足，请补充照片');
  });

  it('reaches the summary step once every measure is closed', async () => {
    const [open] = await Promise.all([district.get(`/api/v1/measures?orgId=${tree.bA1b.id}&status=open`)]);
    const activity = await secretary.post('/api/v1/activities', {
      campaignId,
      orgId: tree.bA1b.id,
      type: 'other',
      title: '落实整改',
      heldOn: today,
      place: '会议室',
      summary: '完成',
    });
    for (const m of open.body.items as { id: number }[]) {
      expect((await secretary.post(`/api/v1/measures/${m.id}/close`, { activityId: activity.body.id })).status).toBe(200);
    }
    const res = await secretary.post(`${base()}/step`, { step: 'improve' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.step).toBe('improve');
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('target_type', '=', 'catch_up_measure').execute();
    expect(new Set(audit.map((a) => a.action))).toEqual(new Set(['measure.create', 'measure.comment', 'measure.close', 'measure.reopen']));
  });

  it('lets the unit edit and delete an open measure, and the committee above see it', async () => {
    const m = await secretary.post(`${base()}/measures`, {
      dimensionKey: 'team',
      content: '班子成员每季度述职',
      ownerMemberId: owner,
      dueOn: daysFromToday(10),
    });
    const edited = await secretary.patch(`/api/v1/measures/${m.body.id}`, { dueOn: daysFromToday(20) });
    expect(edited.body.dueOn).toBe(daysFromToday(20));
    expect((await committee.get(`/api/v1/measures/${m.body.id}`)).body.canComment).toBe(true);
    expect((await sibling.get(`/api/v1/measures/${m.body.id}`)).status).toBe(404);
    expect((await secretary.delete(`/api/v1/measures/${m.body.id}`)).status).toBe(200);
    expect((await secretary.get(`/api/v1/measures/${m.body.id}`)).status).toBe(404);
  });
});

describe('the due-soon reminder', () => {
  it('tells the unit once when an open measure falls due within three days', async () => {
    const m = await secretary.post(`${base()}/measures`, {
      dimensionKey: 'rules',
      content: '修订团支部学习制度',
      ownerMemberId: owner,
      dueOn: daysFromToday(2),
    });
    expect(m.status).toBe(201);
    const notices = () => t.ctx.db.selectFrom('notification').select(['org_id', 'dedupe_key']).where('kind', '=', 'measure_due').execute();
    await runReminders(t.ctx);
    expect(await notices()).toEqual([{ org_id: tree.bA1b.id, dedupe_key: `measure-due:${m.body.id}` }]);
    await runReminders(t.ctx);
    expect((await notices()).length).toBe(1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoToday } from '@zx/domain';
import { createTestApp, type TestApp } from '../../test/setup.ts';
import { createMember, createTree, yearPhases, type OrgRef, type Tree } from '../../test/factories.ts';
import type { TestClient } from '../../test/client.ts';
import { runReminders } from '../jobs/reminders.ts';
import { inboxOf, kindsOf } from '../../test/notice-probe.ts';

/**
 * Who hears of the campaign work (issue 11): every notice kind that plans' reminders, written
 * reports, inspections, bulletins and activities send reaches the cadres who must act on it —
 * and never a plain member (an account with the member role at the same organization, linked to
 * a League member), whose menu has none of these pages. Read through GET /api/v1/inbox as each account.
 */

let t: TestApp;
let tree: Tree;
let city: TestClient;
let district: TestClient; // org admin at 红星区团委
let inspector: TestClient; // inspector at 红星区团委
let committee: TestClient; // org admin at 红星中学团委
let secretary: TestClient; // branch secretary at 高一(1)班团支部
let member: TestClient; // plain member at 高一(1)班团支部
let districtMember: TestClient; // plain member at 红星区团委
let siblingSecretary: TestClient; // branch secretary at 高一(2)班团支部
let campaignId: number;

const today = isoToday();
const y = Number(today.slice(0, 4));
/** Reminders run on a day of 2031: the plan of a 2031 campaign, a report and an item fall due within three days. */
const REMINDER_DAY = '2031-02-26';
const DUE = '2031-02-27';

const inbox = async (c: TestClient) => (await inboxOf(c)) as Array<{ kind: string; link: string | null; body: string | null }>;
const kinds = kindsOf;

async function plainMember(org: OrgRef, name: string) {
  const m = await createMember(t.ctx, org, { name });
  return t.loginAs('member', org, { memberId: m.id });
}

/** The kind reaches `to` and none of `notTo`. */
async function expectAudience(kind: string, to: TestClient[], notTo: TestClient[]) {
  for (const [i, c] of to.entries()) expect(await kinds(c), `${kind} for recipient ${i}`).toContain(kind);
  for (const [i, c] of notTo.entries()) expect(await kinds(c), `${kind} kept from account ${i}`).not.toContain(kind);
}

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  city = await t.loginAs('org_admin', tree.city);
  district = await t.loginAs('org_admin', tree.dA);
  inspector = await t.loginAs('inspector', tree.dA);
  committee = await t.loginAs('org_admin', tree.cA1);
  secretary = await t.loginAs('branch_secretary', tree.bA1a);
  siblingSecretary = await t.loginAs('branch_secretary', tree.bA1b);
  member = await plainMember(tree.bA1a, '团员甲');
  districtMember = await plainMember(tree.dA, '团员乙');
  const launched = await city.post('/api/v1/campaigns', { templateId: 1, orgId: tree.city.id, name: `${y}年“双争先”`, phases: yearPhases(y) });
  expect(launched.status).toBe(201);
  campaignId = launched.body.id;
});
afterAll(() => t?.close());

describe('notices of the campaign work reach the cadres who act on them, never a plain member', () => {
  let requestId: number;
  let itemId: number;

  it('report_requested: the secretaries of the units asked', async () => {
    const res = await district.post('/api/v1/report-requests', {
      orgId: tree.dA.id,
      title: '季度汇报',
      guidance: '',
      dueOn: DUE,
      filter: { types: ['branch'] },
    });
    expect(res.status).toBe(201);
    requestId = res.body.request.id;
    await expectAudience('report_requested', [secretary, siblingSecretary], [member, districtMember, district, inspector]);
  });

  it('report_reviewed: the unit whose report was reviewed, with the comment', async () => {
    expect(
      (await secretary.put(`/api/v1/report-requests/${requestId}/submissions/${tree.bA1a.id}`, { content: '本季度开展活动三次', submit: true })).status,
    ).toBe(200);
    expect((await district.post(`/api/v1/report-requests/${requestId}/submissions/${tree.bA1a.id}/review`, { comment: '请补充照片' })).status).toBe(200);
    await expectAudience('report_reviewed', [secretary], [member, siblingSecretary, district]);
    expect((await inbox(secretary)).find((n) => n.kind === 'report_reviewed')!.body).toBe('请补充照片');
  });

  it('rectification_assigned: the inspected unit; rectification_answered: the inspecting organization; rectification_reopened: the unit', async () => {
    const visit = await inspector.post('/api/v1/inspections', {
      orgId: tree.bA1a.id,
      visitedOn: today,
      findings: '台账不全',
      items: [{ description: '补齐台账', owner: '李明', dueOn: DUE }],
    });
    expect(visit.status).toBe(201);
    itemId = visit.body.items[0].id;
    await expectAudience('rectification_assigned', [secretary], [member, siblingSecretary, inspector, districtMember]);

    expect((await secretary.post(`/api/v1/rectifications/${itemId}/answer`, { answer: '已补齐' })).status).toBe(200);
    // The inspecting district: its inspector and its admin (inspection.write), not its plain member nor the branch.
    await expectAudience('rectification_answered', [inspector, district], [districtMember, member, secretary]);

    expect((await inspector.post(`/api/v1/rectifications/${itemId}/reopen`, { comment: '请附签到表' })).status).toBe(200);
    await expectAudience('rectification_reopened', [secretary], [member, siblingSecretary, inspector]);
  });

  it('activity_notable: the unit whose activity the level above picked', async () => {
    const a = await secretary.post('/api/v1/activities', {
      campaignId,
      orgId: tree.bA1a.id,
      type: 'publicity',
      title: '团史宣讲',
      heldOn: `${y}-01-10` <= today ? `${y}-01-10` : today,
      place: '教室',
      summary: '宣讲',
    });
    expect(a.status).toBe(201);
    expect((await committee.post(`/api/v1/activities/${a.body.id}/notable`, { notable: true })).status).toBe(200);
    await expectAudience('activity_notable', [secretary], [member, siblingSecretary, committee]);
  });

  it('bulletin_published: every cadre of the issuing subtree who reads bulletins, no plain member', async () => {
    const draft = await district.post('/api/v1/bulletins', { campaignId, orgId: tree.dA.id, periodFrom: `${y}-01-01`, periodTo: today });
    expect(draft.status).toBe(201);
    expect((await district.post(`/api/v1/bulletins/${draft.body.id}/number`, {})).status).toBe(200);
    expect((await district.post(`/api/v1/bulletins/${draft.body.id}/publish`)).status).toBe(200);
    await expectAudience('bulletin_published', [district, inspector, committee, secretary, siblingSecretary], [member, districtMember, city]);
  });

  it('plan_deadline, report_deadline and rectification_due: the units that still owe them', async () => {
    const next = await district.post('/api/v1/campaigns', { templateId: 1, orgId: tree.dA.id, name: '2031年红星区“双争先”', phases: yearPhases(2031) });
    expect(next.status).toBe(201);
    const sent = await runReminders(t.ctx, REMINDER_DAY);
    // 高一(2)班 has not submitted its report; 高一(1)班 has. The reopened item is due.
    expect(sent).toMatchObject({ reports: 3, rectifications: 1 });
    expect(sent.plans).toBeGreaterThan(0);
    await expectAudience('plan_deadline', [secretary, siblingSecretary, committee], [member, districtMember]);
    await expectAudience('report_deadline', [siblingSecretary], [member, secretary, district]);
    await expectAudience('rectification_due', [secretary], [member, siblingSecretary, inspector]);
  });

  it('leaves a plain member an inbox without any of them', async () => {
    expect(await inbox(member)).toEqual([]);
    expect(await inbox(districtMember)).toEqual([]);
  });
});

describe('a plain member', () => {
  it("reads none of the campaign work (403): its pages are not on a member's menu", async () => {
    const item = await t.ctx.db.selectFrom('rectification').select('id').executeTakeFirstOrThrow();
    for (const url of [
      '/api/v1/campaigns',
      `/api/v1/campaigns/${campaignId}`,
      `/api/v1/campaigns/${campaignId}/dashboard`,
      `/api/v1/campaigns/${campaignId}/tasks`,
      '/api/v1/templates',
      '/api/v1/activities',
      '/api/v1/activities/calendar?month=2031-01',
      '/api/v1/report-requests',
      '/api/v1/inspections',
      '/api/v1/rectifications',
      '/api/v1/bulletins',
    ]) {
      expect((await member.get(url)).status, url).toBe(403);
    }
    expect((await member.post(`/api/v1/rectifications/${item.id}/answer`, { answer: 'x' })).status).toBe(403);
  });
});

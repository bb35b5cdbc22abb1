import { expect } from 'vitest';
import { isoToday } from '@zx/domain';
import { nowIso } from '../src/db/database.ts';
import { refreshUnits } from '../src/campaigns/rollup.ts';
import { createTestApp, type TestApp } from './setup.ts';
import { createMember, createTree, type OrgRef } from './factories.ts';
import type { TestClient } from './client.ts';

/**
 * The world of src/bulletins/bulletins-*.test.ts: one app on a fresh database, the city's campaign
 * (today in 全面实施), members, plans and activities written as rows, the roll-up refreshed. Each
 * test file builds its own in its beforeAll.
 */

export const year = Number(isoToday().slice(0, 4)); // numbers take the year of China's today, like the schedule
/** A date relative to the server's today (China time, like the campaign schedule). */
export const day = (offset: number) => new Date(Date.parse(`${isoToday()}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
// Today is in 全面实施; the 动员准备 tasks (the plan among them) are past their due dates.
export const phases = [
  { key: 'mobilization', startsOn: day(-60), endsOn: day(-31) },
  { key: 'implementation', startsOn: day(-30), endsOn: day(30) },
  { key: 'deepening', startsOn: day(31), endsOn: day(60) },
  { key: 'summary', startsOn: day(61), endsOn: day(90) },
];
export const period = { periodFrom: day(-30), periodTo: day(0) };

async function activity(
  t: TestApp,
  campaignId: number,
  org: OrgRef,
  opts: { heldOn: string; notable?: boolean; title: string; attendees?: number[]; summary?: string },
) {
  const at = nowIso();
  const { id } = await t.ctx.db
    .insertInto('activity')
    .values({
      campaign_id: campaignId,
      org_id: org.id,
      org_path: org.path,
      type: 'party_education',
      form: 'oath_renewal',
      title: opts.title,
      held_on: opts.heldOn,
      place: '团员活动室',
      summary: opts.summary ?? '<p>全体团员重温入团誓词，交流学习体会。</p>',
      minutes: null,
      task_keys: '[]',
      photo_ids: '[]',
      notable: opts.notable ? 1 : 0,
      attendee_count: opts.attendees?.length ?? 0,
      created_at: at,
      created_by: null,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const m of opts.attendees ?? []) await t.ctx.db.insertInto('activity_attendance').values({ activity_id: id, member_id: m }).execute();
  return id;
}

async function plan(t: TestApp, campaignId: number, org: OrgRef, status: 'submitted' | 'approved') {
  const at = nowIso();
  await t.ctx.db
    .insertInto('unit_plan')
    .values({
      campaign_id: campaignId,
      org_id: org.id,
      status,
      theme: '青春建功',
      content_html: '<p>方案</p>',
      targets: '[]',
      attachment_ids: '[]',
      version: 1,
      submitted_at: at,
      decided_at: status === 'approved' ? at : null,
      created_at: at,
      updated_at: at,
      updated_by: null,
    })
    .execute();
}

export async function bulletinsWorld() {
  const t = await createTestApp();
  const tree = await createTree(t.ctx);
  const city = await t.loginAs('org_admin', tree.city);
  const district = await t.loginAs('org_admin', tree.dA);
  const committee = await t.loginAs('org_admin', tree.cA1);
  const secretary = await t.loginAs('branch_secretary', tree.bA1a);
  const secretaryB = await t.loginAs('branch_secretary', tree.bB1a);
  const templateId = (await city.get('/api/v1/templates')).body[0].id;
  const created = await city.post('/api/v1/campaigns', { templateId, orgId: tree.city.id, name: `${year}年“双争先”主题实践活动`, phases });
  expect(created.status).toBe(201);
  const campaignId: number = created.body.id;

  const a1 = [await createMember(t.ctx, tree.bA1a), await createMember(t.ctx, tree.bA1a), await createMember(t.ctx, tree.bA1a)].map((m) => m.id);
  await createMember(t.ctx, tree.bA1b);
  await createMember(t.ctx, tree.bA2a);
  await createMember(t.ctx, tree.bB1a);
  await createMember(t.ctx, tree.bB1a);
  await plan(t, campaignId, tree.bA1a, 'approved');
  await plan(t, campaignId, tree.bA1b, 'approved');
  await plan(t, campaignId, tree.bA2a, 'submitted');
  const notableId = await activity(t, campaignId, tree.bA1a, { heldOn: day(-10), notable: true, title: '重温入团誓词', attendees: [a1[0], a1[1]] });
  const studyId = await activity(t, campaignId, tree.bA1a, { heldOn: day(-5), title: '学习党史', attendees: [a1[0]] });
  await activity(t, campaignId, tree.bB1a, { heldOn: day(-40), notable: true, title: '护理技能比武' }); // before the period
  await refreshUnits(
    t.ctx.db,
    campaignId,
    Object.values(tree).map((o) => o.id),
  );
  return { t, tree, city, district, committee, secretary, secretaryB, campaignId, notableId, studyId };
}

/** Generates a bulletin of `org` for the last thirty days of the campaign. */
export const generateBulletin = (campaignId: number, c: TestClient, org: OrgRef, extra: Record<string, unknown> = {}) =>
  c.post('/api/v1/bulletins', { campaignId, orgId: org.id, ...period, ...extra });

export const countRows = async (t: TestApp, table: 'bulletin' | 'notification') =>
  Number(
    (
      await t.ctx.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

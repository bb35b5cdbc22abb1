import { expect } from 'vitest';
import sharp from 'sharp';
import { isoToday } from '@zx/domain';
import { createTestApp, type TestApp } from './setup.ts';
import { createMember, createTree, yearPhases, type OrgRef, type Tree } from './factories.ts';
import { FormDataBody, type TestClient } from './client.ts';

/**
 * The world of src/activities/activities-*.test.ts: one app on a fresh database, an account at
 * each level, members of 高一(1)班 (one who left) and of two other branches, the city's campaign
 * and two campaigns that do not cover 高一(1)班. Each test file builds its own in its beforeAll.
 */

export const y = Number(isoToday().slice(0, 4));
export const day = (md: string) => `${y}-${md}`;

export async function photoAt(c: TestClient, org: OrgRef) {
  const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 10, g: 120, b: 200 } } })
    .jpeg()
    .toBuffer();
  const res = await c.request(
    'POST',
    '/api/v1/attachments',
    new FormDataBody({ name: '合影.jpg', content: jpeg, type: 'image/jpeg' }, { orgId: String(org.id), kind: 'photo' }),
  );
  expect(res.status).toBe(201);
  return res.body.id as number;
}

/** A demonstration site (示范点) selected at `org`. */
export async function selectedDemoSite(t: TestApp, org: OrgRef) {
  const at = new Date().toISOString();
  const { id } = await t.ctx.db
    .insertInto('exemplar')
    .values({
      campaign_id: null,
      kind: 'unit',
      nominee_org_id: org.id,
      nominee_org_path: org.path,
      nominee_member_id: null,
      title: `${org.name}示范点`,
      materials: '材料',
      photo_ids: '[]',
      nominator_org_id: org.id,
      nominator_org_path: org.path,
      nominated_by: null,
      nominated_on: at.slice(0, 10),
      status: 'selected',
      selector_org_id: org.id,
      selector_org_path: org.path,
      level_type_code: null,
      decision_method: 'committee',
      decision_note: '评审',
      decided_on: at.slice(0, 10),
      decided_by: null,
      decided_at: at,
      vote_session_id: null,
      demo_site: 1,
      demo_site_since: at.slice(0, 10),
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** How many activities, attendance rows and audit entries there are. */
export async function activityCounts(t: TestApp) {
  const n = async (table: 'activity' | 'activity_attendance' | 'audit_log') =>
    Number(
      (
        await t.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { activities: await n('activity'), attendance: await n('activity_attendance'), audit: await n('audit_log') };
}

/** The body of 高一(1)班's oath renewal in the city's campaign. */
export const oathBody = (tree: Tree, campaignId: number, extra: Record<string, unknown> = {}) => ({
  campaignId,
  orgId: tree.bA1a.id,
  type: 'party_education',
  form: 'oath_renewal',
  title: '重温入团誓词',
  heldOn: day('04-15'),
  place: '学校礼堂',
  summary: '全体团员面向团旗重温入团誓词。',
  taskKeys: ['party_education_oath'],
  ...extra,
});

export async function activitiesWorld() {
  const t = await createTestApp();
  const tree = await createTree(t.ctx);
  const city = await t.loginAs('org_admin', tree.city);
  const district = await t.loginAs('org_admin', tree.dA);
  const committee = await t.loginAs('org_admin', tree.cA1);
  const secretary = await t.loginAs('branch_secretary', tree.bA1a);
  const sibling = await t.loginAs('branch_secretary', tree.bA1b);
  const nurseSecretary = await t.loginAs('branch_secretary', tree.bB1a);
  const inspector = await t.loginAs('inspector', tree.cA1);
  const auditor = await t.loginAs('audit_admin', tree.city);
  const m: Record<string, number> = {};
  m.wang = (await createMember(t.ctx, tree.bA1a, { name: '王小明' })).id;
  m.li = (await createMember(t.ctx, tree.bA1a, { name: '李小红' })).id;
  m.zhao = (await createMember(t.ctx, tree.bA1a, { name: '赵小刚' })).id;
  m.left = (await createMember(t.ctx, tree.bA1a, { name: '钱已离' })).id;
  await t.ctx.db
    .updateTable('member')
    .set({ status: 'left' as never })
    .where('id', '=', m.left)
    .execute();
  m.neighbour = (await createMember(t.ctx, tree.bA1b, { name: '孙邻班' })).id;
  m.nurse = (await createMember(t.ctx, tree.bB1a, { name: '周护士' })).id;
  const c = await city.post('/api/v1/campaigns', { templateId: 1, orgId: tree.city.id, name: `${y}年双争先`, phases: yearPhases(y) });
  expect(c.status).toBe(201);
  const campaignId: number = c.body.id;
  const dB = await t.loginAs('org_admin', tree.dB);
  const districtBCampaignId: number = (await dB.post('/api/v1/campaigns', { templateId: 1, orgId: tree.dB.id, name: '临江区活动', phases: yearPhases(y) })).body
    .id;
  const branchBCampaignId: number = (
    await committee.post('/api/v1/campaigns', { templateId: 1, orgId: tree.bA1b.id, name: '高一(2)班活动', phases: yearPhases(y) })
  ).body.id;
  expect(branchBCampaignId).toBeGreaterThan(0);
  return { t, tree, city, district, committee, secretary, sibling, nurseSecretary, inspector, auditor, campaignId, districtBCampaignId, branchBCampaignId, m };
}

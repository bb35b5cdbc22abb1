import { expect } from 'vitest';
import { isoToday, type Role } from '@zx/domain';
import type { Actor } from '../src/auth/actor.ts';
import { createTestApp, type TestApp } from './setup.ts';
import { createTree, type OrgRef, type Tree } from './factories.ts';
import type { TestClient } from './client.ts';

/**
 * The world of src/reports/reports-*.test.ts: one app on a fresh database, the tree, an account
 * at each level that asks for or writes reports, and three campaigns (the city's, another
 * district's, a committee's). Each test file builds its own in its beforeAll.
 */

export const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
export const today = isoToday();
export const soon = addDays(today, 10);

async function actorFor(t: TestApp, userId: number, role: Role, org: OrgRef): Promise<Actor> {
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

/** A written-report request from `c` for the district (unless `body` says otherwise), due in ten days. */
export const requestReport = (tree: Tree, c: TestClient, body: Record<string, unknown>) =>
  c.post('/api/v1/report-requests', { orgId: tree.dA.id, title: '上半年工作汇报', guidance: '请汇报上半年活动开展情况', dueOn: soon, filter: {}, ...body });

export async function reportsWorld() {
  const t = await createTestApp();
  const tree = await createTree(t.ctx);
  const city = await t.loginAs('org_admin', tree.city);
  const district = await t.loginAs('org_admin', tree.dA);
  const districtActor = await actorFor(t, district.user.id, 'org_admin', tree.dA);
  const committee = await t.loginAs('org_admin', tree.cA1);
  const secretary = await t.loginAs('branch_secretary', tree.bA1a);
  const sibling = await t.loginAs('branch_secretary', tree.bA1b);
  const child = await t.loginAs('branch_secretary', tree.gA1x);
  const unrelated = await t.loginAs('branch_secretary', tree.bB1a);
  const templateId = (await city.get('/api/v1/templates')).body[0].id;
  const y = Number(today.slice(0, 4));
  const phases = (from: number) => [
    { key: 'mobilization', startsOn: `${from}-01-01`, endsOn: `${from}-02-28` },
    { key: 'implementation', startsOn: `${from}-03-01`, endsOn: `${from}-08-31` },
    { key: 'deepening', startsOn: `${from}-09-01`, endsOn: `${from}-10-31` },
    { key: 'summary', startsOn: `${from}-11-01`, endsOn: `${from + 1}-12-31` },
  ];
  const campaignId: number = (await city.post('/api/v1/campaigns', { templateId, orgId: tree.city.id, name: '双争先', phases: phases(y) })).body.id;
  const dB = await t.loginAs('org_admin', tree.dB);
  const otherCampaignId: number = (await dB.post('/api/v1/campaigns', { templateId, orgId: tree.dB.id, name: '临江区双争先', phases: phases(y) })).body.id;
  const committeeCampaignId: number = (await committee.post('/api/v1/campaigns', { templateId, orgId: tree.cA1.id, name: '红星中学双争先', phases: phases(y) }))
    .body.id;
  expect([campaignId, otherCampaignId, committeeCampaignId].every((id) => Number.isInteger(id) && id > 0)).toBe(true);
  return { t, tree, city, district, districtActor, committee, secretary, sibling, child, unrelated, campaignId, otherCampaignId, committeeCampaignId };
}

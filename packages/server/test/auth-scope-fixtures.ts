import { expect } from 'vitest';
import { createTestApp, type TestApp } from './setup.ts';
import { createMember, createTree, createUser, yearPhases, type Tree } from './factories.ts';
import type { TestClient } from './client.ts';

/**
 * The world of the scope matrix for the foundation and the campaign engine (src/auth/scope-*.test.ts),
 * set up once per test file: the test tree, a member at eight of its organizations (`memberIn`) and
 * a branch secretary account at seven (`userIn`), a member-role account (`ownUser`), a campaign
 * launched at the city, and the two signed-in clients the matrix probes with.
 */
export interface ScopeWorld {
  t: TestApp;
  tree: Tree;
  /** Organization admin at 红星中学团委 (tree.cA1). */
  admin: TestClient;
  /** Branch secretary at 高一(1)班团支部 (tree.bA1a). */
  secretary: TestClient;
  ownUser: number;
  /** A campaign launched at the city: it covers every organization of the tree. */
  cityCampaignId: number;
}

async function launchCityCampaign(t: TestApp, tree: Tree) {
  const cityAdmin = await t.loginAs('org_admin', tree.city);
  const res = await cityAdmin.post('/api/v1/campaigns', {
    templateId: 1,
    orgId: tree.city.id,
    name: '全市活动',
    phases: yearPhases(new Date().getUTCFullYear()),
  });
  expect(res.status).toBe(201);
  return res.body.id as number;
}

/** Sets the world up on a fresh app; `memberIn` and `userIn` (org id → id) are filled here, the matrix holds them from collection on. */
export async function setUpScopeWorld(memberIn: Map<number, number>, userIn: Map<number, number>): Promise<ScopeWorld> {
  const t = await createTestApp();
  const tree = await createTree(t.ctx);
  for (const org of [tree.bA1a, tree.bA1b, tree.gA1x, tree.bA2a, tree.bB1a, tree.cA1, tree.cA2, tree.dA]) {
    memberIn.set(org.id, (await createMember(t.ctx, org)).id);
  }
  for (const org of [tree.bA1b, tree.gA1x, tree.bA2a, tree.bB1a, tree.cA1, tree.cA2, tree.dA]) {
    userIn.set(org.id, (await createUser(t.ctx, [{ role: 'branch_secretary', org }])).id);
  }
  const ownUser = (await createUser(t.ctx, [{ role: 'member', org: tree.bA1b }])).id;
  const cityCampaignId = await launchCityCampaign(t, tree);
  const a = await createUser(t.ctx, [{ role: 'org_admin', org: tree.cA1 }]);
  const s = await createUser(t.ctx, [{ role: 'branch_secretary', org: tree.bA1a }]);
  const admin = t.client();
  const secretary = t.client();
  expect((await admin.login(a.username)).status).toBe(200);
  expect((await secretary.login(s.username)).status).toBe(200);
  return { t, tree, admin, secretary, ownUser, cityCampaignId };
}

/** Snapshot of everything a refused request must leave untouched. */
export async function fingerprint(t: TestApp) {
  const orgs = await t.ctx.db
    .selectFrom('organization')
    .select(['id', 'path', 'status', 'name', 'responsible_person', 'subtree_member_count'])
    .orderBy('id')
    .execute();
  const members = await t.ctx.db.selectFrom('member').select(['id', 'org_id', 'note', 'status']).orderBy('id').execute();
  const users = await t.ctx.db.selectFrom('user_account').select(['id', 'display_name', 'password_hash', 'locked_until']).orderBy('id').execute();
  const grants = await t.ctx.db.selectFrom('role_grant').select(['id', 'user_id', 'org_id', 'role']).orderBy('id').execute();
  const jobs = await t.ctx.db.selectFrom('job').select('id').execute();
  const campaigns = await t.ctx.db.selectFrom('campaign').select('id').execute();
  const uploads = await t.ctx.db.selectFrom('attachment').select('id').where('uploaded_by', 'is not', null).execute();
  const recorded = await t.ctx.db.selectFrom('activity').select('id').where('created_by', 'is not', null).execute();
  return JSON.stringify({ orgs, members, users, grants, jobs: jobs.length, campaigns: campaigns.length, uploads: uploads.length, activities: recorded.length });
}

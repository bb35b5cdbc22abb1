import { afterAll, beforeAll } from 'vitest';
import { createTestApp, type TestApp } from '../../test/setup.ts';
import { createMember, createTree, type Tree } from '../../test/factories.ts';
import type { TestClient } from '../../test/client.ts';
import { describeScopeMatrix } from '../../test/scope-matrix.ts';

/** The scope matrix (test/scope-matrix.ts) for every endpoint of activation that names an organization or a member. */
let t: TestApp;
let tree: Tree;
let admin: TestClient;
let secretary: TestClient;
const memberIn = new Map<number, number>();
const API = '/api/v1/activation';

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  for (const org of [tree.cA1, tree.bA1a, tree.bA1b, tree.gA1x, tree.cA2, tree.bA2a, tree.dA, tree.bB1a]) {
    memberIn.set(org.id, (await createMember(t.ctx, org)).id);
  }
  // Every member has a live code, so a revoke that slipped through would change a row.
  const city = await t.loginAs('org_admin', tree.city);
  for (const org of [tree.cA1, tree.bA1a, tree.bA1b, tree.gA1x, tree.cA2, tree.bA2a, tree.dA, tree.bB1a]) {
    await city.post(`${API}/codes`, { orgId: org.id });
  }
  admin = await t.loginAs('org_admin', tree.cA1);
  secretary = await t.loginAs('branch_secretary', tree.bA1a);
});
afterAll(() => t?.close());

describeScopeMatrix({
  tree: () => tree,
  admin: () => admin,
  secretary: () => secretary,
  memberIn,
  probes: {
    'GET /activation/unit': (c, org) => c.get(`${API}/unit?orgId=${org.id}`),
    'POST /activation/codes': (c, org) => c.post(`${API}/codes`, { orgId: org.id }),
    'POST /activation/codes with the unit’s members': (c, org, member) => c.post(`${API}/codes`, { orgId: org.id, memberIds: [member] }),
    'POST /activation/revoke': (c, _org, member) => c.post(`${API}/revoke`, { memberId: member }),
  },
  fingerprint: async () =>
    JSON.stringify({
      codes: await t.ctx.db.selectFrom('activation_code').selectAll().orderBy('id').execute(),
      accounts: await t.ctx.db.selectFrom('user_account').select(['id', 'member_id']).orderBy('id').execute(),
    }),
});

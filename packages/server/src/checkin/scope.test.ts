import { afterAll, beforeAll } from 'vitest';
import { createTestApp, type TestApp } from '../../test/setup.ts';
import { createMember, createTree, type Tree } from '../../test/factories.ts';
import type { TestClient } from '../../test/client.ts';
import { describeScopeMatrix, type ScopeProbe } from '../../test/scope-matrix.ts';
import { createWorld } from '../../test/access-fixtures.ts';
import { campaignWorkFixtures } from '../../test/access-fixtures-campaigns.ts';

/** The scope matrix (test/scope-matrix.ts) for every check-in endpoint: an activity and a member at each organization. */
let t: TestApp;
let tree: Tree;
let admin: TestClient;
let secretary: TestClient;
const activityIn = new Map<number, number>();
const memberIn = new Map<number, number>();

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  const world = createWorld(t, tree);
  for (const org of Object.values(tree)) {
    const activity = await campaignWorkFixtures.activity.make(world, org);
    const member = (await createMember(t.ctx, org)).id;
    await t.ctx.db
      .insertInto('activity_attendance')
      .values({ activity_id: activity, member_id: member, source: 'qr', checked_in_at: new Date().toISOString() })
      .execute();
    await t.ctx.db
      .insertInto('activity_checkin')
      .values({ activity_id: activity, margin_hours: 2, opened_at: new Date().toISOString(), opened_by: null, closed_at: null, closed_by: null })
      .execute();
    activityIn.set(org.id, activity);
    memberIn.set(org.id, member);
  }
  admin = await t.loginAs('org_admin', tree.cA1);
  secretary = await t.loginAs('branch_secretary', tree.bA1a);
});
afterAll(() => t?.close());

const a = (o: { id: number }) => `/api/v1/activities/${activityIn.get(o.id)}`;
const probes: Record<string, ScopeProbe> = {
  'GET /activities/{id}/check-in': (c, o) => c.get(`${a(o)}/check-in`),
  'POST /activities/{id}/check-in/open': (c, o) => c.post(`${a(o)}/check-in/open`, {}),
  'POST /activities/{id}/check-in/close': (c, o) => c.post(`${a(o)}/check-in/close`, {}),
  'GET /activities/{id}/check-in/mine': (c, o) => c.get(`${a(o)}/check-in/mine`),
  'POST /activities/{id}/check-ins': (c, o) => c.post(`${a(o)}/check-ins`, { token: '0.AAAAAAAAAAAAAAAAAAAAAA' }),
  'DELETE /activities/{id}/check-ins/{memberId}': (c, o, member) => c.delete(`${a(o)}/check-ins/${member}`),
  'DELETE /activities/{id}/check-ins/{memberId} (memberId)': (c, _o, member) => c.delete(`${a(tree.bA1a)}/check-ins/${member}`),
};

describeScopeMatrix({
  tree: () => tree,
  admin: () => admin,
  secretary: () => secretary,
  probes,
  memberIn,
  fingerprint: async () =>
    JSON.stringify(
      await Promise.all([
        t.ctx.db.selectFrom('activity_attendance').selectAll().orderBy('activity_id').orderBy('member_id').execute(),
        t.ctx.db.selectFrom('activity_checkin').selectAll().orderBy('activity_id').execute(),
        t.ctx.db.selectFrom('audit_log').select('id').execute(),
      ]),
    ),
});

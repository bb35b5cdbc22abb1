import { afterAll, beforeAll } from 'vitest';
import { createTestApp, type TestApp } from '../../test/setup.ts';
import { createTree, type Tree } from '../../test/factories.ts';
import type { TestClient } from '../../test/client.ts';
import { describeScopeMatrix, type ScopeProbe } from '../../test/scope-matrix.ts';
import { createWorld, FIXTURES } from '../../test/access-fixtures.ts';

/** The scope matrix (test/scope-matrix.ts) for every volunteer service endpoint: an entry, a member, a photo and an activity at each organization. */
let t: TestApp;
let tree: Tree;
let admin: TestClient;
let secretary: TestClient;
const at = new Map<number, { entry: number; member: number; photo: number; activity: number }>();
const memberIn = new Map<number, number>();

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  const world = createWorld(t, tree);
  for (const org of Object.values(tree)) {
    const entry = await FIXTURES.volunteer_entry!.make(world, org);
    const member = await FIXTURES.member!.make(world, org);
    const photo = await FIXTURES.attachment!.make(world, org);
    const activity = await FIXTURES.activity!.make(world, org);
    at.set(org.id, { entry, member, photo, activity });
    memberIn.set(org.id, member);
  }
  admin = await t.loginAs('org_admin', tree.cA1);
  secretary = await t.loginAs('branch_secretary', tree.bA1a);
});
afterAll(() => t?.close());

const v = '/api/v1/volunteer/entries';
const of = (o: { id: number }) => at.get(o.id)!;
const body = { servedOn: new Date().toISOString().slice(0, 10), hours: 1, description: '服务' };
const probes: Record<string, ScopeProbe> = {
  'GET /volunteer/entries': (c, o) => c.get(`${v}?orgId=${o.id}`),
  'POST /volunteer/entries (memberId)': (c, o) => c.post(v, { ...body, memberId: of(o).member }),
  'POST /volunteer/entries (photoId)': (c, o) => c.post(v, { ...body, memberId: of(tree.bA1a).member, photoId: of(o).photo }),
  'POST /volunteer/entries (activityId)': (c, o) => c.post(v, { ...body, memberId: of(tree.bA1a).member, activityId: of(o).activity }),
  'PATCH /volunteer/entries/{id}': (c, o) => c.patch(`${v}/${of(o).entry}`, { hours: 2 }),
  'PATCH /volunteer/entries/{id} (photoId)': (c, o) => c.patch(`${v}/${of(tree.bA1a).entry}`, { photoId: of(o).photo }),
  'DELETE /volunteer/entries/{id}': (c, o) => c.delete(`${v}/${of(o).entry}`),
  'POST /volunteer/entries/{id}/review': (c, o) => c.post(`${v}/${of(o).entry}/review`, { decision: 'verify' }),
};

describeScopeMatrix({
  tree: () => tree,
  admin: () => admin,
  secretary: () => secretary,
  probes,
  memberIn,
  fingerprint: async () => JSON.stringify(await t.ctx.db.selectFrom('volunteer_service').selectAll().orderBy('id').execute()),
});

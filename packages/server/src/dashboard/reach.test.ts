import { isoToday } from '@zx/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/setup.ts';
import { createMember, createTree, yearPhases, type OrgRef, type Tree } from '../../test/factories.ts';
import type { TestClient } from '../../test/client.ts';

/** 覆盖面 on the dashboard (branches with an activity, members who attended) and the members behind it. */

let t: TestApp;
let tree: Tree;
let city: TestClient;
let committee: TestClient;
let secretary: TestClient;
let campaignId: number;
const today = isoToday();
const members: Record<number, number[]> = {};

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  city = await t.loginAs('org_admin', tree.city);
  committee = await t.loginAs('org_admin', tree.cA1);
  secretary = await t.loginAs('branch_secretary', tree.bA1a);
  for (const b of [tree.bA1a, tree.bA1b]) {
    members[b.id] = [];
    for (let i = 0; i < 4; i++) members[b.id].push((await createMember(t.ctx, b, { name: `团员${b.id}-${i}` })).id);
  }
  const templateId = (await city.get('/api/v1/templates')).body[0].id;
  campaignId = (await city.post('/api/v1/campaigns', { templateId, orgId: tree.city.id, name: '覆盖面', phases: yearPhases(Number(today.slice(0, 4))) })).body
    .id;
});
afterAll(() => t?.close());

const activity = (client: TestClient, org: OrgRef, attendeeIds: number[]) =>
  client.post('/api/v1/activities', {
    campaignId,
    orgId: org.id,
    type: 'mobilization_meeting',
    form: null,
    title: '动员会',
    heldOn: today,
    place: '活动室',
    summary: '记录',
    minutes: null,
    taskKeys: [],
    photoIds: [],
    attendeeIds,
  });

describe('覆盖面 on the dashboard', () => {
  it('counts the branches with an activity and the members who attended one, up the tree', async () => {
    const before = (await city.get(`/api/v1/campaigns/${campaignId}/dashboard?orgId=${tree.cA1.id}`)).body;
    expect(before.coverage).toMatchObject({ branchesWithActivity: 0, membersAttended: 0 });
    expect(before.coverage.branches).toBeGreaterThanOrEqual(2);

    expect((await activity(secretary, tree.bA1a, members[tree.bA1a.id].slice(0, 3))).status).toBe(201);
    // A second activity with the same people changes neither figure.
    expect((await activity(secretary, tree.bA1a, members[tree.bA1a.id].slice(0, 2))).status).toBe(201);

    for (const org of [tree.cA1, tree.city]) {
      const d = (await city.get(`/api/v1/campaigns/${campaignId}/dashboard?orgId=${org.id}`)).body;
      const was = org.id === tree.cA1.id ? before : null;
      expect(d.coverage.branchesWithActivity, `branches at ${org.name}`).toBe(1);
      expect(d.coverage.membersAttended, `members at ${org.name}`).toBe(3);
      expect(d.coverage.memberRate).toBeCloseTo(3 / d.members, 10);
      expect(d.coverage.branchRate).toBeCloseTo(1 / d.coverage.branches, 10);
      if (was) expect(d.coverage.branches).toBe(was.coverage.branches);
      expect(d).toHaveProperty('awareness.rate');
      expect(d).toHaveProperty('pledges.rate');
      expect(d).toHaveProperty('media.total');
    }
    const row = (await city.get(`/api/v1/campaigns/${campaignId}/dashboard?orgId=${tree.cA1.id}`)).body.children.find(
      (c: { id: number }) => c.id === tree.bA1a.id,
    );
    expect(row).toMatchObject({ branches: 1, branchesWithActivity: 1, branchCoverageRate: 1, participants: 3 });
  });

  it("lists a branch's members who have not attended yet, to the branch's own cadres only", async () => {
    const missing = await secretary.get(`/api/v1/campaigns/${campaignId}/dashboard/members?orgId=${tree.bA1a.id}&figure=attended&state=missing`);
    expect(missing.status).toBe(200);
    expect(missing.body.total).toBe(1);
    expect(missing.body.items.map((m: { memberId: number }) => m.memberId)).toEqual([members[tree.bA1a.id][3]]);
    const all = (await secretary.get(`/api/v1/campaigns/${campaignId}/dashboard/members?orgId=${tree.bA1a.id}&figure=attended`)).body;
    expect([all.total, all.items.filter((m: { done: boolean }) => m.done).length]).toEqual([4, 3]);

    // The committee above drills down to units, not to people; a plain member sees no names either.
    expect((await committee.get(`/api/v1/campaigns/${campaignId}/dashboard/members?orgId=${tree.bA1a.id}&figure=attended`)).status).toBe(403);
    const member = await t.loginAs('member', tree.bA1a);
    expect([403, 404]).toContain((await member.get(`/api/v1/campaigns/${campaignId}/dashboard/members?orgId=${tree.bA1a.id}&figure=attended`)).status);
    expect((await secretary.get(`/api/v1/campaigns/${campaignId}/dashboard/members?orgId=${tree.bA1b.id}&figure=attended`)).status).toBe(404);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoToday } from '@zx/domain';
import { createTestApp, type SignedInClient, type TestApp } from '../../test/setup.ts';
import { createMember, createTree, yearPhases, type Tree } from '../../test/factories.ts';
import { runReminders } from '../jobs/reminders.ts';
import { kindsOf } from '../../test/notice-probe.ts';

/**
 * Who hears of a catch-up measure (inbox/audiences.ts): the unit's cadres who write its measures
 * (benchmark.write) — a comment, a measure sent back, a measure falling due — never its plain
 * members (not even the measure's owner: the unit answers for it) nor a sibling.
 */
let t: TestApp;
let tree: Tree;
let district: SignedInClient; // org admin at 红星区团委: supervises
let secretary: SignedInClient; // branch secretary at 高一(2)班团支部: the unit
let sibling: SignedInClient; // branch secretary at 高一(1)班团支部
let inspector: SignedInClient; // inspector at 红星区团委: comments too
let owner: SignedInClient; // plain member at 高一(2)班团支部, the measure's owner
let measureId: number;
let campaignId: number;

const today = isoToday();
const inDays = (n: number) => new Date(Date.parse(today) + n * 86_400_000).toISOString().slice(0, 10);
const kinds = kindsOf;

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  const city = await t.loginAs('org_admin', tree.city);
  district = await t.loginAs('org_admin', tree.dA);
  secretary = await t.loginAs('branch_secretary', tree.bA1b);
  sibling = await t.loginAs('branch_secretary', tree.bA1a);
  inspector = await t.loginAs('inspector', tree.dA);
  const ownerId = (await createMember(t.ctx, tree.bA1b, { name: '刘洋' })).id;
  owner = await t.loginAs('member', tree.bA1b, { memberId: ownerId });
  const templateId = (await city.get('/api/v1/templates')).body[0].id;
  campaignId = (await city.post('/api/v1/campaigns', { templateId, orgId: tree.city.id, name: '主题实践活动', phases: yearPhases(Number(today.slice(0, 4))) }))
    .body.id;
  const m = await secretary.post(`/api/v1/benchmarks/${campaignId}/${tree.bA1b.id}/measures`, {
    dimensionKey: 'activity',
    content: '每月开展一次主题团日',
    ownerMemberId: ownerId,
    dueOn: inDays(2),
  });
  expect(m.status, JSON.stringify(m.body)).toBe(201);
  measureId = m.body.id;
});
afterAll(() => t?.close());

describe('measure notices by audience', () => {
  it("measure_commented: the unit's cadres, from the district or its inspector; not the owner (a plain member), not a sibling", async () => {
    expect((await district.post(`/api/v1/measures/${measureId}/comments`, { body: '请尽快落实' })).status).toBe(201);
    expect((await inspector.post(`/api/v1/measures/${measureId}/comments`, { body: '督查发现进度滞后' })).status).toBe(201);
    expect(await kinds(secretary)).toEqual(['measure_commented', 'measure_commented']);
    for (const c of [owner, sibling, district, inspector]) expect(await kinds(c)).not.toContain('measure_commented');
  });

  it("measure_reopened: the unit's cadres only", async () => {
    const activity = await secretary.post('/api/v1/activities', {
      campaignId,
      orgId: tree.bA1b.id,
      type: 'other',
      title: '主题团日',
      heldOn: today,
      place: '教室',
      summary: '内容',
    });
    expect((await secretary.post(`/api/v1/measures/${measureId}/close`, { activityId: activity.body.id })).status).toBe(200);
    expect((await district.post(`/api/v1/measures/${measureId}/reopen`, { comment: '佐证不足' })).status).toBe(200);
    expect(await kinds(secretary)).toContain('measure_reopened');
    for (const c of [owner, sibling, district]) expect(await kinds(c)).not.toContain('measure_reopened');
  });

  it("measure_due: the unit's cadres only", async () => {
    await runReminders(t.ctx);
    expect((await kinds(secretary)).filter((k) => k === 'measure_due')).toHaveLength(1);
    for (const c of [owner, sibling, district]) expect(await kinds(c)).not.toContain('measure_due');
  });

  it("keeps a plain member out of benchmarking: it is the cadres' supervision (403)", async () => {
    expect((await owner.get(`/api/v1/benchmarks/${campaignId}/${tree.bA1b.id}`)).status).toBe(403);
    expect((await owner.get(`/api/v1/measures/${measureId}`)).status).toBe(403);
    expect((await owner.get('/api/v1/measures')).status).toBe(403);
  });
});

import { isoToday } from '@zx/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/setup.ts';
import { createMember, createTree, type OrgRef, type Tree } from '../../test/factories.ts';
import type { TestClient } from '../../test/client.ts';

let t: TestApp;
let tree: Tree;
let city: TestClient;
let district: TestClient;
let secretary: TestClient;
let campaignId: number;
const y = new Date().getUTCFullYear();
const today = isoToday(); // the server's date (China), not UTC's
// Mobilization ended yesterday at the latest, so its tasks can be overdue; the rest runs to year end.
const phases = [
  { key: 'mobilization', startsOn: `${y}-01-01`, endsOn: `${y}-01-31` },
  { key: 'implementation', startsOn: `${y}-02-01`, endsOn: `${y}-06-30` },
  { key: 'deepening', startsOn: `${y}-07-01`, endsOn: `${y}-09-30` },
  { key: 'summary', startsOn: `${y}-10-01`, endsOn: `${y}-12-31` },
];
const members: Record<number, number[]> = {};

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  city = await t.loginAs('org_admin', tree.city);
  district = await t.loginAs('org_admin', tree.dA);
  secretary = await t.loginAs('branch_secretary', tree.bA1a);
  for (const b of [tree.bA1a, tree.bA1b, tree.bA2a]) {
    members[b.id] = [];
    for (let i = 0; i < 4; i++) members[b.id].push((await createMember(t.ctx, b)).id);
  }
  const templateId = (await city.get('/api/v1/templates')).body[0].id;
  campaignId = (await city.post('/api/v1/campaigns', { templateId, orgId: tree.city.id, name: `${y}年“双争先”`, phases })).body.id;
});
afterAll(() => t?.close());

const activity = (org: OrgRef, type: string, attendeeIds: number[], extra: Record<string, unknown> = {}) =>
  secretaryOrCity(org).post('/api/v1/activities', {
    campaignId,
    orgId: org.id,
    type,
    form: null,
    title: '活动',
    heldOn: `${y}-01-15`,
    place: '活动室',
    summary: '记录',
    minutes: null,
    taskKeys: [],
    photoIds: [],
    attendeeIds,
    ...extra,
  });
const secretaryOrCity = (org: OrgRef) => (org.id === tree.bA1a.id ? secretary : city);

describe('the dashboard', () => {
  it('counts units, members, activities, participation and tasks from the roll-up rows', async () => {
    expect((await activity(tree.bA1a, 'mobilization_meeting', members[tree.bA1a.id].slice(0, 3))).status).toBe(201);
    expect((await activity(tree.bA1b, 'publicity', members[tree.bA1b.id].slice(0, 1))).status).toBe(201);
    expect((await activity(tree.bA1a, 'party_education', [members[tree.bA1a.id][0]], { form: 'oath_renewal', heldOn: `${y}-03-01` })).status).toBe(201);

    const d = (await city.get(`/api/v1/campaigns/${campaignId}/dashboard`)).body;
    expect(d.org.id).toBe(tree.city.id);
    expect(d.members).toBe(12);
    expect(d.participants).toBe(4);
    expect(d.participationRate).toBeCloseTo(4 / 12);
    expect(d.activities.total).toBe(3);
    expect(d.activities.byType.find((x: { type: string }) => x.type === 'party_education').count).toBe(1);
    expect(d.activities.byMonth).toEqual([
      { month: `${y}-01`, count: 2 },
      { month: `${y}-03`, count: 1 },
    ]);
    // mobilization_meeting applies to every unit below the city: 11 organizations, one done.
    const meeting = d.tasks.find((x: { key: string }) => x.key === 'mobilization_meeting');
    expect(meeting).toMatchObject({ required: 11, done: 1, status: today > `${y}-01-15` ? 'overdue' : 'pending' });
    const oath = d.tasks.find((x: { key: string }) => x.key === 'party_education_oath');
    expect(oath.done).toBe(1);
    expect(d.assessment.status).toBe('not_assessed');
    // The children rows of the city are its two districts.
    expect(d.children.map((c: { id: number }) => c.id).sort()).toEqual([tree.dA.id, tree.dB.id].sort());
    const dA = d.children.find((c: { id: number }) => c.id === tree.dA.id);
    expect(dA).toMatchObject({ members: 12, participants: 4, activities: 3 });
    expect(d.children.find((c: { id: number }) => c.id === tree.dB.id)).toMatchObject({ members: 0, activities: 0 });
  });

  it('drills down to a child with a breadcrumb, and a district sees only its own subtree', async () => {
    const d = (await city.get(`/api/v1/campaigns/${campaignId}/dashboard?orgId=${tree.cA1.id}`)).body;
    expect(d.ancestors.map((a: { id: number }) => a.id)).toEqual([tree.city.id, tree.dA.id]);
    const own = (await district.get(`/api/v1/campaigns/${campaignId}/dashboard`)).body;
    expect(own.org.id).toBe(tree.dA.id);
    expect(own.ancestors).toEqual([]);
    expect((await district.get(`/api/v1/campaigns/${campaignId}/dashboard?orgId=${tree.city.id}`)).status).toBe(404);
    expect((await district.get(`/api/v1/campaigns/${campaignId}/dashboard?orgId=${tree.dB.id}`)).status).toBe(404);
  });

  it('lists the units behind a task figure, with the responsible person, and the lagging units', async () => {
    const done = (await city.get(`/api/v1/campaigns/${campaignId}/units?taskKey=mobilization_meeting&status=done`)).body;
    expect(done.items.map((u: { orgId: number }) => u.orgId)).toEqual([tree.bA1a.id]);
    const behind = (await city.get(`/api/v1/campaigns/${campaignId}/units?orgId=${tree.cA1.id}&taskKey=mobilization_meeting&status=overdue&pageSize=50`)).body;
    expect(behind.total).toBe(4); // 红星中学团委, 高一(2)班, 教工团总支, 教工第一团支部
    expect(behind.items[0]).toMatchObject({ responsiblePerson: '张三', status: 'overdue' });
    const lagging = (await city.get(`/api/v1/campaigns/${campaignId}/lagging?orgId=${tree.cA1.id}`)).body;
    expect(lagging.map((u: { orgId: number }) => u.orgId)).toContain(tree.bA1b.id);
    expect(lagging.find((u: { orgId: number }) => u.orgId === tree.bA1b.id).overdueTasks.map((x: { key: string }) => x.key)).toContain('mobilization_meeting');
    expect((await city.get(`/api/v1/campaigns/${campaignId}/units?taskKey=nope`)).status).toBe(404);
    const missingPlans = (await city.get(`/api/v1/campaigns/${campaignId}/units?orgId=${tree.dA.id}&plan=missing&pageSize=50`)).body;
    expect(missingPlans.items.every((u: { status: string }) => u.status === 'missing')).toBe(true);
    expect(missingPlans.total).toBeGreaterThan(0);
  });
});

describe("a unit's tasks", () => {
  it('shows each task with its status, and ticks only confirmation tasks of the right organization type', async () => {
    const mine = (await secretary.get(`/api/v1/campaigns/${campaignId}/tasks`)).body;
    expect(mine.org.id).toBe(tree.bA1a.id);
    expect(mine.tasks.find((x: { key: string }) => x.key === 'mobilization_meeting')).toMatchObject({ done: true, status: 'done', confirmable: false });
    const commitments = mine.tasks.find((x: { key: string }) => x.key === 'cadre_commitments');
    expect(commitments).toMatchObject({ done: false, confirmable: true, confirmedAt: null });

    const ok = await secretary.post(`/api/v1/campaigns/${campaignId}/tasks/cadre_commitments/confirm`, { orgId: tree.bA1a.id, note: '已在团员大会上公开' });
    expect(ok.status).toBe(200);
    expect(ok.body.tasks.find((x: { key: string }) => x.key === 'cadre_commitments')).toMatchObject({ done: true, status: 'done' });
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('action', '=', 'task.confirm').execute();
    expect(audit).toHaveLength(1);

    const evidence = await secretary.post(`/api/v1/campaigns/${campaignId}/tasks/mobilization_meeting/confirm`, { orgId: tree.bA1a.id });
    expect(evidence.status).toBe(409);
    expect(evidence.body.code).toBe('TASK_NOT_CONFIRMABLE');
    // cadre_commitments applies to basic units, not to a district.
    const wrongType = await city.post(`/api/v1/campaigns/${campaignId}/tasks/cadre_commitments/confirm`, { orgId: tree.dA.id });
    expect(wrongType.status).toBe(422);
    expect(wrongType.body.errors[0]).toMatchObject({ field: 'orgId', code: 'TASK_NOT_APPLICABLE' });

    const dash = (await city.get(`/api/v1/campaigns/${campaignId}/dashboard`)).body;
    expect(dash.tasks.find((x: { key: string }) => x.key === 'cadre_commitments').done).toBe(1);
    const undo = await secretary.delete(`/api/v1/campaigns/${campaignId}/tasks/cadre_commitments/confirm?orgId=${tree.bA1a.id}`);
    expect(undo.body.tasks.find((x: { key: string }) => x.key === 'cadre_commitments').done).toBe(false);
    expect((await city.get(`/api/v1/campaigns/${campaignId}/dashboard`)).body.tasks.find((x: { key: string }) => x.key === 'cadre_commitments').done).toBe(0);
  });

  it('refuses a secretary confirming for the sibling branch or the parent', async () => {
    expect((await secretary.post(`/api/v1/campaigns/${campaignId}/tasks/cadre_commitments/confirm`, { orgId: tree.bA1b.id })).status).toBe(404);
    expect((await secretary.post(`/api/v1/campaigns/${campaignId}/tasks/cadre_commitments/confirm`, { orgId: tree.cA1.id })).status).toBe(404);
    expect(await t.ctx.db.selectFrom('task_confirmation').selectAll().execute()).toEqual([]);
  });
});

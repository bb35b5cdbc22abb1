import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoToday } from '@zx/domain';
import { createTestApp, type TestApp } from '../../test/setup.ts';
import type { TestClient } from '../../test/client.ts';
import type { SignedInClient } from '../../test/setup.ts';
import { createMember, createTree, type Tree } from '../../test/factories.ts';
import { excellentEvaluations, volunteerHours } from '../../test/honour-fixtures.ts';
import { nowIso } from '../db/database.ts';
import { registerTodoProviders } from './registry.ts';
import { day, evaluationAt, noticeRound, openBallot, rectificationAt } from '../../test/home-fixtures.ts';

/**
 * Home as a to-do list (docs/home.md): per role what is due or waiting now, nearest deadline
 * first, nothing of another unit; a member's own record.
 */
let t: TestApp;
let tree: Tree;
let campaignId: number;
const API = '/api/v1';
const plan = {
  theme: '青春建功',
  contentHtml: '<p>方案</p>',
  targets: [{ kind: 'star_tier', value: 5, unit: null, label: null, goalTag: null }],
  attachmentIds: [],
};
type Todo = { kind: string; key: string; dueAt: string | null; link: string; titleZh: string };
const todosOf = async (c: TestClient) => {
  const res = await c.get(`${API}/home`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.todos as Todo[];
};

let member: SignedInClient;
let memberId: number;
let secretary: TestClient;
let committee: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  const city = await t.loginAs('org_admin', tree.city);
  const templateId = (await city.get(`${API}/templates`)).body[0].id;
  const created = await city.post(`${API}/campaigns`, {
    templateId,
    orgId: tree.city.id,
    name: '2026年“双争先”主题实践活动',
    phases: [
      { key: 'mobilization', startsOn: day(-60), endsOn: day(-31) },
      { key: 'implementation', startsOn: day(-30), endsOn: day(30) },
      { key: 'deepening', startsOn: day(31), endsOn: day(60) },
      { key: 'summary', startsOn: day(61), endsOn: day(90) },
    ],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  campaignId = created.body.id;
  memberId = (await createMember(t.ctx, tree.bA1a, { name: '陈晓' })).id;
  member = await t.loginAs('member', tree.bA1a, { memberId });
  secretary = await t.loginAs('branch_secretary', tree.bA1a);
  committee = await t.loginAs('org_admin', tree.cA1);
  const siblingSecretary = await t.loginAs('branch_secretary', tree.bA1b);
  const otherSecretary = await t.loginAs('branch_secretary', tree.bA2a);

  // The branch's plan was returned by the committee; the sibling's waits for review; a plan under another committee too.
  expect((await secretary.post(`${API}/campaigns/${campaignId}/plans/${tree.bA1a.id}/submit`, plan)).status).toBe(200);
  expect((await committee.post(`${API}/campaigns/${campaignId}/plans/${tree.bA1a.id}/review`, { decision: 'return', comment: '请细化目标' })).status).toBe(200);
  expect((await siblingSecretary.post(`${API}/campaigns/${campaignId}/plans/${tree.bA1b.id}/submit`, plan)).status).toBe(200);
  expect((await otherSecretary.post(`${API}/campaigns/${campaignId}/plans/${tree.bA2a.id}/submit`, plan)).status).toBe(200);

  await openBallot(t.ctx, tree.bA1a, memberId, '团支部书记述职评议', 5);
  await evaluationAt(t.ctx, tree.bA1a, 'self_assessment', memberId);
  await noticeRound(t.ctx, tree.cA1, '红星中学优秀共青团员评选', 3);
  await noticeRound(t.ctx, tree.bA2a, '青山社区评选', 3); // not the member's organization
  await rectificationAt(t.ctx, tree.bA1a, '团员名册未及时更新', 2);
  await rectificationAt(t.ctx, tree.bA1b, '兄弟支部的整改事项', 1);
  await evaluationAt(t.ctx, tree.bA1b, 'submitted', null);
});
afterAll(() => t?.close());

describe('a member’s home', () => {
  it('lists their ballot, self-assessment and objection window, and no cadre item', async () => {
    const todos = await todosOf(member);
    const kinds = todos.map((x) => x.kind).sort();
    expect(kinds).toEqual(['ballot', 'evaluation_self', 'honour_notice', 'pledge']);
    expect(todos.find((x) => x.kind === 'ballot')!.link).toMatch(/^\/votes\/ballot\/\d+$/);
    expect(todos.find((x) => x.kind === 'honour_notice')!.titleZh).toContain('红星中学优秀共青团员评选');
    // Nearest deadline first: the notice ends in 3 days, the ballot closes in 5, the pledge is due when the phase ends, the self-assessment has none.
    expect(todos.map((x) => x.kind)).toEqual(['honour_notice', 'ballot', 'pledge', 'evaluation_self']);
  });

  it('shows the running campaign and its phase, and the member’s record in figures', async () => {
    const res = await member.get(`${API}/home`);
    expect(res.body.campaigns).toEqual([expect.objectContaining({ id: campaignId, phaseKey: 'implementation', phaseNameZh: '全面实施', daysLeft: 30 })]);
    expect(res.body.record).toEqual({ activities: 0, latestGrade: null, honours: 0, volunteerHours: null });
    expect(res.body.total).toBe(res.body.todos.length);
  });

  it('drops the ballot once the member has voted', async () => {
    const m2 = (await createMember(t.ctx, tree.bA1a)).id;
    const c = await t.loginAs('member', tree.bA1a, { memberId: m2 });
    const id = await openBallot(t.ctx, tree.bA1a, m2, '另一次投票', 4);
    expect((await todosOf(c)).map((x) => x.key)).toContain(`ballot:${id}`);
    await t.ctx.db.updateTable('vote_roll').set({ voted: 1 }).where('session_id', '=', id).where('member_id', '=', m2).execute();
    expect((await todosOf(c)).map((x) => x.key)).not.toContain(`ballot:${id}`);
  });
});

describe('a cadre’s home', () => {
  it('gives the branch secretary the returned plan, the due tasks and the rectification — nothing of the sibling branch', async () => {
    const todos = await todosOf(secretary);
    const kinds = new Set(todos.map((x) => x.kind));
    expect(kinds).toContain('plan_returned');
    expect(kinds).toContain('rectification');
    expect(todos.some((x) => x.kind === 'task_overdue' || x.kind === 'task_due')).toBe(true);
    expect(todos.find((x) => x.kind === 'plan_returned')!.link).toBe(`/plans/${campaignId}/${tree.bA1a.id}`);
    expect(JSON.stringify(todos)).not.toContain('兄弟支部');
    // No member item: this account is no member.
    expect(kinds.has('ballot')).toBe(false);
    const dated = todos.filter((x) => x.dueAt).map((x) => x.dueAt!.slice(0, 10));
    expect(dated).toEqual([...dated].sort());
    const firstUndated = todos.findIndex((x) => !x.dueAt);
    if (firstUndated >= 0) expect(todos.slice(firstUndated).every((x) => !x.dueAt)).toBe(true);
  });

  it('gives the secretary a rating to open by hand, and nothing for a timed one the schedule runs', async () => {
    const m = (await createMember(t.ctx, tree.bA1a)).id;
    const draft = await openBallot(t.ctx, tree.bA1a, m, '待开始的评议', 9);
    await t.ctx.db.updateTable('vote_session').set({ status: 'draft', opens_at: null, closes_at: null, opened_at: null }).where('id', '=', draft).execute();
    const timed = await openBallot(t.ctx, tree.bA1a, m, '定时评议', 9);
    await t.ctx.db
      .updateTable('vote_session')
      .set({ status: 'draft', opens_at: `${day(1)}T08:00:00.000Z` })
      .where('id', '=', timed)
      .execute();
    const keys = (await todosOf(secretary)).map((x) => x.key);
    expect(keys).toContain(`vote-open:${draft}`);
    expect(keys).not.toContain(`vote-open:${timed}`);
    expect((await todosOf(member)).map((x) => x.key)).not.toContain(`vote-open:${draft}`);
  });

  it('gives the committee the plans and evaluations of the branches directly below to review — not those under another committee', async () => {
    const todos = await todosOf(committee);
    const reviews = todos.filter((x) => x.kind === 'plan_review').map((x) => x.link);
    expect(reviews).toEqual([`/plans/${campaignId}/${tree.bA1b.id}`]);
    expect(todos.some((x) => x.kind === 'evaluation_approve')).toBe(true);
    expect(todos.some((x) => x.kind === 'ballot' || x.kind === 'evaluation_self')).toBe(false);
  });

  it('gives the committee the objections to its own round that wait for an answer', async () => {
    const roundId = await noticeRound(t.ctx, tree.cA1, '红星中学优秀团干部评选', 4);
    const at = nowIso();
    const m = await createMember(t.ctx, tree.bA1a, { name: '候选人' });
    const { id: candidateId } = await t.ctx.db
      .insertInto('honour_candidate')
      .values({
        round_id: roundId,
        kind: 'excellent_member',
        subject_key: `member:${m.id}`,
        org_id: tree.bA1a.id,
        org_path: tree.bA1a.path,
        member_id: m.id,
        subject_name: '候选人',
        status: 'candidate',
        recommender_org_id: tree.cA1.id,
        recommender_org_path: tree.cA1.path,
        note: null,
        checks: '[]',
        created_at: at,
        created_by: null,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.ctx.db
      .insertInto('honour_objection')
      .values({
        round_id: roundId,
        candidate_id: candidateId,
        reason: '材料与事实不符，请核实',
        contact: null,
        objector_user_id: member.user.id,
        objector_name: '陈晓',
        objector_org_id: tree.bA1a.id,
        objector_org_path: tree.bA1a.path,
        status: 'pending',
        reply: null,
        handled_by: null,
        handled_at: null,
        created_at: at,
      })
      .execute();
    expect((await todosOf(committee)).find((x) => x.key === `honour-objections:${roundId}`)?.titleZh).toContain('1条待处理');
    expect((await todosOf(secretary)).map((x) => x.key)).not.toContain(`honour-objections:${roundId}`);
  });

  it('caps the list at 50 with the total behind it, and registers a new kind without a contract change', async () => {
    const c = await t.loginAs('branch_secretary', tree.bA1b);
    // A provider of another capability (as the integrator wires noticeTodos & co.): only for this account.
    registerTodoProviders([
      async (_ex, actor) =>
        actor.userId === c.user.id
          ? Array.from({ length: 60 }, (_, i) => ({
              kind: 'notice_read',
              key: `notice:${i}`,
              titleZh: `通知${i}`,
              titleEn: `Notice ${i}`,
              dueAt: null,
              link: '/inbox',
            }))
          : [],
    ]);
    const res = await c.get(`${API}/home`);
    expect(res.body.todos).toHaveLength(50);
    expect(res.body.total).toBeGreaterThan(60);
    // The dated items (the sibling's rectification, its tasks) come before the undated notices.
    expect(res.body.todos[0].dueAt).not.toBeNull();
    expect(res.body.todos.at(-1).kind).toBe('notice_read');
  });
});

describe('my record', () => {
  it('shows attended activities, approved grades, honours and the verified volunteer hours', async () => {
    const y = Number(isoToday().slice(0, 4));
    const m = await createMember(t.ctx, tree.bA1a, { name: '记录人' });
    await excellentEvaluations(t.ctx, tree.bA1a, m.id, [y - 1]);
    await volunteerHours(t.ctx, m.id, y, 12.5);
    const at = nowIso();
    const { id: activityId } = await t.ctx.db
      .insertInto('activity')
      .values({
        campaign_id: campaignId,
        org_id: tree.bA1a.id,
        org_path: tree.bA1a.path,
        type: 'party_education',
        form: null,
        title: '重温入团誓词',
        held_on: day(-3),
        place: '教室',
        summary: '活动',
        minutes: null,
        task_keys: '[]',
        photo_ids: '[]',
        created_at: at,
        created_by: null,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.ctx.db.insertInto('activity_attendance').values({ activity_id: activityId, member_id: m.id }).execute();
    const c = await t.loginAs('member', tree.bA1a, { memberId: m.id });
    const res = await c.get(`${API}/me/record`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      memberId: m.id,
      name: '记录人',
      activityCount: 1,
      activities: [{ id: activityId, title: '重温入团誓词', campaignId }],
      evaluations: [{ year: y - 1, grade: 'excellent' }],
      volunteer: { source: 'verified_service', years: [{ year: y, hours: 12.5 }], total: 12.5 },
    });
    const home = await c.get(`${API}/home`);
    expect(home.body.record).toEqual({ activities: 1, latestGrade: { year: y - 1, grade: 'excellent' }, honours: 0, volunteerHours: 12.5 });
  });

  it('is 404 for an account linked to no member and 403 for a role without self.read', async () => {
    const noMember = await t.loginAs('branch_secretary', tree.bA1a);
    expect((await noMember.get(`${API}/me/record`)).status).toBe(404);
    const sys = await t.loginAs('system_admin', tree.city);
    expect((await sys.get(`${API}/me/record`)).status).toBe(403);
    expect((await sys.get(`${API}/home`)).body.todos).toEqual([]);
  });
});

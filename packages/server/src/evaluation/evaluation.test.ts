import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarMonths, isoToday } from '@zx/domain';
import { createTestApp, type SignedInClient, type TestApp } from '../../test/setup.ts';
import { createMember, createTree, createUser, yearPhases, type OrgRef, type Tree } from '../../test/factories.ts';
import type { TestClient } from '../../test/client.ts';
import { runReminders } from '../jobs/reminders.ts';
import { evaluationHistory, onNegativeList } from './history.ts';

/** The annual member evaluation through the API: every step, every rule, on SQLite and PostgreSQL. */
let t: TestApp;
let tree: Tree;
let secretary: SignedInClient;
let committee: SignedInClient;
let city: SignedInClient;
const members: { id: number; name: string }[] = [];
const phones = new Map<number, TestClient>();
const year = Number(isoToday().slice(0, 4));
let campaignId = 0;
let evaluationId = 0;

const NAMES = ['王一', '李二', '张三', '赵四', '钱五', '孙六', '周七', '吴八', '郑九', '冯十'];
const codes = (body: { errors?: { field: string; code: string }[] }) => (body.errors ?? []).map((e) => `${e.field}:${e.code}`);
const round = () => t.ctx.db.selectFrom('member_evaluation').selectAll().where('id', '=', evaluationId).executeTakeFirstOrThrow();
const participants = () =>
  t.ctx.db.selectFrom('member_evaluation_participant').selectAll().where('evaluation_id', '=', evaluationId).orderBy('member_id').execute();

/** A member-role account on its own phone (its own address, so many sign-ins stay under the login rate limit). */
let phoneSeq = 0;
async function phoneOf(org: OrgRef, memberId: number): Promise<TestClient> {
  const user = await createUser(t.ctx, [{ role: 'member', org }], { memberId });
  const c = t.client(`10.9.${Math.floor(++phoneSeq / 200)}.${phoneSeq % 200}`);
  expect((await c.login(user.username)).status).toBe(200);
  return c;
}

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  for (const name of NAMES) members.push({ id: (await createMember(t.ctx, tree.bA1a, { name })).id, name });
  secretary = await t.loginAs('branch_secretary', tree.bA1a);
  committee = await t.loginAs('org_admin', tree.cA1);
  city = await t.loginAs('org_admin', tree.city);
  for (const m of members) phones.set(m.id, await phoneOf(tree.bA1a, m.id));
  const c = await city.post('/api/v1/campaigns', { templateId: 1, orgId: tree.city.id, name: '全市活动', phases: yearPhases(year) });
  expect(c.status).toBe(201);
  campaignId = c.body.id;
});
afterAll(() => t?.close());

describe('opening a round', () => {
  it('refuses an organization that holds no members and a member-role account', async () => {
    const district = await t.loginAs('org_admin', tree.dA);
    const res = await district.post('/api/v1/evaluations', { orgId: tree.dA.id, year });
    expect(res.status).toBe(422);
    expect(codes(res.body)).toEqual(['orgId:EVALUATION_ORG_HOLDS_NO_MEMBERS']);
    expect((await phones.get(members[0].id)!.post('/api/v1/evaluations', { orgId: tree.bA1a.id, year })).status).toBe(403);
    expect((await secretary.post('/api/v1/evaluations', { orgId: tree.bA1b.id, year: year + 5 })).status).toBe(404);
  });

  it('freezes the active members as participants and opens once a year', async () => {
    const res = await secretary.post('/api/v1/evaluations', { orgId: tree.bA1a.id, year });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    evaluationId = res.body.id;
    expect(res.body).toMatchObject({ stage: 'study', year, figures: { participants: 10, excellentCap: 3, quorumMinimum: 7 }, canManage: true });
    expect(res.body.settings).toMatchObject({ quorum: { num: 2, den: 3, strict: true }, excellentCapPercent: 30 });
    await createMember(t.ctx, tree.bA1a, { name: '后来者' });
    expect((await participants()).length).toBe(10);
    const again = await secretary.post('/api/v1/evaluations', { orgId: tree.bA1a.id, year });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('EVALUATION_EXISTS');
    const inbox = await phones.get(members[0].id)!.get('/api/v1/inbox');
    expect(JSON.stringify(inbox.body)).toContain('团员教育评议已开始');
  });
});

describe('study, self-assessment and peer comments', () => {
  it('needs the study recorded before the self-assessments', async () => {
    const early = await secretary.post(`/api/v1/evaluations/${evaluationId}/advance`, { stage: 'self_assessment' });
    expect(early.status).toBe(422);
    expect(codes(early.body)).toEqual(['heldOn:EVALUATION_STUDY_REQUIRED']);
    const future = await secretary.put(`/api/v1/evaluations/${evaluationId}/study`, { heldOn: `${year + 1}-12-31`, note: 'x' });
    expect(future.status).toBe(422);
    expect(
      (await secretary.put(`/api/v1/evaluations/${evaluationId}/study`, { heldOn: isoToday(), note: '学习团章和《关于加强团员教育管理的意见》' })).status,
    ).toBe(200);
    const ok = await secretary.post(`/api/v1/evaluations/${evaluationId}/advance`, { stage: 'self_assessment' });
    expect(ok.status).toBe(200);
    expect(ok.body.stage).toBe('self_assessment');
  });

  it('lets members write their own self-assessment and the secretary record one; not one for someone else', async () => {
    const [a, b, c] = members;
    const own = await phones
      .get(a.id)!
      .put(`/api/v1/evaluations/${evaluationId}/participants/${a.id}/self-assessment`, { text: '一年来认真学习，按时参加组织生活，积极参加志愿服务。' });
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    expect(own.body.me.selfAssessment).toContain('认真学习');
    expect(own.body.full).toBe(false);
    // A participant's view lists who takes part, but none of the others' texts or grades.
    expect(Object.keys(own.body.participants[0]).sort()).toEqual(['memberId', 'name', 'position', 'selfAssessedAt']);
    expect((await phones.get(b.id)!.put(`/api/v1/evaluations/${evaluationId}/participants/${a.id}/self-assessment`, { text: '代写' })).status).toBe(403);
    const empty = await phones.get(b.id)!.put(`/api/v1/evaluations/${evaluationId}/participants/${b.id}/self-assessment`, { text: '   ' });
    expect(codes(empty.body)).toEqual(['text:EVALUATION_TEXT_REQUIRED']);
    const recorded = await secretary.put(`/api/v1/evaluations/${evaluationId}/participants/${c.id}/self-assessment`, {
      text: '（会上口述，支部记录）工作认真负责。',
    });
    expect(recorded.status).toBe(200);
    const rows = await participants();
    expect(rows.find((p) => p.member_id === a.id)).toMatchObject({ self_assessment_by_member: 1 });
    expect(rows.find((p) => p.member_id === c.id)).toMatchObject({ self_assessment_by_member: 0 });
    expect(recorded.body.figures.selfAssessed).toBe(2);
  });

  it('keeps peer comments for the committee: not on oneself, not published to members', async () => {
    const [a, b] = members;
    const early = await phones.get(a.id)!.put(`/api/v1/evaluations/${evaluationId}/participants/${b.id}/comment`, { text: '工作积极' });
    expect(early.status).toBe(409);
    expect((await secretary.post(`/api/v1/evaluations/${evaluationId}/advance`, { stage: 'peer_review' })).status).toBe(200);
    const self = await phones.get(a.id)!.put(`/api/v1/evaluations/${evaluationId}/participants/${a.id}/comment`, { text: '我很好' });
    expect(codes(self.body)).toEqual(['memberId:EVALUATION_SELF_COMMENT']);
    const ok = await phones.get(a.id)!.put(`/api/v1/evaluations/${evaluationId}/participants/${b.id}/comment`, { text: '工作积极，乐于助人' });
    expect(ok.status).toBe(200);
    expect(ok.body.me.comments).toEqual([expect.objectContaining({ memberId: b.id, text: '工作积极，乐于助人' })]);
    await phones.get(members[2].id)!.put(`/api/v1/evaluations/${evaluationId}/participants/${b.id}/comment`, { text: '建议多参加志愿服务' });
    expect((await phones.get(b.id)!.get(`/api/v1/evaluations/${evaluationId}/comments`)).status).toBe(403);
    const seen = await secretary.get(`/api/v1/evaluations/${evaluationId}/comments`);
    expect(seen.status).toBe(200);
    expect(seen.body.map((c: { authorName: string }) => c.authorName).sort()).toEqual([a.name, members[2].name].sort());
    expect((await committee.get(`/api/v1/evaluations/${evaluationId}/comments`)).status).toBe(200);
  });
});

describe('the vote (paper count) and its quorum', () => {
  const tally = (present: number) => ({
    present,
    counts: members.map((m, i) =>
      i < 4
        ? { memberId: m.id, excellent: 5, qualified: 2, basic: 0, unqualified: 0 }
        : i === 9
          ? { memberId: m.id, excellent: 0, qualified: 1, basic: 2, unqualified: 4 }
          : { memberId: m.id, excellent: 1, qualified: 6, basic: 0, unqualified: 0 },
    ),
  });

  it('refuses a count without MORE than 2/3 present, writing nothing', async () => {
    const before = await participants();
    const res = await secretary.post(`/api/v1/evaluations/${evaluationId}/vote/paper`, tally(6));
    expect(res.status).toBe(422);
    expect(codes(res.body)).toContain('present:EVALUATION_QUORUM_NOT_MET');
    expect(res.body.errors[0].messages.zh).toContain('超过参评人数的 2/3（本次至少 7 人）');
    expect(await participants()).toEqual(before);
    expect((await round()).stage).toBe('peer_review');
  });

  it('refuses more votes than people present and a missing member', async () => {
    const bad = tally(7);
    bad.counts[0] = { memberId: members[0].id, excellent: 8, qualified: 0, basic: 0, unqualified: 0 };
    bad.counts.pop();
    const res = await secretary.post(`/api/v1/evaluations/${evaluationId}/vote/paper`, bad);
    expect(codes(res.body)).toEqual(['counts.0:EVALUATION_TALLY_EXCEEDS_PRESENT', 'counts:EVALUATION_TALLY_INCOMPLETE']);
  });

  it('counts a valid vote and moves on to the committee', async () => {
    const res = await secretary.post(`/api/v1/evaluations/${evaluationId}/vote/paper`, tally(7));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ stage: 'proposal', vote: { mode: 'paper', present: 7, quorumMet: true } });
    expect(res.body.participants.find((p: { memberId: number }) => p.memberId === members[0].id)).toMatchObject({
      votes: { excellent: 5, qualified: 2 },
      leading: ['excellent'],
    });
  });
});

describe('the committee proposes grades (看票不唯票, 优秀 ≤ 30%)', () => {
  const proposal = (excellent: number, reasonForLast: string | null) =>
    members.map((m, i) => ({
      memberId: m.id,
      grade: i < excellent ? 'excellent' : i === 9 ? 'unqualified' : 'qualified',
      reason: i === 3 && excellent < 4 ? '名额有限，综合考虑平时表现' : i === 9 ? reasonForLast : null,
    }));

  it('refuses a fourth 优秀 of ten participants, writing nothing', async () => {
    const res = await secretary.put(`/api/v1/evaluations/${evaluationId}/proposal`, { grades: proposal(4, null) });
    expect(res.status).toBe(422);
    expect(codes(res.body)).toEqual(['grades:EVALUATION_EXCELLENT_CAP']);
    expect((await participants()).every((p) => p.proposed_grade === null)).toBe(true);
  });

  it('needs a written reason to depart from the leading option', async () => {
    const noReason = proposal(3, null).map((g, i) => (i === 3 ? { ...g, reason: '' } : g));
    const res = await secretary.put(`/api/v1/evaluations/${evaluationId}/proposal`, { grades: noReason });
    expect(codes(res.body)).toEqual(['grades.3.reason:EVALUATION_OVERRIDE_REASON_REQUIRED']);
    const ok = await secretary.put(`/api/v1/evaluations/${evaluationId}/proposal`, { grades: proposal(3, null) });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.figures).toMatchObject({ excellent: 3, excellentCap: 3 });
    expect(ok.body.participants.find((p: { memberId: number }) => p.memberId === members[3].id)).toMatchObject({
      proposedGrade: 'qualified',
      departs: true,
      overrideReason: '名额有限，综合考虑平时表现',
    });
  });

  it('counts the cap over the whole proposal when only part of it is saved', async () => {
    const res = await secretary.put(`/api/v1/evaluations/${evaluationId}/proposal`, {
      grades: [{ memberId: members[5].id, grade: 'excellent', reason: '表现突出，群众公认' }],
    });
    expect(codes(res.body)).toEqual(['grades:EVALUATION_EXCELLENT_CAP']);
  });

  it('submits a complete proposal to the level above, which the branch cannot approve itself', async () => {
    const sub = await secretary.post(`/api/v1/evaluations/${evaluationId}/submit`, {});
    expect(sub.status, JSON.stringify(sub.body)).toBe(200);
    expect(sub.body.stage).toBe('submitted');
    expect((await secretary.post(`/api/v1/evaluations/${evaluationId}/review`, { decision: 'approve' })).status).toBe(403);
    const ownAdmin = await t.loginAs('org_admin', tree.bA1a);
    const self = await ownAdmin.post(`/api/v1/evaluations/${evaluationId}/review`, { decision: 'approve' });
    expect(self.status).toBe(403);
    expect(self.body.code).toBe('EVALUATION_SELF_APPROVAL');
    const queue = await committee.get(`/api/v1/evaluations?year=${year}&stage=submitted`);
    expect(queue.body.items).toEqual([expect.objectContaining({ orgId: tree.bA1a.id, evaluationId, canApprove: true })]);
  });

  it('is returned with a comment, revised and approved; 不合格 gets its re-evaluation date', async () => {
    const noComment = await committee.post(`/api/v1/evaluations/${evaluationId}/review`, { decision: 'return' });
    expect(codes(noComment.body)).toEqual(['comment:EVALUATION_RETURN_COMMENT_REQUIRED']);
    const returned = await committee.post(`/api/v1/evaluations/${evaluationId}/review`, { decision: 'return', comment: '请补充冯十不合格的具体事实' });
    expect(returned.body).toMatchObject({ stage: 'proposal', review: { returnComment: '请补充冯十不合格的具体事实' } });
    const resubmit = await secretary.post(`/api/v1/evaluations/${evaluationId}/submit`, { grades: proposal(3, '全年无故缺席组织生活 5 次') });
    expect(resubmit.status, JSON.stringify(resubmit.body)).toBe(200);

    const before = (await city.get(`/api/v1/campaigns/${campaignId}/dashboard?orgId=${tree.city.id}`)).body.assessment;
    expect(before.excellentMemberRatio).toBeNull();
    const approved = await committee.post(`/api/v1/evaluations/${evaluationId}/review`, { decision: 'approve', comment: '同意' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.stage).toBe('approved');
    const last = approved.body.participants.find((p: { memberId: number }) => p.memberId === members[9].id);
    expect(last).toMatchObject({ finalGrade: 'unqualified', reevaluation: { dueOn: addCalendarMonths(isoToday(), 3), grade: null } });
    const after = (await city.get(`/api/v1/campaigns/${campaignId}/dashboard?orgId=${tree.city.id}`)).body.assessment;
    expect(after).toMatchObject({ status: 'assessed', membersEvaluated: 10, membersExcellent: 3, excellentMemberRatio: 0.3 });
    const mine = await phones.get(members[0].id)!.get('/api/v1/evaluations/mine');
    expect(mine.body.items[0]).toMatchObject({ evaluationId, stage: 'approved', finalGrade: 'excellent' });
  });
});

describe('re-evaluation of an 不合格 member', () => {
  it('is reminded once when due, refused too early and recorded in the window', async () => {
    const m = members[9];
    const early = await secretary.post(`/api/v1/evaluations/${evaluationId}/participants/${m.id}/reevaluation`, {
      grade: 'qualified',
      heldOn: isoToday(),
      note: '已改正',
    });
    expect(early.status).toBe(422);
    expect(codes(early.body)).toEqual(['heldOn:EVALUATION_REEVALUATION_TOO_EARLY']);
    const notQualified = await secretary.post(`/api/v1/evaluations/${evaluationId}/participants/${members[0].id}/reevaluation`, {
      grade: 'qualified',
      heldOn: isoToday(),
      note: 'x',
    });
    expect(notQualified.body.code).toBe('EVALUATION_NOT_UNQUALIFIED');

    // Four months on: the approval moved back in time, the reminder falls due.
    const approvedOn = addCalendarMonths(isoToday(), -4);
    await t.ctx.db
      .updateTable('member_evaluation')
      .set({ decided_at: `${approvedOn}T02:00:00.000Z` })
      .where('id', '=', evaluationId)
      .execute();
    await t.ctx.db
      .updateTable('member_evaluation_participant')
      .set({ reevaluation_due_on: addCalendarMonths(approvedOn, 3) })
      .where('evaluation_id', '=', evaluationId)
      .where('member_id', '=', m.id)
      .execute();
    await runReminders(t.ctx);
    await runReminders(t.ctx);
    const notices = await t.ctx.db.selectFrom('notification').select('title_zh').where('kind', '=', 'evaluation_reevaluation_due').execute();
    expect(notices).toHaveLength(1);
    expect(notices[0].title_zh).toContain(m.name);

    const ok = await secretary.post(`/api/v1/evaluations/${evaluationId}/participants/${m.id}/reevaluation`, {
      grade: 'qualified',
      heldOn: isoToday(),
      note: '经教育已改正，按时参加组织生活',
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const again = await secretary.post(`/api/v1/evaluations/${evaluationId}/participants/${m.id}/reevaluation`, {
      grade: 'qualified',
      heldOn: isoToday(),
      note: 'x',
    });
    expect(again.body.code).toBe('EVALUATION_ALREADY_REEVALUATED');
    const history = await evaluationHistory(t.ctx.db, m.id);
    expect(history[0]).toMatchObject({
      year,
      grade: 'unqualified',
      overrideReason: '全年无故缺席组织生活 5 次',
      reevaluation: { grade: 'qualified', heldOn: isoToday() },
    });
  });
});

describe('negative list and history', () => {
  it('bars a member for the period, shows it on the member page, and can be lifted', async () => {
    const m = members[1];
    const bad = await secretary.post('/api/v1/evaluations/negative-list', { memberId: m.id, reason: ' ', startsOn: `${year}-03-01`, endsOn: `${year}-01-01` });
    expect(codes(bad.body)).toEqual(['reason:NEGATIVE_REASON_REQUIRED', 'endsOn:NEGATIVE_PERIOD_INVALID']);
    expect((await phones.get(m.id)!.post('/api/v1/evaluations/negative-list', { memberId: m.id, reason: '违纪', startsOn: `${year}-01-01` })).status).toBe(403);
    const other = await t.loginAs('branch_secretary', tree.bA1b);
    expect((await other.post('/api/v1/evaluations/negative-list', { memberId: m.id, reason: '违纪受处分', startsOn: `${year}-01-01` })).status).toBe(404);
    expect((await other.get(`/api/v1/evaluations/history/${m.id}`)).status).toBe(404);

    const added = await committee.post('/api/v1/evaluations/negative-list', {
      memberId: m.id,
      reason: '受到团内警告处分',
      startsOn: `${year}-03-01`,
      endsOn: `${year + 1}-02-28`,
    });
    expect(added.status).toBe(201);
    expect(await onNegativeList(t.ctx.db, m.id, year)).toBe(true);
    expect(await onNegativeList(t.ctx.db, m.id, year + 2)).toBe(false);
    const own = await phones.get(m.id)!.get(`/api/v1/evaluations/history/${m.id}`);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ onNegativeListThisYear: true, evaluations: [expect.objectContaining({ year, grade: 'excellent' })] });
    // Another member's history is not within a member's reach: 404, like any foreign id.
    expect((await phones.get(members[2].id)!.get(`/api/v1/evaluations/history/${m.id}`)).status).toBe(404);
    const list = await secretary.get('/api/v1/evaluations/negative-list');
    expect(list.body).toEqual([expect.objectContaining({ memberName: m.name, reason: '受到团内警告处分' })]);

    expect((await secretary.post(`/api/v1/evaluations/negative-list/${added.body.id}/lift`, { reason: '' })).status).toBe(422);
    expect((await secretary.post(`/api/v1/evaluations/negative-list/${added.body.id}/lift`, { reason: '处分期满，表现良好' })).status).toBe(200);
    expect(await onNegativeList(t.ctx.db, m.id, year)).toBe(false);
    expect((await secretary.post(`/api/v1/evaluations/negative-list/${added.body.id}/lift`, { reason: '再次' })).body.code).toBe('NEGATIVE_ALREADY_LIFTED');
    const audits = await t.ctx.db.selectFrom('audit_log').select('action').where('action', 'like', 'evaluation.%').execute();
    expect(new Set(audits.map((a) => a.action))).toEqual(
      new Set([
        'evaluation.open',
        'evaluation.study',
        'evaluation.advance',
        'evaluation.self_assessment',
        'evaluation.comment',
        'evaluation.vote_paper',
        'evaluation.propose',
        'evaluation.submit',
        'evaluation.return',
        'evaluation.approve',
        'evaluation.reevaluate',
        'evaluation.negative_add',
        'evaluation.negative_lift',
      ]),
    );
  });
});

describe('settings', () => {
  it('are changed only at the top of the tree, validated, and copied into rounds opened later', async () => {
    const cur = (await secretary.get('/api/v1/evaluations/settings')).body;
    expect(cur).toMatchObject({ settings: { excellentCapPercent: 30, reevaluationMonths: 3 }, canEdit: false });
    const next = { ...cur.settings, excellentCapPercent: 20, reevaluationMonths: 6 };
    expect((await committee.put('/api/v1/evaluations/settings', next)).status).toBe(403);
    const bad = await city.put('/api/v1/evaluations/settings', { ...next, reevaluationMonths: 9 });
    expect(codes(bad.body)).toEqual(['reevaluationMonths:EVALUATION_REEVALUATION_OUT_OF_WINDOW']);
    expect((await city.put('/api/v1/evaluations/settings', next)).status).toBe(200);
    for (const name of ['甲', '乙', '丙', '丁', '戊']) await createMember(t.ctx, tree.bA1b, { name });
    const other = await t.loginAs('branch_secretary', tree.bA1b);
    const opened = await other.post('/api/v1/evaluations', { orgId: tree.bA1b.id, year });
    expect(opened.body).toMatchObject({ settings: { excellentCapPercent: 20 }, figures: { participants: 5, excellentCap: 1 } });
    expect((await secretary.get(`/api/v1/evaluations/${evaluationId}`)).body.settings.excellentCapPercent).toBe(30);
  });
});

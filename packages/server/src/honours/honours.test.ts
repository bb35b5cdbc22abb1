import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remindNoticeEnded } from './reminders.ts';
import { isoToday } from '@zx/domain';
import { createTestApp, type SignedInClient, type TestApp } from '../../test/setup.ts';
import { createMember, createTree, yearPhases, type Tree } from '../../test/factories.ts';
import { eligibleMember, eligibleUnit } from '../../test/honour-fixtures.ts';

let t: TestApp;
let tree: Tree;
let city: SignedInClient;
let district: SignedInClient; // org admin at 红星区团委: runs the round
let committee: SignedInClient; // org admin at 红星中学团委: recommends
let secretary: SignedInClient; // branch secretary at 高一(1)班团支部
let memberAccount: SignedInClient; // member-role account of a member at 高一(1)班团支部
let otherDistrict: SignedInClient;
let campaignId: number;
let good: number; // eligible member at bA1a
let good2: number; // eligible member at bA1b
let noHours: number; // at bA1a, no volunteer hours
let cadre: number; // eligible cadre at bA1a
let roundId: number;

const today = isoToday();
const y = Number(today.slice(0, 4));

async function counts() {
  const n = async (table: 'honour_round' | 'honour_candidate' | 'honour_objection' | 'honour_award' | 'volunteer_hours' | 'dues_record' | 'audit_log') =>
    Number(
      (
        await t.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    rounds: await n('honour_round'),
    candidates: await n('honour_candidate'),
    objections: await n('honour_objection'),
    awards: await n('honour_award'),
    hours: await n('volunteer_hours'),
    dues: await n('dues_record'),
    audit: await n('audit_log'),
  };
}

const roundBody = (extra: Record<string, unknown> = {}) => ({
  name: `${y}年度两红两优评选`,
  year: y,
  referenceDate: `${y}-12-31`,
  kinds: ['excellent_member', 'red_flag_branch', 'excellent_cadre'],
  ...extra,
});

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  city = await t.loginAs('org_admin', tree.city);
  district = await t.loginAs('org_admin', tree.dA);
  committee = await t.loginAs('org_admin', tree.cA1);
  secretary = await t.loginAs('branch_secretary', tree.bA1a);
  otherDistrict = await t.loginAs('org_admin', tree.dB);
  const templateId = (await city.get('/api/v1/templates')).body[0].id;
  const res = await city.post('/api/v1/campaigns', { templateId, orgId: tree.city.id, name: '“双争先”主题实践活动', phases: yearPhases(y) });
  expect(res.status).toBe(201);
  campaignId = res.body.id;
  good = await eligibleMember(t.ctx, tree.bA1a, y, { name: '王青' });
  good2 = await eligibleMember(t.ctx, tree.bA1b, y, { name: '赵敏' });
  cadre = await eligibleMember(t.ctx, tree.bA1a, y, { name: '孙书记', position: 'secretary' });
  noHours = (await createMember(t.ctx, tree.bA1a, { name: '钱多' })).id;
  for (const o of [tree.bA1b, tree.gA1x, tree.bA2a, tree.cA1]) await createMember(t.ctx, o);
  await eligibleUnit(t.ctx, { ...tree.bA1a, typeCode: 'branch' }, y, campaignId);
  memberAccount = await t.loginAs('member', tree.bA1a, { memberId: noHours });
});
afterAll(() => t?.close());

describe('volunteer hours (志愿服务时长)', () => {
  it('lets the branch secretary fill a year for the branch in one list, audited', async () => {
    const before = await counts();
    const res = await secretary.put('/api/v1/honours/volunteer-hours', { orgId: tree.bA1a.id, year: y, entries: [{ memberId: noHours, hours: 12.5 }] });
    expect(res.status).toBe(200);
    const list = await secretary.get(`/api/v1/honours/volunteer-hours?orgId=${tree.bA1a.id}&year=${y}`);
    expect(list.body.items.find((i: { memberId: number }) => i.memberId === noHours).hours).toBe(12.5);
    expect(list.body.items.find((i: { memberId: number }) => i.memberId === good).hours).toBe(30);
    expect((await counts()).audit).toBe(before.audit + 1);
  });
  it('refuses bad hours field by field and writes nothing', async () => {
    const before = await counts();
    const res = await secretary.put('/api/v1/honours/volunteer-hours', {
      orgId: tree.bA1a.id,
      year: y,
      entries: [
        { memberId: good, hours: 40 },
        { memberId: noHours, hours: 3.3 },
      ],
    });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        field: 'entries.1.hours',
        code: 'VOLUNTEER_HOURS_STEP',
        messages: expect.objectContaining({ zh: expect.any(String), en: expect.any(String) }),
      }),
    ]);
    expect(await counts()).toEqual(before);
    const hours = await t.ctx.db
      .selectFrom('volunteer_hours')
      .select('hours_tenths')
      .where('member_id', '=', good)
      .where('year', '=', y)
      .executeTakeFirstOrThrow();
    expect(hours.hours_tenths).toBe(300);
  });
  it('answers 404 for a member of another branch, naming the entry, and changes nothing', async () => {
    const before = await counts();
    const res = await secretary.put('/api/v1/honours/volunteer-hours', {
      orgId: tree.bA1a.id,
      year: y,
      entries: [
        { memberId: good, hours: 50 },
        { memberId: good2, hours: 50 },
      ],
    });
    expect(res.status).toBe(404);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'entries.1.memberId', code: 'NOT_FOUND' })]);
    // In the committee's scope, but not a member of the branch it names: not found as well.
    const outside = await committee.put('/api/v1/honours/volunteer-hours', { orgId: tree.bA1a.id, year: y, entries: [{ memberId: good2, hours: 50 }] });
    expect(outside.status).toBe(404);
    expect(outside.body.errors).toEqual([expect.objectContaining({ field: 'entries.0.memberId', code: 'NOT_FOUND' })]);
    expect(await counts()).toEqual(before);
  });
});

describe('dues (团费收缴)', () => {
  it('lets the branch secretary record their branch, and refuses arrears above the members due', async () => {
    const ok = await secretary.put('/api/v1/honours/dues', { orgId: tree.bA1a.id, year: y, membersDue: 20, membersInArrears: 1 });
    expect(ok.status).toBe(200);
    const before = await counts();
    const bad = await secretary.put('/api/v1/honours/dues', { orgId: tree.bA1a.id, year: y, membersDue: 5, membersInArrears: 6 });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['membersInArrears']);
    expect(await counts()).toEqual(before);
    const list = await committee.get(`/api/v1/honours/dues?orgId=${tree.cA1.id}&year=${y}`);
    expect(list.body.items.find((i: { orgId: number }) => i.orgId === tree.bA1a.id)).toMatchObject({ membersDue: 20, membersInArrears: 1 });
  });
  it('refuses a sibling branch (404)', async () => {
    expect((await secretary.put('/api/v1/honours/dues', { orgId: tree.bA1b.id, year: y, membersDue: 5, membersInArrears: 0 })).status).toBe(404);
  });
  it('keeps the dues and hours pages from the security and audit admins (三员分立: org.read is not business data) and from plain members', async () => {
    for (const role of ['security_admin', 'audit_admin'] as const) {
      const admin = await t.loginAs(role, tree.city);
      expect((await admin.get(`/api/v1/honours/dues?orgId=${tree.cA1.id}&year=${y}`)).status, role).toBe(403);
      expect((await admin.get(`/api/v1/honours/volunteer-hours?orgId=${tree.bA1a.id}&year=${y}`)).status, role).toBe(403);
    }
    expect((await memberAccount.get(`/api/v1/honours/dues?orgId=${tree.bA1a.id}&year=${y}`)).status).toBe(403);
    expect((await memberAccount.get(`/api/v1/honours/volunteer-hours?orgId=${tree.bA1a.id}&year=${y}`)).status).toBe(403);
  });
});

describe('rounds', () => {
  it('needs honour.manage and valid fields', async () => {
    expect((await secretary.post('/api/v1/honours/rounds', roundBody())).status).toBe(403);
    const before = await counts();
    const bad = await district.post(
      '/api/v1/honours/rounds',
      roundBody({ name: ' ', referenceDate: '2026-02-30', kinds: [], quotaPercent: { excellent_member: 150 }, noticeDays: 0 }),
    );
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['name', 'referenceDate', 'kinds', 'quotaPercent.excellent_member', 'noticeDays']);
    expect(await counts()).toEqual(before);
  });

  it('creates a round with the default quotas and finds the campaign of the year', async () => {
    const res = await district.post('/api/v1/honours/rounds', roundBody());
    expect(res.status).toBe(201);
    roundId = res.body.id;
    expect(res.body).toMatchObject({ status: 'draft', campaignId, settings: { noticeDays: 7 }, can: { manage: true, publish: true } });
    const member = res.body.quotas.find((q: { kind: string }) => q.kind === 'excellent_member');
    expect(member).toMatchObject({ percent: 3, quota: 1, used: 0 });
    // A draft is not visible below the round's organization, nor to another district.
    expect((await committee.get(`/api/v1/honours/rounds/${roundId}`)).status).toBe(404);
    expect((await otherDistrict.get(`/api/v1/honours/rounds/${roundId}`)).status).toBe(404);
    expect((await city.get(`/api/v1/honours/rounds/${roundId}`)).status).toBe(200);
  });

  it('lists the eligible members with every rule, and the ineligible ones on request', async () => {
    const eligible = await district.get(`/api/v1/honours/rounds/${roundId}/eligible?kind=excellent_member`);
    expect(eligible.status).toBe(200);
    const names = eligible.body.items.map((i: { name: string }) => i.name);
    expect(names).toEqual(expect.arrayContaining(['王青', '赵敏', '孙书记']));
    expect(names).not.toContain('钱多');
    const all = await district.get(`/api/v1/honours/rounds/${roundId}/eligible?kind=excellent_member&all=1&q=钱`);
    const qian = all.body.items[0];
    expect(qian.eligible).toBe(false);
    expect(qian.checks.filter((c: { passed: boolean }) => !c.passed).map((c: { rule: string; value: unknown }) => [c.rule, c.value])).toEqual([
      ['excellent_count', 0],
      ['volunteer_hours', 12.5],
    ]);
    const cadres = await district.get(`/api/v1/honours/rounds/${roundId}/eligible?kind=excellent_cadre`);
    expect(cadres.body.items.map((i: { name: string }) => i.name)).toEqual(['孙书记']);
    const units = await district.get(`/api/v1/honours/rounds/${roundId}/eligible?kind=red_flag_branch&all=1`);
    const a = units.body.items.find((i: { orgId: number }) => i.orgId === tree.bA1a.id);
    const b = units.body.items.find((i: { orgId: number }) => i.orgId === tree.bA1b.id);
    expect(a.eligible).toBe(true);
    expect(a.checks.find((c: { rule: string }) => c.rule === 'dues')).toMatchObject({ passed: true, value: 5 });
    expect(b.checks.filter((c: { passed: boolean }) => !c.passed).map((c: { rule: string }) => c.rule)).toEqual(['star_tier', 'task_completion', 'dues']);
  });

  it('refuses an ineligible candidate with the failed rules, and a candidate over the quota', async () => {
    const before = await counts();
    const bad = await district.post(`/api/v1/honours/rounds/${roundId}/candidates`, { kind: 'excellent_member', memberId: noHours });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0]).toMatchObject({ field: 'memberId', code: 'HONOUR_NOT_ELIGIBLE' });
    expect(bad.body.errors[0].messages.zh).toContain('志愿服务时长：12.5');
    expect(bad.body.errors[0].messages.en).toContain('Volunteer hours: 12.5');
    expect(await counts()).toEqual(before);
    const ok = await district.post(`/api/v1/honours/rounds/${roundId}/candidates`, { kind: 'excellent_member', memberId: good, note: '志愿服务突出' });
    expect(ok.status).toBe(201);
    expect(ok.body.round.quotas.find((q: { kind: string }) => q.kind === 'excellent_member')).toMatchObject({ quota: 1, used: 1 });
    const mid = await counts();
    const over = await district.post(`/api/v1/honours/rounds/${roundId}/candidates`, { kind: 'excellent_member', memberId: good2 });
    expect(over.status).toBe(409);
    expect(over.body.code).toBe('HONOUR_QUOTA_FULL');
    expect(over.body.messages.zh).toBe('优秀团员名额已满（已用 1 / 名额 1）');
    expect(await counts()).toEqual(mid);
    // Someone outside the round's subtree is not found.
    expect(
      (await city.post(`/api/v1/honours/rounds/${roundId}/candidates`, { kind: 'excellent_member', memberId: (await createMember(t.ctx, tree.bB1a)).id }))
        .status,
    ).toBe(404);
  });

  it('takes recommendations from below once opened, decided by the round organization', async () => {
    expect((await committee.post(`/api/v1/honours/rounds/${roundId}/candidates`, { kind: 'red_flag_branch', orgId: tree.bA1a.id })).status).toBe(404);
    expect((await district.post(`/api/v1/honours/rounds/${roundId}/open-recommendations`)).body.status).toBe('recommending');
    const seen = await committee.get(`/api/v1/honours/rounds/${roundId}`);
    expect(seen.status).toBe(200);
    expect(seen.body.can).toMatchObject({ manage: false, recommend: true });
    // The committee sees only its own subtree's candidates (not the member added by the district? she is in its subtree).
    expect(seen.body.candidates.every((c: { orgId: number }) => [tree.bA1a.id, tree.bA1b.id, tree.gA1.id, tree.gA1x.id, tree.cA1.id].includes(c.orgId))).toBe(
      true,
    );
    const rec = await committee.post(`/api/v1/honours/rounds/${roundId}/candidates`, { kind: 'red_flag_branch', orgId: tree.bA1a.id, note: '四星级团支部' });
    expect(rec.status).toBe(201);
    const c = rec.body.round.candidates.find((x: { id: number }) => x.id === rec.body.id);
    expect(c).toMatchObject({ status: 'recommended', recommenderOrgName: '红星中学团委' });
    expect((await committee.post(`/api/v1/honours/candidates/${rec.body.id}/decide`, { decision: 'accept' })).status).toBe(403);
    expect((await district.post(`/api/v1/honours/candidates/${rec.body.id}/decide`, { decision: 'accept' })).status).toBe(200);
    const round = (await district.get(`/api/v1/honours/rounds/${roundId}`)).body;
    expect(round.candidates.find((x: { id: number }) => x.id === rec.body.id).status).toBe('candidate');
    expect(round.quotas.find((q: { kind: string }) => q.kind === 'red_flag_branch')).toMatchObject({ used: 1 });
    const cadreAdd = await district.post(`/api/v1/honours/rounds/${roundId}/candidates`, { kind: 'excellent_cadre', memberId: cadre });
    expect(cadreAdd.status).toBe(201);
  });
});

describe('withdrawing a recommendation', () => {
  it('lets the recommending organization take back its own recommendation before the notice', async () => {
    const rec = await committee.post(`/api/v1/honours/rounds/${roundId}/candidates`, { kind: 'excellent_member', memberId: good2 });
    expect(rec.status).toBe(201);
    expect((await secretary.post(`/api/v1/honours/candidates/${rec.body.id}/remove`)).status).toBe(403);
    expect((await committee.post(`/api/v1/honours/candidates/${rec.body.id}/remove`)).status).toBe(200);
    const row = await t.ctx.db.selectFrom('honour_candidate').select('status').where('id', '=', rec.body.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('withdrawn');
  });
});

describe('notice, objections and the final list', () => {
  let objectionId: number;
  let branchCandidate: number;
  let memberCandidate: number;

  it('publishes the notice to the whole subtree; a member raises an objection with a reason of 10 characters or more', async () => {
    const pub = await district.post(`/api/v1/honours/rounds/${roundId}/publish`, {});
    expect(pub.status).toBe(200);
    expect(pub.body).toMatchObject({ status: 'notice', noticeStartsOn: today, noticeOpen: true });
    const notices = await t.ctx.db.selectFrom('notification').select(['kind', 'audience', 'org_id']).where('kind', 'like', 'honour_%').execute();
    expect(notices).toEqual([{ kind: 'honour_notice_published', audience: 'subtree', org_id: tree.dA.id }]);
    // The member reads the notice through honour.notice: it holds neither campaign.read nor honour.read.
    const me = (await memberAccount.get('/api/v1/auth/me')).body.permissions as string[];
    expect(me).toContain('honour.notice');
    expect(me).not.toContain('campaign.read');
    expect(me).not.toContain('honour.read');
    const seen = await memberAccount.get(`/api/v1/honours/rounds/${roundId}`);
    expect(seen.status).toBe(200);
    expect(seen.body.can).toMatchObject({ object: true, manage: false, recommend: false, publish: false });
    expect((await memberAccount.get('/api/v1/honours/settings')).body.canEdit).toBe(false);
    expect(seen.body.objections).toEqual([]);
    // The public reads names, not the rule values or the recommendation notes.
    expect(seen.body.candidates.every((c: { checks: unknown[]; note: unknown }) => c.checks.length === 0 && c.note === null)).toBe(true);
    expect((await district.get(`/api/v1/honours/rounds/${roundId}`)).body.candidates.every((c: { checks: unknown[] }) => c.checks.length > 0)).toBe(true);
    memberCandidate = seen.body.candidates.find((c: { kind: string }) => c.kind === 'excellent_member').id;
    branchCandidate = seen.body.candidates.find((c: { kind: string }) => c.kind === 'red_flag_branch').id;
    const list = await memberAccount.get('/api/v1/honours/rounds');
    expect(list.body).toMatchObject({ canCreate: false });
    expect(list.body.items.map((r: { id: number }) => r.id)).toEqual([roundId]);
    // A member has no subtree: no organization filter, no rule values, nothing to run.
    expect((await memberAccount.get(`/api/v1/honours/rounds?orgId=${tree.bA1a.id}`)).status).toBe(404);
    expect((await memberAccount.get(`/api/v1/honours/rounds/${roundId}/eligible?kind=excellent_member`)).status).toBe(403);
    expect((await memberAccount.post(`/api/v1/honours/rounds/${roundId}/finalize`)).status).toBe(403);
    // Another district's plain member does not read this notice, nor object to it.
    const outsider = await t.loginAs('member', tree.bB1a, { memberId: (await createMember(t.ctx, tree.bB1a)).id });
    expect((await outsider.get(`/api/v1/honours/rounds/${roundId}`)).status).toBe(404);
    expect((await outsider.get('/api/v1/honours/rounds')).body.items).toEqual([]);
    expect((await outsider.post(`/api/v1/honours/candidates/${memberCandidate}/objections`, { reason: '外区团员越权提出的异议，理由足够长。' })).status).toBe(
      404,
    );

    const before = await counts();
    const short = await memberAccount.post(`/api/v1/honours/candidates/${memberCandidate}/objections`, { reason: '有问题' });
    expect(short.status).toBe(422);
    expect(short.body.errors[0]).toMatchObject({ field: 'reason', code: 'OBJECTION_REASON_TOO_SHORT' });
    expect(await counts()).toEqual(before);
    const ok = await memberAccount.post(`/api/v1/honours/candidates/${memberCandidate}/objections`, {
      reason: '该同学本年度志愿服务时长登记与实际不符，请核实。',
      contact: '13900001111',
    });
    expect(ok.status).toBe(201);
    objectionId = ok.body.id;
    const again = await memberAccount.post(`/api/v1/honours/candidates/${memberCandidate}/objections`, {
      reason: '该同学本年度志愿服务时长登记与实际不符，请核实。',
    });
    expect(again.status).toBe(409);
    const received = await t.ctx.db.selectFrom('notification').select(['org_id', 'title_zh']).where('kind', '=', 'honour_objection_received').execute();
    expect(received).toHaveLength(1);
    expect(received[0].org_id).toBe(tree.dA.id);
    expect(received[0].title_zh).not.toContain(memberAccount.user.username);
  });

  it('shows the objector only to honour.manage in scope', async () => {
    const manager = (await district.get(`/api/v1/honours/rounds/${roundId}`)).body;
    expect(manager.objections).toEqual([
      expect.objectContaining({ id: objectionId, objectorName: expect.any(String), contact: '13900001111', status: 'pending' }),
    ]);
    expect(manager.pendingObjections).toBe(1);
    const branch = (await secretary.get(`/api/v1/honours/rounds/${roundId}`)).body;
    expect(branch.objections).toEqual([]);
    expect(branch.candidates.every((c: { objectionCount: unknown }) => c.objectionCount === null)).toBe(true);
    const committeeView = (await committee.get(`/api/v1/honours/rounds/${roundId}`)).body;
    expect(committeeView.objections).toEqual([]);
    expect((await committee.post(`/api/v1/honours/objections/${objectionId}/handle`, { decision: 'dismissed', reply: '经核实无误' })).status).toBe(404);
  });

  it('refuses to finalize while the notice is open, then while an objection is pending', async () => {
    const open = await district.post(`/api/v1/honours/rounds/${roundId}/finalize`);
    expect(open.status).toBe(409);
    expect(open.body.code).toBe('HONOUR_NOTICE_OPEN');
    // The notice period passes: the dates are moved back (the service reads today's date).
    await t.ctx.db.updateTable('honour_round').set({ notice_starts_on: '2000-01-01', notice_ends_on: '2000-01-07' }).where('id', '=', roundId).execute();
    const pending = await district.post(`/api/v1/honours/rounds/${roundId}/finalize`);
    expect(pending.status).toBe(409);
    expect(pending.body.code).toBe('HONOUR_OBJECTIONS_PENDING');
    expect(await t.ctx.db.selectFrom('honour_award').selectAll().execute()).toEqual([]);
    // The hourly reminder pass tells the district, once, that the notice is over with an objection pending.
    expect(await t.ctx.db.transaction().execute((trx) => remindNoticeEnded(trx, today))).toBe(1);
    expect(await t.ctx.db.transaction().execute((trx) => remindNoticeEnded(trx, today))).toBe(0);
    const ended = await t.ctx.db.selectFrom('notification').select(['org_id', 'title_zh']).where('kind', '=', 'honour_notice_ended').execute();
    expect(ended).toEqual([{ org_id: tree.dA.id, title_zh: expect.stringContaining('尚有 1 条异议待处理') }]);
    // Once the notice is over, no new objection.
    expect(
      (await memberAccount.post(`/api/v1/honours/candidates/${branchCandidate}/objections`, { reason: '该团支部团费收缴情况与上报不符，请核实。' })).status,
    ).toBe(409);
  });

  it('records how each objection was handled: upheld withdraws the candidate, dismissed keeps them; the objector reads the reply', async () => {
    await t.ctx.db.updateTable('honour_round').set({ notice_starts_on: today, notice_ends_on: today }).where('id', '=', roundId).execute();
    const second = await memberAccount.post(`/api/v1/honours/candidates/${branchCandidate}/objections`, { reason: '该团支部团费收缴情况与上报不符，请核实。' });
    expect(second.status).toBe(201);
    const noReply = await district.post(`/api/v1/honours/objections/${objectionId}/handle`, { decision: 'dismissed', reply: ' ' });
    expect(noReply.status).toBe(422);
    expect(noReply.body.errors[0].field).toBe('reply');
    expect(
      (
        await district.post(`/api/v1/honours/objections/${objectionId}/handle`, {
          decision: 'dismissed',
          reply: '经核实，志愿服务时长有活动记录为证，异议不成立。',
        })
      ).status,
    ).toBe(200);
    expect(
      (await district.post(`/api/v1/honours/objections/${second.body.id}/handle`, { decision: 'upheld', reply: '经核实，该支部存在欠缴，撤销候选资格。' }))
        .status,
    ).toBe(200);
    expect((await district.post(`/api/v1/honours/objections/${objectionId}/handle`, { decision: 'upheld', reply: '再次处理' })).status).toBe(409);
    const mine = (await memberAccount.get(`/api/v1/honours/rounds/${roundId}`)).body;
    expect(mine.myObjections.map((o: { status: string; reply: string }) => [o.status, o.reply])).toEqual([
      ['dismissed', '经核实，志愿服务时长有活动记录为证，异议不成立。'],
      ['upheld', '经核实，该支部存在欠缴，撤销候选资格。'],
    ]);
    expect(mine.candidates.map((c: { id: number }) => c.id)).not.toContain(branchCandidate);
    // The reply goes to the account that objected (a 'user' notice), not to its branch.
    const handled = await t.ctx.db
      .selectFrom('notification')
      .select(['org_id', 'audience', 'user_id'])
      .where('kind', '=', 'honour_objection_handled')
      .execute();
    expect(handled).toEqual([1, 2].map(() => ({ org_id: tree.bA1a.id, audience: 'user', user_id: memberAccount.user.id })));
    const inbox = async (c: SignedInClient) =>
      (await c.get('/api/v1/inbox?pageSize=100')).body.items.filter((i: { kind: string }) => i.kind === 'honour_objection_handled').length;
    expect(await inbox(memberAccount)).toBe(2);
    expect(await inbox(secretary)).toBe(0);
  });

  it('finalizes after the notice: award records, numbered certificates, the final-list notice', async () => {
    await t.ctx.db.updateTable('honour_round').set({ notice_starts_on: '2000-01-01', notice_ends_on: '2000-01-07' }).where('id', '=', roundId).execute();
    const before = await counts();
    const res = await district.post(`/api/v1/honours/rounds/${roundId}/finalize`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('final');
    expect(res.body.awards.map((a: { kind: string; name: string; certificateNo: string }) => [a.kind, a.name, a.certificateNo])).toEqual([
      ['excellent_cadre', '孙书记', `ZX-${y}-YXGB-${roundId}-0001`],
      ['excellent_member', '王青', `ZX-${y}-YXTY-${roundId}-0001`],
    ]);
    expect((await counts()).awards).toBe(before.awards + 2);
    expect(await t.ctx.db.selectFrom('notification').select('kind').where('kind', '=', 'honour_final_published').execute()).toHaveLength(1);
    expect((await district.post(`/api/v1/honours/rounds/${roundId}/finalize`)).status).toBe(409);
    // The member's history shows the honour.
    const history = await secretary.get(`/api/v1/honours/awards?memberId=${good}`);
    expect(history.body).toEqual([expect.objectContaining({ kind: 'excellent_member', year: y, issuerOrgName: '红星区团委' })]);
    expect((await otherDistrict.get(`/api/v1/honours/awards?memberId=${good}`)).status).toBe(404);
  });

  it('prints a certificate per award and one PDF for the round, with an embedded CJK font', async () => {
    const round = (await district.get(`/api/v1/honours/rounds/${roundId}`)).body;
    const award = round.awards.find((a: { kind: string }) => a.kind === 'excellent_member');
    // The final list is public, the certificate is for the honoured member and the organizations above them.
    const publicView = (await memberAccount.get(`/api/v1/honours/rounds/${roundId}`)).body;
    expect(publicView.awards.find((a: { id: number }) => a.id === award.id).certificateUrl).toBeNull();
    expect((await memberAccount.get(award.certificateUrl)).status).toBe(404);
    const one = await secretary.get(award.certificateUrl);
    expect(one.status).toBe(200);
    expect(one.headers['content-type']).toBe('application/pdf');
    const pdf = one.raw.toString('latin1');
    expect(pdf.startsWith('%PDF')).toBe(true);
    expect(pdf).toMatch(/\/FontFile[23]/);
    const all = await district.get(`/api/v1/honours/rounds/${roundId}/certificates.pdf`);
    expect(all.status).toBe(200);
    expect(all.raw.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(2);
    expect((await secretary.get(`/api/v1/honours/rounds/${roundId}/certificates.pdf`)).status).toBe(403);
    expect((await otherDistrict.get(award.certificateUrl)).status).toBe(404);
  }, 90_000);

  it("gives a plain member their own award and certificate, and nobody else's", async () => {
    const winner = await t.loginAs('member', tree.bA1a, { memberId: good });
    const round = (await winner.get(`/api/v1/honours/rounds/${roundId}`)).body;
    const own = round.awards.find((a: { kind: string }) => a.kind === 'excellent_member');
    const other = round.awards.find((a: { kind: string }) => a.kind === 'excellent_cadre');
    expect(own.certificateUrl).toBe(`/api/v1/honours/awards/${own.id}/certificate.pdf`);
    expect(other.certificateUrl).toBeNull();
    const pdf = await winner.get(own.certificateUrl);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((await winner.get(`/api/v1/honours/awards/${other.id}/certificate.pdf`)).status).toBe(404);
    const history = await winner.get(`/api/v1/honours/awards?memberId=${good}`);
    expect(history.status).toBe(200);
    expect(history.body).toEqual([expect.objectContaining({ id: own.id, kind: 'excellent_member' })]);
    // Another member's honours and a unit's are not a plain member's to read.
    expect((await winner.get(`/api/v1/honours/awards?memberId=${cadre}`)).status).toBe(404);
    expect((await winner.get(`/api/v1/honours/awards?orgId=${tree.bA1a.id}`)).status).toBe(404);
  }, 90_000);

  it('checks a lower-level title first in a city round of the next year', async () => {
    const res = await city.post(
      '/api/v1/honours/rounds',
      roundBody({ year: y + 1, referenceDate: `${y + 1}-12-31`, kinds: ['excellent_member'], requireLowerTitle: true, name: '下一年度评选' }),
    );
    expect(res.status).toBe(201);
    const all = await city.get(`/api/v1/honours/rounds/${res.body.id}/eligible?kind=excellent_member&all=1&orgId=${tree.cA1.id}`);
    const lower = (id: number) =>
      all.body.items.find((i: { memberId: number }) => i.memberId === id).checks.find((c: { rule: string }) => c.rule === 'lower_title');
    expect(lower(good)).toMatchObject({ passed: true });
    expect(lower(good2)).toMatchObject({ passed: false });
  });
});

describe('settings', () => {
  it('are read by everyone and changed only at the top with valid numbers, audited', async () => {
    expect((await district.get('/api/v1/honours/settings')).body).toMatchObject({ canEdit: false, settings: { maxAge: 28, minVolunteerHours: 20 } });
    const s = (await city.get('/api/v1/honours/settings')).body.settings;
    expect((await district.put('/api/v1/honours/settings', { ...s, minVolunteerHours: 10 })).status).toBe(403);
    const bad = await city.put('/api/v1/honours/settings', { ...s, maxArrearsPercent: 150 });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].field).toBe('maxArrearsPercent');
    const ok = await city.put('/api/v1/honours/settings', { ...s, minVolunteerHours: 16 });
    expect(ok.status).toBe(200);
    expect(ok.body.settings.minVolunteerHours).toBe(16);
    // A new round freezes the new number; the old one keeps its own.
    expect((await district.get(`/api/v1/honours/rounds/${roundId}`)).body.settings.minVolunteerHours).toBe(20);
  });
});

describe('changing a round and refusals before the notice', () => {
  let id: number;
  it('edits the round until the notice, and refuses a notice with no candidates or an ineligible one', async () => {
    const created = await committee.post('/api/v1/honours/rounds', roundBody({ kinds: ['excellent_member'], name: '红星中学评选' }));
    expect(created.status).toBe(201);
    id = created.body.id;
    const empty = await committee.post(`/api/v1/honours/rounds/${id}/publish`, {});
    expect(empty.status).toBe(409);
    expect(empty.body.code).toBe('HONOUR_NO_CANDIDATES');
    const patched = await committee.patch(`/api/v1/honours/rounds/${id}`, { quotaPercent: { excellent_member: 50 }, noticeDays: 5 });
    expect(patched.status).toBe(200);
    expect(patched.body.quotas[0]).toMatchObject({ percent: 50, quota: Math.floor(patched.body.quotas[0].base / 2) });
    expect(patched.body.settings.noticeDays).toBe(5);
    const noKinds = await committee.patch(`/api/v1/honours/rounds/${id}`, { kinds: [] });
    expect(noKinds.status).toBe(422);
    expect(noKinds.body.errors[0]).toMatchObject({ field: 'kinds', code: 'HONOUR_KINDS_REQUIRED' });

    const added = await committee.post(`/api/v1/honours/rounds/${id}/candidates`, { kind: 'excellent_member', memberId: good2 });
    expect(added.status).toBe(201);
    const inUse = await committee.patch(`/api/v1/honours/rounds/${id}`, { kinds: ['excellent_cadre'] });
    expect(inUse.status).toBe(422);
    expect(inUse.body.errors[0].code).toBe('HONOUR_KIND_IN_USE');
    expect((await committee.post(`/api/v1/honours/candidates/${added.body.id}/remove`)).status).toBe(200);
    const again = await committee.post(`/api/v1/honours/rounds/${id}/candidates`, { kind: 'excellent_member', memberId: good2 });
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(added.body.id);

    // The data changed after listing: she went on the negative list.
    const at = new Date().toISOString();
    await t.ctx.db
      .insertInto('member_negative_entry')
      .values({
        member_id: good2,
        org_id: tree.bA1b.id,
        reason: '团内警告',
        starts_on: `${y}-03-01`,
        ends_on: null,
        created_at: at,
        created_by: null,
        lifted_at: null,
        lifted_by: null,
        lift_reason: null,
      })
      .execute();
    const stale = await committee.post(`/api/v1/honours/rounds/${id}/publish`, {});
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('HONOUR_CANDIDATE_NO_LONGER_ELIGIBLE');
    expect(stale.body.errors[0].field).toBe(`candidates.${added.body.id}`);
    expect(stale.body.errors[0].messages.zh).toContain('负面清单');
    expect((await committee.get(`/api/v1/honours/rounds/${id}`)).body.status).toBe('draft');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoToday } from '@zx/domain';
import { createTestApp, type SignedInClient, type TestApp } from '../../test/setup.ts';
import { createMember, createTree, yearPhases, type Tree } from '../../test/factories.ts';
import { eligibleMember } from '../../test/honour-fixtures.ts';
import { remindNoticeEnded } from './reminders.ts';
import { kindsOf } from '../../test/notice-probe.ts';

/**
 * Who hears of what in an honour round (inbox/audiences.ts): the public notice and the final list
 * go to everyone of the round's subtree who may read a notice (plain members included), the
 * objection to the round's managers only, the reply to the account that objected only.
 */
let t: TestApp;
let tree: Tree;
let district: SignedInClient; // org admin at 红星区团委: runs the round
let committee: SignedInClient; // org admin at 红星中学团委
let secretary: SignedInClient; // branch secretary at 高一(1)班团支部
let objector: SignedInClient; // plain member at 高一(1)班团支部
let classmate: SignedInClient; // another plain member at 高一(1)班团支部
let memberAtDistrict: SignedInClient; // plain member at 红星区团委 (the round's own organization)
let elsewhere: SignedInClient; // plain member at 临江医院护理团支部 (another district)
let cityAdmin: SignedInClient; // org admin at the city, above the round
let security: SignedInClient; // security admin at the city
let roundId: number;
let candidateId: number;

const today = isoToday();
const y = Number(today.slice(0, 4));
const kinds = kindsOf;
const has = (list: string[], kind: string) => list.filter((k) => k === kind).length;

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  cityAdmin = await t.loginAs('org_admin', tree.city);
  district = await t.loginAs('org_admin', tree.dA);
  committee = await t.loginAs('org_admin', tree.cA1);
  secretary = await t.loginAs('branch_secretary', tree.bA1a);
  security = await t.loginAs('security_admin', tree.city);
  objector = await t.loginAs('member', tree.bA1a, { memberId: (await createMember(t.ctx, tree.bA1a, { name: '异议人' })).id });
  classmate = await t.loginAs('member', tree.bA1a, { memberId: (await createMember(t.ctx, tree.bA1a, { name: '同学' })).id });
  memberAtDistrict = await t.loginAs('member', tree.dA, { memberId: (await createMember(t.ctx, tree.dA, { name: '机关团员' })).id });
  elsewhere = await t.loginAs('member', tree.bB1a, { memberId: (await createMember(t.ctx, tree.bB1a, { name: '外区团员' })).id });
  const templateId = (await cityAdmin.get('/api/v1/templates')).body[0].id;
  expect((await cityAdmin.post('/api/v1/campaigns', { templateId, orgId: tree.city.id, name: '“双争先”主题实践活动', phases: yearPhases(y) })).status).toBe(
    201,
  );
  const good = await eligibleMember(t.ctx, tree.bA1a, y, { name: '王青' });
  for (let i = 0; i < 40; i++) await createMember(t.ctx, tree.bA1b);
  const round = await district.post('/api/v1/honours/rounds', {
    name: `${y}年度两红两优评选`,
    year: y,
    referenceDate: `${y}-12-31`,
    kinds: ['excellent_member'],
  });
  expect(round.status).toBe(201);
  roundId = round.body.id;
  const added = await district.post(`/api/v1/honours/rounds/${roundId}/candidates`, { kind: 'excellent_member', memberId: good });
  expect(added.status, JSON.stringify(added.body)).toBe(201);
  candidateId = added.body.id;
});
afterAll(() => t?.close());

describe('honour notices by audience', () => {
  it('honour_notice_published: the whole subtree of the round, plain members included; not another district, not above, not the security admin', async () => {
    expect((await district.post(`/api/v1/honours/rounds/${roundId}/publish`, {})).status).toBe(200);
    for (const c of [objector, classmate, secretary, committee, district, memberAtDistrict]) expect(has(await kinds(c), 'honour_notice_published')).toBe(1);
    for (const c of [elsewhere, cityAdmin, security]) expect(await kinds(c)).not.toContain('honour_notice_published');
  });

  it("honour_objection_received: the round organization's managers only — not its plain members, not the objector, not the levels between", async () => {
    const res = await objector.post(`/api/v1/honours/candidates/${candidateId}/objections`, { reason: '该同学本年度志愿服务时长登记与实际不符，请核实。' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(has(await kinds(district), 'honour_objection_received')).toBe(1);
    for (const c of [memberAtDistrict, objector, classmate, secretary, committee, cityAdmin]) expect(await kinds(c)).not.toContain('honour_objection_received');
    const handle = await district.post(`/api/v1/honours/objections/${res.body.id}/handle`, {
      decision: 'dismissed',
      reply: '经核实，志愿服务时长有活动记录为证，异议不成立。',
    });
    expect(handle.status).toBe(200);
  });

  it('honour_objection_handled: the account that objected, and nobody else of its branch', async () => {
    const row = await t.ctx.db
      .selectFrom('notification')
      .select(['audience', 'user_id', 'member_id', 'org_id', 'action'])
      .where('kind', '=', 'honour_objection_handled')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ audience: 'user', user_id: objector.user.id, member_id: null, org_id: tree.bA1a.id, action: null });
    expect(has(await kinds(objector), 'honour_objection_handled')).toBe(1);
    for (const c of [classmate, secretary, committee, district, memberAtDistrict]) expect(await kinds(c)).not.toContain('honour_objection_handled');
  });

  it("honour_notice_ended: the round organization's managers only", async () => {
    await t.ctx.db.updateTable('honour_round').set({ notice_starts_on: '2000-01-01', notice_ends_on: '2000-01-07' }).where('id', '=', roundId).execute();
    expect(await t.ctx.db.transaction().execute((trx) => remindNoticeEnded(trx, today))).toBe(1);
    expect(has(await kinds(district), 'honour_notice_ended')).toBe(1);
    for (const c of [memberAtDistrict, objector, secretary, committee, cityAdmin]) expect(await kinds(c)).not.toContain('honour_notice_ended');
  });

  it('honour_final_published: the whole subtree of the round again, plain members included', async () => {
    expect((await district.post(`/api/v1/honours/rounds/${roundId}/finalize`)).status).toBe(200);
    for (const c of [objector, classmate, secretary, committee, district, memberAtDistrict]) expect(has(await kinds(c), 'honour_final_published')).toBe(1);
    for (const c of [elsewhere, cityAdmin, security]) expect(await kinds(c)).not.toContain('honour_final_published');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remindNoticeEnded } from './reminders.ts';
import type { SignedInClient, TestApp } from '../../test/setup.ts';
import { createMember, type Tree } from '../../test/factories.ts';
import { honourCounts, recordsFilled, roundBody, roundWithCandidates, setUpHonourWorld, today, y } from '../../test/honour-world.ts';

/**
 * An honour round from its public notice to the final list — objections and their handling, the
 * awards, the certificates — then the settings and the changes and refusals before a notice. The
 * round starts as honours-records.test.ts and honours-rounds.test.ts leave it.
 */
let t: TestApp;
let tree: Tree;
let city: SignedInClient;
let district: SignedInClient; // org admin at 红星区团委: runs the round
let committee: SignedInClient; // org admin at 红星中学团委: recommends
let secretary: SignedInClient; // branch secretary at 高一(1)班团支部
let memberAccount: SignedInClient; // member-role account of a member at 高一(1)班团支部
let otherDistrict: SignedInClient;
let good: number; // eligible member at bA1a
let good2: number; // eligible member at bA1b
let cadre: number; // eligible cadre at bA1a
let roundId: number;
const counts = () => honourCounts(t);

beforeAll(async () => {
  const w = await setUpHonourWorld();
  ({ t, tree, city, district, committee, secretary, memberAccount, otherDistrict, good, good2, cadre } = w);
  await recordsFilled(w);
  roundId = await roundWithCandidates(w);
});
afterAll(() => t?.close());

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

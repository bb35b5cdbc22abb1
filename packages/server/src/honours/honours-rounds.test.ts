import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedInClient, TestApp } from '../../test/setup.ts';
import { createMember, type Tree } from '../../test/factories.ts';
import { honourCounts, recordsFilled, roundBody, setUpHonourWorld } from '../../test/honour-world.ts';

/**
 * An honour round up to its notice: creation with the default quotas, the eligible lists with every
 * rule, candidates within the quota, recommendations from below decided by the round organization,
 * a recommendation withdrawn. The records it reads are filled first, as honours-records.test.ts
 * fills them; the notice and the final list are in honours-notice.test.ts.
 */
let t: TestApp;
let tree: Tree;
let city: SignedInClient;
let district: SignedInClient; // org admin at 红星区团委: runs the round
let committee: SignedInClient; // org admin at 红星中学团委: recommends
let secretary: SignedInClient; // branch secretary at 高一(1)班团支部
let otherDistrict: SignedInClient;
let campaignId: number;
let good: number; // eligible member at bA1a
let good2: number; // eligible member at bA1b
let noHours: number; // at bA1a, no volunteer hours
let cadre: number; // eligible cadre at bA1a
let roundId: number;
const counts = () => honourCounts(t);

beforeAll(async () => {
  const w = await setUpHonourWorld();
  ({ t, tree, city, district, committee, secretary, otherDistrict, campaignId, good, good2, noHours, cadre } = w);
  await recordsFilled(w);
});
afterAll(() => t?.close());

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

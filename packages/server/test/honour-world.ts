import { expect } from 'vitest';
import { isoToday } from '@zx/domain';
import { createTestApp, type SignedInClient, type TestApp } from './setup.ts';
import { createMember, createTree, yearPhases, type Tree } from './factories.ts';
import { eligibleMember, eligibleUnit } from './honour-fixtures.ts';

/**
 * The world of the honours API tests (src/honours/honours-*.test.ts), set up once per test file:
 * the test tree with the city's campaign of this year, the accounts that run, recommend and read a
 * round, three eligible members and one without volunteer hours at 高一(1)班团支部 (bA1a), and bA1a
 * an eligible red-flag branch. The honours tests run one story (records → round → notice → final
 * list); a file that starts later replays, with the same calls, what the earlier ones leave.
 */
export const today = isoToday();
export const y = Number(today.slice(0, 4));

export interface HonourWorld {
  t: TestApp;
  tree: Tree;
  city: SignedInClient;
  /** Org admin at 红星区团委: runs the round. */
  district: SignedInClient;
  /** Org admin at 红星中学团委: recommends. */
  committee: SignedInClient;
  /** Branch secretary at 高一(1)班团支部. */
  secretary: SignedInClient;
  /** Member-role account of a member at 高一(1)班团支部 (`noHours`). */
  memberAccount: SignedInClient;
  otherDistrict: SignedInClient;
  campaignId: number;
  /** Eligible member at bA1a. */
  good: number;
  /** Eligible member at bA1b. */
  good2: number;
  /** At bA1a, no volunteer hours. */
  noHours: number;
  /** Eligible cadre at bA1a. */
  cadre: number;
}

export async function setUpHonourWorld(): Promise<HonourWorld> {
  const t = await createTestApp();
  const tree = await createTree(t.ctx);
  const city = await t.loginAs('org_admin', tree.city);
  const district = await t.loginAs('org_admin', tree.dA);
  const committee = await t.loginAs('org_admin', tree.cA1);
  const secretary = await t.loginAs('branch_secretary', tree.bA1a);
  const otherDistrict = await t.loginAs('org_admin', tree.dB);
  const templateId = (await city.get('/api/v1/templates')).body[0].id;
  const res = await city.post('/api/v1/campaigns', { templateId, orgId: tree.city.id, name: '“双争先”主题实践活动', phases: yearPhases(y) });
  expect(res.status).toBe(201);
  const campaignId = res.body.id;
  const good = await eligibleMember(t.ctx, tree.bA1a, y, { name: '王青' });
  const good2 = await eligibleMember(t.ctx, tree.bA1b, y, { name: '赵敏' });
  const cadre = await eligibleMember(t.ctx, tree.bA1a, y, { name: '孙书记', position: 'secretary' });
  const noHours = (await createMember(t.ctx, tree.bA1a, { name: '钱多' })).id;
  for (const o of [tree.bA1b, tree.gA1x, tree.bA2a, tree.cA1]) await createMember(t.ctx, o);
  await eligibleUnit(t.ctx, { ...tree.bA1a, typeCode: 'branch' }, y, campaignId);
  const memberAccount = await t.loginAs('member', tree.bA1a, { memberId: noHours });
  return { t, tree, city, district, committee, secretary, memberAccount, otherDistrict, campaignId, good, good2, noHours, cadre };
}

export async function honourCounts(t: TestApp) {
  const n = async (table: 'honour_round' | 'honour_candidate' | 'honour_objection' | 'honour_award' | 'volunteer_service' | 'dues_record' | 'audit_log') =>
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
    hours: await n('volunteer_service'),
    dues: await n('dues_record'),
    audit: await n('audit_log'),
  };
}

export const roundBody = (extra: Record<string, unknown> = {}) => ({
  name: `${y}年度两红两优评选`,
  year: y,
  referenceDate: `${y}-12-31`,
  kinds: ['excellent_member', 'red_flag_branch', 'excellent_cadre'],
  ...extra,
});

/**
 * What the volunteer-hours and dues tests (honours-records.test.ts) write: 12.5 hours for `noHours`,
 * and bA1a's dues at 1 in arrears of 20.
 */
export async function recordsFilled({ tree, secretary, noHours }: HonourWorld) {
  expect((await secretary.put('/api/v1/honours/volunteer-hours', { orgId: tree.bA1a.id, year: y, entries: [{ memberId: noHours, hours: 12.5 }] })).status).toBe(
    200,
  );
  expect((await secretary.put('/api/v1/honours/dues', { orgId: tree.bA1a.id, year: y, membersDue: 20, membersInArrears: 1 })).status).toBe(200);
}

/**
 * What the round tests (honours-rounds.test.ts) leave, on top of `recordsFilled`: the district's
 * round of this year, open for recommendations, with `good` (excellent member), bA1a (red-flag
 * branch, recommended by the committee and accepted) and `cadre` (excellent cadre) as candidates,
 * and `good2` recommended by the committee and withdrawn. Answers the round's id.
 */
export async function roundWithCandidates({ t, tree, district, committee, good, good2, cadre }: HonourWorld): Promise<number> {
  const created = await district.post('/api/v1/honours/rounds', roundBody());
  expect(created.status).toBe(201);
  const roundId: number = created.body.id;
  const candidates = `/api/v1/honours/rounds/${roundId}/candidates`;
  expect((await district.post(candidates, { kind: 'excellent_member', memberId: good, note: '志愿服务突出' })).status).toBe(201);
  // The member of another district the round tests offer as a candidate (refused, but on the roster).
  await createMember(t.ctx, tree.bB1a);
  expect((await district.post(`/api/v1/honours/rounds/${roundId}/open-recommendations`)).status).toBe(200);
  const rec = await committee.post(candidates, { kind: 'red_flag_branch', orgId: tree.bA1a.id, note: '四星级团支部' });
  expect(rec.status).toBe(201);
  expect((await district.post(`/api/v1/honours/candidates/${rec.body.id}/decide`, { decision: 'accept' })).status).toBe(200);
  expect((await district.post(candidates, { kind: 'excellent_cadre', memberId: cadre })).status).toBe(201);
  const withdrawn = await committee.post(candidates, { kind: 'excellent_member', memberId: good2 });
  expect(withdrawn.status).toBe(201);
  expect((await committee.post(`/api/v1/honours/candidates/${withdrawn.body.id}/remove`)).status).toBe(200);
  return roundId;
}

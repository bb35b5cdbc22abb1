import { expect } from 'vitest';
import { BUILTIN_RUBRIC, rubricItems } from '@zx/domain';
import { createTestApp, type SignedInClient, type TestApp } from './setup.ts';
import { createMember, createTree, yearPhases, type OrgRef, type Tree } from './factories.ts';

/**
 * The world of the assessment API tests (src/assessment/assessment-*.test.ts), set up once per test
 * file: the test tree, the city, district, committee and branch secretary signed in, a representative
 * of 高一(1)班团支部 (bA1a), and a campaign of this year launched at the city.
 */
export const y = new Date().getUTCFullYear();
const ITEMS = rubricItems(BUILTIN_RUBRIC);

/** Item scores adding up to `total` (full marks 5 each, lowered from the last item in half points). */
export function sheet(total: number, vetoFailed: string[] = []) {
  let missing = 100 - total;
  const items = ITEMS.map((i) => ({
    key: i.key,
    score: i.points,
    note: null as string | null,
    activityIds: [] as number[],
    attachmentIds: [] as number[],
  })).reverse();
  for (const it of items) {
    const cut = Math.min(it.score, missing);
    it.score -= cut;
    missing -= cut;
  }
  return {
    summary: '对照标准逐项自评',
    items: items.reverse(),
    vetoes: BUILTIN_RUBRIC.vetoes.map((v) => ({ key: v.key, failed: vetoFailed.includes(v.key) })),
  };
}

async function addRepresentativeAt(t: TestApp, org: OrgRef) {
  const m = await createMember(t.ctx, org, { name: '王代表' });
  await t.ctx.db.insertInto('org_representative').values({ org_id: org.id, member_id: m.id, added_at: new Date().toISOString(), added_by: null }).execute();
  return t.loginAs('member', org, { memberId: m.id });
}

export interface AssessmentWorld {
  t: TestApp;
  tree: Tree;
  city: SignedInClient;
  district: SignedInClient;
  committee: SignedInClient;
  secretary: SignedInClient;
  representative: SignedInClient;
  campaignId: number;
}

export async function setUpAssessmentWorld(): Promise<AssessmentWorld> {
  const t = await createTestApp();
  const tree = await createTree(t.ctx);
  const city = await t.loginAs('org_admin', tree.city);
  const district = await t.loginAs('org_admin', tree.dA);
  const committee = await t.loginAs('org_admin', tree.cA1);
  const secretary = await t.loginAs('branch_secretary', tree.bA1a);
  const representative = await addRepresentativeAt(t, tree.bA1a);
  const templateId = (await city.get('/api/v1/templates')).body[0].id;
  const campaignId = (await city.post('/api/v1/campaigns', { templateId, orgId: tree.city.id, name: `${y}年“双争先”`, phases: yearPhases(y) })).body.id;
  return { t, tree, city, district, committee, secretary, representative, campaignId };
}

/** The steps on what `current()` answers when called: a test may switch the campaign for a while. */
export function assessmentSteps(current: () => { t: TestApp; committee: SignedInClient; campaignId: number }) {
  const url = (org: OrgRef, suffix = '') => `/api/v1/campaigns/${current().campaignId}/assessments/${org.id}${suffix}`;

  const addRepresentative = (org: OrgRef) => addRepresentativeAt(current().t, org);

  /** A unit self-assesses at `total`, its secretary signs and a representative confirms. */
  async function submitted(org: OrgRef, total: number, opts: { vetoFailed?: string[]; writer?: SignedInClient } = {}) {
    const writer = opts.writer ?? current().committee;
    expect((await writer.put(url(org), sheet(total, opts.vetoFailed))).status).toBe(200);
    expect((await writer.post(url(org, '/sign'))).status).toBe(200);
    const rep = await addRepresentative(org);
    const res = await rep.post(url(org, '/confirm'));
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('submitted');
  }

  return { url, addRepresentative, submitted };
}

/**
 * What the 团总支 rule test (assessment-rules.test.ts) leaves in 红星中学团委's subtree, for the tier
 * history: 教工团总支 (gA1) self-assessed at 96 and verified by the district, awarded the Red Flag title
 * by its committee on last year's 特色 title, its sub-branch (gA1x, 65) then verified lagging by the
 * committee — so gA1 is 4 stars — and the title withdrawn. The same calls, in the same order.
 */
/** Last year's 特色 title for the general branch gA1, awarded by its committee (so this year's Red Flag climbs the ladder). */
export async function lastYearDistinctive(t: TestApp, tree: Tree) {
  await t.ctx.db
    .insertInto('unit_title')
    .values({
      org_id: tree.gA1.id,
      year: y - 1,
      title: 'distinctive',
      campaign_id: null,
      note: null,
      awarded_by: null,
      awarded_by_name: null,
      awarder_org_id: tree.cA1.id,
      awarded_at: new Date().toISOString(),
    })
    .execute();
}

export async function generalBranchRuled(
  { t, tree, district, committee }: Pick<AssessmentWorld, 't' | 'tree' | 'district' | 'committee'>,
  { url, submitted }: ReturnType<typeof assessmentSteps>,
) {
  await submitted(tree.gA1, 96);
  await submitted(tree.gA1x, 65, { writer: district });
  expect((await district.post(url(tree.gA1, '/verify'), { items: [] })).status).toBe(200);
  await lastYearDistinctive(t, tree);
  expect((await committee.post('/api/v1/assessment/titles', { orgId: tree.gA1.id, year: y, title: 'red_flag' })).status).toBe(201);
  expect((await committee.post(url(tree.gA1x, '/verify'), { items: [] })).status).toBe(200);
  const held = (await committee.get(`/api/v1/assessment/orgs/${tree.gA1.id}/history?year=${y}`)).body.titles.find((r: { year: number }) => r.year === y);
  expect((await committee.delete(`/api/v1/assessment/titles/${held.id}`)).status).toBe(204);
}

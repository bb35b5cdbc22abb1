import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_RUBRIC, rubricItems } from '@zx/domain';
import { createTestApp, type TestApp } from '../../test/setup.ts';
import { createTree, yearPhases, type Tree } from '../../test/factories.ts';
import type { TestClient } from '../../test/client.ts';
import { kindsOf, person } from '../../test/notice-probe.ts';

/**
 * Every notice of the assessment area reaches exactly its audience (issue 11): the "please
 * confirm" ask only the unit's member representatives, the verification queue only the level
 * above, the outcome the unit's writers, a title the unit's readers — never a plain member.
 */
let t: TestApp;
let tree: Tree;
const y = new Date().getUTCFullYear();
let campaignId = 0;
let secretary: TestClient;
let committee: TestClient;
let rep: TestClient;
let plain: TestClient;
let committeeMember: TestClient;
let siblingRep: TestClient;

const url = (suffix = '') => `/api/v1/campaigns/${campaignId}/assessments/${tree.bA1a.id}${suffix}`;
const fullSheet = () => ({
  summary: '对照标准逐项自评',
  items: rubricItems(BUILTIN_RUBRIC).map((i) => ({ key: i.key, score: i.points })),
  vetoes: BUILTIN_RUBRIC.vetoes.map((v) => ({ key: v.key, failed: false })),
});
const count = async (c: TestClient, kind: string) => (await kindsOf(c)).filter((k) => k === kind).length;

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  const city = await person(t, 'org_admin', tree.city);
  campaignId = (await city.client.post('/api/v1/campaigns', { templateId: 1, orgId: tree.city.id, name: '全市活动', phases: yearPhases(y) })).body.id;
  secretary = (await person(t, 'branch_secretary', tree.bA1a)).client;
  committee = (await person(t, 'org_admin', tree.cA1)).client;
  const r = await person(t, 'member', tree.bA1a, { name: '王代表' });
  rep = r.client;
  plain = (await person(t, 'member', tree.bA1a, { name: '团员甲' })).client;
  committeeMember = (await person(t, 'member', tree.cA1, { name: '团委团员' })).client;
  const s = await person(t, 'member', tree.bA1b, { name: '隔壁代表' });
  siblingRep = s.client;
  const at = new Date().toISOString();
  await t.ctx.db
    .insertInto('org_representative')
    .values([
      { org_id: tree.bA1a.id, member_id: r.memberId!, added_at: at, added_by: null },
      { org_id: tree.bA1b.id, member_id: s.memberId!, added_at: at, added_by: null },
    ])
    .execute();
});
afterAll(() => t?.close());

describe('assessment notices (issue 11)', () => {
  it("assessment_to_confirm: each active representative of the unit — not a plain member, not the secretary, not another unit's representative", async () => {
    expect((await secretary.put(url(), fullSheet())).status).toBe(200);
    expect((await secretary.post(url('/sign'))).status).toBe(200);
    expect(await count(rep, 'assessment_to_confirm')).toBe(1);
    for (const c of [plain, secretary, committee, siblingRep]) expect(await kindsOf(c)).not.toContain('assessment_to_confirm');
  });

  it("answers the representative's pages, and nobody else's sheet to a plain member", async () => {
    expect((await rep.get('/api/v1/assessment/to-confirm')).body.items).toEqual([expect.objectContaining({ orgId: tree.bA1a.id })]);
    expect((await rep.get(url())).body).toMatchObject({ canConfirm: true, canEdit: false });
    expect((await plain.get('/api/v1/assessment/to-confirm')).body.items).toEqual([]);
    expect((await plain.get(url())).status).toBe(404);
    expect((await siblingRep.get(url())).status).toBe(404);
  });

  it('assessment_submitted: the level above that verifies — not its plain members, not the unit', async () => {
    expect((await rep.post(url('/confirm'))).status).toBe(200);
    expect(await kindsOf(committee)).toContain('assessment_submitted');
    for (const c of [committeeMember, secretary, plain, rep]) expect(await kindsOf(c)).not.toContain('assessment_submitted');
  });

  it("assessment_returned and assessment_verified: the unit's writers — not its plain members or representatives", async () => {
    expect((await committee.post(url('/return'), { comment: '请补充佐证材料' })).status).toBe(200);
    expect(await kindsOf(secretary)).toContain('assessment_returned');
    for (const c of [plain, rep, committeeMember]) expect(await kindsOf(c)).not.toContain('assessment_returned');
    expect((await secretary.post(url('/sign'))).status).toBe(200);
    expect(await count(rep, 'assessment_to_confirm')).toBe(2);
    expect((await rep.post(url('/confirm'))).status).toBe(200);
    const verified = await committee.post(url('/verify'), { items: [] });
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    expect(await kindsOf(secretary)).toContain('assessment_verified');
    for (const c of [plain, rep, committeeMember]) expect(await kindsOf(c)).not.toContain('assessment_verified');
  });

  it("title_awarded: the unit's readers — not its plain members", async () => {
    const res = await committee.post('/api/v1/assessment/titles', { orgId: tree.bA1a.id, year: y, title: 'standard' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(await kindsOf(secretary)).toContain('title_awarded');
    for (const c of [plain, rep]) expect(await kindsOf(c)).not.toContain('title_awarded');
  });
});

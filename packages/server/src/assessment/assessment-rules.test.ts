import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedInClient, TestApp } from '../../test/setup.ts';
import { createMember, createOrg, yearPhases, type Tree } from '../../test/factories.ts';
import { assessmentSteps, lastYearDistinctive, setUpAssessmentWorld, sheet, y } from '../../test/assessment-world.ts';

/**
 * The rubrics (the built-in five-aspect standard, its edits and copies) and the rules that turn a
 * verified score into a tier: vetoes, the same-person and self-verification refusals, young units,
 * the 团总支 rule, caps on 5 stars. One unit's assessment from start to tier is in
 * assessment-flow.test.ts.
 */
let t: TestApp;
let tree: Tree;
let city: SignedInClient;
let district: SignedInClient;
let committee: SignedInClient;
let secretary: SignedInClient;
let campaignId: number;
const { url, submitted } = assessmentSteps(() => ({ t, committee, campaignId }));

beforeAll(async () => {
  ({ t, tree, city, district, committee, secretary, campaignId } = await setUpAssessmentWorld());
});
afterAll(() => t?.close());

describe('rubrics', () => {
  it('installs the built-in five-aspect rubric the template refers to', async () => {
    const list = (await secretary.get('/api/v1/rubrics')).body;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ key: 'five-aspects', builtin: true, maxPoints: 100 });
    expect((await city.get('/api/v1/templates')).body[0].definition.rubricKey).toBe('five-aspects');
  });

  it('refuses a rubric whose points do not add up or whose bands overlap, field by field, writing nothing', async () => {
    const r = (await city.get('/api/v1/rubrics')).body[0];
    const def = structuredClone(r.definition);
    def.dimensions[0].items[0].points = 7;
    def.settings.bands.star4 = 95;
    const res = await city.put(`/api/v1/rubrics/${r.id}`, def);
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`)).toEqual([
      'settings.totalPoints:RUBRIC_POINTS_SUM',
      'settings.bands.star4:RUBRIC_BANDS_ORDER',
    ]);
    expect(res.body.errors[0].messages.zh).toContain('应等于满分');
    expect((await city.get(`/api/v1/rubrics/${r.id}`)).body.updatedAt).toBe(r.updatedAt);
  });

  it('is edited only by rubric.write at the top of the tree', async () => {
    const r = (await city.get('/api/v1/rubrics')).body[0];
    expect((await district.put(`/api/v1/rubrics/${r.id}`, r.definition)).status).toBe(403);
    expect((await secretary.put(`/api/v1/rubrics/${r.id}`, r.definition)).status).toBe(403);
    const def = structuredClone(r.definition);
    def.dimensions[0].items[0].evidenceHintZh = '换届选举会议记录、选举结果批复';
    const res = await city.put(`/api/v1/rubrics/${r.id}`, def);
    expect(res.status).toBe(200);
    expect(res.body.definition.dimensions[0].items[0].evidenceHintZh).toBe('换届选举会议记录、选举结果批复');
    const log = await t.ctx.db.selectFrom('audit_log').select('action').where('action', '=', 'rubric.update').execute();
    expect(log).toHaveLength(1);
  });

  it('creates a copy under a new key, refusing a taken key', async () => {
    const r = (await city.get('/api/v1/rubrics')).body[0];
    expect((await city.post('/api/v1/rubrics', { ...r.definition, key: 'five-aspects' })).status).toBe(409);
    const res = await city.post('/api/v1/rubrics', { ...r.definition, key: 'five-aspects-school', nameZh: '学校团支部考评标准' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ key: 'five-aspects-school', builtin: false });
  });
});

describe('the rules through the API', () => {
  it('a failed veto item makes a unit weak and lax whatever its score', async () => {
    const org = await createOrg(t.ctx, tree.cA2, 'branch', '青山第二团支部');
    await submitted(org, 98, { writer: await t.loginAs('org_admin', tree.cA2), vetoFailed: ['veto_inactive'] });
    const res = await district.post(url(org, '/verify'), { items: [] });
    expect(res.body.verification).toMatchObject({ total: 98, tier: 'weak', tierByScore: 'star5' });
    expect(res.body.verification.reasons[0].code).toBe('VETO');
  });

  it('the verifier may fail a veto item, with a reason', async () => {
    const org = await createOrg(t.ctx, tree.cA2, 'branch', '青山第三团支部');
    await submitted(org, 95, { writer: await t.loginAs('org_admin', tree.cA2) });
    expect((await district.post(url(org, '/verify'), { vetoes: [{ key: 'veto_falsified', failed: true }] })).status).toBe(422);
    const res = await district.post(url(org, '/verify'), { vetoes: [{ key: 'veto_falsified', failed: true, reason: '活动照片与记录不符' }] });
    expect(res.body.verification.tier).toBe('weak');
  });

  it('the secretary who signed cannot also confirm as the representative', async () => {
    const org = await createOrg(t.ctx, tree.cA2, 'branch', '青山第四团支部');
    const m = await createMember(t.ctx, org, { name: '赵书记' });
    await t.ctx.db.insertInto('org_representative').values({ org_id: org.id, member_id: m.id, added_at: new Date().toISOString(), added_by: null }).execute();
    const both = await t.loginAs('branch_secretary', org, { memberId: m.id });
    expect((await both.put(url(org), sheet(90))).status).toBe(200);
    expect((await both.post(url(org, '/sign'))).status).toBe(200);
    expect((await both.get(url(org))).body.canConfirm).toBe(false);
    const res = await both.post(url(org, '/confirm'));
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('ASSESSMENT_SAME_PERSON');
  });

  it('answers simultaneous first saves with 200 or 409, never a server error, and keeps one sheet', async () => {
    const org = await createOrg(t.ctx, tree.cA2, 'branch', '青山第六团支部');
    const writer = await t.loginAs('org_admin', tree.cA2);
    const answers = await Promise.all(Array.from({ length: 6 }, () => writer.put(url(org), sheet(80))));
    expect(answers.map((r) => r.status).filter((s) => s !== 200 && s !== 409)).toEqual([]);
    expect(answers.filter((r) => r.status === 409).every((r) => r.body.code === 'CONCURRENT_CHANGE')).toBe(true);
    expect(await t.ctx.db.selectFrom('assessment').select('id').where('org_id', '=', org.id).execute()).toHaveLength(1);
  });

  it("whoever signed a unit's self-assessment as its secretary cannot verify it", async () => {
    const org = await createOrg(t.ctx, tree.cA2, 'branch', '青山第五团支部');
    await submitted(org, 88, { writer: district });
    const res = await district.post(url(org, '/verify'), { items: [] });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('ASSESSMENT_SELF_VERIFY');
    expect((await t.ctx.db.selectFrom('assessment').select('status').where('org_id', '=', org.id).executeTakeFirstOrThrow()).status).toBe('submitted');
    const city2 = await t.loginAs('org_admin', tree.city);
    expect((await city2.post(url(org, '/verify'), { items: [] })).body.verification.tier).toBe('star4');
  });

  it('a unit under 6 months old is not rated, and under a year it cannot reach 4 stars', async () => {
    const cA2 = await t.loginAs('org_admin', tree.cA2);
    const young = await createOrg(t.ctx, tree.cA2, 'branch', '新建团支部');
    const monthsAgo = (n: number) => {
      const d = new Date();
      d.setUTCMonth(d.getUTCMonth() - n);
      return d.toISOString().slice(0, 10);
    };
    await t.ctx.db
      .updateTable('organization')
      .set({ founded_on: monthsAgo(2) })
      .where('id', '=', young.id)
      .execute();
    await submitted(young, 95, { writer: cA2 });
    let res = await district.post(url(young, '/verify'), { items: [] });
    expect(res.body.verification.tier).toBeNull();
    expect(res.body.verification.reasons[0].code).toBe('TOO_YOUNG');

    const newish = await createOrg(t.ctx, tree.cA2, 'branch', '半年团支部');
    await t.ctx.db
      .updateTable('organization')
      .set({ founded_on: monthsAgo(8) })
      .where('id', '=', newish.id)
      .execute();
    await submitted(newish, 95, { writer: cA2 });
    res = await district.post(url(newish, '/verify'), { items: [] });
    expect(res.body.verification).toMatchObject({ tier: 'star3', tierByScore: 'star5' });
  });

  it('团总支 rule: a general branch with a lagging sub-branch cannot be 5 stars, whichever is verified first', async () => {
    await submitted(tree.gA1, 96);
    await submitted(tree.gA1x, 65, { writer: district });
    // The general branch first: 5 stars; its sub-branch verified lagging afterwards moves it to 4.
    expect((await district.post(url(tree.gA1, '/verify'), { items: [] })).body.verification.tier).toBe('star5');
    // On the 5 stars its committee awards the Red Flag title (last year's 特色 title climbs the ladder).
    await lastYearDistinctive(t, tree);
    expect((await committee.post('/api/v1/assessment/titles', { orgId: tree.gA1.id, year: y, title: 'red_flag' })).status).toBe(201);
    expect((await committee.post(url(tree.gA1x, '/verify'), { items: [] })).body.verification.tier).toBe('lagging');
    // The title stays (withdrawing is the committee's own decision) and the committee is told to review it.
    expect(
      (await t.ctx.db.selectFrom('unit_title').select('title').where('org_id', '=', tree.gA1.id).where('year', '=', y).execute()).map((r) => r.title),
    ).toEqual(['red_flag']);
    const review = await t.ctx.db
      .selectFrom('notification')
      .select(['title_zh', 'link'])
      .where('org_id', '=', tree.cA1.id)
      .where('kind', '=', 'title_awarded')
      .execute();
    expect(review).toEqual([{ title_zh: `教工团总支的档次已调整为四星，${y} 年度“五四红旗团组织”称号不再符合条件，请复核`, link: '/assessment?tab=titles' }]);
    const options = (await committee.get(`/api/v1/assessment/orgs/${tree.gA1.id}/history?year=${y}`)).body.titleOptions;
    expect(options.find((o: { title: string }) => o.title === 'red_flag')).toMatchObject({
      held: true,
      problems: [expect.objectContaining({ code: 'TITLE_TIER' })],
    });
    const held = (await committee.get(`/api/v1/assessment/orgs/${tree.gA1.id}/history?year=${y}`)).body.titles.find((r: { year: number }) => r.year === y);
    expect((await committee.delete(`/api/v1/assessment/titles/${held.id}`)).status).toBe(204);
    const after = (await committee.get(url(tree.gA1))).body.verification;
    expect(after.tier).toBe('star4');
    expect(after.reasons.map((r: { code: string }) => r.code)).toEqual(['GENERAL_BRANCH']);
    expect((await t.ctx.db.selectFrom('unit_tier').select('tier').where('org_id', '=', tree.gA1.id).executeTakeFirstOrThrow()).tier).toBe('star4');
  });

  it('a cap on 5 stars lowers the units verified after the quota is used', async () => {
    // A second campaign whose rubric caps 5 stars at 50 % of the verifier's pool.
    const r = (await city.get('/api/v1/rubrics')).body.find((x: { key: string }) => x.key === 'five-aspects-school');
    const def = structuredClone(r.definition);
    def.settings.caps = [{ tier: 'star5', maxPercent: 50 }];
    expect((await city.put(`/api/v1/rubrics/${r.id}`, def)).status).toBe(200);
    const tpl = (await city.get('/api/v1/templates')).body[0];
    await t.ctx.db
      .updateTable('campaign_template')
      .set({ definition: JSON.stringify({ ...tpl.definition, rubricKey: 'five-aspects-school' }) })
      .where('id', '=', tpl.id)
      .execute();
    const res = await city.post('/api/v1/campaigns', { templateId: tpl.id, orgId: tree.dB.id, name: '临江区考评', phases: yearPhases(y) });
    await t.ctx.db
      .updateTable('campaign_template')
      .set({ definition: JSON.stringify(tpl.definition) })
      .where('id', '=', tpl.id)
      .execute();
    const saved = campaignId;
    campaignId = res.body.id;
    try {
      const b2 = await createOrg(t.ctx, tree.cB1, 'branch', '临江医院药剂团支部');
      for (const org of [tree.bB1a, b2]) await submitted(org, 95, { writer: city });
      const dB = await t.loginAs('org_admin', tree.dB);
      expect((await dB.post(url(tree.bB1a, '/verify'), { items: [] })).body.verification.tier).toBe('star5');
      const second = (await dB.post(url(b2, '/verify'), { items: [] })).body.verification;
      expect(second.tier).toBe('star4');
      expect(second.reasons[0].code).toBe('CAP');
    } finally {
      campaignId = saved;
    }
  });
});

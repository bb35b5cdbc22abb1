import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_RUBRIC, rubricItems } from '@zx/domain';
import { createTestApp, type SignedInClient, type TestApp } from '../../test/setup.ts';
import { createMember, createOrg, createTree, yearPhases, type OrgRef, type Tree } from '../../test/factories.ts';
import { verifiedScores } from './scores.ts';

let t: TestApp;
let tree: Tree;
let city: SignedInClient;
let district: SignedInClient;
let committee: SignedInClient;
let secretary: SignedInClient;
let representative: SignedInClient;
let campaignId: number;
const y = new Date().getUTCFullYear();
const ITEMS = rubricItems(BUILTIN_RUBRIC);

/** Item scores adding up to `total` (full marks 5 each, lowered from the last item in half points). */
function sheet(total: number, vetoFailed: string[] = []) {
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

const url = (org: OrgRef, suffix = '') => `/api/v1/campaigns/${campaignId}/assessments/${org.id}${suffix}`;

async function addRepresentative(org: OrgRef) {
  const m = await createMember(t.ctx, org, { name: '王代表' });
  await t.ctx.db.insertInto('org_representative').values({ org_id: org.id, member_id: m.id, added_at: new Date().toISOString(), added_by: null }).execute();
  return t.loginAs('member', org, { memberId: m.id });
}

/** A unit self-assesses at `total`, its secretary signs and a representative confirms. */
async function submitted(org: OrgRef, total: number, opts: { vetoFailed?: string[]; writer?: SignedInClient } = {}) {
  const writer = opts.writer ?? committee;
  expect((await writer.put(url(org), sheet(total, opts.vetoFailed))).status).toBe(200);
  expect((await writer.post(url(org, '/sign'))).status).toBe(200);
  const rep = await addRepresentative(org);
  const res = await rep.post(url(org, '/confirm'));
  expect(res.status).toBe(200);
  expect(res.body.status).toBe('submitted');
}

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  city = await t.loginAs('org_admin', tree.city);
  district = await t.loginAs('org_admin', tree.dA);
  committee = await t.loginAs('org_admin', tree.cA1);
  secretary = await t.loginAs('branch_secretary', tree.bA1a);
  representative = await addRepresentative(tree.bA1a);
  const templateId = (await city.get('/api/v1/templates')).body[0].id;
  campaignId = (await city.post('/api/v1/campaigns', { templateId, orgId: tree.city.id, name: `${y}年“双争先”`, phases: yearPhases(y) })).body.id;
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

describe('self-assessment → verification → tier', () => {
  let activityId = 0;
  it('starts from a blank sheet on the campaign rubric', async () => {
    const res = await secretary.get(url(tree.bA1a));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'missing', required: true, canEdit: true, canSign: false, canVerify: false });
    expect(res.body.dimensions.map((d: { nameZh: string }) => d.nameZh)).toEqual(['班子建设', '阵地建设', '活动开展', '制度落实', '工作保障']);
  });

  it("saves item scores with activity evidence, refusing bad scores and other units' activities field by field", async () => {
    const a = await secretary.post('/api/v1/activities', {
      campaignId,
      orgId: tree.bA1a.id,
      type: 'party_education',
      form: 'oath_renewal',
      title: '重温入团誓词',
      heldOn: `${y}-03-10`,
      place: '团员活动室',
      summary: '全体团员参加',
      minutes: null,
      taskKeys: [],
      photoIds: [],
      attendeeIds: [],
    });
    expect(a.status).toBe(201);
    activityId = a.body.id;
    const other = await committee.post('/api/v1/activities', {
      campaignId,
      orgId: tree.bA1b.id,
      type: 'publicity',
      form: null,
      title: '宣传',
      heldOn: `${y}-03-10`,
      place: '礼堂',
      summary: '—',
      minutes: null,
      taskKeys: [],
      photoIds: [],
      attendeeIds: [],
    });

    const bad = sheet(92);
    bad.items[0].score = 7;
    bad.items[1].score = 2.3;
    let res = await secretary.put(url(tree.bA1a), bad);
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`)).toEqual([
      'items.0.score:ASSESSMENT_SCORE_RANGE',
      'items.1.score:ASSESSMENT_SCORE_STEP',
    ]);
    expect(await t.ctx.db.selectFrom('assessment').select('id').execute()).toHaveLength(0);
    // An activity of another branch is outside the secretary's scope: 404 on its position, like any foreign id.
    const wrongActivity = sheet(92);
    wrongActivity.items[2].activityIds = [other.body.id];
    res = await secretary.put(url(tree.bA1a), wrongActivity);
    expect(res.status).toBe(404);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'items.2.activityIds.0', code: 'NOT_FOUND' })]);
    // The committee reads it, but it is not this unit's evidence: the rule answers on its field.
    res = await committee.put(url(tree.bA1a), wrongActivity);
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({ field: 'items.2.activityIds', code: 'ASSESSMENT_ACTIVITY_NOT_USABLE' });
    const vetoTwice = sheet(92);
    vetoTwice.vetoes.push({ ...vetoTwice.vetoes[0] });
    res = await secretary.put(url(tree.bA1a), vetoTwice);
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({ field: `vetoes.${vetoTwice.vetoes.length - 1}.key`, code: 'ASSESSMENT_ITEM_TWICE' });
    expect(await t.ctx.db.selectFrom('assessment').select('id').execute()).toHaveLength(0);

    const good = sheet(92);
    good.items[8].activityIds = [activityId];
    res = await secretary.put(url(tree.bA1a), good);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'draft', selfTotal: 92, canSign: true });
    const item = res.body.dimensions[2].items[0];
    expect(item.activities).toEqual([{ id: activityId, title: '重温入团誓词', heldOn: `${y}-03-10`, type: 'party_education' }]);
  });

  it("needs the secretary before the representative, and refuses people who are not the unit's representatives", async () => {
    expect((await representative.post(url(tree.bA1a, '/confirm'))).status).toBe(409);
    expect((await secretary.post(url(tree.bA1a, '/sign'))).status).toBe(200);
    const stranger = await t.loginAs('member', tree.bA1a, { memberId: (await createMember(t.ctx, tree.bA1a)).id });
    expect((await stranger.post(url(tree.bA1a, '/confirm'))).status).toBe(404);
    expect((await stranger.get(url(tree.bA1a))).status).toBe(404);
    const repOfOther = await addRepresentative(tree.bA1b);
    expect((await repOfOther.post(url(tree.bA1a, '/confirm'))).status).toBe(404);
  });

  it('clears the signatures when the scores change after signing', async () => {
    const again = sheet(91);
    again.items[8].activityIds = [activityId];
    const res = await secretary.put(url(tree.bA1a), again);
    expect(res.body.secretary).toBeNull();
    expect((await secretary.post(url(tree.bA1a, '/sign'))).body.secretary.name).toMatch(/^测试用户\d+$/);
  });

  it('lets the representative read and confirm it from their own account; then it is locked', async () => {
    const queue = (await representative.get('/api/v1/assessment/to-confirm')).body.items;
    expect(queue).toEqual([expect.objectContaining({ campaignId, orgId: tree.bA1a.id, selfTotal: 91 })]);
    const view = await representative.get(url(tree.bA1a));
    expect(view.body).toMatchObject({ canConfirm: true, canEdit: false });
    const res = await representative.post(url(tree.bA1a, '/confirm'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'submitted', representative: { name: '王代表' } });
    expect((await secretary.put(url(tree.bA1a), sheet(100))).status).toBe(409);
    expect((await representative.get('/api/v1/assessment/to-confirm')).body.items).toEqual([]);
  });

  it('is verified only by the level above', async () => {
    expect((await secretary.post(url(tree.bA1a, '/verify'), { items: [] })).status).toBe(403);
    const own = await t.loginAs('org_admin', tree.bA1a);
    expect((await own.post(url(tree.bA1a, '/verify'), { items: [] })).status).toBe(403);
    expect((await committee.get(`/api/v1/campaigns/${campaignId}/assessments?status=submitted`)).body.items).toEqual([
      expect.objectContaining({ orgId: tree.bA1a.id, canVerify: true, selfTotal: 91 }),
    ]);
  });

  it('needs a reason for every changed item, writing nothing without one', async () => {
    const res = await district.post(url(tree.bA1a, '/verify'), { items: [{ key: 'team_complete', score: 3 }] });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'items.0.reason', code: 'ASSESSMENT_CHANGE_REASON_REQUIRED' })]);
    expect((await t.ctx.db.selectFrom('assessment').select('status').executeTakeFirstOrThrow()).status).toBe('submitted');
  });

  it('previews then verifies with one item changed: the changed score sits beside the self-score, the tier follows the bands', async () => {
    const change = { items: [{ key: 'team_complete', score: 3, reason: '委员缺一名，未按期补选' }] };
    const preview = await district.post(url(tree.bA1a, '/verify'), { ...change, dryRun: true });
    expect(preview.body.preview).toMatchObject({ total: 89, tier: 'star4', tierByScore: 'star4', reasons: [] });
    expect((await t.ctx.db.selectFrom('assessment').select('status').executeTakeFirstOrThrow()).status).toBe('submitted');

    const res = await district.post(url(tree.bA1a, '/verify'), change);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('verified');
    expect(res.body.verification).toMatchObject({ total: 89, tier: 'star4' });
    const item = res.body.dimensions[0].items[0];
    expect(item).toMatchObject({ selfScore: 5, verifiedScore: 3, reason: '委员缺一名，未按期补选' });
    const history = await t.ctx.db.selectFrom('unit_tier').selectAll().where('org_id', '=', tree.bA1a.id).execute();
    expect(history).toEqual([expect.objectContaining({ year: y, tier: 'star4', score: 89 })]);
  });

  it('feeds the roll-up rows: the self-assessment task is done and the dashboard counts the verified unit', async () => {
    const d = (await city.get(`/api/v1/campaigns/${campaignId}/dashboard`)).body;
    expect(d.assessment.unitsVerified).toBe(1);
    expect(d.tasks.find((x: { key: string }) => x.key === 'standards_self_assessment').done).toBe(1);
  });

  it('gives verified scores per dimension to other areas (benchmarking)', async () => {
    const scores = await verifiedScores(t.ctx.db, campaignId, [tree.bA1a.id, tree.bA1b.id]);
    expect([...scores.keys()]).toEqual([tree.bA1a.id]);
    const s = scores.get(tree.bA1a.id)!;
    expect(s).toMatchObject({ total: 89, max: 100, tier: 'star4' });
    expect(s.dimensions[0]).toEqual({ key: 'team', nameZh: '班子建设', nameEn: 'Leadership team', score: 18, max: 20 });
  });
});

describe('return', () => {
  it('needs a comment, sends the sheet back unsigned, and the unit signs again', async () => {
    await submitted(tree.bA1b, 85);
    const noComment = await committee.post(url(tree.bA1b, '/return'), { comment: '  ' });
    expect(noComment.status).toBe(422);
    expect(noComment.body.errors[0].field).toBe('comment');
    const res = await committee.post(url(tree.bA1b, '/return'), { comment: '阵地照片不清晰，请补充' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'returned', secretary: null, representative: null, returned: { comment: '阵地照片不清晰，请补充' } });
    const inbox = await t.ctx.db
      .selectFrom('notification')
      .select('kind')
      .where('org_id', '=', tree.bA1b.id)
      .where('kind', '=', 'assessment_returned')
      .execute();
    expect(inbox).toHaveLength(1);
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

describe('tier history, 晋档升级 and titles', () => {
  it('reports this year against last year for a subtree', async () => {
    const at = new Date().toISOString();
    await t.ctx.db
      .insertInto('unit_tier')
      .values([
        { org_id: tree.bA1a.id, year: y - 1, campaign_id: null, assessment_id: null, tier: 'star3', score: 75, decided_at: at },
        { org_id: tree.bA1b.id, year: y - 1, campaign_id: null, assessment_id: null, tier: 'star5', score: 93, decided_at: at },
      ])
      .execute();
    const res = await district.get(`/api/v1/assessment/upgrade-report?orgId=${tree.cA1.id}&year=${y}`);
    expect(res.status).toBe(200);
    // bA1a 3★ → 4★, gA1 and gA1x rated for the first time, bA1b (5★ last year) not verified yet this year.
    expect(res.body.counts).toEqual({ up: 1, down: 0, same: 0, new: 2, none: 1 });
    const bA1a = res.body.items.find((i: { orgId: number }) => i.orgId === tree.bA1a.id);
    expect(bA1a).toMatchObject({ last: 'star3', now: 'star4', change: 'up' });
    expect(res.body.items.find((i: { orgId: number }) => i.orgId === tree.bA1b.id)).toMatchObject({ last: 'star5', now: null, change: 'none' });
    const history = (await secretary.get(`/api/v1/assessment/orgs/${tree.bA1a.id}/history?year=${y}`)).body;
    expect(history.tiers.map((x: { year: number; tier: string; change: string }) => [x.year, x.tier, x.change])).toEqual([
      [y, 'star4', 'up'],
      [y - 1, 'star3', 'new'],
    ]);
  });

  it('awards titles by the ladder, only from the level above', async () => {
    // bA1a is 4★ this year with no title last year: 四好 needs 达标 the year before.
    let res = await district.post('/api/v1/assessment/titles', { orgId: tree.bA1a.id, year: y, title: 'four_good' });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { code: string }) => e.code)).toEqual(['TITLE_LADDER']);
    expect((await secretary.post('/api/v1/assessment/titles', { orgId: tree.bA1a.id, year: y, title: 'standard' })).status).toBe(403);
    expect((await committee.post('/api/v1/assessment/titles', { orgId: tree.cA1.id, year: y, title: 'standard' })).status).toBe(403);
    res = await committee.post('/api/v1/assessment/titles', { orgId: tree.bA1a.id, year: y, title: 'standard' });
    expect(res.status).toBe(201);
    expect((await committee.post('/api/v1/assessment/titles', { orgId: tree.bA1a.id, year: y, title: 'standard' })).status).toBe(409);
    res = await district.post('/api/v1/assessment/titles', { orgId: tree.bA1a.id, year: y, title: 'red_flag' });
    expect(res.body.errors.map((e: { code: string }) => e.code)).toEqual(['TITLE_TIER', 'TITLE_LADDER']);
  });

  it("a Red Flag title changes the city dashboard's Red Flag ratio; withdrawing it changes it back", async () => {
    const at = new Date().toISOString();
    // bA1b: 5★ this year, 特色 last year.
    await t.ctx.db
      .insertInto('unit_title')
      .values({
        org_id: tree.bA1b.id,
        year: y - 1,
        title: 'distinctive',
        campaign_id: null,
        note: null,
        awarded_by: null,
        awarded_by_name: null,
        awarder_org_id: tree.cA1.id,
        awarded_at: at,
      })
      .execute();
    await submitted(tree.bA1b, 96, { writer: district });
    expect((await committee.post(url(tree.bA1b, '/verify'), { items: [] })).body.verification.tier).toBe('star5');
    const before = (await city.get(`/api/v1/campaigns/${campaignId}/dashboard`)).body.assessment;
    expect(before.redFlagUnits).toBe(0);
    const options = (await committee.get(`/api/v1/assessment/orgs/${tree.bA1b.id}/history?year=${y}`)).body.titleOptions;
    expect(options.find((o: { title: string }) => o.title === 'red_flag')).toMatchObject({ canAward: true, problems: [] });
    const res = await committee.post('/api/v1/assessment/titles', { orgId: tree.bA1b.id, year: y, title: 'red_flag', note: '区级五四红旗团支部' });
    expect(res.status).toBe(201);
    const after = (await city.get(`/api/v1/campaigns/${campaignId}/dashboard`)).body.assessment;
    expect(after.redFlagUnits).toBe(1);
    expect(after.redFlagRatio).toBeGreaterThan(0);
    const list = (await district.get(`/api/v1/assessment/titles?year=${y}&title=red_flag`)).body;
    expect(list.items).toEqual([expect.objectContaining({ orgId: tree.bA1b.id, nameZh: '五四红旗团组织', canRevoke: true })]);
    expect((await secretary.delete(`/api/v1/assessment/titles/${res.body.id}`)).status).toBe(403);
    expect((await committee.delete(`/api/v1/assessment/titles/${res.body.id}`)).status).toBe(204);
    expect((await city.get(`/api/v1/campaigns/${campaignId}/dashboard`)).body.assessment.redFlagUnits).toBe(0);
  });
});

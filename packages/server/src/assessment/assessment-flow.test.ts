import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedInClient, TestApp } from '../../test/setup.ts';
import { createMember, type Tree } from '../../test/factories.ts';
import { assessmentSteps, generalBranchRuled, setUpAssessmentWorld, sheet, y } from '../../test/assessment-world.ts';
import { verifiedScores } from './scores.ts';

/**
 * A unit's assessment from the blank sheet to its tier — self-assessment with evidence, the
 * secretary's signature and the representative's confirmation, verification by the level above, the
 * return — then the tier history, 晋档升级 and titles. The rubrics and the tier rules are in
 * assessment-rules.test.ts.
 */
let t: TestApp;
let tree: Tree;
let city: SignedInClient;
let district: SignedInClient;
let committee: SignedInClient;
let secretary: SignedInClient;
let representative: SignedInClient;
let campaignId: number;
const { url, addRepresentative, submitted } = assessmentSteps(() => ({ t, committee, campaignId }));

beforeAll(async () => {
  ({ t, tree, city, district, committee, secretary, representative, campaignId } = await setUpAssessmentWorld());
});
afterAll(() => t?.close());

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

describe('tier history, 晋档升级 and titles', () => {
  // 教工团总支 and its sub-branch as the 团总支 rule test (assessment-rules.test.ts) leaves them.
  beforeAll(() => generalBranchRuled({ t, tree, district, committee }, { url, addRepresentative, submitted }));

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

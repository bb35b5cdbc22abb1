import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { isoToday } from '@zx/domain';
import { createTestApp, type TestApp } from '../../test/setup.ts';
import { createMember, createTree, yearPhases, type OrgRef, type Tree } from '../../test/factories.ts';
import { FormDataBody, type TestClient } from '../../test/client.ts';

let t: TestApp;
let tree: Tree;
let city: TestClient;
let district: TestClient; // org admin at 红星区团委
let committee: TestClient; // org admin at 红星中学团委
let secretary: TestClient; // branch secretary at 高一(1)班团支部
let sibling: TestClient; // branch secretary at 高一(2)班团支部
let otherDistrict: TestClient; // org admin at 临江区团委
let campaignId: number;
let memberA: number;

const today = isoToday();
const y = Number(today.slice(0, 4));

async function photoAt(c: TestClient, org: OrgRef) {
  const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 20, b: 30 } } })
    .jpeg()
    .toBuffer();
  const res = await c.request(
    'POST',
    '/api/v1/attachments',
    new FormDataBody({ name: '事迹照片.jpg', content: jpeg, type: 'image/jpeg' }, { orgId: String(org.id), kind: 'photo' }),
  );
  expect(res.status).toBe(201);
  return res.body.id as number;
}

async function rows() {
  const n = async (table: 'exemplar' | 'demo_site_visit' | 'audit_log' | 'notification') =>
    Number(
      (
        await t.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { exemplars: await n('exemplar'), visits: await n('demo_site_visit'), audit: await n('audit_log'), notices: await n('notification') };
}

const nomination = (extra: Record<string, unknown> = {}) => ({
  campaignId,
  kind: 'unit',
  nomineeOrgId: tree.bA1a.id,
  title: '青春建功示范团支部',
  materials: '该团支部坚持“三会两制一课”，组织志愿服务 1200 小时，带动全班团员争当先锋。',
  ...extra,
});

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  city = await t.loginAs('org_admin', tree.city);
  district = await t.loginAs('org_admin', tree.dA);
  committee = await t.loginAs('org_admin', tree.cA1);
  secretary = await t.loginAs('branch_secretary', tree.bA1a);
  sibling = await t.loginAs('branch_secretary', tree.bA1b);
  otherDistrict = await t.loginAs('org_admin', tree.dB);
  memberA = (await createMember(t.ctx, tree.bA1a, { name: '王青' })).id;
  const templateId = (await city.get('/api/v1/templates')).body[0].id;
  const res = await city.post('/api/v1/campaigns', { templateId, orgId: tree.city.id, name: '“双争先”主题实践活动', phases: yearPhases(y) });
  expect(res.status).toBe(201);
  campaignId = res.body.id;
});
afterAll(() => t?.close());

describe('nominating (推荐)', () => {
  let unitId: number;

  it('lets a committee nominate a branch of its subtree with materials and photos, and tells the level above', async () => {
    const photo = await photoAt(committee, tree.cA1);
    const res = await committee.post('/api/v1/exemplars', nomination({ photoIds: [photo] }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      kind: 'unit',
      status: 'nominated',
      nomineeOrgId: tree.bA1a.id,
      nomineeName: '高一(1)班团支部',
      nominatorOrgName: '红星中学团委',
      nominatedOn: today,
      level: null,
      canWithdraw: true,
      photoCount: 1,
    });
    expect(res.body.photos[0].url).toBe(`/api/v1/exemplars/${res.body.id}/photos/${photo}`);
    // Its own committee sits strictly above the branch, so it may decide too (a 基层团委-level exemplar); the secretary may not.
    expect(res.body.canDecide).toBe(true);
    unitId = res.body.id;
    const notice = await t.ctx.db.selectFrom('notification').selectAll().where('kind', '=', 'exemplar_nominated').executeTakeFirstOrThrow();
    expect(notice).toMatchObject({ org_id: tree.dA.id, link: `/exemplars/${unitId}` });
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_type', '=', 'exemplar')
      .where('target_id', '=', String(unitId))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['exemplar.nominate']);
  });

  it('lets a branch secretary nominate a member of the branch', async () => {
    const res = await secretary.post('/api/v1/exemplars', nomination({ kind: 'person', nomineeOrgId: null, nomineeMemberId: memberA, title: '志愿服务之星' }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ kind: 'person', nomineeName: '王青', nomineeOrgId: tree.bA1a.id, nomineeMemberId: memberA });
  });

  it('refuses bad input field by field and writes nothing', async () => {
    const before = await rows();
    const res = await committee.post('/api/v1/exemplars', nomination({ nomineeOrgId: null, title: ' ', materials: '' }));
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`)).toEqual([
      'nomineeOrgId:NOMINEE_REQUIRED',
      'title:TITLE_REQUIRED',
      'materials:MATERIALS_REQUIRED',
    ]);
    expect(res.body.errors[0].messages).toMatchObject({ zh: expect.any(String), en: expect.any(String) });
    expect(await rows()).toEqual(before);
  });

  it('refuses a nominee outside the nominator subtree (404), a member of another branch (404), a photo of another unit (404) and a file as a photo (422)', async () => {
    const foreign = await photoAt(otherDistrict, tree.dB);
    const own = await photoAt(committee, tree.cA1);
    const file = await committee.request(
      'POST',
      '/api/v1/attachments',
      new FormDataBody({ name: '材料.txt', content: Buffer.from('事迹'), type: 'text/plain' }, { orgId: String(tree.cA1.id), kind: 'file' }),
    );
    expect(file.status).toBe(201);
    const before = await rows();
    const org = await committee.post('/api/v1/exemplars', nomination({ nomineeOrgId: tree.bA2a.id }));
    expect(org.status).toBe(404);
    expect(org.body.errors).toEqual([expect.objectContaining({ field: 'nomineeOrgId', code: 'NOT_FOUND' })]);
    const other = (await createMember(t.ctx, tree.bA1b, { name: '赵敏' })).id;
    const person = await secretary.post('/api/v1/exemplars', nomination({ kind: 'person', nomineeMemberId: other }));
    expect(person.status).toBe(404);
    expect(person.body.errors).toEqual([expect.objectContaining({ field: 'nomineeMemberId', code: 'NOT_FOUND' })]);
    // A photo the nominator may not read is not found, like any id out of scope.
    const res = await committee.post('/api/v1/exemplars', nomination({ photoIds: [own, foreign] }));
    expect(res.status).toBe(404);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'photoIds.1', code: 'NOT_FOUND' })]);
    // The unit's own file exists for the nominator but is not a photo: 422, with the other field errors.
    const notPhoto = await committee.post('/api/v1/exemplars', nomination({ photoIds: [own, file.body.id], title: ' ' }));
    expect(notPhoto.status).toBe(422);
    expect(notPhoto.body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`)).toEqual([
      'title:TITLE_REQUIRED',
      'photoIds:ATTACHMENT_NOT_USABLE',
    ]);
    expect(await rows()).toEqual(before);
  });

  it('keeps a pending nomination from a sibling and from the member-less branch below', async () => {
    expect((await sibling.get(`/api/v1/exemplars/${unitId}`)).status).toBe(404);
    expect((await secretary.get(`/api/v1/exemplars/${unitId}`)).status).toBe(404);
    expect((await sibling.get('/api/v1/exemplars')).body.items).toEqual([]);
    expect((await district.get(`/api/v1/exemplars/${unitId}`)).body.canDecide).toBe(true);
  });

  it('refuses nominating without exemplar.nominate (an inspector)', async () => {
    const inspector = await t.loginAs('inspector', tree.cA1);
    expect((await inspector.post('/api/v1/exemplars', nomination())).status).toBe(403);
  });
});

describe('selecting (评选) and demonstration sites (示范点)', () => {
  let id: number;
  beforeAll(async () => {
    id = (await committee.post('/api/v1/exemplars', nomination({ title: '红旗团支部创建典型' }))).body.id;
  });

  it('refuses a decision by the nominee itself, by a unit without exemplar.select and out of scope', async () => {
    const branchAdmin = await t.loginAs('org_admin', tree.bA1a);
    expect((await branchAdmin.post(`/api/v1/exemplars/${id}/decide`, { decision: 'selected', note: '研究决定', decidedOn: today })).status).toBe(404);
    const own = await branchAdmin.post('/api/v1/exemplars', nomination({ title: '自荐' }));
    expect(own.status).toBe(201);
    const self = await branchAdmin.post(`/api/v1/exemplars/${own.body.id}/decide`, { decision: 'selected', note: '研究决定', decidedOn: today });
    expect(self.status).toBe(403);
    expect(self.body.code).toBe('EXEMPLAR_SELECT_ABOVE_ONLY');
    expect((await secretary.post(`/api/v1/exemplars/${id}/decide`, { decision: 'selected', note: '研究决定', decidedOn: today })).status).toBe(403);
    expect((await otherDistrict.post(`/api/v1/exemplars/${id}/decide`, { decision: 'selected', note: '研究决定', decidedOn: today })).status).toBe(404);
  });

  it('needs the committee note and a decision date not in the future; a vote method needs a vote', async () => {
    const res = await district.post(`/api/v1/exemplars/${id}/decide`, { decision: 'selected', note: '', decidedOn: '2099-01-01' });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { code: string }) => e.code)).toEqual(['DECISION_IN_FUTURE', 'DECISION_NOTE_REQUIRED']);
    const vote = await district.post(`/api/v1/exemplars/${id}/decide`, { decision: 'selected', method: 'vote', note: '代表投票', decidedOn: today });
    expect(vote.body.errors.map((e: { code: string }) => e.code)).toEqual(['EXEMPLAR_NO_VOTE']);
  });

  it('selects at the district level by committee decision and tells the nominee and the nominator', async () => {
    const res = await district.post(`/api/v1/exemplars/${id}/decide`, {
      decision: 'selected',
      method: 'committee',
      note: '经团区委常委会研究决定',
      decidedOn: today,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      status: 'selected',
      selectorOrgName: '红星区团委',
      level: { typeCode: 'district', nameZh: '区县级' },
      decisionMethod: 'committee',
      decisionNote: '经团区委常委会研究决定',
      canDecide: false,
      canManageSite: true,
    });
    const notices = await t.ctx.db.selectFrom('notification').select(['org_id', 'title_zh']).where('kind', '=', 'exemplar_decided').execute();
    expect(notices.map((n) => n.org_id).sort()).toEqual([tree.cA1.id, tree.bA1a.id].sort());
    expect(notices[0].title_zh).toContain('区县级先进典型');
    expect((await district.post(`/api/v1/exemplars/${id}/decide`, { decision: 'not_selected', note: '', decidedOn: today })).body.code).toBe(
      'EXEMPLAR_ALREADY_DECIDED',
    );
  });

  it('shows a selected exemplar everywhere in the selecting district, photos included, but not in another district', async () => {
    const photo = await photoAt(committee, tree.cA1);
    const withPhoto = (await committee.post('/api/v1/exemplars', nomination({ title: '带照片', photoIds: [photo] }))).body.id;
    await district.post(`/api/v1/exemplars/${withPhoto}/decide`, { decision: 'selected', note: '研究决定', decidedOn: today });
    const inDistrict = await t.loginAs('branch_secretary', tree.bA2a);
    const page = await inDistrict.get(`/api/v1/exemplars/${withPhoto}`);
    expect(page.status).toBe(200);
    expect((await inDistrict.get(page.body.photos[0].url)).status).toBe(200);
    expect((await inDistrict.get(page.body.photos[0].thumbUrl)).headers['content-type']).toBe('image/webp');
    // The attachment itself stays private to the uploader's subtree; only the exemplar's photo route opens it.
    expect((await inDistrict.get(`/api/v1/attachments/${photo}`)).status).toBe(404);
    expect((await inDistrict.get(`/api/v1/exemplars/${withPhoto}/photos/${photo + 999}`)).status).toBe(404);
    // A plain member of the district reads it too, photos included (exemplar.read), but not the file itself.
    const member = await t.loginAs('member', tree.bA2a, { memberId: (await createMember(t.ctx, tree.bA2a)).id });
    expect((await member.get(`/api/v1/exemplars/${withPhoto}`)).status).toBe(200);
    expect((await member.get(page.body.photos[0].url)).status).toBe(200);
    expect((await member.get(page.body.photos[0].thumbUrl)).status).toBe(200);
    expect([403, 404]).toContain((await member.get(`/api/v1/attachments/${photo}`)).status);
    // A photo of another exemplar is not this one's, even when the reader sees both.
    expect((await inDistrict.get(`/api/v1/exemplars/${id}/photos/${photo}`)).status).toBe(404);
    expect((await otherDistrict.get(`/api/v1/exemplars/${withPhoto}`)).status).toBe(404);
    expect((await city.get(`/api/v1/exemplars/${withPhoto}`)).status).toBe(200);
    const listed = await inDistrict.get('/api/v1/exemplars?status=selected');
    expect(listed.body.items.map((x: { id: number }) => x.id)).toEqual(expect.arrayContaining([id, withPhoto]));
  });

  it('makes a selected unit a demonstration site, whose visits are 示范点参观 activities linked from the activity form', async () => {
    expect((await committee.post(`/api/v1/exemplars/${id}/demo-site`, { demoSite: true })).status).toBe(403);
    const on = await district.post(`/api/v1/exemplars/${id}/demo-site`, { demoSite: true });
    expect(on.body).toMatchObject({ demoSite: true, demoSiteSince: today });
    const visitor = await t.loginAs('branch_secretary', tree.bA2a);
    const activity = await visitor.post('/api/v1/activities', {
      campaignId,
      orgId: tree.bA2a.id,
      type: 'demo_site_visit',
      title: '参观红旗团支部示范点',
      heldOn: today,
      place: '红星中学',
      summary: '学习支部规范化建设经验',
      demoSiteId: id,
    });
    expect(activity.status, JSON.stringify(activity.body)).toBe(201);
    expect(activity.body.demoSite).toMatchObject({ id, orgName: '高一(1)班团支部' });
    const page = await district.get(`/api/v1/exemplars/${id}`);
    expect(page.body.visits).toEqual([
      expect.objectContaining({ id: activity.body.id, title: '参观红旗团支部示范点', orgName: '青山社区团支部', canOpen: true }),
    ]);
    expect(page.body.visitCount).toBe(1);
    // Changing the type drops the link; deleting the activity removes it.
    await visitor.patch(`/api/v1/activities/${activity.body.id}`, { type: 'other' });
    expect((await district.get(`/api/v1/exemplars/${id}`)).body.visits).toEqual([]);
    await visitor.patch(`/api/v1/activities/${activity.body.id}`, { type: 'demo_site_visit', demoSiteId: id });
    expect((await district.get(`/api/v1/exemplars/${id}`)).body.visitCount).toBe(1);
    expect((await visitor.delete(`/api/v1/activities/${activity.body.id}`)).status).toBe(200);
    expect((await rows()).visits).toBe(0);
  });

  it('refuses a visit linked to a nomination that is not a demonstration site, and writes no activity', async () => {
    const pending = (await committee.post('/api/v1/exemplars', nomination({ title: '待评选' }))).body.id;
    const before = await t.ctx.db
      .selectFrom('activity')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const visit = {
      campaignId,
      orgId: tree.bA1a.id,
      type: 'demo_site_visit',
      title: '参观',
      heldOn: today,
      place: '某地',
      summary: '参观学习',
      demoSiteId: pending,
    };
    // The committee sees its own nomination, which is no demonstration site: 422.
    const res = await committee.post('/api/v1/activities', visit);
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({ field: 'demoSiteId', code: 'DEMO_SITE_UNKNOWN' });
    // The branch does not see the committee's pending nomination at all: 404 naming the field (issue 11).
    const hidden = await secretary.post('/api/v1/activities', visit);
    expect(hidden.status).toBe(404);
    expect(hidden.body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`)).toEqual(['demoSiteId:NOT_FOUND']);
    expect(
      await t.ctx.db
        .selectFrom('activity')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow(),
    ).toEqual(before);
  });

  it('lets the nominator withdraw a pending nomination once, and a person never becomes a demonstration site', async () => {
    const pending = (await committee.post('/api/v1/exemplars', nomination({ title: '撤回测试' }))).body.id;
    expect((await sibling.post(`/api/v1/exemplars/${pending}/withdraw`)).status).toBe(404);
    expect((await committee.post(`/api/v1/exemplars/${pending}/withdraw`)).body.status).toBe('withdrawn');
    expect((await committee.post(`/api/v1/exemplars/${pending}/withdraw`)).status).toBe(409);
    const person = (await secretary.post('/api/v1/exemplars', nomination({ kind: 'person', nomineeMemberId: memberA, title: '优秀团员典型' }))).body.id;
    await committee.post(`/api/v1/exemplars/${person}/decide`, { decision: 'selected', note: '团委会研究决定', decidedOn: today });
    const res = await committee.post(`/api/v1/exemplars/${person}/demo-site`, { demoSite: true });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('DEMO_SITE_NEEDS_SELECTED_UNIT');
  });

  it('lists what the signed-in organization may decide on', async () => {
    const pending = (await committee.post('/api/v1/exemplars', nomination({ title: '待区里评选' }))).body.id;
    const res = await district.get('/api/v1/exemplars?decidable=1');
    expect(res.body.items.map((x: { id: number }) => x.id)).toContain(pending);
    expect(res.body.items.every((x: { status: string }) => x.status === 'nominated')).toBe(true);
  });
});

describe('a representative vote before the committee decides (看票不唯票)', () => {
  it('holds an anonymous 同意/不同意/弃权 vote of the district representatives, then decides with the vote as method', async () => {
    const reps: TestClient[] = [];
    for (let i = 0; i < 5; i++) {
      const m = await createMember(t.ctx, tree.dA, { name: `代表${i + 1}` });
      await t.ctx.db
        .insertInto('org_representative')
        .values({ org_id: tree.dA.id, member_id: m.id, added_at: new Date().toISOString(), added_by: null })
        .execute();
      reps.push(await t.loginAs('member', tree.dA, { memberId: m.id }));
    }
    const id = (await committee.post('/api/v1/exemplars', nomination({ title: '代表投票评选' }))).body.id;
    expect((await secretary.post(`/api/v1/exemplars/${id}/vote`, {})).status).toBe(403);
    // The committee could decide too, but it has no representatives of its own to vote.
    expect((await committee.post(`/api/v1/exemplars/${id}/vote`, {})).body.code).toBe('ROLL_EMPTY');
    const opened = await district.post(`/api/v1/exemplars/${id}/vote`, {});
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
    expect(opened.body.vote).toMatchObject({ status: 'open', rollSize: 5, votedCount: 0, result: null });
    expect(opened.body).toMatchObject({ canStartVote: false, canCloseVote: true });
    expect((await district.post(`/api/v1/exemplars/${id}/vote`, {})).body.code).toBe('EXEMPLAR_VOTE_EXISTS');
    const early = await district.post(`/api/v1/exemplars/${id}/decide`, { decision: 'selected', method: 'vote', note: '参考代表投票结果', decidedOn: today });
    expect(early.body.errors.map((e: { code: string }) => e.code)).toEqual(['EXEMPLAR_VOTE_OPEN']);
    const sessionId = opened.body.vote.id;
    for (const [i, rep] of reps.entries()) {
      const paper = await rep.get(`/api/v1/votes/sessions/${sessionId}/ballot`);
      expect(paper.status, JSON.stringify(paper.body)).toBe(200);
      const cast = await rep.post(`/api/v1/votes/sessions/${sessionId}/ballot`, { answers: { [paper.body.subjects[0].id]: i === 0 ? 'reject' : 'approve' } });
      expect(cast.status, JSON.stringify(cast.body)).toBeLessThan(300);
    }
    const closed = await district.post(`/api/v1/exemplars/${id}/vote/close`);
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body.vote).toMatchObject({ status: 'closed', votedCount: 5, result: { ballots: 5, quorumMet: true, withheld: null, approveRate: 0.8 } });
    expect(closed.body.vote.result.counts).toMatchObject({ approve: 4, reject: 1 });
    const decided = await district.post(`/api/v1/exemplars/${id}/decide`, {
      decision: 'selected',
      method: 'vote',
      note: '代表投票同意率 80%，经团区委研究决定',
      decidedOn: today,
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body).toMatchObject({ status: 'selected', decisionMethod: 'vote' });
  });
});

describe('organization moves', () => {
  it('carries the copied paths along when a nominated unit moves to another committee', async () => {
    const id = (await committee.post('/api/v1/exemplars', nomination({ nomineeOrgId: tree.bA1b.id, title: '随组织调整' }))).body.id;
    const moved = await district.post(`/api/v1/orgs/${tree.bA1b.id}/move`, { newParentId: tree.cA2.id });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const org = await t.ctx.db.selectFrom('organization').select('path').where('id', '=', tree.bA1b.id).executeTakeFirstOrThrow();
    const row = await t.ctx.db.selectFrom('exemplar').select(['nominee_org_path', 'nominator_org_path']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ nominee_org_path: org.path, nominator_org_path: tree.cA1.path });
    expect(org.path.startsWith(tree.cA2.path)).toBe(true);
  });
});

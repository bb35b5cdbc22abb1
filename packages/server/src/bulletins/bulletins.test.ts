import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { DEFAULT_SCORE_WEIGHTS, isoToday } from '@zx/domain';
import { createTestApp, type TestApp } from '../../test/setup.ts';
import { createMember, createTree, type OrgRef, type Tree } from '../../test/factories.ts';
import type { TestClient } from '../../test/client.ts';
import { nowIso } from '../db/database.ts';
import { refreshUnits } from '../campaigns/rollup.ts';
import { bulletinPdf } from './pdf.ts';

let t: TestApp;
let tree: Tree;
let city: TestClient;
let district: TestClient;
let committee: TestClient;
let secretary: TestClient;
let secretaryB: TestClient;
let campaignId: number;
const year = Number(isoToday().slice(0, 4)); // numbers take the year of China's today, like the schedule
/** A date relative to the server's today (China time, like the campaign schedule). */
const day = (offset: number) => new Date(Date.parse(`${isoToday()}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
// Today is in 全面实施; the 动员准备 tasks (the plan among them) are past their due dates.
const phases = [
  { key: 'mobilization', startsOn: day(-60), endsOn: day(-31) },
  { key: 'implementation', startsOn: day(-30), endsOn: day(30) },
  { key: 'deepening', startsOn: day(31), endsOn: day(60) },
  { key: 'summary', startsOn: day(61), endsOn: day(90) },
];
const period = { periodFrom: day(-30), periodTo: day(0) };

async function activity(org: OrgRef, opts: { heldOn: string; notable?: boolean; title: string; attendees?: number[]; summary?: string }) {
  const at = nowIso();
  const { id } = await t.ctx.db
    .insertInto('activity')
    .values({
      campaign_id: campaignId,
      org_id: org.id,
      org_path: org.path,
      type: 'party_education',
      form: 'oath_renewal',
      title: opts.title,
      held_on: opts.heldOn,
      place: '团员活动室',
      summary: opts.summary ?? '<p>全体团员重温入团誓词，交流学习体会。</p>',
      minutes: null,
      task_keys: '[]',
      photo_ids: '[]',
      notable: opts.notable ? 1 : 0,
      attendee_count: opts.attendees?.length ?? 0,
      created_at: at,
      created_by: null,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const m of opts.attendees ?? []) await t.ctx.db.insertInto('activity_attendance').values({ activity_id: id, member_id: m }).execute();
  return id;
}

async function plan(org: OrgRef, status: 'submitted' | 'approved') {
  const at = nowIso();
  await t.ctx.db
    .insertInto('unit_plan')
    .values({
      campaign_id: campaignId,
      org_id: org.id,
      status,
      theme: '青春建功',
      content_html: '<p>方案</p>',
      targets: '[]',
      attachment_ids: '[]',
      version: 1,
      submitted_at: at,
      decided_at: status === 'approved' ? at : null,
      created_at: at,
      updated_at: at,
      updated_by: null,
    })
    .execute();
}

let notableId: number;
let studyId: number;
beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  city = await t.loginAs('org_admin', tree.city);
  district = await t.loginAs('org_admin', tree.dA);
  committee = await t.loginAs('org_admin', tree.cA1);
  secretary = await t.loginAs('branch_secretary', tree.bA1a);
  secretaryB = await t.loginAs('branch_secretary', tree.bB1a);
  const templateId = (await city.get('/api/v1/templates')).body[0].id;
  const created = await city.post('/api/v1/campaigns', { templateId, orgId: tree.city.id, name: `${year}年“双争先”主题实践活动`, phases });
  expect(created.status).toBe(201);
  campaignId = created.body.id;

  const a1 = [await createMember(t.ctx, tree.bA1a), await createMember(t.ctx, tree.bA1a), await createMember(t.ctx, tree.bA1a)].map((m) => m.id);
  await createMember(t.ctx, tree.bA1b);
  await createMember(t.ctx, tree.bA2a);
  await createMember(t.ctx, tree.bB1a);
  await createMember(t.ctx, tree.bB1a);
  await plan(tree.bA1a, 'approved');
  await plan(tree.bA1b, 'approved');
  await plan(tree.bA2a, 'submitted');
  notableId = await activity(tree.bA1a, { heldOn: day(-10), notable: true, title: '重温入团誓词', attendees: [a1[0], a1[1]] });
  studyId = await activity(tree.bA1a, { heldOn: day(-5), title: '学习党史', attendees: [a1[0]] });
  await activity(tree.bB1a, { heldOn: day(-40), notable: true, title: '护理技能比武' }); // before the period
  await refreshUnits(
    t.ctx.db,
    campaignId,
    Object.values(tree).map((o) => o.id),
  );
});
afterAll(() => t?.close());

const generate = (c: TestClient, org: OrgRef, extra: Record<string, unknown> = {}) =>
  c.post('/api/v1/bulletins', { campaignId, orgId: org.id, ...period, ...extra });
const count = async (table: 'bulletin' | 'notification') =>
  Number(
    (
      await t.ctx.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('generating a draft', () => {
  it('fills the overview from the dashboard figures, ranks the children and names highlights and lagging units', async () => {
    const res = await generate(city, tree.city);
    expect(res.status).toBe(201);
    const b = res.body;
    expect(b).toMatchObject({ status: 'draft', number: null, orgId: tree.city.id, canEdit: true, weights: DEFAULT_SCORE_WEIGHTS });
    expect(b.title).toBe(`关于${year}年“双争先”主题实践活动进展情况的通报`);
    const dash = (await city.get(`/api/v1/campaigns/${campaignId}/dashboard?orgId=${tree.city.id}`)).body;
    expect(b.body.overview).toMatchObject({ members: 7, participants: 2, plans: { submitted: 3, approved: 2 } });
    expect(b.body.overview.members).toBe(dash.members);
    expect(b.body.overview.plans).toEqual(dash.plans);
    expect(b.body.overview.activities.total).toBe(3);
    expect(b.body.overview.activities.byType.find((x: { type: string }) => x.type === 'party_education').count).toBe(3);
    expect(['动员准备', '全面实施', '深入推进', '总结提高']).toContain(b.body.overview.currentPhaseNameZh);
    expect(b.body.overviewText).toContain('团员7名');
    // 红星区 has approved plans, activities and participation; 临江区 has little.
    expect(b.body.ranking.map((r: { orgId: number }) => r.orgId)).toEqual([tree.dA.id, tree.dB.id]);
    expect(b.body.ranking[0]).toMatchObject({ rank: 1, name: '红星区团委', responsiblePerson: '张三' });
    expect(b.body.ranking[0].score).toBeGreaterThan(b.body.ranking[1].score);
    expect(b.body.highlights).toEqual([
      expect.objectContaining({
        activityId: notableId,
        title: '重温入团誓词',
        orgName: '高一(1)班团支部',
        excerpt: '全体团员重温入团誓词，交流学习体会。',
        included: true,
      }),
    ]);
    // The plan task was due at the end of the mobilization phase: units without an approved plan lag.
    const lagging = b.body.lagging.map((u: { orgId: number }) => u.orgId);
    expect(lagging).toEqual(expect.arrayContaining([tree.bA2a.id, tree.bB1a.id]));
    const overdueOf = (org: OrgRef) => b.body.lagging.find((u: { orgId: number }) => u.orgId === org.id)?.overdueTasks.map((x: { key: string }) => x.key) ?? [];
    expect(overdueOf(tree.bA2a)).toContain('plan');
    expect(overdueOf(tree.bA1a)).not.toContain('plan');
    expect(b.body.lagging[0]).toMatchObject({ responsiblePerson: '张三', overdueTasks: expect.any(Array) });
    const auditRow = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('action', '=', 'bulletin.create')
      .where('target_id', '=', String(b.id))
      .executeTakeFirst();
    expect(auditRow?.action).toBe('bulletin.create');
  });

  it('ranks the units of a committee by completion score and stores the weights used', async () => {
    const b = (await generate(committee, tree.cA1)).body;
    expect(b.body.ranking.map((r: { orgId: number }) => r.orgId)).toEqual([tree.bA1a.id, tree.bA1b.id, tree.gA1.id]);
    expect(b.body.ranking.map((r: { rank: number }) => r.rank)).toEqual([1, 2, 3]);
    const w = { tasks: 0, plans: 0, participation: 0, activities: 1, activityTarget: 1 };
    const custom = (await generate(committee, tree.cA1, { weights: w })).body;
    expect(custom.weights).toEqual(w);
    const stored = await t.ctx.db.selectFrom('bulletin').select('score_weights').where('id', '=', custom.id).executeTakeFirstOrThrow();
    expect(JSON.parse(stored.score_weights)).toEqual(w);
    // On activities alone 高一(2)班 and 教工团总支 tie at 0 and share rank 2.
    expect(custom.body.ranking.map((r: { rank: number; score: number }) => [r.rank, r.score])).toEqual([
      [1, 100],
      [2, 0],
      [2, 0],
    ]);
  });

  it('refuses bad weights and periods field by field, writing nothing', async () => {
    const before = await count('bulletin');
    const sum = await generate(city, tree.city, { weights: { tasks: 0.9, plans: 0.9 } });
    expect(sum.status).toBe(422);
    expect(sum.body.errors).toEqual([expect.objectContaining({ field: 'weights', code: 'WEIGHTS_SUM' })]);
    expect(sum.body.errors[0].messages).toEqual({ zh: expect.stringMatching(/[\u4e00-\u9fff]/), en: expect.stringMatching(/[a-z]/) });
    const neg = await generate(city, tree.city, { weights: { tasks: -0.5, plans: 1.5 } });
    expect(neg.status).toBe(422);
    expect(neg.body.errors.map((e: { field: string }) => e.field)).toEqual(['weights.tasks', 'weights.plans']);
    const order = await generate(city, tree.city, { periodFrom: day(0), periodTo: day(-30) });
    expect(order.status).toBe(422);
    expect(order.body.errors[0]).toMatchObject({ field: 'periodTo', code: 'PERIOD_ORDER' });
    expect((await city.post('/api/v1/bulletins', { campaignId, orgId: tree.city.id, periodFrom: 'x', periodTo: day(0) })).status).toBe(422);
    expect(await count('bulletin')).toBe(before);
  });

  it('refuses roles without bulletin.write, organizations out of scope and campaigns that do not cover the organization', async () => {
    const before = await count('bulletin');
    expect((await generate(secretary, tree.bA1a)).status).toBe(403);
    expect((await generate(committee, tree.cA2)).status).toBe(404);
    expect((await generate(committee, tree.dA)).status).toBe(404);
    const templateId = (await city.get('/api/v1/templates')).body[0].id;
    const districtCampaign = (await district.post('/api/v1/campaigns', { templateId, orgId: tree.dA.id, name: '红星区活动', phases })).body.id;
    expect((await city.post('/api/v1/bulletins', { campaignId: districtCampaign, orgId: tree.dB.id, ...period })).status).toBe(404);
    expect((await city.post('/api/v1/bulletins', { campaignId: 999999, orgId: tree.city.id, ...period })).status).toBe(404);
    expect(await count('bulletin')).toBe(before);
  });
});

describe('editing, numbering and publishing', () => {
  let id: number;
  beforeAll(async () => {
    id = (await generate(district, tree.dA)).body.id;
  });

  it('edits the title, paragraphs and highlight selection of a draft', async () => {
    const res = await district.put(`/api/v1/bulletins/${id}`, {
      title: '关于红星区“双争先”活动进展情况的通报',
      opening: '现将有关情况通报如下：',
      requirements: ['（一）抓好落实。'],
      highlightIds: [],
    });
    expect(res.status).toBe(200);
    expect(res.body.title).toBe('关于红星区“双争先”活动进展情况的通报');
    expect(res.body.body.opening).toBe('现将有关情况通报如下：');
    expect(res.body.body.requirements).toEqual(['（一）抓好落实。']);
    expect(res.body.body.highlights.every((h: { included: boolean }) => !h.included)).toBe(true);
    const again = await district.put(`/api/v1/bulletins/${id}`, { highlightIds: [notableId] });
    expect(again.body.body.highlights[0].included).toBe(true);
    // An activity of the subtree that is not one of this bulletin's highlights.
    const bad = await district.put(`/api/v1/bulletins/${id}`, { highlightIds: [notableId, studyId] });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0]).toMatchObject({ field: 'highlightIds', code: 'HIGHLIGHT_UNKNOWN' });
    // An id that names no activity in reach is a 404 naming its position, like any id in a body.
    const unknown = await district.put(`/api/v1/bulletins/${id}`, { highlightIds: [424242] });
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`)).toEqual(['highlightIds.0:NOT_FOUND']);
    expect((await district.put(`/api/v1/bulletins/${id}`, { title: '' })).status).toBe(422);
  });

  it('numbers per organization and year: 〔YYYY〕N号, a numbered draft keeps its number', async () => {
    const a = (await generate(city, tree.city)).body.id;
    const b = (await generate(city, tree.city)).body.id;
    const first = await city.post(`/api/v1/bulletins/${a}/number`, { prefix: '示团通' });
    expect(first.status).toBe(200);
    const n1 = first.body.numberSeq;
    expect(first.body.number).toBe(`示团通〔${year}〕${n1}号`);
    const second = await city.post(`/api/v1/bulletins/${b}/number`, {});
    expect(second.body.number).toBe(`〔${year}〕${n1 + 1}号`);
    // Another organization counts from 1.
    const d = await district.post(`/api/v1/bulletins/${id}/number`, { prefix: '红团通' });
    expect(d.body.number).toBe(`红团通〔${year}〕1号`);
    const renumbered = await city.post(`/api/v1/bulletins/${a}/number`, { prefix: '示团' });
    expect(renumbered.body.number).toBe(`示团〔${year}〕${n1}号`);
    const bad = await city.post(`/api/v1/bulletins/${a}/number`, { prefix: '示〔团' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0]).toMatchObject({ field: 'prefix', code: 'DOC_PREFIX_INVALID' });
  });

  it('gives concurrent numbering calls distinct numbers', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) ids.push((await generate(committee, tree.cA1)).body.id);
    const results = await Promise.all(ids.map((x) => committee.post(`/api/v1/bulletins/${x}/number`, {})));
    expect(results.map((r) => r.status)).toEqual(ids.map(() => 200));
    const seqs = results.map((r) => r.body.numberSeq).sort((x, y) => x - y);
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('publishes only a numbered draft and tells the whole subtree with one notice', async () => {
    const unnumbered = (await generate(district, tree.dA)).body.id;
    const refused = await district.post(`/api/v1/bulletins/${unnumbered}/publish`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('BULLETIN_NOT_NUMBERED');

    // A draft is invisible below the issuing organization.
    expect((await secretary.get(`/api/v1/bulletins/${id}`)).status).toBe(404);
    const notices = await count('notification');
    const res = await district.post(`/api/v1/bulletins/${id}/publish`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'published', number: `红团通〔${year}〕1号` });
    expect(Date.now() - Date.parse(res.body.publishedAt)).toBeLessThan(60_000);
    expect(await count('notification')).toBe(notices + 1);
    const n = await t.ctx.db.selectFrom('notification').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(n).toMatchObject({ audience: 'subtree', kind: 'bulletin_published', org_id: tree.dA.id, link: `/bulletins/${id}` });

    const inbox = await secretary.get('/api/v1/inbox');
    expect(inbox.body.items.some((x: { kind: string; link: string }) => x.kind === 'bulletin_published' && x.link === `/bulletins/${id}`)).toBe(true);
    const read = await secretary.get(`/api/v1/bulletins/${id}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ status: 'published', canEdit: false });
    expect((await secretary.get('/api/v1/bulletins')).body.items.map((x: { id: number }) => x.id)).toContain(id);
    // Not in the other district.
    expect((await secretaryB.get('/api/v1/inbox')).body.items.some((x: { link: string }) => x.link === `/bulletins/${id}`)).toBe(false);
    expect((await secretaryB.get(`/api/v1/bulletins/${id}`)).status).toBe(404);
    // The city above reads it too.
    expect((await city.get(`/api/v1/bulletins/${id}`)).status).toBe(200);
    const audits = await t.ctx.db.selectFrom('audit_log').select('action').where('target_type', '=', 'bulletin').where('target_id', '=', String(id)).execute();
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['bulletin.create', 'bulletin.update', 'bulletin.number', 'bulletin.publish']));
  });

  it('keeps a published bulletin read-only', async () => {
    const before = await t.ctx.db.selectFrom('bulletin').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const put = await district.put(`/api/v1/bulletins/${id}`, { title: '改' });
    expect(put.status).toBe(409);
    expect(put.body.code).toBe('BULLETIN_PUBLISHED');
    expect((await district.post(`/api/v1/bulletins/${id}/number`, {})).status).toBe(409);
    expect((await district.post(`/api/v1/bulletins/${id}/publish`)).status).toBe(409);
    expect((await district.delete(`/api/v1/bulletins/${id}`)).status).toBe(409);
    // A unit below may read it but not change it.
    expect((await committee.put(`/api/v1/bulletins/${id}`, { title: '改' })).status).toBe(404);
    expect(await t.ctx.db.selectFrom('bulletin').selectAll().where('id', '=', id).executeTakeFirstOrThrow()).toEqual(before);
  });

  it('deletes a draft', async () => {
    const x = (await generate(district, tree.dA)).body.id;
    expect((await secretary.delete(`/api/v1/bulletins/${x}`)).status).toBe(403);
    expect((await committee.delete(`/api/v1/bulletins/${x}`)).status).toBe(404);
    expect((await district.delete(`/api/v1/bulletins/${x}`)).status).toBe(200);
    expect((await district.get(`/api/v1/bulletins/${x}`)).status).toBe(404);
  });

  it('lists what the caller may read, filtered by campaign, organization and status', async () => {
    const all = (await city.get(`/api/v1/bulletins?campaignId=${campaignId}&pageSize=200`)).body;
    expect(all.total).toBeGreaterThan(5);
    const published = (await city.get('/api/v1/bulletins?status=published')).body;
    expect(published.items.map((x: { id: number }) => x.id)).toEqual([id]);
    const byOrg = (await city.get(`/api/v1/bulletins?orgId=${tree.cA1.id}&pageSize=200`)).body;
    expect(byOrg.items.every((x: { orgId: number }) => x.orgId === tree.cA1.id)).toBe(true);
    // The committee sees its own drafts and the district's published bulletin, not the city's drafts.
    const mine = (await committee.get('/api/v1/bulletins?pageSize=200')).body.items;
    expect(mine.every((x: { orgId: number; status: string }) => x.orgId === tree.cA1.id || x.status === 'published')).toBe(true);
    expect(mine.map((x: { id: number }) => x.id)).toContain(id);
  });

  it('answers 404 when a list is filtered by an organization outside the scope, not an empty page (issue 11)', async () => {
    // Another district, a sibling and the parent: none is the committee's to filter by.
    for (const org of [tree.dB, tree.cA2, tree.dA, tree.bB1a]) {
      const res = await committee.get(`/api/v1/bulletins?orgId=${org.id}`);
      expect(res.status, org.name).toBe(404);
      expect(res.body.code).toBe('NOT_FOUND');
    }
    expect((await committee.get('/api/v1/bulletins?orgId=999999')).status).toBe(404);
    // A campaign out of reach is refused the same way.
    const districtB = await t.loginAs('org_admin', tree.dB);
    const templateId = (await city.get('/api/v1/templates')).body[0].id;
    const other = (await districtB.post('/api/v1/campaigns', { templateId, orgId: tree.dB.id, name: '临江区活动', phases })).body.id;
    expect((await committee.get(`/api/v1/bulletins?campaignId=${other}`)).status).toBe(404);
    // Its own organization and one below are fine.
    expect((await committee.get(`/api/v1/bulletins?orgId=${tree.cA1.id}`)).status).toBe(200);
    expect((await committee.get(`/api/v1/bulletins?orgId=${tree.bA1a.id}`)).body.total).toBe(0);
  });
});

describe('documents', () => {
  let id: number;
  let members: number;
  beforeAll(async () => {
    const b = (await generate(city, tree.city)).body;
    id = b.id;
    members = b.body.overview.members;
    await city.post(`/api/v1/bulletins/${id}/number`, { prefix: '示团通' });
  });

  it('writes a .docx in the GB/T 9704 layout with the figures and the number', async () => {
    const res = await city.get(`/api/v1/bulletins/${id}/docx`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(String(res.headers['content-disposition'])).toContain('.docx');
    const zip = await JSZip.loadAsync(res.raw);
    const xml = await zip.file('word/document.xml')!.async('string');
    const number = (await city.get(`/api/v1/bulletins/${id}`)).body.number as string;
    expect(number).toMatch(new RegExp(`^示团通〔${year}〕\\d+号$`));
    expect(xml).toContain(number);
    expect(xml).toContain(`团员${members}名`);
    expect(xml).toContain('红星区团委');
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588"/);
    expect(xml).toContain('w:eastAsia="方正小标宋简体"');
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toContain('w:eastAsia="黑体"');
    expect(xml).toContain('<w:sz w:val="44"/>'); // 2号 title
    expect(xml).toContain('<w:sz w:val="32"/>'); // 3号 body
    expect(xml).toMatch(/w:line="579" w:lineRule="exact"/); // 28.95 pt
    expect(xml).toContain('<w:color w:val="FF0000"/>');
    expect(xml).toMatch(/<w:bottom w:val="single" w:color="FF0000"/);
    const fonts = await zip.file('word/fontTable.xml')!.async('string');
    expect(fonts).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋,FangSong,');
    const footer = await zip.file('word/footer1.xml')!.async('string');
    expect(footer).toContain('<w:sz w:val="28"/>'); // 4号 page numbers
    expect(footer).toContain('PAGE');
    expect(
      await t.ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'bulletin.download').where('target_id', '=', String(id)).execute(),
    ).not.toHaveLength(0);
  });

  it('writes an A4 PDF with an embedded CJK font', async () => {
    const res = await city.get(`/api/v1/bulletins/${id}/pdf`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.raw.toString('latin1');
    expect(pdf.startsWith('%PDF')).toBe(true);
    expect(pdf).toMatch(/\/FontFile[23]/);
    expect(pdf).toContain('/MediaBox [0 0 595.28 841.89]');
  }, 90_000); // the first PDF parses the CJK faces (20–27 MB each)

  it('answers 503 PDF_FONT_MISSING when the server has no CJK font', async () => {
    const b = (await city.get(`/api/v1/bulletins/${id}`)).body;
    await expect(bulletinPdf({ title: b.title, number: b.number, body: b.body, weights: b.weights }, null)).rejects.toMatchObject({
      status: 503,
      code: 'PDF_FONT_MISSING',
    });
  });

  it('lets only readers download', async () => {
    expect((await secretary.get(`/api/v1/bulletins/${id}/docx`)).status).toBe(404); // a draft of the city
    expect((await secretaryB.get(`/api/v1/bulletins/${id}/pdf`)).status).toBe(404);
    expect((await committee.get(`/api/v1/bulletins/${id}/docx`)).status).toBe(404);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { DEFAULT_SCORE_WEIGHTS } from '@zx/domain';
import type { TestApp } from '../../test/setup.ts';
import type { OrgRef, Tree } from '../../test/factories.ts';
import type { TestClient } from '../../test/client.ts';
import { bulletinsWorld, countRows, day, generateBulletin, period, phases, year } from '../../test/bulletin-fixtures.ts';
import { bulletinPdf } from './pdf.ts';

/** What a generated bulletin says (overview, ranking, highlights, lagging units), what generating refuses, and its .docx and PDF. */

let t: TestApp;
let tree: Tree;
let city: TestClient;
let district: TestClient;
let committee: TestClient;
let secretary: TestClient;
let secretaryB: TestClient;
let campaignId: number;
let notableId: number;

beforeAll(async () => {
  ({ t, tree, city, district, committee, secretary, secretaryB, campaignId, notableId } = await bulletinsWorld());
});
afterAll(() => t?.close());

const generate = (c: TestClient, org: OrgRef, extra: Record<string, unknown> = {}) => generateBulletin(campaignId, c, org, extra);
const count = (table: 'bulletin' | 'notification') => countRows(t, table);

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
    // 知晓率, 覆盖面, pledges and media as the dashboard counts them, frozen with the rest.
    expect(b.body.overview.reach).toEqual({
      aware: dash.awareness.aware,
      awarenessRate: dash.awareness.rate,
      pledged: dash.pledges.pledged,
      pledgeRate: dash.pledges.rate,
      branches: dash.coverage.branches,
      branchesWithActivity: dash.coverage.branchesWithActivity,
      branchCoverageRate: dash.coverage.branchRate,
      memberCoverageRate: dash.coverage.memberRate,
      media: dash.media.total,
      postsPublished: dash.media.postsPublished,
    });
    expect(b.body.overview.reach.branchesWithActivity).toBeGreaterThan(0);
    expect(b.body.overviewText).toContain('支部覆盖面');
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

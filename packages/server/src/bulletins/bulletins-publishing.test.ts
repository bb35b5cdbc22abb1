import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/setup.ts';
import type { OrgRef, Tree } from '../../test/factories.ts';
import type { TestClient } from '../../test/client.ts';
import { bulletinsWorld, countRows, generateBulletin, phases, year } from '../../test/bulletin-fixtures.ts';

/** A bulletin after its draft: editing, numbering 〔YYYY〕N号, publishing to the subtree, deleting, and the lists. */

let t: TestApp;
let tree: Tree;
let city: TestClient;
let district: TestClient;
let committee: TestClient;
let secretary: TestClient;
let secretaryB: TestClient;
let campaignId: number;
let notableId: number;
let studyId: number;

beforeAll(async () => {
  ({ t, tree, city, district, committee, secretary, secretaryB, campaignId, notableId, studyId } = await bulletinsWorld());
});
afterAll(() => t?.close());

const generate = (c: TestClient, org: OrgRef, extra: Record<string, unknown> = {}) => generateBulletin(campaignId, c, org, extra);
const count = (table: 'bulletin' | 'notification') => countRows(t, table);

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

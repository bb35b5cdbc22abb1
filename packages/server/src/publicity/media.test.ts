import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/setup.ts';
import { createTree, type Tree } from '../../test/factories.ts';
import type { TestClient } from '../../test/client.ts';
import { addActivity, launchCampaign, mediaBody, stats, upload, writePost } from '../../test/publicity.ts';

let t: TestApp;
let tree: Tree;
let city: TestClient;
let committee: TestClient;
let secretary: TestClient;
let sibling: TestClient;
let campaignId: number;

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  city = await t.loginAs('org_admin', tree.city);
  committee = await t.loginAs('org_admin', tree.cA1);
  secretary = await t.loginAs('branch_secretary', tree.bA1a);
  sibling = await t.loginAs('branch_secretary', tree.bA1b);
  campaignId = await launchCampaign(city, tree.city);
});
afterAll(() => t?.close());

describe('the media coverage register', () => {
  it('records coverage for the unit and rolls it up by kind and level, in the same transaction', async () => {
    const a = await secretary.post('/api/v1/publicity/media', mediaBody(campaignId, tree.bA1a));
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    expect(a.body).toMatchObject({ kind: 'press', level: 'city', outlet: '示范日报', canEdit: true, orgName: tree.bA1a.name });
    await secretary.post('/api/v1/publicity/media', mediaBody(campaignId, tree.bA1a, { kind: 'tv', level: 'province', outlet: '省电视台' }));
    await committee.post('/api/v1/publicity/media', mediaBody(campaignId, tree.cA1, { kind: 'new_media', level: 'county' }));

    expect(await stats(t, campaignId, tree.bA1a.id)).toMatchObject({
      media: [2, 2],
      'media:press': [1, 1],
      'media:tv': [1, 1],
      'media@city': [1, 1],
      'media@province': [1, 1],
    });
    expect(await stats(t, campaignId, tree.city.id)).toMatchObject({ media: [0, 3], 'media:new_media': [0, 1], 'media@county': [0, 1] });

    // An edit moves the figure from one kind to another; a delete takes it away.
    const edited = await secretary.put(`/api/v1/publicity/media/${a.body.id}`, mediaBody(campaignId, tree.bA1a, { kind: 'online', level: 'central' }));
    expect(edited.body).toMatchObject({ kind: 'online', level: 'central' });
    expect(await stats(t, campaignId, tree.bA1a.id)).toMatchObject({ media: [2, 2], 'media:online': [1, 1], 'media@central': [1, 1] });
    expect((await stats(t, campaignId, tree.bA1a.id))['media:press']).toBeUndefined();
    expect((await secretary.delete(`/api/v1/publicity/media/${a.body.id}`)).status).toBe(200);
    expect((await stats(t, campaignId, tree.city.id)).media).toEqual([0, 2]);
    const log = await t.ctx.db.selectFrom('audit_log').select('action').where('target_type', '=', 'media_coverage').execute();
    expect(log.map((l) => l.action)).toEqual(expect.arrayContaining(['media.create', 'media.update', 'media.delete']));
  });

  it('lists in scope with filters: the unit sees its own, the level above its subtree', async () => {
    const mine = (await secretary.get(`/api/v1/publicity/media?campaignId=${campaignId}`)).body;
    expect(mine.items.every((m: { orgId: number }) => m.orgId === tree.bA1a.id)).toBe(true);
    const above = (await committee.get(`/api/v1/publicity/media?campaignId=${campaignId}`)).body;
    expect(above.total).toBe(2);
    expect((await committee.get(`/api/v1/publicity/media?kind=tv`)).body.items.map((m: { kind: string }) => m.kind)).toEqual(['tv']);
    expect((await committee.get(`/api/v1/publicity/media?level=county&ownOnly=1`)).body.total).toBe(1);
    expect((await sibling.get(`/api/v1/publicity/media?orgId=${tree.bA1a.id}`)).status).toBe(404);
  });

  it('needs a web link or a clipping, and takes an image or a PDF as the clipping only', async () => {
    const none = await secretary.post('/api/v1/publicity/media', mediaBody(campaignId, tree.bA1a, { url: null }));
    expect([none.status, none.body.errors?.[0]?.code]).toEqual([422, 'MEDIA_SOURCE_REQUIRED']);
    const script = await secretary.post('/api/v1/publicity/media', mediaBody(campaignId, tree.bA1a, { url: 'javascript:alert(1)' }));
    expect([script.status, script.body.errors?.[0]?.code]).toEqual([422, 'URL_NOT_WEB']);
    const pdf = await upload(secretary, tree.bA1a, 'file', {
      name: '剪报.pdf',
      content: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
      type: 'application/pdf',
    });
    expect(pdf.status).toBe(201);
    const clipped = await secretary.post('/api/v1/publicity/media', mediaBody(campaignId, tree.bA1a, { url: null, attachmentId: pdf.body.id }));
    expect(clipped.status, JSON.stringify(clipped.body)).toBe(201);
    expect(clipped.body.clipping).toMatchObject({ mime: 'application/pdf' });
    const text = await upload(secretary, tree.bA1a, 'file', { name: 'note.txt', content: Buffer.from('纯文本说明'), type: 'text/plain' });
    expect(text.status, JSON.stringify(text.body)).toBe(201);
    const wrong = await secretary.post('/api/v1/publicity/media', mediaBody(campaignId, tree.bA1a, { url: null, attachmentId: text.body.id }));
    expect([wrong.status, wrong.body.errors?.[0]?.code]).toEqual([422, 'CLIPPING_TYPE']);
    const future = await secretary.post('/api/v1/publicity/media', mediaBody(campaignId, tree.bA1a, { publishedOn: '2099-01-01' }));
    expect([future.status, future.body.errors?.[0]?.field]).toEqual([422, 'publishedOn']);
  });

  it("links only the unit's own post or activity; a sibling's is refused and nothing is written", async () => {
    const siblingPost = await writePost(sibling, campaignId, tree.bA1b);
    const siblingActivity = await addActivity(sibling, campaignId, tree.bA1b);
    const before = (await stats(t, campaignId, tree.bA1a.id)).media;
    expect((await secretary.post('/api/v1/publicity/media', mediaBody(campaignId, tree.bA1a, { postId: siblingPost }))).status).toBe(404);
    expect((await secretary.post('/api/v1/publicity/media', mediaBody(campaignId, tree.bA1a, { activityId: siblingActivity }))).status).toBe(404);
    const fromAbove = await committee.post('/api/v1/publicity/media', mediaBody(campaignId, tree.bA1a, { postId: siblingPost }));
    expect([fromAbove.status, fromAbove.body.errors?.[0]?.code]).toEqual([422, 'POST_NOT_OF_UNIT']);
    expect((await stats(t, campaignId, tree.bA1a.id)).media).toEqual(before);
    const ownPost = await writePost(secretary, campaignId, tree.bA1a);
    const ownActivity = await addActivity(secretary, campaignId, tree.bA1a);
    const linked = await secretary.post('/api/v1/publicity/media', mediaBody(campaignId, tree.bA1a, { postId: ownPost, activityId: ownActivity }));
    expect(linked.body).toMatchObject({ postId: ownPost, activityId: ownActivity });
  });

  it("refuses a sibling's edit or delete of the record, and a record for another unit", async () => {
    const rec = (await secretary.post('/api/v1/publicity/media', mediaBody(campaignId, tree.bA1a))).body.id;
    expect((await sibling.put(`/api/v1/publicity/media/${rec}`, mediaBody(campaignId, tree.bA1b))).status).toBe(404);
    expect((await sibling.delete(`/api/v1/publicity/media/${rec}`)).status).toBe(404);
    expect((await sibling.post('/api/v1/publicity/media', mediaBody(campaignId, tree.bA1a))).status).toBe(404);
    expect((await secretary.get(`/api/v1/publicity/media/${rec}`)).status).toBe(200);
  });
});

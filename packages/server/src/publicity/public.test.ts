import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedInClient, type TestApp } from '../../test/setup.ts';
import { createMember, createTree, type Tree } from '../../test/factories.ts';
import type { TestClient } from '../../test/client.ts';
import { addActivity, launchCampaign, publishedPost, uploadPhoto, writePost } from '../../test/publicity.ts';
import { viewCounter } from './views.ts';

/**
 * The public portal shows approved posts and nothing else: drafts, submitted, returned and
 * withdrawn posts, and every piece of personal data the database holds around them (members'
 * ID and phone numbers, attendees, author and reviewer accounts, the reviewer's comment), never
 * reach a public answer. Every public route is walked and its body searched for each of them.
 */
let t: TestApp;
let tree: Tree;
let city: TestClient;
let committee: SignedInClient;
let secretary: SignedInClient;
let anonymous: TestClient;
let campaignId: number;
let approved: number;
let approvedPhoto: number;
const hidden: Record<string, number> = {};
const secrets: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  city = await t.loginAs('org_admin', tree.city);
  committee = await t.loginAs('org_admin', tree.cA1);
  secretary = await t.loginAs('branch_secretary', tree.bA1a);
  anonymous = t.client('203.0.113.9');
  campaignId = await launchCampaign(city, tree.city, '示范市双争先');

  const attendee = await createMember(t.ctx, tree.bA1a, { name: '欧阳秘密', phone: '13912345678' });
  const other = await createMember(t.ctx, tree.bA1a, { name: '司马隐私' });
  const activity = await addActivity(secretary, campaignId, tree.bA1a, [attendee.id, other.id]);
  secrets.push(attendee.idCard, attendee.phone!, other.idCard, other.phone!, '欧阳秘密', '司马隐私');
  secrets.push(secretary.user.username, committee.user.username);

  approvedPhoto = await uploadPhoto(secretary, tree.bA1a);
  approved = await publishedPost(secretary, committee, campaignId, tree.bA1a, {
    title: '青春宣讲走进社区',
    body: '团支部书记张明带领团员开展宣讲。',
    photoIds: [approvedPhoto],
    activityIds: [activity],
    videoUrl: 'https://v.example.cn/1',
  });

  const photo = await uploadPhoto(secretary, tree.bA1a);
  hidden.draft = await writePost(secretary, campaignId, tree.bA1a, { title: '草稿标题甲', body: '草稿正文甲', photoIds: [photo] });
  hidden.submitted = await writePost(secretary, campaignId, tree.bA1a, { title: '待审标题乙', body: '待审正文乙', photoIds: [photo] });
  await secretary.post(`/api/v1/publicity/posts/${hidden.submitted}/submit`);
  hidden.returned = await writePost(secretary, campaignId, tree.bA1a, { title: '退回标题丙', body: '退回正文丙', photoIds: [photo] });
  await secretary.post(`/api/v1/publicity/posts/${hidden.returned}/submit`);
  await committee.post(`/api/v1/publicity/posts/${hidden.returned}/review`, { decision: 'return', comment: '内部意见丁：照片里有未成年人正脸' });
  hidden.withdrawn = await publishedPost(secretary, committee, campaignId, tree.bA1a, { title: '撤回标题戊', body: '撤回正文戊', photoIds: [photo] });
  await secretary.post(`/api/v1/publicity/posts/${hidden.withdrawn}/withdraw`);
  hidden.photo = photo;
  secrets.push('草稿标题甲', '草稿正文甲', '待审标题乙', '待审正文乙', '退回标题丙', '退回正文丙', '内部意见丁', '撤回标题戊', '撤回正文戊', '青春宣讲进社区');
});
afterAll(() => t?.close());

const get = (url: string, headers: Record<string, string> = {}) => anonymous.request('GET', url, undefined, headers);

describe('the public portal', () => {
  it('answers without a session: the campaign, its phase, its approved posts and highlight photos', async () => {
    const res = await get(`/api/v1/public/campaigns/${campaignId}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: campaignId, name: '示范市双争先', orgName: tree.city.name, approvedPosts: 1 });
    expect(res.body.phases.length).toBeGreaterThan(0);
    expect(res.body.highlights).toEqual([expect.objectContaining({ postId: approved, url: `/api/v1/public/posts/${approved}/photos/${approvedPhoto}` })]);

    const list = (await get(`/api/v1/public/campaigns/${campaignId}/posts`)).body;
    expect(list.items.map((p: { id: number }) => p.id)).toEqual([approved]);
    const one = (await get(`/api/v1/public/campaigns/${campaignId}/posts/${approved}`)).body;
    expect(one).toMatchObject({
      title: '青春宣讲走进社区',
      body: '团支部书记张明带领团员开展宣讲。',
      orgName: tree.bA1a.name,
      videoUrl: 'https://v.example.cn/1',
    });
    const photo = await get(one.photos[0].url);
    expect([photo.status, photo.headers['content-type']]).toEqual([200, 'image/jpeg']);
    expect((await get(one.photos[0].thumbUrl)).headers['content-type']).toBe('image/webp');
  });

  it('shows no unapproved post and no personal data on any public route', async () => {
    const bodies: string[] = [];
    const walk = async (url: string) => {
      const res = await get(url);
      bodies.push(`${url} ${res.status} ${res.raw.toString('utf8')}`);
      return res;
    };
    await walk(`/api/v1/public/campaigns/${campaignId}`);
    for (let page = 1; page <= 3; page++) await walk(`/api/v1/public/campaigns/${campaignId}/posts?page=${page}&pageSize=1`);
    await walk(`/api/v1/public/campaigns/${campaignId}/posts?pageSize=50`);
    await walk(`/api/v1/public/campaigns/${campaignId}/posts/${approved}`);
    for (const id of Object.values(hidden)) await walk(`/api/v1/public/campaigns/${campaignId}/posts/${id}`);
    const all = bodies.join('\n');
    for (const s of secrets) expect(all, `"${s}" leaked`).not.toContain(s);
    // Nor any field that names an account, a reviewer or a comment.
    for (const field of ['createdBy', 'reviewedBy', 'reviewComment', 'username', 'attendee', 'activities', 'idCard', 'phone'])
      expect(all).not.toContain(`"${field}"`);
  });

  it('answers a draft, submitted, returned or withdrawn post exactly as a post that does not exist', async () => {
    const none = await get(`/api/v1/public/campaigns/${campaignId}/posts/999999`);
    expect(none.status).toBe(404);
    for (const [state, id] of Object.entries(hidden)) {
      if (state === 'photo') continue;
      const res = await get(`/api/v1/public/campaigns/${campaignId}/posts/${id}`);
      expect([state, res.status, res.body.code, res.body.messages]).toEqual([state, 404, none.body.code, none.body.messages]);
      const photo = await get(`/api/v1/public/posts/${id}/photos/${hidden.photo}`);
      expect([state, photo.status]).toEqual([state, 404]);
    }
    // A photo of the unit that is not the approved post's own is not served through it.
    expect((await get(`/api/v1/public/posts/${approved}/photos/${hidden.photo}`)).status).toBe(404);
    // The approved post under another campaign id, or an unknown campaign: the same 404.
    const other = await launchCampaign(city, tree.dA, '区级活动');
    expect((await get(`/api/v1/public/campaigns/${other}/posts/${approved}`)).body.messages).toEqual(none.body.messages);
    expect((await get(`/api/v1/public/campaigns/999999`)).status).toBe(404);
    expect((await get(`/api/v1/public/campaigns/999999/posts`)).status).toBe(404);
  });

  it('is cacheable: public, max-age=60 with an ETag, and 304 when the reader holds it', async () => {
    for (const url of [
      `/api/v1/public/campaigns/${campaignId}`,
      `/api/v1/public/campaigns/${campaignId}/posts`,
      `/api/v1/public/campaigns/${campaignId}/posts/${approved}`,
    ]) {
      const first = await get(url);
      expect(first.headers['cache-control'], url).toBe('public, max-age=60');
      const etag = first.headers.etag as string;
      expect(etag, url).toMatch(/^W\/".+"$/);
      const again = await get(url, { 'if-none-match': etag });
      expect([url, again.status, again.raw.length]).toEqual([url, 304, 0]);
    }
    expect((await get(`/api/v1/public/posts/${approved}/photos/${approvedPhoto}`)).headers['cache-control']).toBe('public, max-age=60');
    // Signed-in answers stay uncached.
    expect((await secretary.get(`/api/v1/publicity/posts/${approved}`)).headers['cache-control']).toBe('no-store');
  });

  it('drops a withdrawn post at once, though its answers were cached', async () => {
    const id = await publishedPost(secretary, committee, campaignId, tree.bA1a, { title: '马上撤回' });
    const listed = (await get(`/api/v1/public/campaigns/${campaignId}/posts`)).body;
    expect(listed.items.map((p: { id: number }) => p.id)).toContain(id);
    expect((await get(`/api/v1/public/campaigns/${campaignId}/posts/${id}`)).status).toBe(200);
    await secretary.post(`/api/v1/publicity/posts/${id}/withdraw`);
    expect((await get(`/api/v1/public/campaigns/${campaignId}/posts`)).body.items.map((p: { id: number }) => p.id)).not.toContain(id);
    expect((await get(`/api/v1/public/campaigns/${campaignId}/posts/${id}`)).status).toBe(404);
    expect((await get(`/api/v1/public/campaigns/${campaignId}`)).body.approvedPosts).toBe(1);
  });

  it('counts views without storing who read', async () => {
    await viewCounter(t.ctx).flush();
    const before = Number((await t.ctx.db.selectFrom('post').select('views').where('id', '=', approved).executeTakeFirstOrThrow()).views);
    const readers = Array.from({ length: 20 }, (_, i) => t.client(`198.51.100.${i + 1}`));
    await Promise.all(readers.map((r) => r.get(`/api/v1/public/campaigns/${campaignId}/posts/${approved}`)));
    await Promise.all(readers.map((r) => r.get(`/api/v1/public/campaigns/${campaignId}`)));
    await viewCounter(t.ctx).flush();
    expect(Number((await t.ctx.db.selectFrom('post').select('views').where('id', '=', approved).executeTakeFirstOrThrow()).views)).toBe(before + 20);
    const portal = await t.ctx.db.selectFrom('portal_view').selectAll().where('campaign_id', '=', campaignId).executeTakeFirstOrThrow();
    expect(Number(portal.views)).toBeGreaterThanOrEqual(20);
    // The counter table has nothing but the number.
    expect(Object.keys(portal).sort()).toEqual(['campaign_id', 'views']);
    expect(
      Object.keys(await t.ctx.db.selectFrom('post').selectAll().where('id', '=', approved).executeTakeFirstOrThrow()).filter((k) => /ip|cookie|viewer/.test(k)),
    ).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/setup.ts';
import { createTree, type Tree } from '../../test/factories.ts';
import type { SignedInClient } from '../../test/setup.ts';
import type { TestClient } from '../../test/client.ts';
import { addActivity, launchCampaign, stats, upload, uploadPhoto, writePost } from '../../test/publicity.ts';
import { publicityTodos } from './todos.ts';
import type { Actor } from '../auth/actor.ts';

let t: TestApp;
let tree: Tree;
let city: TestClient;
let district: SignedInClient;
let committee: SignedInClient;
let secretary: SignedInClient;
let sibling: TestClient;
let inspector: TestClient;
let campaignId: number;
let ownActivity: number;
let siblingActivity: number;
let foreignActivity: number;

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  city = await t.loginAs('org_admin', tree.city);
  district = await t.loginAs('org_admin', tree.dA);
  committee = await t.loginAs('org_admin', tree.cA1);
  secretary = await t.loginAs('branch_secretary', tree.bA1a);
  sibling = await t.loginAs('branch_secretary', tree.bA1b);
  inspector = await t.loginAs('inspector', tree.cA1);
  campaignId = await launchCampaign(city, tree.city);
  ownActivity = await addActivity(secretary, campaignId, tree.bA1a);
  siblingActivity = await addActivity(sibling, campaignId, tree.bA1b);
  foreignActivity = await addActivity(await t.loginAs('branch_secretary', tree.bB1a), campaignId, tree.bB1a);
});
afterAll(() => t?.close());

const actorOf = (c: SignedInClient, role: Actor['grant']['role'], org: { id: number; path: string; name: string }): Actor => ({
  userId: c.user.id,
  username: c.user.username,
  displayName: c.user.username,
  memberId: null,
  sessionId: 'x',
  ip: null,
  grant: { id: 0, role, orgId: org.id, orgPath: org.path, orgName: org.name },
});

describe('a post from draft to the portal', () => {
  it('is written by the branch, submitted, approved by the committee above and counted in the roll-up', async () => {
    const photo = await uploadPhoto(secretary, tree.bA1a);
    const id = await writePost(secretary, campaignId, tree.bA1a, { photoIds: [photo], activityIds: [ownActivity], videoUrl: 'https://v.example.cn/1' });
    const draft = (await secretary.get(`/api/v1/publicity/posts/${id}`)).body;
    expect(draft).toMatchObject({ status: 'draft', canEdit: true, canReview: false, photoCount: 1, activities: [{ id: ownActivity }] });

    expect((await secretary.post(`/api/v1/publicity/posts/${id}/submit`)).body.status).toBe('submitted');
    const locked = await secretary.put(`/api/v1/publicity/posts/${id}`, { title: '改', body: '改', photoIds: [], activityIds: [] });
    expect([locked.status, locked.body.code]).toEqual([409, 'POST_LOCKED']);

    const queue = (await committee.get(`/api/v1/publicity/review-queue?campaignId=${campaignId}`)).body;
    expect(queue.items.map((p: { id: number }) => p.id)).toContain(id);
    const todos = await publicityTodos(t.ctx.db, actorOf(committee, 'org_admin', tree.cA1));
    expect(todos.map((x) => x.key)).toContain(`post_review:${id}`);

    const approved = await committee.post(`/api/v1/publicity/posts/${id}/review`, { decision: 'approve' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', canReview: false });
    expect((await stats(t, campaignId, tree.bA1a.id)).posts_published).toEqual([1, 1]);
    expect((await stats(t, campaignId, tree.city.id)).posts_published).toEqual([0, 1]);
    const log = await t.ctx.db.selectFrom('audit_log').select('action').where('target_type', '=', 'post').where('target_id', '=', String(id)).execute();
    expect(log.map((l) => l.action)).toEqual(expect.arrayContaining(['post.submit', 'post.approve']));

    // The unit takes it off the portal: the figure falls back in the same transaction.
    const withdrawn = await secretary.post(`/api/v1/publicity/posts/${id}/withdraw`);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', canEdit: true, publishedAt: null });
    expect((await stats(t, campaignId, tree.city.id)).posts_published).toBeUndefined();
  });

  it("returns a post to its author with the reviewer's comment, and the author revises and resubmits it", async () => {
    const id = await writePost(secretary, campaignId, tree.bA1a);
    await secretary.post(`/api/v1/publicity/posts/${id}/submit`);
    const noComment = await committee.post(`/api/v1/publicity/posts/${id}/review`, { decision: 'return' });
    expect([noComment.status, noComment.body.errors?.[0]?.field]).toEqual([422, 'comment']);
    expect((await committee.post(`/api/v1/publicity/posts/${id}/review`, { decision: 'return', comment: '请补充活动成效' })).status).toBe(200);

    const seen = (await secretary.get(`/api/v1/publicity/posts/${id}`)).body;
    expect(seen).toMatchObject({ status: 'returned', reviewComment: '请补充活动成效', canEdit: true });
    const todos = await publicityTodos(t.ctx.db, actorOf(secretary, 'branch_secretary', tree.bA1a));
    expect(todos.find((x) => x.key === `post_returned:${id}`)).toMatchObject({ detailZh: '请补充活动成效', link: `/publicity/posts/${id}` });

    const revised = await secretary.put(`/api/v1/publicity/posts/${id}`, { title: '修改后', body: '补充了成效。', photoIds: [], activityIds: [] });
    expect(revised.body).toMatchObject({ title: '修改后', status: 'returned' });
    expect((await secretary.post(`/api/v1/publicity/posts/${id}/submit`)).body.status).toBe('submitted');
  });
});

describe('review by the level above only', () => {
  it('refuses the unit reviewing its own post, and an admin above approving a post they wrote', async () => {
    const own = await writePost(committee, campaignId, tree.cA1);
    await committee.post(`/api/v1/publicity/posts/${own}/submit`);
    const self = await committee.post(`/api/v1/publicity/posts/${own}/review`, { decision: 'approve' });
    expect([self.status, self.body.code]).toEqual([403, 'POST_SELF_REVIEW']);
    expect((await committee.get(`/api/v1/publicity/review-queue`)).body.items.map((p: { id: number }) => p.id)).not.toContain(own);

    // The committee writes for a branch below, then tries to approve its own words.
    const forBranch = await writePost(committee, campaignId, tree.bA1b);
    await committee.post(`/api/v1/publicity/posts/${forBranch}/submit`);
    const bent = await committee.post(`/api/v1/publicity/posts/${forBranch}/review`, { decision: 'approve' });
    expect([bent.status, bent.body.code]).toEqual([403, 'POST_SELF_REVIEW']);
    expect((await district.post(`/api/v1/publicity/posts/${forBranch}/review`, { decision: 'approve' })).status).toBe(200);
    expect((await district.post(`/api/v1/publicity/posts/${own}/review`, { decision: 'approve' })).status).toBe(200);
  });

  it('gives a branch secretary and an inspector no review at all, and a sibling no sight of the post', async () => {
    const id = await writePost(secretary, campaignId, tree.bA1a);
    await secretary.post(`/api/v1/publicity/posts/${id}/submit`);
    expect((await secretary.post(`/api/v1/publicity/posts/${id}/review`, { decision: 'approve' })).status).toBe(403);
    expect((await inspector.post(`/api/v1/publicity/posts/${id}/review`, { decision: 'approve' })).status).toBe(403);
    expect((await sibling.get(`/api/v1/publicity/posts/${id}`)).status).toBe(404);
    expect((await inspector.get(`/api/v1/publicity/posts/${id}`)).status).toBe(200);
    expect((await secretary.get(`/api/v1/publicity/review-queue`)).status).toBe(403);
  });

  it('decides a post once', async () => {
    const id = await writePost(secretary, campaignId, tree.bA1a);
    await secretary.post(`/api/v1/publicity/posts/${id}/submit`);
    expect((await committee.post(`/api/v1/publicity/posts/${id}/review`, { decision: 'approve' })).status).toBe(200);
    const again = await district.post(`/api/v1/publicity/posts/${id}/review`, { decision: 'return', comment: '再议' });
    expect([again.status, again.body.code]).toEqual([409, 'POST_NOT_SUBMITTED']);
  });
});

describe('what a post may carry', () => {
  it('refuses a foreign activity id (404) and a sibling unit’s activity (422), writing nothing', async () => {
    const before = Number(
      (
        await t.ctx.db
          .selectFrom('post')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const foreign = await secretary.post('/api/v1/publicity/posts', {
      campaignId,
      orgId: tree.bA1a.id,
      title: '越界',
      body: '正文',
      activityIds: [foreignActivity],
    });
    expect([foreign.status, foreign.body.code]).toEqual([404, 'NOT_FOUND']);
    const notOwn = await committee.post('/api/v1/publicity/posts', {
      campaignId,
      orgId: tree.bA1a.id,
      title: '别人的活动',
      body: '正文',
      activityIds: [siblingActivity],
    });
    expect([notOwn.status, notOwn.body.errors?.[0]?.code]).toEqual([422, 'ACTIVITY_NOT_OF_UNIT']);
    const outside = await secretary.post('/api/v1/publicity/posts', { campaignId, orgId: tree.bA1b.id, title: '别的支部', body: '正文' });
    expect(outside.status).toBe(404);
    expect(
      Number(
        (
          await t.ctx.db
            .selectFrom('post')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(before);
  });

  it('takes web video links only', async () => {
    for (const videoUrl of ['javascript:alert(1)', 'data:text/html,<script>x</script>', 'file:///etc/passwd']) {
      const res = await secretary.post('/api/v1/publicity/posts', { campaignId, orgId: tree.bA1a.id, title: '视频', body: '正文', videoUrl });
      expect([res.status, res.body.errors?.[0]?.field, res.body.errors?.[0]?.code]).toEqual([422, 'videoUrl', 'URL_NOT_WEB']);
      expect(res.body.errors[0].messages).toMatchObject({ zh: expect.any(String), en: expect.any(String) });
    }
  });

  it('refuses a hostile file as a photo: a script named .jpg is not stored, a PDF is not a photo', async () => {
    const fake = await upload(secretary, tree.bA1a, 'photo', { name: 'evil.jpg', content: Buffer.from('<script>alert(1)</script>'), type: 'image/jpeg' });
    expect(fake.status).toBeGreaterThanOrEqual(400);
    expect(fake.status).toBeLessThan(500);
    const pdf = await upload(secretary, tree.bA1a, 'file', {
      name: '方案.pdf',
      content: Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
      type: 'application/pdf',
    });
    expect(pdf.status, JSON.stringify(pdf.body)).toBe(201);
    const res = await secretary.post('/api/v1/publicity/posts', { campaignId, orgId: tree.bA1a.id, title: '照片', body: '正文', photoIds: [pdf.body.id] });
    expect([res.status, res.body.errors?.[0]?.code]).toEqual([422, 'ATTACHMENT_NOT_USABLE']);
  });

  it('lists the unit’s posts for its cadres and the subtree’s for the levels above', async () => {
    const mine = (await secretary.get(`/api/v1/publicity/posts?campaignId=${campaignId}`)).body;
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((p: { orgId: number }) => p.orgId === tree.bA1a.id)).toBe(true);
    const above = (await committee.get(`/api/v1/publicity/posts?campaignId=${campaignId}&status=approved`)).body;
    expect(above.items.every((p: { status: string }) => p.status === 'approved')).toBe(true);
    const own = (await committee.get(`/api/v1/publicity/posts?ownOnly=1`)).body;
    expect(own.items.every((p: { orgId: number }) => p.orgId === tree.cA1.id)).toBe(true);
  });

  it('deletes a draft but not a published post', async () => {
    const id = await writePost(secretary, campaignId, tree.bA1a);
    expect((await secretary.delete(`/api/v1/publicity/posts/${id}`)).status).toBe(200);
    expect((await secretary.get(`/api/v1/publicity/posts/${id}`)).status).toBe(404);
    const published = await writePost(secretary, campaignId, tree.bA1a);
    await secretary.post(`/api/v1/publicity/posts/${published}/submit`);
    await committee.post(`/api/v1/publicity/posts/${published}/review`, { decision: 'approve' });
    const refused = await secretary.delete(`/api/v1/publicity/posts/${published}`);
    expect([refused.status, refused.body.code]).toEqual([409, 'POST_LOCKED']);
  });
});

import { afterAll, beforeAll } from 'vitest';
import { createTestApp, type TestApp } from '../../test/setup.ts';
import { createTree, type Tree } from '../../test/factories.ts';
import type { TestClient } from '../../test/client.ts';
import { describeScopeMatrix, type ScopeProbe } from '../../test/scope-matrix.ts';
import { addActivity, launchCampaign, mediaBody, uploadPhoto, writePost } from '../../test/publicity.ts';

/** The scope matrix (test/scope-matrix.ts) for every signed-in endpoint of publicity. */
let t: TestApp;
let tree: Tree;
let admin: TestClient;
let secretary: TestClient;
let campaignId: number;
const at = new Map<number, { post: number; submitted: number; approved: number; media: number; activity: number; photo: number }>();

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  const city = await t.loginAs('org_admin', tree.city);
  campaignId = await launchCampaign(city, tree.city);
  for (const org of [tree.cA1, tree.bA1a, tree.bA1b, tree.gA1x, tree.cA2, tree.bA2a, tree.dA, tree.bB1a]) {
    const post = await writePost(city, campaignId, org);
    const submitted = await writePost(city, campaignId, org);
    await city.post(`/api/v1/publicity/posts/${submitted}/submit`);
    const approved = await writePost(city, campaignId, org);
    await city.post(`/api/v1/publicity/posts/${approved}/submit`);
    await t.ctx.db.updateTable('post').set({ status: 'approved', published_at: new Date().toISOString() }).where('id', '=', approved).execute();
    const media = (await city.post('/api/v1/publicity/media', mediaBody(campaignId, org))).body.id as number;
    at.set(org.id, { post, submitted, approved, media, activity: await addActivity(city, campaignId, org), photo: await uploadPhoto(city, org) });
  }
  admin = await t.loginAs('org_admin', tree.cA1);
  secretary = await t.loginAs('branch_secretary', tree.bA1a);
});
afterAll(() => t?.close());

const of = (orgId: number) => at.get(orgId)!;
const fingerprint = async () => {
  const posts = await t.ctx.db.selectFrom('post').select(['id', 'status', 'title', 'updated_at']).orderBy('id').execute();
  const media = await t.ctx.db.selectFrom('media_coverage').select(['id', 'kind', 'updated_at']).orderBy('id').execute();
  const audits = await t.ctx.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return JSON.stringify({ posts, media, audits: audits.n });
};
const text = { title: '越界', body: '越界', videoUrl: null, photoIds: [], activityIds: [] };

const probes: Record<string, ScopeProbe> = {
  'GET /publicity/posts?orgId': (c, org) => c.get(`/api/v1/publicity/posts?orgId=${org.id}`),
  'GET /publicity/posts/:id': (c, org) => c.get(`/api/v1/publicity/posts/${of(org.id).post}`),
  'POST /publicity/posts (orgId)': (c, org) => c.post('/api/v1/publicity/posts', { campaignId, orgId: org.id, ...text }),
  'POST /publicity/posts (foreign photo)': (c, org) =>
    c.post('/api/v1/publicity/posts', { campaignId, orgId: tree.bA1a.id, ...text, photoIds: [of(org.id).photo] }),
  'POST /publicity/posts (foreign activity)': (c, org) =>
    c.post('/api/v1/publicity/posts', { campaignId, orgId: tree.bA1a.id, ...text, activityIds: [of(org.id).activity] }),
  'PUT /publicity/posts/:id': (c, org) => c.put(`/api/v1/publicity/posts/${of(org.id).post}`, text),
  'DELETE /publicity/posts/:id': (c, org) => c.delete(`/api/v1/publicity/posts/${of(org.id).post}`),
  'POST /publicity/posts/:id/submit': (c, org) => c.post(`/api/v1/publicity/posts/${of(org.id).post}/submit`),
  'POST /publicity/posts/:id/review': (c, org) => c.post(`/api/v1/publicity/posts/${of(org.id).submitted}/review`, { decision: 'approve' }),
  'POST /publicity/posts/:id/withdraw': (c, org) => c.post(`/api/v1/publicity/posts/${of(org.id).approved}/withdraw`),
  'GET /publicity/review-queue': async (c, org) => {
    const res = await c.get('/api/v1/publicity/review-queue');
    // The queue is the actor's own subtree: never a post of the probed organization.
    const leaked = res.status === 200 && res.body.items.some((p: { orgId: number }) => p.orgId === org.id);
    return { status: leaked ? 200 : res.status === 200 ? 404 : res.status };
  },
  'GET /publicity/media?orgId': (c, org) => c.get(`/api/v1/publicity/media?orgId=${org.id}`),
  'GET /publicity/media/:id': (c, org) => c.get(`/api/v1/publicity/media/${of(org.id).media}`),
  'POST /publicity/media (orgId)': (c, org) => c.post('/api/v1/publicity/media', mediaBody(campaignId, org)),
  'POST /publicity/media (foreign post)': (c, org) => c.post('/api/v1/publicity/media', mediaBody(campaignId, tree.bA1a, { postId: of(org.id).post })),
  'PUT /publicity/media/:id': (c, org) => c.put(`/api/v1/publicity/media/${of(org.id).media}`, mediaBody(campaignId, tree.bA1a)),
  'DELETE /publicity/media/:id': (c, org) => c.delete(`/api/v1/publicity/media/${of(org.id).media}`),
};

describeScopeMatrix({ tree: () => tree, admin: () => admin, secretary: () => secretary, probes, fingerprint });

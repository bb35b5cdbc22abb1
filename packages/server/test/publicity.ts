import sharp from 'sharp';
import { expect } from 'vitest';
import type { TestApp } from './setup.ts';
import { FormDataBody, type TestClient } from './client.ts';
import { yearPhases, type OrgRef } from './factories.ts';

/** Helpers of the publicity tests (src/publicity/*.test.ts, src/dashboard/recount-publicity.ts). */

export const today = () => new Date().toISOString().slice(0, 10);

export async function launchCampaign(admin: TestClient, org: OrgRef, name = '双争先主题实践活动') {
  const templateId = (await admin.get('/api/v1/templates')).body[0].id;
  const res = await admin.post('/api/v1/campaigns', { templateId, orgId: org.id, name, phases: yearPhases(new Date().getUTCFullYear()) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as number;
}

export async function addActivity(c: TestClient, campaignId: number, org: OrgRef, attendeeIds: number[] = []) {
  const res = await c.post('/api/v1/activities', {
    campaignId,
    orgId: org.id,
    type: 'publicity',
    form: null,
    title: '青春宣讲进社区',
    heldOn: today(),
    place: '团员活动室',
    summary: '宣讲活动',
    minutes: null,
    taskKeys: [],
    photoIds: [],
    attendeeIds,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as number;
}

export const jpeg = () =>
  sharp({ create: { width: 320, height: 200, channels: 3, background: { r: 200, g: 30, b: 30 } } })
    .jpeg()
    .toBuffer();

export async function upload(c: TestClient, org: OrgRef, kind: 'photo' | 'file', file: { name: string; content: Buffer; type: string }) {
  return c.request('POST', '/api/v1/attachments', new FormDataBody(file, { orgId: String(org.id), kind }));
}

export async function uploadPhoto(c: TestClient, org: OrgRef) {
  const res = await upload(c, org, 'photo', { name: 'IMG_0001.JPG', content: await jpeg(), type: 'image/jpeg' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as number;
}

export async function writePost(c: TestClient, campaignId: number, org: OrgRef, extra: Record<string, unknown> = {}) {
  const res = await c.post('/api/v1/publicity/posts', {
    campaignId,
    orgId: org.id,
    title: '我们的宣讲',
    body: '团支部开展了青春宣讲。',
    videoUrl: null,
    photoIds: [],
    activityIds: [],
    ...extra,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as number;
}

/** A post written by `author` and approved by `reviewer` (the level above). */
export async function publishedPost(author: TestClient, reviewer: TestClient, campaignId: number, org: OrgRef, extra: Record<string, unknown> = {}) {
  const id = await writePost(author, campaignId, org, extra);
  expect((await author.post(`/api/v1/publicity/posts/${id}/submit`)).status).toBe(200);
  const res = await reviewer.post(`/api/v1/publicity/posts/${id}/review`, { decision: 'approve' });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return id;
}

export const mediaBody = (campaignId: number, org: OrgRef, extra: Record<string, unknown> = {}) => ({
  campaignId,
  orgId: org.id,
  kind: 'press',
  level: 'city',
  outlet: '示范日报',
  publishedOn: today(),
  title: '青春宣讲进社区',
  url: 'https://news.example.cn/a/1',
  attachmentId: null,
  postId: null,
  activityId: null,
  ...extra,
});

/** The roll-up row of an organization in a campaign: metric → [own, subtree]. */
export async function stats(t: TestApp, campaignId: number, orgId: number) {
  const rows = await t.ctx.db
    .selectFrom('campaign_stat')
    .select(['metric', 'own', 'subtree'])
    .where('campaign_id', '=', campaignId)
    .where('org_id', '=', orgId)
    .execute();
  return Object.fromEntries(rows.filter((r) => Number(r.own) || Number(r.subtree)).map((r) => [r.metric, [Number(r.own), Number(r.subtree)]]));
}

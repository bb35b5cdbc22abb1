import { sql } from 'kysely';
import { expect } from 'vitest';
import { MEDIA_KIND_CODES, MEDIA_LEVEL_CODES } from '@zx/domain';
import type { TestApp } from './setup.ts';
import type { TestClient } from './client.ts';
import type { OrgRef } from './factories.ts';
import { mediaBody } from './publicity.ts';

/**
 * Publicity's part of the randomized recount (src/dashboard/recount.test.ts): random coverage
 * records and published or withdrawn posts among the random edits, and the `media`,
 * `media:<kind>`, `media@<level>` and `posts_published` figures of every organization recounted
 * from the raw rows — independently of publicity/facts.ts — against the roll-up rows.
 */
export function publicityRecount(t: TestApp) {
  let author: TestClient | null = null;
  let reviewer: TestClient | null = null;
  const media: Array<{ id: number }> = [];
  const approved: number[] = [];

  const subtree = (col: string, path: string) => sql<boolean>`(${sql.ref(col)} >= ${path} and ${sql.ref(col)} < ${`${path.slice(0, -1)}0`})`;

  return {
    /** One random publicity edit at `org` in `campaignId`; answers what it did (for the test's tally). */
    async edit(random: () => number, org: OrgRef, campaignId: number, city: OrgRef): Promise<string> {
      author ??= await t.loginAs('org_admin', city);
      reviewer ??= await t.loginAs('org_admin', city);
      const r = random();
      if (r < 0.45) {
        const kind = MEDIA_KIND_CODES[Math.floor(random() * MEDIA_KIND_CODES.length)];
        const level = MEDIA_LEVEL_CODES[Math.floor(random() * MEDIA_LEVEL_CODES.length)];
        const res = await author.post('/api/v1/publicity/media', mediaBody(campaignId, org, { kind, level }));
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        media.push({ id: res.body.id });
        return 'media.create';
      }
      if (r < 0.6 && media.length) {
        const [m] = media.splice(Math.floor(random() * media.length), 1);
        const res = await author.delete(`/api/v1/publicity/media/${m.id}`);
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        return 'media.delete';
      }
      if (r < 0.85 || !approved.length) {
        const created = await author.post('/api/v1/publicity/posts', { campaignId, orgId: org.id, title: '随机稿件', body: '正文' });
        expect(created.status, JSON.stringify(created.body)).toBe(201);
        await author.post(`/api/v1/publicity/posts/${created.body.id}/submit`);
        const res = await reviewer.post(`/api/v1/publicity/posts/${created.body.id}/review`, { decision: 'approve' });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        approved.push(created.body.id);
        return 'post.approve';
      }
      const [id] = approved.splice(Math.floor(random() * approved.length), 1);
      const res = await author.post(`/api/v1/publicity/posts/${id}/withdraw`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return 'post.withdraw';
    },

    /** The figures of `org`'s subtree recounted from media_coverage and post rows (active organizations only). */
    async recount(campaignId: number, org: { path: string }) {
      const db = t.ctx.db;
      const out: Record<string, number> = {};
      const rows = await db
        .selectFrom('media_coverage as m')
        .innerJoin('organization as o', 'o.id', 'm.org_id')
        .select(['m.kind', 'm.level', sql<number>`count(*)`.as('n')])
        .where('m.campaign_id', '=', campaignId)
        .where('o.status', '=', 'active')
        .where(subtree('o.path', org.path))
        .groupBy(['m.kind', 'm.level'])
        .execute();
      for (const x of rows) {
        for (const k of ['media', `media:${x.kind}`, `media@${x.level}`]) out[k] = (out[k] ?? 0) + Number(x.n);
      }
      const posts = await db
        .selectFrom('post as p')
        .innerJoin('organization as o', 'o.id', 'p.org_id')
        .select(sql<number>`count(*)`.as('n'))
        .where('p.campaign_id', '=', campaignId)
        .where('p.status', '=', 'approved')
        .where('o.status', '=', 'active')
        .where(subtree('o.path', org.path))
        .executeTakeFirst();
      if (Number(posts?.n ?? 0)) out.posts_published = Number(posts!.n);
      return out;
    },

    /** The media figures as the dashboard answer shows them, in the recount's shape. */
    shown(d: { media: { total: number; byKind: { kind: string; count: number }[]; byLevel: { level: string; count: number }[] } }) {
      const out: Record<string, number> = {};
      if (d.media.total) out.media = d.media.total;
      for (const k of d.media.byKind) if (k.count) out[`media:${k.kind}`] = k.count;
      for (const l of d.media.byLevel) if (l.count) out[`media@${l.level}`] = l.count;
      return out;
    },

    /** The media keys of a recount (the dashboard does not show published posts). */
    mediaOf: (figures: Record<string, number>) => Object.fromEntries(Object.entries(figures).filter(([k]) => k.startsWith('media'))),

    /** The same figures as the roll-up rows hold them (the subtree column the dashboard reads). */
    async rolledUp(campaignId: number, orgId: number) {
      const rows = await t.ctx.db
        .selectFrom('campaign_stat')
        .select(['metric', 'subtree'])
        .where('campaign_id', '=', campaignId)
        .where('org_id', '=', orgId)
        .where((eb) => eb.or([eb('metric', 'like', 'media%'), eb('metric', '=', 'posts_published')]))
        .execute();
      return Object.fromEntries(rows.filter((r) => Number(r.subtree) !== 0).map((r) => [r.metric, Number(r.subtree)]));
    },
  };
}

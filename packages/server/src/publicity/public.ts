import { currentPhase, isoToday } from '@zx/domain';
import { publicCampaign, publicPost, publicPostList, type PublicCampaign, type PublicPost, type PublicPostItem } from '@zx/contract/publicity';
import type { AppContext } from '../context.ts';
import { notFound } from '../http/errors.ts';
import { loadCampaign } from '../campaigns/rollup.ts';
import { publicRepository as repo } from './public-repository.ts';
import { portalCache } from './portal-cache.ts';

/** Every public miss answers the same: an unknown id, a draft, a returned or withdrawn post look alike. */
const missing = () => notFound({ zh: '内容', en: 'Content' });

const HIGHLIGHTS = 8;
const EXCERPT = 120;

const photoUrl = (postId: number, photoId: number) => `/api/v1/public/posts/${postId}/photos/${photoId}`;

async function photosOf(ctx: AppContext, postId: number, ids: number[]) {
  const rows = await repo.images(ctx.db, ids);
  return ids.flatMap((id) => {
    const r = rows.find((x) => x.id === id);
    return r ? [{ url: photoUrl(postId, id), thumbUrl: `${photoUrl(postId, id)}/thumb`, width: r.width, height: r.height }] : [];
  });
}

async function campaignOr404(ctx: AppContext, id: number) {
  const c = await loadCampaign(ctx.db, id);
  if (!c) throw missing();
  return c;
}

async function renderCampaign(ctx: AppContext, id: number): Promise<PublicCampaign> {
  const c = await campaignOr404(ctx, id);
  const today = isoToday();
  const recent = await repo.posts(ctx.db, id, 12, 0);
  const highlights: PublicCampaign['highlights'] = [];
  for (const p of recent) {
    if (highlights.length >= HIGHLIGHTS) break;
    for (const photo of await photosOf(ctx, p.id, p.photo_ids.slice(0, HIGHLIGHTS - highlights.length))) highlights.push({ ...photo, postId: p.id });
  }
  return {
    id: c.id,
    name: c.name,
    slogan: c.slogan,
    orgName: await repo.campaignOrgName(ctx.db, c.orgId),
    phases: c.definition.phases.flatMap((p) => {
      const d = c.dates.find((x) => x.key === p.key);
      return d ? [{ key: p.key, nameZh: p.nameZh, startsOn: d.startsOn, endsOn: d.endsOn }] : [];
    }),
    currentPhase: c.manualPhaseKey ?? currentPhase(c.dates, today)?.key ?? null,
    approvedPosts: await repo.approvedCount(ctx.db, id),
    exemplars: (await repo.selectedExemplars(ctx.db, id)).map((e) => ({
      title: e.title,
      kind: e.kind,
      name: e.kind === 'person' ? (e.member_name ?? '') : e.org_name,
    })),
    highlights,
    views: await repo.portalViews(ctx.db, id),
  };
}

async function renderPosts(ctx: AppContext, id: number, page: number, pageSize: number) {
  await campaignOr404(ctx, id);
  const rows = await repo.posts(ctx.db, id, pageSize, (page - 1) * pageSize);
  const items: PublicPostItem[] = [];
  for (const r of rows) {
    const [cover] = await photosOf(ctx, r.id, r.photo_ids.slice(0, 1));
    const flat = r.body.replace(/\s+/g, ' ').trim();
    items.push({
      id: r.id,
      title: r.title,
      excerpt: flat.length > EXCERPT ? `${flat.slice(0, EXCERPT)}…` : flat,
      orgName: r.org_name,
      publishedAt: r.published_at!,
      cover: cover ?? null,
      views: Number(r.views),
    });
  }
  return { items, total: await repo.approvedCount(ctx.db, id), page, pageSize };
}

async function renderPost(ctx: AppContext, campaignId: number, postId: number): Promise<PublicPost> {
  const r = await repo.post(ctx.db, campaignId, postId);
  if (!r) throw missing();
  return {
    id: r.id,
    campaignId: r.campaign_id,
    title: r.title,
    body: r.body,
    orgName: r.org_name,
    publishedAt: r.published_at!,
    videoUrl: r.video_url,
    photos: await photosOf(ctx, r.id, r.photo_ids),
    views: Number(r.views),
  };
}

/**
 * The public portal: approved posts only, answers cached per campaign as JSON bytes
 * (publicity/portal-cache.ts). Each answer is parsed through its contract schema when rendered,
 * so what is cached and sent holds no field the contract does not name.
 */
export const publicService = {
  campaign: (ctx: AppContext, id: number) => portalCache(ctx).get(id, 'campaign', async () => publicCampaign.parse(await renderCampaign(ctx, id))),
  posts: (ctx: AppContext, id: number, page: number, pageSize: number) =>
    portalCache(ctx).get(id, `posts:${page}:${pageSize}`, async () => publicPostList.parse(await renderPosts(ctx, id, page, pageSize))),
  post: (ctx: AppContext, campaignId: number, postId: number) =>
    portalCache(ctx).get(campaignId, `post:${postId}`, async () => publicPost.parse(await renderPost(ctx, campaignId, postId))),

  /** The bytes of a photo of an approved post (its thumbnail when asked), or 404 like any other miss. */
  async photo(ctx: AppContext, postId: number, photoId: number, thumb: boolean) {
    const ids = await repo.approvedPhotoIds(ctx.db, postId);
    if (!ids?.includes(photoId)) throw missing();
    const [img] = await repo.images(ctx.db, [photoId]);
    if (!img) throw missing();
    if (thumb) {
      if (!img.thumb_hash) throw missing();
      return { mime: 'image/webp', bytes: ctx.files.read(img.thumb_hash) };
    }
    return { mime: img.mime, bytes: ctx.files.read(img.hash) };
  },
};

import type { PostStatusCode } from '@zx/domain';
import type { Post, PostItem } from '@zx/contract/publicity';
import type { AppContext } from '../context.ts';
import type { Executor } from '../db/database.ts';
import { nowIso } from '../db/database.ts';
import type { PostStatus } from '../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { requireAccess, scopeRoot } from '../access/index.ts';
import { audit } from '../audit/service.ts';
import { conflict, forbidden, validationFailed } from '../http/errors.ts';
import { presentAttachments } from '../attachments/service.ts';
import { refreshUnits } from '../campaigns/rollup.ts';
import { postRepository as repo, type PostFilter } from './repository.ts';
import { publicityPolicy, selfReview } from './policy.ts';
import { campaignUnit, checkPostLinks, webUrl, type PostBody } from './checks.ts';
import { portalCache } from './portal-cache.ts';

type Row = NonNullable<Awaited<ReturnType<typeof repo.byId>>>;
type ListRow = Awaited<ReturnType<typeof repo.page>>['rows'][number];

function presentItem(r: ListRow | Row): PostItem {
  return {
    id: r.id,
    campaignId: r.campaign_id,
    campaignName: r.campaign_name,
    orgId: r.org_id,
    orgName: r.org_name,
    title: r.title,
    status: r.status as PostStatusCode,
    photoCount: r.photo_ids.length,
    coverThumbUrl: r.photo_ids.length ? `/api/v1/attachments/${r.photo_ids[0]}/thumb` : null,
    views: Number(r.views),
    submittedAt: r.submitted_at,
    publishedAt: r.published_at,
    updatedAt: r.updated_at,
  };
}

async function present(ex: Executor, actor: Actor, r: Row): Promise<Post> {
  const activities = await repo.activities(ex, r.activity_ids);
  return {
    ...presentItem(r),
    body: r.body,
    videoUrl: r.video_url,
    photos: await presentAttachments(ex, r.photo_ids),
    activities: r.activity_ids.flatMap((id) => {
      const a = activities.find((x) => x.id === id);
      return a ? [{ id: a.id, title: a.title, heldOn: a.held_on }] : [];
    }),
    reviewComment: r.review_comment,
    reviewedAt: r.reviewed_at,
    canEdit: publicityPolicy.edit(actor, r),
    canReview: publicityPolicy.review(actor, r),
    canWithdraw: publicityPolicy.withdraw(actor, r),
  };
}

const notInState = (code: string, zh: string, en: string) => conflict(code, zh, en);
const text = (b: PostBody) => {
  const title = b.title.trim();
  const body = b.body.replace(/\r\n/g, '\n').trim();
  const errors = [];
  if (!title) errors.push({ field: 'title', code: 'FIELD_REQUIRED', message: { zh: '请填写标题', en: 'The post needs a title' } });
  if (!body) errors.push({ field: 'body', code: 'FIELD_REQUIRED', message: { zh: '请填写正文', en: 'The post needs a text' } });
  if (errors.length) throw validationFailed(errors);
  return { title, body };
};

async function load(ex: Executor, actor: Actor, id: number, need: 'publicity.read' | 'publicity.write' | 'publicity.review') {
  await requireAccess(ex, actor, need, 'post', id);
  return (await repo.byId(ex, id))!;
}

export const postService = {
  async list(
    ctx: AppContext,
    actor: Actor,
    q: { campaignId?: number; orgId?: number; status?: PostStatus; ownOnly?: boolean },
    page: { page: number; pageSize: number },
  ) {
    const org = await requireAccess(ctx.db, actor, 'publicity.read', 'org', q.orgId ?? actor.grant.orgId);
    const f: PostFilter = { orgPath: org.path, campaignId: q.campaignId, status: q.status, orgId: q.ownOnly ? org.id : undefined };
    const { rows, total } = await repo.page(ctx.db, f, page.pageSize, (page.page - 1) * page.pageSize);
    return { items: rows.map(presentItem), total, ...page };
  },

  /** Submitted posts of the units below the reviewer, oldest first in the queue's sense of "waiting". */
  async reviewQueue(ctx: AppContext, actor: Actor, q: { campaignId?: number }, page: { page: number; pageSize: number }) {
    const root = scopeRoot(actor, 'publicity.review');
    const { rows, total } = await repo.page(
      ctx.db,
      { orgPath: root, campaignId: q.campaignId, status: 'submitted', notOrgPath: root },
      page.pageSize,
      (page.page - 1) * page.pageSize,
    );
    return { items: rows.map(presentItem), total, ...page };
  },

  get: async (ctx: AppContext, actor: Actor, id: number) => present(ctx.db, actor, await load(ctx.db, actor, id, 'publicity.read')),

  async create(ctx: AppContext, actor: Actor, b: PostBody) {
    const id = await ctx.db.transaction().execute(async (trx) => {
      const { c, org } = await campaignUnit(trx, actor, b.campaignId, b.orgId);
      const { title, body } = text(b);
      const videoUrl = webUrl(b.videoUrl, 'videoUrl');
      const activityIds = await checkPostLinks(trx, actor, c, org, b);
      const at = nowIso();
      const { id } = await repo.insert(trx, {
        campaign_id: c.id,
        org_id: org.id,
        org_path: org.path,
        title,
        body,
        video_url: videoUrl,
        photo_ids: [...new Set(b.photoIds)],
        activity_ids: activityIds,
        status: 'draft',
        created_by: actor.userId,
        created_at: at,
        updated_at: at,
      });
      return id;
    });
    return present(ctx.db, actor, (await repo.byId(ctx.db, id))!);
  },

  async update(ctx: AppContext, actor: Actor, id: number, b: Omit<PostBody, 'campaignId' | 'orgId'>) {
    await ctx.db.transaction().execute(async (trx) => {
      const p = await load(trx, actor, id, 'publicity.write');
      if (!publicityPolicy.edit(actor, p)) throw notInState('POST_LOCKED', '稿件已提交或已发布，不能修改', 'A submitted or published post cannot be changed');
      const { c, org } = await campaignUnit(trx, actor, p.campaign_id, p.org_id);
      const { title, body } = text({ ...b, campaignId: c.id, orgId: org.id });
      const videoUrl = webUrl(b.videoUrl, 'videoUrl');
      const activityIds = await checkPostLinks(trx, actor, c, org, { ...b, campaignId: c.id, orgId: org.id });
      await repo.update(trx, id, { title, body, video_url: videoUrl, photo_ids: [...new Set(b.photoIds)], activity_ids: activityIds, updated_at: nowIso() });
    });
    return postService.get(ctx, actor, id);
  },

  async remove(ctx: AppContext, actor: Actor, id: number) {
    await ctx.db.transaction().execute(async (trx) => {
      const p = await load(trx, actor, id, 'publicity.write');
      if (!publicityPolicy.edit(actor, p)) throw notInState('POST_LOCKED', '稿件已提交或已发布，不能删除', 'A submitted or published post cannot be deleted');
      await repo.delete(trx, id);
      await audit(trx, actor, { action: 'post.delete', targetType: 'post', targetId: id, summary: { title: p.title, orgId: p.org_id } });
    });
    return { ok: true as const };
  },

  async submit(ctx: AppContext, actor: Actor, id: number) {
    await ctx.db.transaction().execute(async (trx) => {
      const p = await load(trx, actor, id, 'publicity.write');
      if (!publicityPolicy.edit(actor, p)) throw notInState('POST_NOT_DRAFT', '该稿件已提交或已发布', 'This post is already submitted or published');
      const at = nowIso();
      await repo.update(trx, id, { status: 'submitted', submitted_at: at, updated_at: at });
      await audit(trx, actor, { action: 'post.submit', targetType: 'post', targetId: id, summary: { orgId: p.org_id, campaignId: p.campaign_id } });
    });
    return postService.get(ctx, actor, id);
  },

  /** The level above approves (the post goes public) or returns it with a comment the unit reads. */
  async review(ctx: AppContext, actor: Actor, id: number, input: { decision: 'approve' | 'return'; comment?: string | null }) {
    const campaignId = await ctx.db.transaction().execute(async (trx) => {
      const p = await load(trx, actor, id, 'publicity.review');
      if (p.status !== 'submitted') throw notInState('POST_NOT_SUBMITTED', '该稿件当前不在待审核状态', 'This post is not awaiting review');
      if (!publicityPolicy.review(actor, p)) throw selfReview();
      const comment = input.comment?.trim() || null;
      if (input.decision === 'return' && !comment) {
        throw validationFailed([
          { field: 'comment', code: 'FIELD_REQUIRED', message: { zh: '退回时请填写修改意见', en: 'Say what to change when returning a post' } },
        ]);
      }
      const at = nowIso();
      await repo.update(trx, id, {
        status: input.decision === 'approve' ? 'approved' : 'returned',
        review_comment: comment,
        reviewed_at: at,
        reviewed_by: actor.userId,
        published_at: input.decision === 'approve' ? at : null,
        updated_at: at,
      });
      await audit(trx, actor, { action: `post.${input.decision}`, targetType: 'post', targetId: id, summary: { orgId: p.org_id, campaignId: p.campaign_id } });
      await refreshUnits(trx, p.campaign_id, [p.org_id]);
      return p.campaign_id;
    });
    portalCache(ctx).invalidate(campaignId);
    return postService.get(ctx, actor, id);
  },

  /** The unit takes its approved post off the portal; it becomes editable again. */
  async withdraw(ctx: AppContext, actor: Actor, id: number) {
    const campaignId = await ctx.db.transaction().execute(async (trx) => {
      const p = await load(trx, actor, id, 'publicity.write');
      if (!publicityPolicy.withdraw(actor, p)) {
        if (p.status !== 'approved') throw notInState('POST_NOT_PUBLISHED', '只有已发布的稿件可以撤回', 'Only a published post can be withdrawn');
        throw forbidden();
      }
      const at = nowIso();
      await repo.update(trx, id, { status: 'withdrawn', published_at: null, updated_at: at });
      await audit(trx, actor, { action: 'post.withdraw', targetType: 'post', targetId: id, summary: { orgId: p.org_id, campaignId: p.campaign_id } });
      await refreshUnits(trx, p.campaign_id, [p.org_id]);
      return p.campaign_id;
    });
    portalCache(ctx).invalidate(campaignId);
    return postService.get(ctx, actor, id);
  },
};

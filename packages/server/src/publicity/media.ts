import type { FieldError, MediaKind, MediaLevel } from '@zx/domain';
import type { MediaCoverage } from '@zx/contract/publicity';
import type { AppContext } from '../context.ts';
import type { Executor } from '../db/database.ts';
import { nowIso } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { requireAccess } from '../access/index.ts';
import { isInSubtree } from '../access/paths.ts';
import { audit } from '../audit/service.ts';
import { forbidden, validationFailed } from '../http/errors.ts';
import { attachmentsUsable, presentAttachments } from '../attachments/service.ts';
import { refreshUnits } from '../campaigns/rollup.ts';
import { mediaRepository as repo, postRepository, type MediaFilter } from './repository.ts';
import { publicityPolicy } from './policy.ts';
import { campaignUnit, webUrl } from './checks.ts';

export interface MediaBody {
  campaignId: number;
  orgId: number;
  kind: MediaKind;
  level: MediaLevel;
  outlet: string;
  publishedOn: string;
  title: string;
  url: string | null;
  attachmentId: number | null;
  postId: number | null;
  activityId: number | null;
}

type Row = NonNullable<Awaited<ReturnType<typeof repo.byId>>>;

async function present(ex: Executor, actor: Actor, r: Row): Promise<MediaCoverage> {
  const [clipping] = r.attachment_id ? await presentAttachments(ex, [r.attachment_id]) : [];
  return {
    id: r.id,
    campaignId: r.campaign_id,
    orgId: r.org_id,
    orgName: r.org_name,
    kind: r.kind as MediaKind,
    level: r.level as MediaLevel,
    outlet: r.outlet,
    publishedOn: r.published_on,
    title: r.title,
    url: r.url,
    clipping: clipping ?? null,
    postId: r.post_id,
    activityId: r.activity_id,
    canEdit: publicityPolicy.editMedia(actor, r),
    createdAt: r.created_at,
  };
}

const fieldError = (field: string, code: string, zh: string, en: string): FieldError => ({ field, code, message: { zh, en } });

/** A record's columns from a body: the unit and campaign in scope, a web link or a clipping (image or PDF), links to the unit's own post or activity. */
async function columns(ex: Executor, actor: Actor, b: MediaBody) {
  const { c, org } = await campaignUnit(ex, actor, b.campaignId, b.orgId);
  const url = webUrl(b.url, 'url');
  const errors: FieldError[] = [];
  if (!url && !b.attachmentId)
    errors.push(fieldError('url', 'MEDIA_SOURCE_REQUIRED', '请填写报道链接或上传报道截图/剪报', 'Give a link to the coverage or upload a clipping'));
  if (b.publishedOn > nowIso().slice(0, 10))
    errors.push(fieldError('publishedOn', 'DATE_IN_FUTURE', '报道日期不能晚于今天', 'The date cannot be in the future'));
  if (errors.length) throw validationFailed(errors);
  if (b.attachmentId) {
    await attachmentsUsable(ex, actor, [b.attachmentId], org, { field: 'attachmentId' });
    const [file] = await presentAttachments(ex, [b.attachmentId]);
    if (!file || !(file.mime.startsWith('image/') || file.mime === 'application/pdf')) {
      throw validationFailed([fieldError('attachmentId', 'CLIPPING_TYPE', '剪报须为图片或 PDF 文件', 'A clipping is an image or a PDF file')]);
    }
  }
  if (b.postId) {
    const p = await requireAccess(ex, actor, 'publicity.read', 'post', b.postId);
    if (p.campaign_id !== c.id || !isInSubtree(org.path, p.org_path))
      throw validationFailed([
        fieldError('postId', 'POST_NOT_OF_UNIT', '只能关联本组织在本次活动中的稿件', "Only the unit's own posts of this campaign can be linked"),
      ]);
  }
  if (b.activityId) {
    const [a] = await postRepository.activities(ex, [(await requireAccess(ex, actor, 'activity.read', 'activity', b.activityId)).id]);
    if (!a || a.campaign_id !== c.id || !isInSubtree(org.path, a.org_path))
      throw validationFailed([
        fieldError(
          'activityId',
          'ACTIVITY_NOT_OF_UNIT',
          '只能关联本组织在本次活动中的活动记录',
          "Only the unit's own activities of this campaign can be linked",
        ),
      ]);
  }
  return {
    campaign_id: c.id,
    org_id: org.id,
    org_path: org.path,
    kind: b.kind,
    level: b.level,
    outlet: b.outlet.trim(),
    published_on: b.publishedOn,
    title: b.title.trim(),
    url,
    attachment_id: b.attachmentId,
    post_id: b.postId,
    activity_id: b.activityId,
  };
}

export const mediaService = {
  async list(
    ctx: AppContext,
    actor: Actor,
    q: Omit<MediaFilter, 'orgPath' | 'orgId'> & { orgId?: number; ownOnly?: boolean },
    page: { page: number; pageSize: number },
  ) {
    const org = await requireAccess(ctx.db, actor, 'publicity.read', 'org', q.orgId ?? actor.grant.orgId);
    const { rows, total } = await repo.page(
      ctx.db,
      { ...q, orgPath: org.path, orgId: q.ownOnly ? org.id : undefined },
      page.pageSize,
      (page.page - 1) * page.pageSize,
    );
    const items = [];
    for (const r of rows) items.push(await present(ctx.db, actor, r));
    return { items, total, ...page };
  },

  async get(ctx: AppContext, actor: Actor, id: number) {
    await requireAccess(ctx.db, actor, 'publicity.read', 'mediaCoverage', id);
    return present(ctx.db, actor, (await repo.byId(ctx.db, id))!);
  },

  async create(ctx: AppContext, actor: Actor, b: MediaBody) {
    const id = await ctx.db.transaction().execute(async (trx) => {
      const row = await columns(trx, actor, b);
      const at = nowIso();
      const { id } = await repo.insert(trx, { ...row, created_by: actor.userId, created_at: at, updated_at: at });
      await audit(trx, actor, {
        action: 'media.create',
        targetType: 'media_coverage',
        targetId: id,
        summary: { orgId: row.org_id, kind: row.kind, level: row.level },
      });
      await refreshUnits(trx, row.campaign_id, [row.org_id]);
      return id;
    });
    return mediaService.get(ctx, actor, id);
  },

  async update(ctx: AppContext, actor: Actor, id: number, b: MediaBody) {
    await ctx.db.transaction().execute(async (trx) => {
      const old = await requireAccess(trx, actor, 'publicity.write', 'mediaCoverage', id);
      if (!publicityPolicy.editMedia(actor, old)) throw forbidden();
      const row = await columns(trx, actor, b);
      await repo.update(trx, id, { ...row, updated_at: nowIso() });
      await audit(trx, actor, {
        action: 'media.update',
        targetType: 'media_coverage',
        targetId: id,
        summary: { orgId: row.org_id, kind: row.kind, level: row.level },
      });
      await refreshUnits(trx, old.campaign_id, [old.org_id]);
      if (old.campaign_id !== row.campaign_id || old.org_id !== row.org_id) await refreshUnits(trx, row.campaign_id, [row.org_id]);
    });
    return mediaService.get(ctx, actor, id);
  },

  async remove(ctx: AppContext, actor: Actor, id: number) {
    await ctx.db.transaction().execute(async (trx) => {
      const old = await requireAccess(trx, actor, 'publicity.write', 'mediaCoverage', id);
      if (!publicityPolicy.editMedia(actor, old)) throw forbidden();
      await repo.delete(trx, id);
      await audit(trx, actor, { action: 'media.delete', targetType: 'media_coverage', targetId: id, summary: { orgId: old.org_id, title: old.title } });
      await refreshUnits(trx, old.campaign_id, [old.org_id]);
    });
    return { ok: true as const };
  },
};

import { isWebUrl, type FieldError } from '@zx/domain';
import type { Executor } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import type { CampaignModel } from '../campaigns/model.ts';
import { isInSubtree } from '../access/paths.ts';
import { requireAccess, requireAll } from '../access/index.ts';
import { notFound, validationFailed } from '../http/errors.ts';
import { attachmentsUsable } from '../attachments/service.ts';
import { loadCampaign } from '../campaigns/rollup.ts';
import { postRepository } from './repository.ts';

export interface PostBody {
  campaignId: number;
  orgId: number;
  title: string;
  body: string;
  videoUrl: string | null;
  photoIds: number[];
  activityIds: number[];
}

const urlError = (field: string): FieldError => ({
  field,
  code: 'URL_NOT_WEB',
  message: { zh: '链接须以 http:// 或 https:// 开头', en: 'The link must start with http:// or https://' },
});

/** A web link or nothing; anything else (javascript:, data:, file:) is refused on its field. */
export function webUrl(value: string | null | undefined, field: string): string | null {
  const v = value?.trim() || null;
  if (v && !isWebUrl(v)) throw validationFailed([urlError(field)]);
  return v;
}

/**
 * The campaign and unit a post or coverage record belongs to: the campaign readable by the
 * actor, the unit in the actor's scope and inside the campaign (404 otherwise, as for any id out of scope).
 */
export async function campaignUnit(
  ex: Executor,
  actor: Actor,
  campaignId: number,
  orgId: number,
): Promise<{ c: CampaignModel; org: { id: number; path: string; name: string } }> {
  await requireAccess(ex, actor, 'publicity.write', 'campaign', campaignId);
  const org = await requireAccess(ex, actor, 'publicity.write', 'org', orgId);
  const c = await loadCampaign(ex, campaignId);
  if (!c || !isInSubtree(c.orgPath, org.path)) throw notFound({ zh: '组织', en: 'Organization' });
  return { c, org };
}

/**
 * Photos and activities named by a post: photos must be images of the unit's subtree, and
 * activities — in the actor's scope first (404 for a foreign id) — the unit's own, in this campaign (422).
 */
export async function checkPostLinks(ex: Executor, actor: Actor, c: CampaignModel, org: { path: string }, b: PostBody) {
  await attachmentsUsable(ex, actor, b.photoIds, org, { field: 'photoIds', kind: 'photo' });
  const activityIds = [...new Set(b.activityIds)];
  await requireAll(ex, actor, 'activity.read', 'activity', activityIds, 'activityIds');
  const rows = await postRepository.activities(ex, activityIds);
  const errors: FieldError[] = [];
  for (const [i, id] of activityIds.entries()) {
    const a = rows.find((r) => r.id === id);
    if (!a || a.campaign_id !== c.id || !isInSubtree(org.path, a.org_path)) {
      errors.push({
        field: `activityIds.${i}`,
        code: 'ACTIVITY_NOT_OF_UNIT',
        message: { zh: '只能关联本组织在本次活动中的活动记录', en: "Only the unit's own activities of this campaign can be linked" },
      });
    }
  }
  if (errors.length) throw validationFailed(errors);
  return activityIds;
}

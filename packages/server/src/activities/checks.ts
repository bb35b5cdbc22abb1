import { isoToday, validateActivity, type FieldError } from '@zx/domain';
import type { Executor } from '../db/database.ts';
import type { Organization } from '../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { requireAll } from '../access/index.ts';
import { isInSubtree } from '../access/paths.ts';
import { AppError, validationFailed } from '../http/errors.ts';
import { loadCampaign } from '../campaigns/rollup.ts';
import type { CampaignModel } from '../campaigns/model.ts';
import { attachmentsUsable } from '../attachments/service.ts';
import { activityRepository as repo } from './repository.ts';

/** The rules an activity must meet before it is written: ids in reach, then every field rule at once. */

export interface ActivityBody {
  campaignId: number;
  orgId: number;
  type: string;
  form?: string | null;
  title: string;
  heldOn: string;
  place: string;
  summary: string;
  minutes?: string | null;
  taskKeys?: string[];
  photoIds?: number[];
  attendeeIds?: number[];
  notable?: boolean;
  demoSiteId?: number | null;
}

/**
 * Ids of the body that name things (attendees, photos, the demonstration site) must be in the
 * actor's reach — 404 with a field error per refused position, before any rule is checked;
 * whether each also fits this activity (an active member of the unit, a photo of the unit, a
 * selected demonstration site) is a 422 of `checked` / linkDemoSiteVisit.
 */
export async function idsInReach(trx: Executor, actor: Actor, input: Partial<ActivityBody>) {
  if (input.attendeeIds?.length) await requireAll(trx, actor, 'activity.write', 'member', input.attendeeIds, 'attendeeIds');
  if (input.photoIds?.length) await requireAll(trx, actor, 'activity.write', 'attachment', input.photoIds, 'photoIds');
  if (input.demoSiteId) await requireAll(trx, actor, 'exemplar.read', 'exemplar', [input.demoSiteId], 'demoSiteId');
}

const unique = (ids: number[]) => [...new Set(ids)];

/** Collects an AppError's field errors instead of throwing it. */
async function collect(errors: FieldError[], check: () => Promise<void>) {
  try {
    await check();
  } catch (e) {
    if (e instanceof AppError && e.fieldErrors.length) errors.push(...e.fieldErrors);
    else throw e;
  }
}

interface Checked {
  campaign: CampaignModel;
  form: string | null;
  minutes: string | null;
  taskKeys: string[];
  photoIds: number[];
  attendeeIds: number[] | null;
}

/**
 * Every rule of an activity at `org`, reported together as field errors; nothing is written
 * before they pass. `recheck` says which stored values must be checked again (an edit that
 * does not touch attendance does not fail because a member has since left).
 */
export async function checked(
  trx: Executor,
  actor: Actor,
  org: Organization,
  v: Required<Omit<ActivityBody, 'notable' | 'attendeeIds' | 'demoSiteId'>> & { attendeeIds: number[] | null },
  recheck: { date: boolean; photos: boolean },
): Promise<Checked> {
  const errors: FieldError[] = [];
  if (org.status !== 'active')
    errors.push({ field: 'orgId', code: 'ORG_INACTIVE', message: { zh: '该组织已撤销或合并，不能记录活动', en: 'This organization is no longer active' } });
  const campaign = await loadCampaign(trx, v.campaignId);
  if (!campaign || !isInSubtree(campaign.orgPath, org.path)) {
    errors.push({
      field: 'campaignId',
      code: 'CAMPAIGN_NOT_COVERING',
      message: { zh: '该主题实践活动不覆盖此组织', en: 'This campaign does not cover the organization' },
    });
  } else {
    const ruleErrors = validateActivity(
      { type: v.type, form: v.form || null, heldOn: v.heldOn, minutes: v.minutes, taskKeys: v.taskKeys },
      campaign,
      isoToday(),
    );
    errors.push(...ruleErrors.filter((e) => recheck.date || e.field !== 'heldOn'));
  }
  if (recheck.photos && v.photoIds.length) {
    await collect(errors, () => attachmentsUsable(trx, actor, v.photoIds, org, { field: 'photoIds', kind: 'photo' }));
  }
  if (v.attendeeIds) {
    const eligible = await repo.eligibleMembers(trx, org.path, unique(v.attendeeIds));
    v.attendeeIds.forEach((id, i) => {
      if (!eligible.has(id)) {
        errors.push({
          field: `attendeeIds.${i}`,
          code: 'ATTENDEE_NOT_ELIGIBLE',
          message: { zh: '参加人员须是本组织（含下级）的在册团员', en: 'Attendees must be active members of the organization or its units' },
        });
      }
    });
  }
  if (errors.length) throw validationFailed(errors);
  return {
    campaign: campaign!,
    form: v.type === 'party_education' ? v.form || null : null,
    minutes: v.type === 'symposium' ? v.minutes?.trim() || null : null,
    taskKeys: [...new Set(v.taskKeys)],
    photoIds: unique(v.photoIds),
    attendeeIds: v.attendeeIds ? unique(v.attendeeIds) : null,
  };
}

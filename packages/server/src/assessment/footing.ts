import { planRequiredTypes, type CampaignTemplate, type Reason, type Rubric, type TierCode } from '@zx/domain';
import type { Executor } from '../db/database.ts';
import type { Organization } from '../db/schema.ts';
import type { AssessmentStatus } from '../db/schema-assessment.ts';
import type { Actor } from '../auth/actor.ts';
import { accessibleRows, requireAccess } from '../access/index.ts';
import { isInSubtree } from '../access/paths.ts';
import { notFound, validationFailed } from '../http/errors.ts';
import type { CampaignModel } from '../campaigns/model.ts';
import { assessmentPolicy } from './policy.ts';
import { assessmentRepository as repo, type AssessmentItem } from './repository.ts';

/** What every self-assessment flow stands on: the campaign and unit in reach, the stored sheet, the rules' inputs. */

export const ORG = { zh: '组织', en: 'Organization' };
export const ASSESSMENT = { zh: '自评', en: 'Self-assessment' };

export type AssessmentListStatus = AssessmentStatus | 'missing';
export type ItemRow = AssessmentItem;

/** The campaign model, with the organization types that self-assess in it. */
export interface Campaign extends CampaignModel {
  types: string[];
}

export interface ItemInput {
  key: string;
  score: number;
  note?: string | null;
  activityIds?: number[];
  attachmentIds?: number[];
}
export interface VetoInput {
  key: string;
  failed: boolean;
  note?: string | null;
}
export interface SelfInput {
  summary?: string | null;
  items: ItemInput[];
  vetoes: VetoInput[];
}
export interface VerifyInput {
  items: Array<{ key: string; score: number; reason?: string | null }>;
  vetoes: Array<{ key: string; failed: boolean; reason?: string | null }>;
  comment?: string | null;
  dryRun?: boolean;
}

/** Organization types that self-assess: those of the campaign's self-assessment task, else the plan types. */
export function assessedTypes(definition: CampaignTemplate): string[] {
  const task = definition.phases.flatMap((p) => p.tasks).find((t) => t.evidence.kind === 'self_assessment_verified');
  return task ? task.orgTypes : planRequiredTypes(definition);
}

export const toCampaign = (c: CampaignModel): Campaign => ({ ...c, types: assessedTypes(c.definition) });

export type Acting = 'assessment.read' | 'assessment.write' | 'assessment.verify';

/** A campaign the actor sees (covering its organization or launched inside its subtree), else 403 / 404. */
export const visibleCampaign = async (ex: Executor, actor: Actor, action: Acting, id: number): Promise<Campaign> =>
  toCampaign(await requireAccess(ex, actor, action, 'campaign', id));

/** A unit in the actor's scope, covered by the campaign, or 404. */
export async function unitOf(ex: Executor, actor: Actor, action: Acting, c: Campaign, orgId: number): Promise<Organization> {
  const org = await requireAccess(ex, actor, action, 'org', orgId);
  if (!isInSubtree(c.orgPath, org.path)) throw notFound(ORG);
  return org;
}

export function assertAssessed(c: Campaign, org: Organization) {
  if (org.status !== 'active' || !c.types.includes(org.type_code)) {
    throw validationFailed([
      {
        field: 'orgId',
        code: 'ASSESSMENT_NOT_REQUIRED',
        message: { zh: '该组织不参加本活动的达标争先考评', en: 'This organization is not assessed in this campaign' },
      },
    ]);
  }
}

export const loadAssessment = repo.find;
export const loadItems = repo.items;

/** Item values as the verifier left them (its value where it changed one, else the unit's). */
export function finalValues(items: ItemRow[]) {
  const scores = new Map<string, number>();
  const vetoesFailed: string[] = [];
  for (const i of items) {
    const v = Number(i.verified_value ?? i.self_value);
    if (i.kind === 'veto') {
      if (v === 1) vetoesFailed.push(i.item_key);
    } else scores.set(i.item_key, v);
  }
  return { scores, vetoesFailed };
}

/**
 * The rules' inputs besides the score: sub-unit tiers (团总支 rule) and the cap usage. A cap
 * applies per level above: the pool is the assessments (any status) of the units under the
 * same parent as this one — the peers one organization verifies side by side — and `taken`
 * counts those of them already verified into the capped tier.
 */
export async function ruleContext(ex: Executor, c: Campaign, org: Organization, rubric: Rubric) {
  const subUnitTiers = (await repo.subUnitTiers(ex, c.id, org.id)).flatMap((t) => (t ? [t as TierCode] : []));
  const capUsage: Array<{ tier: TierCode; pool: number; taken: number }> = [];
  if (org.parent_id == null) return { subUnitTiers, capUsage };
  for (const cap of rubric.settings.caps) {
    // This unit counts even before its first save (the verifier's preview).
    const { pool, taken, hasOwn } = await repo.peerUsage(ex, c.id, { id: org.id, parent_id: org.parent_id }, cap.tier);
    capUsage.push({ tier: cap.tier, pool: pool + (hasOwn ? 0 : 1), taken });
  }
  return { subUnitTiers, capUsage };
}

export function presentOutcome(o: { tier: TierCode | null; byScore: TierCode; reasons: Reason[] }, total: number) {
  return { total, tier: o.tier, tierByScore: o.byScore, reasons: o.reasons };
}

/** Clears both signatures: what they confirmed has changed. */
export const unsigned = {
  secretary_user_id: null,
  secretary_name: null,
  secretary_signed_at: null,
  representative_member_id: null,
  representative_name: null,
  representative_signed_at: null,
} as const;

/**
 * Reads one unit's self-assessment: in the actor's scope (assessment.read), or as a member
 * representative of the unit, whatever the role (the kinds reach nothing else).
 */
export async function readable(ex: Executor, actor: Actor, campaignId: number, orgId: number) {
  const [campaign] = await accessibleRows(ex, actor, null, 'assessmentCampaign', [campaignId]);
  const [org] = await accessibleRows(ex, actor, null, 'assessmentUnit', [orgId]);
  if (!campaign || !org || !isInSubtree(campaign.orgPath, org.path)) throw notFound(ASSESSMENT);
  const c = toCampaign(campaign);
  return { c, org, asRepresentative: !assessmentPolicy.read(actor, org) };
}

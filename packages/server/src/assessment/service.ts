import type { Selectable } from 'kysely';
import {
  decideTier,
  isoToday,
  itemScoreError,
  planRequiredTypes,
  rubricItems,
  rubricMax,
  scoreSheet,
  TIER_NAMES,
  TITLE_NAMES,
  titleProblems,
  type CampaignTemplate,
  type FieldError,
  type PhaseDates,
  type Reason,
  type Rubric,
  type TierCode,
  type TitleCode,
} from '@zx/domain';
import type { ActivityTypeCode } from '@zx/domain/campaign/activity-types';
import type { AppContext } from '../context.ts';
import type { Executor } from '../db/database.ts';
import { nowIso } from '../db/database.ts';
import type { Organization } from '../db/schema.ts';
import type { AssessmentItemTable, AssessmentStatus } from '../db/schema-assessment.ts';
import type { Actor } from '../auth/actor.ts';
import { accessibleRows, requireAccess, requireAll, scopeRoot } from '../access/index.ts';
import { isInSubtree } from '../access/paths.ts';
import { audit } from '../audit/service.ts';
import { conflict, notFound, validationFailed } from '../http/errors.ts';
import { refreshUnits } from '../campaigns/rollup.ts';
import { notify, notifyMany } from '../inbox/service.ts';
import { attachmentsUsable, presentAttachments } from '../attachments/service.ts';
import { campaignYear } from './facts.ts';
import { rubricByKey } from './rubrics.ts';
import { activeRepresentatives, isUnitRepresentative, representedOrgIds } from './representatives.ts';
import { assessmentPolicy, selfVerify, signerVerifies } from './policy.ts';
import { assessmentRepository as repo } from './repository.ts';
import { tierRepository } from './tier-repository.ts';

const ORG = { zh: '组织', en: 'Organization' };
const ASSESSMENT = { zh: '自评', en: 'Self-assessment' };

export type AssessmentListStatus = AssessmentStatus | 'missing';
type ItemRow = Selectable<AssessmentItemTable>;

interface Campaign {
  id: number;
  name: string;
  orgPath: string;
  definition: CampaignTemplate;
  dates: PhaseDates[];
  year: number;
  /** Organization types that self-assess in this campaign. */
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

function toCampaign(c: { id: number; name: string; org_path: string; definition: string; phase_dates: string }): Campaign {
  const definition = JSON.parse(c.definition) as CampaignTemplate;
  const dates = JSON.parse(c.phase_dates) as PhaseDates[];
  return { id: c.id, name: c.name, orgPath: c.org_path, definition, dates, year: campaignYear(dates), types: assessedTypes(definition) };
}

type Acting = 'assessment.read' | 'assessment.write' | 'assessment.verify';

/** A campaign the actor sees (covering its organization or launched inside its subtree), else 403 / 404. */
const visibleCampaign = async (ex: Executor, actor: Actor, action: Acting, id: number): Promise<Campaign> =>
  toCampaign(await requireAccess(ex, actor, action, 'campaign', id));

/** A unit in the actor's scope, covered by the campaign, or 404. */
async function unitOf(ex: Executor, actor: Actor, action: Acting, c: Campaign, orgId: number): Promise<Organization> {
  const org = await requireAccess(ex, actor, action, 'org', orgId);
  if (!isInSubtree(c.orgPath, org.path)) throw notFound(ORG);
  return org;
}

function assertAssessed(c: Campaign, org: Organization) {
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

const ids = (json: string) => JSON.parse(json) as number[];
const loadAssessment = repo.find;
const loadItems = repo.items;

/** Item values as the verifier left them (its value where it changed one, else the unit's). */
function finalValues(items: ItemRow[]) {
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
async function ruleContext(ex: Executor, c: Campaign, org: Organization, rubric: Rubric) {
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

function presentOutcome(o: { tier: TierCode | null; byScore: TierCode; reasons: Reason[] }, total: number) {
  return { total, tier: o.tier, tierByScore: o.byScore, reasons: o.reasons };
}

/** Clears both signatures: what they confirmed has changed. */
const unsigned = {
  secretary_user_id: null,
  secretary_name: null,
  secretary_signed_at: null,
  representative_member_id: null,
  representative_name: null,
  representative_signed_at: null,
} as const;

export const assessmentService = {
  /** Units that self-assess in the campaign with their status ('missing' = not started): the verification queue. */
  async list(
    ctx: AppContext,
    actor: Actor,
    campaignId: number,
    q: { orgId?: number; status?: AssessmentListStatus; q?: string; page: number; pageSize: number },
  ) {
    const c = await visibleCampaign(ctx.db, actor, 'assessment.read', campaignId);
    // The inner of the two: the actor's subtree when the campaign covers it, else the campaign's own.
    const own = scopeRoot(actor, 'assessment.read');
    let root = isInSubtree(c.orgPath, own) ? own : c.orgPath;
    if (q.orgId) {
      const org = await requireAccess(ctx.db, actor, 'assessment.read', 'org', q.orgId);
      if (!isInSubtree(c.orgPath, org.path) && !isInSubtree(org.path, c.orgPath)) throw notFound(ORG);
      root = org.path.startsWith(root) ? org.path : root;
    }
    const {
      rows,
      total,
      counts: byStatus,
    } = await repo.queue(ctx.db, ctx.dialect, {
      campaignId: c.id,
      rootPath: root,
      types: c.types,
      status: q.status,
      q: q.q,
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    const statuses: AssessmentListStatus[] = ['submitted', 'returned', 'verified', 'draft', 'missing'];
    return {
      campaign: { id: c.id, name: c.name, year: c.year },
      items: rows.map((r) => {
        const st = (r.status ?? 'missing') as AssessmentListStatus;
        return {
          orgId: r.id,
          name: r.name,
          typeCode: r.type_code,
          parentName: r.parent_name ?? null,
          responsiblePerson: r.responsible_person,
          foundedOn: r.founded_on,
          status: st,
          selfTotal: r.self_total == null ? null : Number(r.self_total),
          verifiedTotal: r.verified_total == null ? null : Number(r.verified_total),
          tier: (r.tier as TierCode | null) ?? null,
          secretarySigned: !!r.secretary_signed_at,
          representativeSigned: !!r.representative_signed_at,
          submittedAt: r.submitted_at ?? null,
          verifiedAt: r.verified_at ?? null,
          updatedAt: r.updated_at ?? null,
          canVerify:
            st === 'submitted' && assessmentPolicy.verify(actor, r) && !assessmentPolicy.signedIt(actor, { secretary_user_id: r.secretary_user_id ?? null }),
        };
      }),
      total,
      page: q.page,
      pageSize: q.pageSize,
      counts: Object.fromEntries([...statuses.map((s) => [s, byStatus.get(s) ?? 0]), ['all', [...byStatus.values()].reduce((a, b) => a + b, 0)]]) as Record<
        AssessmentListStatus | 'all',
        number
      >,
    };
  },

  /**
   * One unit's self-assessment (a blank sheet on the current rubric before it starts). Readable
   * in scope, and by a representative of the unit (to confirm it) through any account.
   */
  async get(ctx: AppContext, actor: Actor, campaignId: number, orgId: number) {
    const { c, org, asRepresentative } = await readable(ctx.db, actor, campaignId, orgId);
    const a = await loadAssessment(ctx.db, c.id, org.id);
    const rubric = a ? (JSON.parse(a.rubric) as Rubric) : await rubricByKey(ctx.db, c.definition.rubricKey);
    const items = a ? await loadItems(ctx.db, a.id) : [];
    const byKey = new Map(items.map((i) => [i.item_key, i]));
    // Only evidence the sheet can legitimately hold is shown, whatever ids were stored: this unit's
    // activities in this campaign, files stored under the unit or a unit below it (the save's rules).
    const activityIds = [...new Set(items.flatMap((i) => ids(i.activity_ids)))];
    const activityRows = await repo.unitActivities(ctx.db, c.id, org.id, activityIds);
    const activities = new Map(activityRows.map((r) => [r.id, { id: r.id, title: r.title, heldOn: r.held_on, type: r.type as ActivityTypeCode }]));
    const fileIds = [...new Set(items.flatMap((i) => ids(i.attachment_ids)))];
    const held = await repo.filesInSubtree(ctx.db, org.path, fileIds);
    const status: AssessmentListStatus = a?.status ?? 'missing';
    const required = org.status === 'active' && c.types.includes(org.type_code);
    const canEdit =
      required && !asRepresentative && assessmentPolicy.write(actor, org) && (status === 'missing' || status === 'draft' || status === 'returned');
    const parent = org.parent_id ? await repo.org(ctx.db, org.parent_id) : undefined;
    const canVerify = status === 'submitted' && !asRepresentative && assessmentPolicy.verify(actor, org) && !assessmentPolicy.signedIt(actor, a!);
    const representative = await isUnitRepresentative(ctx.db, org.id, actor.memberId);
    let preview = null;
    if (a && canVerify) {
      const { scores, vetoesFailed } = finalValues(items);
      const sheet = scoreSheet(rubric, scores);
      const rc = await ruleContext(ctx.db, c, org, rubric);
      preview = presentOutcome(
        decideTier(rubric.settings, { total: sheet.total, vetoesFailed, orgType: org.type_code, foundedOn: org.founded_on, onDate: isoToday(), ...rc }),
        sheet.total,
      );
    }
    const itemView = async (i: ItemRow | undefined) => ({
      selfScore: i ? Number(i.self_value) : null,
      verifiedScore: i?.verified_value == null ? null : Number(i.verified_value),
      reason: i?.reason ?? null,
      note: i?.note ?? null,
      activities: i ? ids(i.activity_ids).flatMap((id) => (activities.has(id) ? [activities.get(id)!] : [])) : [],
      attachments: i
        ? await presentAttachments(
            ctx.db,
            ids(i.attachment_ids).filter((id) => held.has(id)),
          )
        : [],
    });
    return {
      campaign: { id: c.id, name: c.name, year: c.year },
      org: {
        id: org.id,
        name: org.name,
        typeCode: org.type_code,
        foundedOn: org.founded_on,
        parentId: org.parent_id,
        parentName: parent?.name ?? null,
        responsiblePerson: org.responsible_person,
      },
      required,
      status,
      rubric: { key: rubric.key, nameZh: rubric.nameZh, nameEn: rubric.nameEn, maxPoints: rubricMax(rubric), settings: rubric.settings },
      dimensions: await Promise.all(
        rubric.dimensions.map(async (d) => ({
          key: d.key,
          nameZh: d.nameZh,
          nameEn: d.nameEn,
          max: d.items.reduce((s, i) => s + i.points, 0),
          items: await Promise.all(d.items.map(async (i) => ({ ...i, ...(await itemView(byKey.get(i.key))) }))),
        })),
      ),
      vetoes: rubric.vetoes.map((v) => {
        const i = byKey.get(v.key);
        return {
          ...v,
          selfFailed: i ? Number(i.self_value) === 1 : null,
          verifiedFailed: i?.verified_value == null ? null : Number(i.verified_value) === 1,
          reason: i?.reason ?? null,
          note: i?.note ?? null,
        };
      }),
      summary: a?.summary ?? '',
      selfTotal: a ? Number(a.self_total) : 0,
      secretary: a?.secretary_signed_at ? { name: a.secretary_name, signedAt: a.secretary_signed_at } : null,
      representative: a?.representative_signed_at ? { name: a.representative_name, signedAt: a.representative_signed_at } : null,
      submittedAt: a?.submitted_at ?? null,
      verification:
        a?.status === 'verified'
          ? {
              total: Number(a.verified_total),
              tier: (a.tier as TierCode | null) ?? null,
              tierByScore: a.tier_by_score as TierCode,
              reasons: JSON.parse(a.tier_reasons ?? '[]') as Reason[],
              dimensions: JSON.parse(a.dimension_scores ?? '[]'),
              verifiedBy: a.verified_by_name,
              verifiedAt: a.verified_at,
            }
          : null,
      returned: a?.return_comment ? { comment: a.return_comment, at: a.returned_at } : null,
      preview,
      updatedAt: a?.updated_at ?? null,
      canEdit,
      canSign: canEdit && !!a && !a.secretary_signed_at,
      canConfirm:
        !!a &&
        assessmentPolicy.confirm(actor, a, representative) &&
        !!a.secretary_signed_at &&
        !a.representative_signed_at &&
        (a.status === 'draft' || a.status === 'returned'),
      canVerify,
    };
  },

  /** Saves the unit's item scores and evidence. A change clears both signatures. */
  async save(ctx: AppContext, actor: Actor, campaignId: number, orgId: number, input: SelfInput) {
    await ctx.db.transaction().execute(async (trx) => {
      const c = await visibleCampaign(trx, actor, 'assessment.write', campaignId);
      const org = await unitOf(trx, actor, 'assessment.write', c, orgId);
      assertAssessed(c, org);
      let a = await loadAssessment(trx, c.id, org.id);
      if (a && (a.status === 'submitted' || a.status === 'verified')) {
        throw conflict(
          'ASSESSMENT_LOCKED',
          a.status === 'verified' ? '自评已由上级核定，不能再修改' : '自评已提交上级核定，暂不能修改',
          a.status === 'verified' ? 'The self-assessment has been verified and cannot change' : 'The self-assessment awaits verification and cannot change',
        );
      }
      const rubric = a ? (JSON.parse(a.rubric) as Rubric) : await rubricByKey(trx, c.definition.rubricKey);
      const items = new Map(rubricItems(rubric).map((i) => [i.key, i]));
      const vetoKeys = new Set(rubric.vetoes.map((v) => v.key));
      const errors: FieldError[] = [];
      const seen = new Set<string>();
      for (const [n, it] of input.items.entries()) {
        const item = items.get(it.key);
        if (!item) errors.push({ field: `items.${n}.key`, code: 'ASSESSMENT_ITEM_UNKNOWN', message: { zh: '考评项不存在', en: 'No such rubric item' } });
        else if (seen.has(it.key))
          errors.push({ field: `items.${n}.key`, code: 'ASSESSMENT_ITEM_TWICE', message: { zh: '同一考评项出现了两次', en: 'An item appears twice' } });
        else {
          const e = itemScoreError(item, it.score, `items.${n}.score`);
          if (e) errors.push(e);
        }
        seen.add(it.key);
      }
      const seenVetoes = new Set<string>();
      for (const [n, v] of input.vetoes.entries()) {
        if (!vetoKeys.has(v.key))
          errors.push({ field: `vetoes.${n}.key`, code: 'ASSESSMENT_ITEM_UNKNOWN', message: { zh: '一票否决项不存在', en: 'No such veto item' } });
        else if (seenVetoes.has(v.key))
          errors.push({ field: `vetoes.${n}.key`, code: 'ASSESSMENT_ITEM_TWICE', message: { zh: '同一否决项出现了两次', en: 'A veto item appears twice' } });
        seenVetoes.add(v.key);
      }
      if (errors.length) throw validationFailed(errors);
      // Evidence: activities the actor may read (else 404 on their position), and of them only this
      // unit's in this campaign (422); attachments the actor may read, and of them only its subtree's.
      for (const [n, it] of input.items.entries()) {
        if (it.activityIds?.length) await requireAll(trx, actor, 'assessment.write', 'activity', it.activityIds, `items.${n}.activityIds`);
      }
      const activityIds = [...new Set(input.items.flatMap((i) => i.activityIds ?? []))];
      if (activityIds.length) {
        const own = await repo.unitActivities(trx, c.id, org.id, activityIds);
        if (own.length !== activityIds.length) {
          const n = input.items.findIndex((i) => (i.activityIds ?? []).some((id) => !own.some((o) => o.id === id)));
          throw validationFailed([
            {
              field: `items.${n}.activityIds`,
              code: 'ASSESSMENT_ACTIVITY_NOT_USABLE',
              message: {
                zh: '佐证活动不存在或不是本单位在本活动中记录的活动',
                en: "An evidence activity does not exist or is not one of this unit's activities in this campaign",
              },
            },
          ]);
        }
      }
      for (const [n, it] of input.items.entries()) {
        if (it.attachmentIds?.length) await attachmentsUsable(trx, actor, it.attachmentIds, org, { field: `items.${n}.attachmentIds` });
      }
      const at = nowIso();
      const sheet = scoreSheet(rubric, new Map(input.items.map((i) => [i.key, i.score])));
      if (!a) {
        await repo.insert(trx, {
          campaign_id: c.id,
          org_id: org.id,
          status: 'draft',
          rubric_key: rubric.key,
          rubric: JSON.stringify(rubric),
          self_total: sheet.total,
          summary: input.summary?.trim() || null,
          ...unsigned,
          submitted_at: null,
          verified_total: null,
          dimension_scores: null,
          tier: null,
          tier_by_score: null,
          tier_reasons: null,
          verified_by: null,
          verified_by_name: null,
          verifier_org_id: null,
          verified_at: null,
          return_comment: null,
          returned_at: null,
          created_at: at,
          updated_at: at,
          updated_by: actor.userId,
        });
        a = (await loadAssessment(trx, c.id, org.id))!;
      }
      const before =
        JSON.stringify((await loadItems(trx, a.id)).map((i) => [i.item_key, Number(i.self_value), i.note, i.activity_ids, i.attachment_ids]).sort()) +
        (a.summary ?? '');
      const rows = [
        ...input.items.map((i) => ({
          assessment_id: a!.id,
          item_key: i.key,
          kind: 'score' as const,
          self_value: i.score,
          verified_value: null,
          reason: null,
          note: i.note?.trim() || null,
          activity_ids: JSON.stringify([...new Set(i.activityIds ?? [])]),
          attachment_ids: JSON.stringify([...new Set(i.attachmentIds ?? [])]),
        })),
        ...input.vetoes.map((v) => ({
          assessment_id: a!.id,
          item_key: v.key,
          kind: 'veto' as const,
          self_value: v.failed ? 1 : 0,
          verified_value: null,
          reason: null,
          note: v.note?.trim() || null,
          activity_ids: '[]',
          attachment_ids: '[]',
        })),
      ];
      await repo.replaceItems(trx, a.id, rows);
      const after =
        JSON.stringify(rows.map((i) => [i.item_key, i.self_value, i.note, i.activity_ids, i.attachment_ids]).sort()) + (input.summary?.trim() || '');
      const changed = before !== after;
      await repo.update(trx, a.id, {
        self_total: sheet.total,
        summary: input.summary?.trim() || null,
        updated_at: at,
        updated_by: actor.userId,
        ...(changed ? unsigned : {}),
      });
      await audit(trx, actor, {
        action: 'assessment.save',
        targetType: 'assessment',
        targetId: `${c.id}:${org.id}`,
        summary: {
          campaignId: c.id,
          orgId: org.id,
          selfTotal: sheet.total,
          items: input.items.length,
          vetoesFailed: input.vetoes.filter((v) => v.failed).map((v) => v.key),
          signaturesCleared: changed && !!(a.secretary_signed_at || a.representative_signed_at),
        },
      });
    });
    return assessmentService.get(ctx, actor, campaignId, orgId);
  },

  /** The secretary's signature (holder of assessment.write in scope). Every item must be scored. */
  async sign(ctx: AppContext, actor: Actor, campaignId: number, orgId: number) {
    await ctx.db.transaction().execute(async (trx) => {
      const c = await visibleCampaign(trx, actor, 'assessment.write', campaignId);
      const org = await unitOf(trx, actor, 'assessment.write', c, orgId);
      assertAssessed(c, org);
      const a = await loadAssessment(trx, c.id, org.id);
      if (!a || (a.status !== 'draft' && a.status !== 'returned'))
        throw conflict('ASSESSMENT_NOT_EDITABLE', '自评当前不能签字确认', 'The self-assessment cannot be signed now');
      if (a.secretary_signed_at) throw conflict('ASSESSMENT_ALREADY_SIGNED', '书记已签字确认', 'The secretary has already signed');
      const rubric = JSON.parse(a.rubric) as Rubric;
      const have = new Set((await loadItems(trx, a.id)).map((i) => i.item_key));
      const missing = [...rubricItems(rubric).map((i) => i.key), ...rubric.vetoes.map((v) => v.key)].filter((k) => !have.has(k));
      if (missing.length) {
        throw validationFailed(
          missing.map((k) => ({
            field: `items.${k}`,
            code: 'ASSESSMENT_ITEM_MISSING',
            message: { zh: '该项尚未自评打分', en: 'This item has not been scored yet' },
          })),
        );
      }
      const at = nowIso();
      await repo.update(trx, a.id, { secretary_user_id: actor.userId, secretary_name: actor.displayName, secretary_signed_at: at, updated_at: at });
      await audit(trx, actor, {
        action: 'assessment.sign',
        targetType: 'assessment',
        targetId: `${c.id}:${org.id}`,
        summary: { campaignId: c.id, orgId: org.id, selfTotal: Number(a.self_total) },
      });
      // Each member representative of the unit is asked to co-sign; nobody else gets the ask.
      // …except the signer, who may not confirm what they signed (assessmentPolicy.confirm).
      const reps = (await activeRepresentatives(trx, org.id)).filter((r) => r.member_id !== actor.memberId);
      await notifyMany(
        trx,
        reps.map((r) => ({
          member: { id: r.member_id, orgId: r.org_id, orgPath: r.org_path },
          kind: 'assessment_to_confirm' as const,
          link: `/assessment/${c.id}/${org.id}`,
          titleZh: `${org.name}的达标争先自评已由书记签字，请您作为团员代表确认`,
          titleEn: `${org.name}'s self-assessment was signed by the secretary; please confirm it as a member representative`,
        })),
      );
    });
    return assessmentService.get(ctx, actor, campaignId, orgId);
  },

  /**
   * A member representative of the unit confirms the signed self-assessment from their own
   * account (any role); with both signatures it goes to the level above.
   */
  async confirm(ctx: AppContext, actor: Actor, campaignId: number, orgId: number) {
    await ctx.db.transaction().execute(async (trx) => {
      const c = toCampaign(await requireAccess(trx, actor, null, 'assessmentCampaign', campaignId));
      const org = await requireAccess(trx, actor, null, 'assessmentUnit', orgId);
      const representative = await isUnitRepresentative(trx, org.id, actor.memberId);
      if (!representative || !isInSubtree(c.orgPath, org.path)) throw notFound(ASSESSMENT);
      const a = await loadAssessment(trx, c.id, org.id);
      if (!a || (a.status !== 'draft' && a.status !== 'returned'))
        throw conflict('ASSESSMENT_NOT_EDITABLE', '自评当前不需要确认', 'The self-assessment does not await confirmation');
      if (!a.secretary_signed_at) throw conflict('ASSESSMENT_SECRETARY_FIRST', '请等待书记签字后再确认', 'The secretary signs first');
      if (a.representative_signed_at) throw conflict('ASSESSMENT_ALREADY_CONFIRMED', '已有团员代表确认', 'A representative has already confirmed');
      if (!assessmentPolicy.confirm(actor, a, representative))
        throw conflict(
          'ASSESSMENT_SAME_PERSON',
          '签字的书记不能再以团员代表身份确认，请由另一名团员代表确认',
          'The secretary who signed cannot also confirm as the representative',
        );
      const memberName = await repo.memberName(trx, actor.memberId!);
      const at = nowIso();
      await repo.update(trx, a.id, {
        representative_member_id: actor.memberId,
        representative_name: memberName ?? actor.displayName,
        representative_signed_at: at,
        status: 'submitted',
        submitted_at: at,
        return_comment: null,
        updated_at: at,
      });
      await audit(trx, actor, {
        action: 'assessment.confirm',
        targetType: 'assessment',
        targetId: `${c.id}:${org.id}`,
        summary: { campaignId: c.id, orgId: org.id, selfTotal: Number(a.self_total) },
      });
      const parent = org.parent_id ? await repo.org(trx, org.parent_id) : undefined;
      if (parent) {
        await notify(trx, {
          org: parent,
          kind: 'assessment_submitted',
          link: `/assessment/${c.id}/${org.id}`,
          body: `自评 ${Number(a.self_total)} 分`,
          titleZh: `${org.name}提交了达标争先自评，请核定`,
          titleEn: `${org.name} submitted its self-assessment for verification`,
        });
      }
    });
    return assessmentService.get(ctx, actor, campaignId, orgId);
  },

  /** Self-assessments awaiting the signed-in representative's confirmation. */
  async toConfirm(ctx: AppContext, actor: Actor) {
    const orgIds = await representedOrgIds(ctx.db, actor.memberId);
    if (!orgIds.length) return { items: [] };
    const rows = await repo.awaitingConfirmation(ctx.db, orgIds);
    return {
      items: rows.map((r) => ({
        campaignId: r.campaign_id,
        campaignName: r.campaign_name,
        orgId: r.org_id,
        orgName: r.org_name,
        selfTotal: Number(r.self_total),
        secretaryName: r.secretary_name,
        signedAt: r.secretary_signed_at,
      })),
    };
  },

  /**
   * The level above verifies: it may change any item (a changed item needs a reason, kept
   * beside the unit's score), then the rules give the tier. `dryRun` answers the outcome only.
   */
  async verify(ctx: AppContext, actor: Actor, campaignId: number, orgId: number, input: VerifyInput) {
    const outcome = await ctx.db.transaction().execute(async (trx) => {
      const c = await visibleCampaign(trx, actor, 'assessment.verify', campaignId);
      const org = await unitOf(trx, actor, 'assessment.verify', c, orgId);
      if (!assessmentPolicy.verify(actor, org)) throw selfVerify();
      const a = await loadAssessment(trx, c.id, org.id);
      if (a?.status !== 'submitted')
        throw conflict('ASSESSMENT_NOT_SUBMITTED', '该自评当前不在待核定状态', 'This self-assessment is not awaiting verification');
      // Whoever signed the unit's self-assessment (e.g. an admin above entering it for the unit) does not check it too.
      if (assessmentPolicy.signedIt(actor, a)) throw signerVerifies();
      const rubric = JSON.parse(a.rubric) as Rubric;
      const items = await loadItems(trx, a.id);
      const byKey = new Map(items.map((i) => [i.item_key, i]));
      const defs = new Map(rubricItems(rubric).map((i) => [i.key, i]));
      const errors: FieldError[] = [];
      const changes: Array<{ key: string; value: number; reason: string }> = [];
      for (const [n, it] of input.items.entries()) {
        const def = defs.get(it.key);
        const row = byKey.get(it.key);
        if (!def || !row) {
          errors.push({ field: `items.${n}.key`, code: 'ASSESSMENT_ITEM_UNKNOWN', message: { zh: '考评项不存在', en: 'No such rubric item' } });
          continue;
        }
        const e = itemScoreError(def, it.score, `items.${n}.score`);
        if (e) {
          errors.push(e);
          continue;
        }
        if (it.score === Number(row.self_value)) continue;
        const reason = it.reason?.trim();
        if (!reason) {
          errors.push({
            field: `items.${n}.reason`,
            code: 'ASSESSMENT_CHANGE_REASON_REQUIRED',
            message: { zh: '调整得分须填写理由', en: 'Give a reason for changing the score' },
          });
          continue;
        }
        changes.push({ key: it.key, value: it.score, reason });
      }
      for (const [n, v] of input.vetoes.entries()) {
        const row = byKey.get(v.key);
        if (row?.kind !== 'veto') {
          errors.push({ field: `vetoes.${n}.key`, code: 'ASSESSMENT_ITEM_UNKNOWN', message: { zh: '一票否决项不存在', en: 'No such veto item' } });
          continue;
        }
        const value = v.failed ? 1 : 0;
        if (value === Number(row.self_value)) continue;
        const reason = v.reason?.trim();
        if (!reason) {
          errors.push({
            field: `vetoes.${n}.reason`,
            code: 'ASSESSMENT_CHANGE_REASON_REQUIRED',
            message: { zh: '调整一票否决项须填写理由', en: 'Give a reason for changing a veto item' },
          });
          continue;
        }
        changes.push({ key: v.key, value, reason });
      }
      if (errors.length) throw validationFailed(errors);
      const changed = new Map(changes.map((ch) => [ch.key, ch]));
      const final = items.map((i) => (changed.has(i.item_key) ? { ...i, verified_value: changed.get(i.item_key)!.value } : { ...i, verified_value: null }));
      const { scores, vetoesFailed } = finalValues(final);
      const sheet = scoreSheet(rubric, scores);
      const today = isoToday();
      const rc = await ruleContext(trx, c, org, rubric);
      const decided = decideTier(rubric.settings, {
        total: sheet.total,
        vetoesFailed,
        orgType: org.type_code,
        foundedOn: org.founded_on,
        onDate: today,
        ...rc,
      });
      if (input.dryRun) return presentOutcome(decided, sheet.total);

      for (const i of items) {
        const ch = changed.get(i.item_key);
        await repo.setVerifiedItem(trx, a.id, i.item_key, ch ? ch.value : null, ch ? ch.reason : null);
      }
      const at = nowIso();
      await repo.update(trx, a.id, {
        status: 'verified',
        verified_total: sheet.total,
        dimension_scores: JSON.stringify(sheet.dimensions),
        tier: decided.tier,
        tier_by_score: decided.byScore,
        tier_reasons: JSON.stringify(decided.reasons),
        verified_by: actor.userId,
        verified_by_name: actor.displayName,
        verifier_org_id: actor.grant.orgId,
        verified_at: at,
        return_comment: input.comment?.trim() || null,
        updated_at: at,
      });
      await upsertTier(trx, org.id, c, a.id, decided.tier, sheet.total, at);
      await audit(trx, actor, {
        action: 'assessment.verify',
        targetType: 'assessment',
        targetId: `${c.id}:${org.id}`,
        summary: {
          campaignId: c.id,
          orgId: org.id,
          selfTotal: Number(a.self_total),
          verifiedTotal: sheet.total,
          tier: decided.tier,
          reasons: decided.reasons.map((r) => r.code),
          changes,
        },
      });
      const tierName = decided.tier ? TIER_NAMES[decided.tier] : { zh: '不定级', en: 'not rated' };
      await notify(trx, {
        org: { id: org.id, path: org.path },
        kind: 'assessment_verified',
        link: `/assessment/${c.id}/${org.id}`,
        body: decided.reasons.map((r) => r.zh).join('；') || null,
        titleZh: `达标争先自评已由${actor.grant.orgName}核定：${sheet.total} 分，${tierName.zh}`,
        titleEn: `Your self-assessment was verified by ${actor.grant.orgName}: ${sheet.total} points, ${tierName.en}`,
      });
      await refreshUnits(trx, c.id, [org.id]);
      await generalBranchFollowUp(trx, c, org, decided.tier, at);
      return presentOutcome(decided, sheet.total);
    });
    return input.dryRun ? { preview: outcome } : assessmentService.get(ctx, actor, campaignId, orgId);
  },

  /** The level above returns the self-assessment with a comment; the signatures must be given again. */
  async sendBack(ctx: AppContext, actor: Actor, campaignId: number, orgId: number, comment: string) {
    await ctx.db.transaction().execute(async (trx) => {
      const c = await visibleCampaign(trx, actor, 'assessment.verify', campaignId);
      const org = await unitOf(trx, actor, 'assessment.verify', c, orgId);
      if (!assessmentPolicy.verify(actor, org)) throw selfVerify();
      const a = await loadAssessment(trx, c.id, org.id);
      if (a?.status !== 'submitted')
        throw conflict('ASSESSMENT_NOT_SUBMITTED', '该自评当前不在待核定状态', 'This self-assessment is not awaiting verification');
      const text = comment.trim();
      if (!text)
        throw validationFailed([
          { field: 'comment', code: 'ASSESSMENT_RETURN_COMMENT_REQUIRED', message: { zh: '退回时请填写修改意见', en: 'Say what to change when returning' } },
        ]);
      const at = nowIso();
      await repo.update(trx, a.id, { status: 'returned', return_comment: text, returned_at: at, submitted_at: null, ...unsigned, updated_at: at });
      await audit(trx, actor, {
        action: 'assessment.return',
        targetType: 'assessment',
        targetId: `${c.id}:${org.id}`,
        summary: { campaignId: c.id, orgId: org.id, comment: text },
      });
      await notify(trx, {
        org: { id: org.id, path: org.path },
        kind: 'assessment_returned',
        link: `/assessment/${c.id}/${org.id}`,
        body: text,
        titleZh: `达标争先自评被${actor.grant.orgName}退回，请修改后重新签字提交`,
        titleEn: `Your self-assessment was returned by ${actor.grant.orgName}; revise it and sign again`,
      });
      await refreshUnits(trx, c.id, [org.id]);
    });
    return assessmentService.get(ctx, actor, campaignId, orgId);
  },
};

/**
 * Reads one unit's self-assessment: in the actor's scope (assessment.read), or as a member
 * representative of the unit, whatever the role (the kinds reach nothing else).
 */
async function readable(ex: Executor, actor: Actor, campaignId: number, orgId: number) {
  const [campaign] = await accessibleRows(ex, actor, null, 'assessmentCampaign', [campaignId]);
  const [org] = await accessibleRows(ex, actor, null, 'assessmentUnit', [orgId]);
  if (!campaign || !org || !isInSubtree(campaign.org_path, org.path)) throw notFound(ASSESSMENT);
  const c = toCampaign(campaign);
  return { c, org, asRepresentative: !assessmentPolicy.read(actor, org) };
}

/** The unit's tier of the campaign's year (tier history). */
async function upsertTier(ex: Executor, orgId: number, c: Campaign, assessmentId: number, tier: TierCode | null, score: number, at: string) {
  await tierRepository.upsertTier(ex, { org_id: orgId, year: c.year, campaign_id: c.id, assessment_id: assessmentId, tier, score, decided_at: at });
}

/**
 * The 团总支 rule also holds when the sub-branch is verified after its general branch: a
 * verified 5★ general branch drops to 4★ (with the reason recorded) when a sub-branch is
 * verified 后进 or worse.
 */
async function generalBranchFollowUp(ex: Executor, c: Campaign, org: Organization, tier: TierCode | null, at: string) {
  if (!tier || (tier !== 'lagging' && tier !== 'weak') || !org.parent_id) return;
  const parent = await repo.org(ex, org.parent_id);
  if (!parent) return;
  const pa = await loadAssessment(ex, c.id, parent.id);
  if (pa?.status !== 'verified' || pa.tier !== 'star5') return;
  const settings = (JSON.parse(pa.rubric) as Rubric).settings;
  if (!settings.generalBranchTypes.includes(parent.type_code)) return;
  const reasons = [
    ...(JSON.parse(pa.tier_reasons ?? '[]') as Reason[]),
    {
      code: 'GENERAL_BRANCH',
      zh: `下属${org.name}核定为${TIER_NAMES[tier].zh}，团总支不能评为五星，改定为四星`,
      en: `Sub-branch ${org.name} was rated ${TIER_NAMES[tier].en}: a general branch cannot be 5 stars; now 4 stars`,
    },
  ];
  await repo.update(ex, pa.id, { tier: 'star4', tier_reasons: JSON.stringify(reasons), updated_at: at });
  await upsertTier(ex, parent.id, c, pa.id, 'star4', Number(pa.verified_total), at);
  await notify(ex, {
    org: { id: parent.id, path: parent.path },
    kind: 'assessment_verified',
    link: `/assessment/${c.id}/${parent.id}`,
    titleZh: `因下属${org.name}核定为${TIER_NAMES[tier].zh}，本团总支档次由五星调整为四星`,
    titleEn: `Because ${org.name} was rated ${TIER_NAMES[tier].en}, this general branch moves from 5 to 4 stars`,
  });
  // A title awarded for the year on the strength of the 5 stars no longer meets its rule: the
  // awarding organization is told to review it (withdrawing a decision it took stays its own act).
  const held = await tierRepository.titlesWithAwarder(ex, parent.id, c.year);
  for (const h of held) {
    const title = h.title as TitleCode;
    if (!titleProblems(settings, title, 'star4', []).some((p) => p.code === 'TITLE_TIER')) continue;
    await notify(ex, {
      org: { id: h.awarder_id, path: h.awarder_path },
      kind: 'title_awarded',
      link: '/assessment?tab=titles',
      titleZh: `${parent.name}的档次已调整为四星，${c.year} 年度“${TITLE_NAMES[title].zh}”称号不再符合条件，请复核`,
      titleEn: `${parent.name} now has 4 stars: its ${c.year} "${TITLE_NAMES[title].en}" title no longer meets the rule; please review it`,
    });
  }
}

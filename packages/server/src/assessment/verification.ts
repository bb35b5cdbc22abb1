import {
  decideTier,
  isoToday,
  itemScoreError,
  rubricItems,
  scoreSheet,
  TIER_NAMES,
  TITLE_NAMES,
  titleProblems,
  type FieldError,
  type TierCode,
  type TitleCode,
} from '@zx/domain';
import type { AppContext } from '../context.ts';
import type { Executor } from '../db/database.ts';
import { nowIso } from '../db/database.ts';
import type { Organization } from '../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { audit } from '../audit/service.ts';
import { conflict, validationFailed } from '../http/errors.ts';
import { refreshUnits } from '../campaigns/rollup.ts';
import { notify } from '../inbox/service.ts';
import { assessmentPolicy, selfVerify, signerVerifies } from './policy.ts';
import { assessmentRepository as repo } from './repository.ts';
import { tierRepository } from './tier-repository.ts';

import {
  finalValues,
  loadAssessment,
  loadItems,
  presentOutcome,
  ruleContext,
  unitOf,
  unsigned,
  visibleCampaign,
  type Campaign,
  type VerifyInput,
} from './footing.ts';
import { sheetService } from './sheet.ts';

/** The level above: verify (the rules give the tier) or return with a comment. */
export const verificationService = {
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
      const rubric = a.rubric;
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
        dimension_scores: sheet.dimensions,
        tier: decided.tier,
        tier_by_score: decided.byScore,
        tier_reasons: decided.reasons,
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
    return input.dryRun ? { preview: outcome } : sheetService.get(ctx, actor, campaignId, orgId);
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
    return sheetService.get(ctx, actor, campaignId, orgId);
  },
};

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
  const settings = pa.rubric.settings;
  if (!settings.generalBranchTypes.includes(parent.type_code)) return;
  const reasons = [
    ...pa.tier_reasons,
    {
      code: 'GENERAL_BRANCH',
      zh: `下属${org.name}核定为${TIER_NAMES[tier].zh}，团总支不能评为五星，改定为四星`,
      en: `Sub-branch ${org.name} was rated ${TIER_NAMES[tier].en}: a general branch cannot be 5 stars; now 4 stars`,
    },
  ];
  await repo.update(ex, pa.id, { tier: 'star4', tier_reasons: reasons, updated_at: at });
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

import { BUILTIN_RUBRIC, decideTier, isoToday, rubricItems, scoreSheet, type TierCode } from '@zx/domain';
import type { AppContext } from '../context.ts';
import { nowIso } from '../db/database.ts';
import { refreshUnits } from '../campaigns/rollup.ts';
import { campaignRepository } from '../campaigns/repository.ts';
import { rubricByKey } from '../assessment/rubrics.ts';
import { rng } from './generator.ts';

/**
 * Demo 达标争先 results in this year's city campaign: 40 branches verified by their parent
 * (scores from 55 to 100, so every tier shows), 10 awaiting verification, last year's tiers for
 * 晋档升级 and a few titles of the ladder (two Red Flag branches). The demo branch secretary's
 * own branch is left to self-assess by hand.
 */
export async function loadDemoAssessments(ctx: AppContext, branchIds: number[], userId: number | null) {
  const campaign = await campaignRepository.oldest(ctx.db);
  if (!campaign) return;
  const { year } = campaign;
  const rubric = await rubricByKey(ctx.db, campaign.definition.rubricKey ?? BUILTIN_RUBRIC.key);
  const items = rubricItems(rubric);
  const rand = rng(4242);
  const units = branchIds.slice(1, 51);
  const at = nowIso();
  const today = isoToday();
  await ctx.db.transaction().execute(async (trx) => {
    const orgs = await trx.selectFrom('organization').select(['id', 'parent_id', 'type_code', 'founded_on', 'name']).where('id', 'in', units).execute();
    for (const [n, org] of orgs.entries()) {
      const level = n < 2 ? 0.98 : 0.55 + rand() * 0.45;
      const scores = new Map(items.map((i) => [i.key, Math.min(i.points, Math.max(0, Math.round(i.points * (level + (rand() - 0.5) * 0.3) * 2) / 2))]));
      const sheet = scoreSheet(rubric, scores);
      const verified = n < 40;
      const decided = decideTier(rubric.settings, {
        total: sheet.total,
        vetoesFailed: [],
        orgType: org.type_code,
        foundedOn: org.founded_on,
        onDate: today,
        subUnitTiers: [],
        capUsage: [],
      });
      const { id } = await trx
        .insertInto('assessment')
        .values({
          campaign_id: campaign.id,
          org_id: org.id,
          status: verified ? 'verified' : 'submitted',
          rubric_key: rubric.key,
          rubric: JSON.stringify(rubric),
          self_total: sheet.total,
          summary: '对照“五个方面”标准逐项自评，佐证材料见各项。',
          secretary_user_id: null,
          secretary_name: '团支部书记',
          secretary_signed_at: at,
          representative_member_id: null,
          representative_name: '团员代表',
          representative_signed_at: at,
          submitted_at: at,
          verified_total: verified ? sheet.total : null,
          dimension_scores: verified ? JSON.stringify(sheet.dimensions) : null,
          tier: verified ? decided.tier : null,
          tier_by_score: verified ? decided.byScore : null,
          tier_reasons: verified ? JSON.stringify(decided.reasons) : null,
          verified_by: verified ? userId : null,
          verified_by_name: verified ? '演示-上级团委' : null,
          verifier_org_id: verified ? org.parent_id : null,
          verified_at: verified ? at : null,
          return_comment: null,
          returned_at: null,
          created_at: at,
          updated_at: at,
          updated_by: userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('assessment_item')
        .values([
          ...items.map((i) => ({
            assessment_id: id,
            item_key: i.key,
            kind: 'score' as const,
            self_value: scores.get(i.key)!,
            verified_value: null,
            reason: null,
            note: null,
            activity_ids: '[]',
            attachment_ids: '[]',
          })),
          ...rubric.vetoes.map((v) => ({
            assessment_id: id,
            item_key: v.key,
            kind: 'veto' as const,
            self_value: 0,
            verified_value: null,
            reason: null,
            note: null,
            activity_ids: '[]',
            attachment_ids: '[]',
          })),
        ])
        .execute();
      if (!verified) continue;
      await trx
        .insertInto('unit_tier')
        .values({ org_id: org.id, year, campaign_id: campaign.id, assessment_id: id, tier: decided.tier, score: sheet.total, decided_at: at })
        .execute();
      const tiers: TierCode[] = ['star5', 'star4', 'star3', 'lagging'];
      await trx
        .insertInto('unit_tier')
        .values({
          org_id: org.id,
          year: year - 1,
          campaign_id: null,
          assessment_id: null,
          tier: tiers[Math.floor(rand() * tiers.length)],
          score: null,
          decided_at: at,
        })
        .execute();
      const awarder = org.parent_id!;
      if (n < 6)
        await trx
          .insertInto('unit_title')
          .values({
            org_id: org.id,
            year: year - 1,
            title: n < 2 ? 'distinctive' : 'standard',
            campaign_id: null,
            note: null,
            awarded_by: userId,
            awarded_by_name: '演示-上级团委',
            awarder_org_id: awarder,
            awarded_at: at,
          })
          .execute();
      if (n < 2 && decided.tier === 'star5')
        await trx
          .insertInto('unit_title')
          .values({
            org_id: org.id,
            year,
            title: 'red_flag',
            campaign_id: campaign.id,
            note: '五四红旗团支部',
            awarded_by: userId,
            awarded_by_name: '演示-上级团委',
            awarder_org_id: awarder,
            awarded_at: at,
          })
          .execute();
    }
    await refreshUnits(
      trx,
      campaign.id,
      orgs.map((o) => o.id),
    );
  });
}

import { BUILTIN_RUBRIC, dimensionMax } from '@zx/domain';
import type { AppContext } from '../src/context.ts';
import { nowIso } from '../src/db/database.ts';

/**
 * A verified self-assessment written straight into the database, with the built-in rubric's
 * five dimensions scored as given — what `verifiedScores` reads — so benchmarking tests do not
 * have to walk the whole self-assessment → verification flow (assessment tests do that).
 */
export async function seedVerifiedScores(ctx: AppContext, campaignId: number, orgId: number, scores: Record<string, number>) {
  const dimensions = BUILTIN_RUBRIC.dimensions.map((d) => ({
    key: d.key,
    nameZh: d.nameZh,
    nameEn: d.nameEn,
    score: scores[d.key] ?? 0,
    max: dimensionMax(d),
  }));
  const total = Math.round(dimensions.reduce((s, d) => s + d.score, 0) * 10) / 10;
  const at = nowIso();
  await ctx.db
    .insertInto('assessment')
    .values({
      campaign_id: campaignId,
      org_id: orgId,
      status: 'verified',
      rubric_key: BUILTIN_RUBRIC.key,
      rubric: JSON.stringify(BUILTIN_RUBRIC),
      self_total: total,
      verified_total: total,
      dimension_scores: JSON.stringify(dimensions),
      tier: total >= 90 ? 'star5' : total >= 80 ? 'star4' : total >= 70 ? 'star3' : total >= 60 ? 'lagging' : 'weak',
      verified_at: at,
      created_at: at,
      updated_at: at,
    })
    .execute();
  return total;
}

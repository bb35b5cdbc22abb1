import type { TierCode } from '@zx/domain';
import type { Executor } from '../db/database.ts';
import { assessmentRepository } from './repository.ts';

export interface VerifiedScore {
  orgId: number;
  /** Verified total (0..max). */
  total: number;
  /** The rubric's full marks. */
  max: number;
  /** null = not rated (the unit was too young). */
  tier: TierCode | null;
  verifiedAt: string;
  dimensions: Array<{ key: string; nameZh: string; nameEn: string; score: number; max: number }>;
}

/**
 * Verified self-assessments of these units in a campaign (status 'verified' only), by
 * dimension, from the rubric snapshot each one used. No scope check: callers pass units they
 * already checked (benchmarking compares a unit with exemplars it may see).
 */
export async function verifiedScores(ex: Executor, campaignId: number, orgIds: number[]): Promise<Map<number, VerifiedScore>> {
  const out = new Map<number, VerifiedScore>();
  if (!orgIds.length) return out;
  const rows = await assessmentRepository.verified(ex, campaignId, [...new Set(orgIds)]);
  for (const r of rows) {
    const dimensions = r.dimension_scores;
    out.set(r.org_id, {
      orgId: r.org_id,
      total: Number(r.verified_total ?? 0),
      max: dimensions.reduce((s, d) => s + d.max, 0),
      tier: (r.tier as TierCode | null) ?? null,
      verifiedAt: r.verified_at ?? '',
      dimensions,
    });
  }
  return out;
}

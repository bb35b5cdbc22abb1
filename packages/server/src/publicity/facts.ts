import { METRIC, type UnitFactsProvider } from '../campaigns/rollup.ts';
import { mediaRepository, postRepository } from './repository.ts';

/**
 * A unit's own publicity figures in a campaign: its coverage records (in total, by kind and by
 * level) and its approved posts. Recorded, edited or deleted coverage and a post approved or
 * withdrawn refresh the unit in the same transaction (publicity/media.ts, publicity/posts.ts).
 */
export const publicityUnitFacts: UnitFactsProvider = async (ex, c, unit) => {
  const figures: Record<string, number> = {};
  const add = (k: string, n: number) => (figures[k] = (figures[k] ?? 0) + n);
  for (const r of await mediaRepository.unitCounts(ex, c.id, unit.id)) {
    add(METRIC.media, r.n);
    add(METRIC.mediaKind(r.kind), r.n);
    add(METRIC.mediaLevel(r.level), r.n);
  }
  add(METRIC.postsPublished, await postRepository.approvedCount(ex, c.id, unit.id));
  return { figures };
};

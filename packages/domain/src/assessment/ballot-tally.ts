/** Counting ballots and the figures per subject: member score (trimmed mean), satisfaction rate, weighted score. */
import type { BallotScale } from './ballot-scales.ts';
import { round1, round4 } from './ballot-rounding.ts';
import type { BallotSettings } from './ballot-settings.ts';

/** Counts per subject per option key, over the ballots' answers. */
export function tallyBallots(scale: BallotScale, subjectIds: number[], ballots: Record<string, string>[]): Map<number, Record<string, number>> {
  const out = new Map<number, Record<string, number>>();
  for (const id of subjectIds) out.set(id, Object.fromEntries(scale.options.map((o) => [o.key, 0])));
  for (const b of ballots) {
    for (const id of subjectIds) {
      const k = b[String(id)];
      const counts = out.get(id)!;
      if (k !== undefined && k in counts) counts[k] += 1;
    }
  }
  return out;
}

/** Mean of the worths, dropping one highest and one lowest answer when there are at least three. */
export function trimmedMean(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const kept = sorted.length >= 3 ? sorted.slice(1, -1) : sorted;
  return kept.reduce((a, b) => a + b, 0) / kept.length;
}

/** Member score 0–100 from the counts: the mean worth; a points scale drops the highest and lowest. */
export function memberScore(scale: BallotScale, counts: Record<string, number>): number | null {
  const values: number[] = [];
  for (const o of scale.options) for (let i = 0; i < (counts[o.key] ?? 0); i++) values.push(o.score);
  if (!values.length) return null;
  const mean = scale.kind === 'points' ? trimmedMean(values)! : values.reduce((a, b) => a + b, 0) / values.length;
  return round1(mean);
}

/** Share of answers that count as satisfied (满意 + 基本满意, 好 + 较好, ≥ 6 points …). */
export function satisfactionRate(scale: BallotScale, counts: Record<string, number>): number | null {
  let total = 0;
  let yes = 0;
  for (const o of scale.options) {
    const n = counts[o.key] ?? 0;
    total += n;
    if (o.satisfied) yes += n;
  }
  return total ? round4(yes / total) : null;
}

/** memberWeight% of the member score plus upperWeight% of the upper level's score; null until both exist. */
export function weightedScore(member: number | null, upper: number | null, w: BallotSettings['weighting']): number | null {
  if (!w || member == null || upper == null) return null;
  return round1((member * w.memberWeight + upper * w.upperWeight) / 100);
}

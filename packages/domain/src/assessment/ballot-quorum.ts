/** The quorum of a vote: the share of the roll that must vote, its 2/3 floor, and whether a count reaches it. */
import type { VoteKind } from './ballot-scales.ts';

export interface Quorum {
  num: number;
  den: number;
  /** true: more than num/den of the roll must vote (member evaluation); false: at least (cadre rating). */
  strict: boolean;
}

/**
 * No vote is valid with fewer than 2/3 of its roll (述职评议: 应到人数的 2/3 以上). The member
 * evaluation needs MORE than 2/3 (中青发〔2017〕5号): there the floor is strict.
 */
export const MIN_QUORUM: { readonly num: number; readonly den: number } = { num: 2, den: 3 };

/** The quorum floor of a kind of vote: 2/3 of the roll, strictly more than 2/3 for a member evaluation. */
export const quorumFloor = (kind: VoteKind): Quorum => ({ num: MIN_QUORUM.num, den: MIN_QUORUM.den, strict: kind === 'member_evaluation' });

/** A well-formed fraction in (0, 1]: num and den whole, 0 ≤ num ≤ den, den ≥ 1. */
export const isWellFormedQuorum = (q: Quorum | null | undefined): q is Quorum =>
  !!q && Number.isInteger(q.num) && Number.isInteger(q.den) && q.num >= 0 && q.den >= 1 && q.num <= q.den && typeof q.strict === 'boolean';

/**
 * Whether a quorum asks at least as much as the floor: num/den ≥ 2/3, and for a member evaluation
 * more than 2/3 (2/3 itself only when strict). Integer arithmetic, no rounding.
 */
export function quorumAtLeastFloor(q: Quorum, kind: VoteKind): boolean {
  const floor = quorumFloor(kind);
  const diff = q.num * floor.den - floor.num * q.den; // sign of q − 2/3
  if (diff < 0) return false;
  return !floor.strict || diff > 0 || q.strict;
}

/** Whether `ballots` of a roll of `roll` reach the quorum (an empty roll never does). */
export function quorumMet(ballots: number, roll: number, q: Quorum): boolean {
  if (roll <= 0) return false;
  return q.strict ? ballots * q.den > roll * q.num : ballots * q.den >= roll * q.num;
}

/** The report of a closed session: withheld below quorum or the anonymity floor, figures and follow-up flags per subject. */
import type { Message } from '../common/messages.ts';
import { isWellFormedQuorum, quorumAtLeastFloor, quorumFloor, quorumMet } from './ballot-quorum.ts';
import type { BallotScale } from './ballot-scales.ts';
import { round4 } from './ballot-rounding.ts';
import { type BallotSettings, MIN_REPORTABLE_BALLOTS } from './ballot-settings.ts';
import { memberScore, satisfactionRate, weightedScore } from './ballot-tally.ts';

export interface SubjectTally {
  subjectId: number;
  exempt: boolean;
  counts: Record<string, number>;
  upperScore: number | null;
}

export interface SubjectFigures {
  subjectId: number;
  exempt: boolean;
  answered: number;
  counts: Record<string, number>;
  score: number | null;
  satisfactionRate: number | null;
  upperScore: number | null;
  weightedScore: number | null;
  flagged: boolean;
}

export interface BallotReport {
  rollSize: number;
  ballots: number;
  turnout: number;
  quorumMet: boolean;
  withheld: null | { code: 'QUORUM_NOT_MET' | 'TOO_FEW_VOTERS'; message: Message };
  subjects: SubjectFigures[];
}

/**
 * The report of a closed session. Withheld (no counts, no scores) when the quorum is not met —
 * the vote is void — or when fewer than `minGroup` ballots were cast, since a small group's
 * choices could be told apart. The floors (MIN_QUORUM, MIN_REPORTABLE_BALLOTS) apply whatever
 * `settings` says.
 */
export function reportBallots(scale: BallotScale, settings: BallotSettings, rollSize: number, ballots: number, subjects: SubjectTally[]): BallotReport {
  // The floors hold whatever the settings say (the engine clamps per kind; this is the last guard).
  const q =
    isWellFormedQuorum(settings.quorum) && quorumAtLeastFloor(settings.quorum, 'general')
      ? settings.quorum
      : { ...quorumFloor('general'), strict: settings.quorum?.strict === true };
  const minGroup = Math.max(Number.isInteger(settings.minGroup) ? settings.minGroup : 0, MIN_REPORTABLE_BALLOTS);
  const turnout = rollSize ? round4(ballots / rollSize) : 0;
  const met = quorumMet(ballots, rollSize, q);
  let withheld: BallotReport['withheld'] = null;
  if (!met) {
    withheld = {
      code: 'QUORUM_NOT_MET',
      message: {
        zh: `投票人数 ${ballots}/${rollSize} 未达到应到人数的${q.strict ? '' : '不少于'}${q.num}/${q.den}${q.strict ? '以上' : ''}，评议无效，不公布结果`,
        en: `${ballots} of ${rollSize} voted: below the quorum of ${q.strict ? 'more than' : 'at least'} ${q.num}/${q.den}; the vote is void and no result is published`,
      },
    };
  } else if (ballots < minGroup) {
    withheld = {
      code: 'TOO_FEW_VOTERS',
      message: {
        zh: `投票人数 ${ballots} 少于 ${minGroup} 人，为保护投票人，不公布结果`,
        en: `Only ${ballots} voted (fewer than ${minGroup}): no result is published, to protect the voters`,
      },
    };
  }
  return {
    rollSize,
    ballots,
    turnout,
    quorumMet: met,
    withheld,
    subjects: subjects.map((s) => {
      const answered = Object.values(s.counts).reduce((a, b) => a + b, 0);
      // A subject answered on fewer ballots than the floor shows nothing either (every ballot answers
      // every subject on it, so this only guards data written some other way).
      if (withheld || s.exempt || answered < MIN_REPORTABLE_BALLOTS) {
        return {
          subjectId: s.subjectId,
          exempt: s.exempt,
          answered: withheld || s.exempt ? 0 : answered,
          counts: {},
          score: null,
          satisfactionRate: null,
          upperScore: s.upperScore,
          weightedScore: null,
          flagged: false,
        };
      }
      const score = memberScore(scale, s.counts);
      const rate = satisfactionRate(scale, s.counts);
      const weighted = weightedScore(score, s.upperScore, settings.weighting);
      return {
        subjectId: s.subjectId,
        exempt: false,
        answered,
        counts: s.counts,
        score,
        satisfactionRate: rate,
        upperScore: s.upperScore,
        weightedScore: weighted,
        flagged: needsFollowUp(rate, weighted, settings.flagBelow),
      };
    }),
  };
}

/** Follow-up (约谈/跟踪) when the satisfaction rate, or the weighted score on 0–100, is below the threshold. */
export function needsFollowUp(rate: number | null, weighted: number | null, flagBelow: number): boolean {
  if (rate != null && rate < flagBelow) return true;
  return weighted != null && weighted < flagBelow * 100;
}

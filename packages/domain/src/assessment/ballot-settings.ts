/** The settings of a vote session: defaults, validation against the anonymity and quorum floors, and clamping. */
import { fieldError, type FieldError } from '../common/messages.ts';
import { isWellFormedQuorum, type Quorum, quorumAtLeastFloor, quorumFloor } from './ballot-quorum.ts';
import type { VoteKind } from './ballot-scales.ts';

export interface BallotSettings {
  quorum: Quorum;
  /** Fewer ballots than this: no figures are reported (a small group's choices would be guessable). Never below MIN_REPORTABLE_BALLOTS. */
  minGroup: number;
  /** Percent of the member score and of the upper level's score in the weighted score (sum 100). */
  weighting: { memberWeight: number; upperWeight: number } | null;
  /** A subject is flagged for follow-up when its satisfaction rate (or weighted score / 100) is below this. */
  flagBelow: number;
  /** Cadres in post for fewer months than this are exempt from a cadre rating. */
  exemptMonths: number;
}

/**
 * Anonymity floors — rules, not settings (issue 11). No figure of a vote (a count per option, a
 * satisfaction rate, a score, a weighted score, a per-member count) is ever shown that belongs to
 * fewer ballots than this: with one voter the "result" is that person's ballot, next to a roll
 * that says who voted. A session may ask for a larger group, never a smaller one.
 */
export const MIN_REPORTABLE_BALLOTS = 5;

export const DEFAULT_MIN_GROUP = MIN_REPORTABLE_BALLOTS;
export const DEFAULT_FLAG_BELOW = 0.6;
export const DEFAULT_EXEMPT_MONTHS = 3;

/**
 * The settings a session is run and reported with: anything stored before the floors existed (or
 * written by hand) is raised to them — a smaller group to MIN_REPORTABLE_BALLOTS, a lower or
 * malformed quorum to the kind's floor. Settings at or above the floors pass unchanged.
 */
export function clampBallotSettings(kind: VoteKind, s: BallotSettings): BallotSettings {
  const minGroup = Number.isInteger(s.minGroup) && s.minGroup >= MIN_REPORTABLE_BALLOTS ? s.minGroup : MIN_REPORTABLE_BALLOTS;
  const quorum = isWellFormedQuorum(s.quorum) && quorumAtLeastFloor(s.quorum, kind) ? s.quorum : quorumFloor(kind);
  return minGroup === s.minGroup && quorum === s.quorum ? s : { ...s, minGroup, quorum };
}

/** Defaults per kind: cadre rating ≥ 2/3 of the roll; member evaluation > 2/3 (中青发〔2017〕5号). */
export function defaultBallotSettings(kind: VoteKind): BallotSettings {
  return {
    quorum: { num: 2, den: 3, strict: kind === 'member_evaluation' },
    minGroup: DEFAULT_MIN_GROUP,
    weighting: null,
    flagBelow: DEFAULT_FLAG_BELOW,
    exemptMonths: DEFAULT_EXEMPT_MONTHS,
  };
}

export type BallotSettingsInput = { [K in keyof BallotSettings]?: BallotSettings[K] | undefined };

/** The settings of a new session: defaults for what is not given, field errors for what is wrong. */
export function resolveBallotSettings(kind: VoteKind, input: BallotSettingsInput = {}): { settings: BallotSettings; errors: FieldError[] } {
  const d = defaultBallotSettings(kind);
  const s: BallotSettings = {
    quorum: input.quorum ?? d.quorum,
    minGroup: input.minGroup ?? d.minGroup,
    weighting: input.weighting === undefined ? d.weighting : input.weighting,
    flagBelow: input.flagBelow ?? d.flagBelow,
    exemptMonths: input.exemptMonths ?? d.exemptMonths,
  };
  const errors: FieldError[] = [];
  errors.push(...ballotFloorErrors(kind, s));
  if (s.weighting) {
    const { memberWeight: m, upperWeight: u } = s.weighting;
    if (kind !== 'cadre_rating') {
      errors.push(
        fieldError(
          'settings.weighting',
          'WEIGHTING_CADRE_ONLY',
          '只有述职评议可以与上级评分加权',
          "Only a cadre rating can be weighted with the upper level's score",
        ),
      );
    } else if (!Number.isInteger(m) || !Number.isInteger(u) || m < 0 || u < 0 || m + u !== 100) {
      errors.push(
        fieldError(
          'settings.weighting',
          'WEIGHTS_SUM',
          '团员评议与上级评分的权重应为整数且合计 100%',
          'The two weights must be whole percents adding up to 100',
        ),
      );
    }
  }
  if (typeof s.flagBelow !== 'number' || !(s.flagBelow >= 0 && s.flagBelow <= 1)) {
    errors.push(fieldError('settings.flagBelow', 'FLAG_THRESHOLD_RANGE', '跟踪提醒阈值应在 0–100% 之间', 'The follow-up threshold must be between 0 and 100%'));
  }
  if (!Number.isInteger(s.exemptMonths) || s.exemptMonths < 0 || s.exemptMonths > 24) {
    errors.push(
      fieldError('settings.exemptMonths', 'EXEMPT_MONTHS_RANGE', '免评任职月数应为 0–24 的整数', 'Exemption months must be a whole number from 0 to 24'),
    );
  }
  return { settings: s, errors };
}

/**
 * The quorum and the smallest reported group against their ranges and the anonymity floors, on
 * their fields (`settings.quorum`, `settings.minGroup`). The route schema (votes/routes.ts) and
 * the engine both refuse with these; `clampBallotSettings` raises what was stored before.
 */
export function ballotFloorErrors(kind: VoteKind, s: { quorum?: Quorum; minGroup?: number }): FieldError[] {
  const errors: FieldError[] = [];
  const q = s.quorum;
  if (q !== undefined) {
    if (!isWellFormedQuorum(q)) {
      errors.push(
        fieldError(
          'settings.quorum',
          'QUORUM_INVALID',
          '法定人数比例应为不大于 1 的分数（如 2/3）',
          'The quorum must be a fraction no greater than 1 (e.g. 2/3)',
        ),
      );
    } else if (!quorumAtLeastFloor(q, kind)) {
      errors.push(
        kind === 'member_evaluation'
          ? fieldError(
              'settings.quorum',
              'QUORUM_BELOW_FLOOR',
              '团员民主测评须超过应到人数的 2/3，不能降低',
              'A member evaluation vote needs more than 2/3 of the roll; this cannot be lowered',
            )
          : fieldError(
              'settings.quorum',
              'QUORUM_BELOW_FLOOR',
              '投票人数须达到应到人数的 2/3 以上，不能降低',
              'At least 2/3 of the roll must vote; this cannot be lowered',
            ),
      );
    }
  }
  const m = s.minGroup;
  if (m !== undefined) {
    if (!Number.isInteger(m) || m > 100) {
      errors.push(
        fieldError(
          'settings.minGroup',
          'MIN_GROUP_RANGE',
          `最少公布人数应为 ${MIN_REPORTABLE_BALLOTS}–100 的整数`,
          `The minimum group must be a whole number from ${MIN_REPORTABLE_BALLOTS} to 100`,
        ),
      );
    } else if (m < MIN_REPORTABLE_BALLOTS) {
      errors.push(
        fieldError(
          'settings.minGroup',
          'MIN_GROUP_BELOW_FLOOR',
          `为保护投票人，少于 ${MIN_REPORTABLE_BALLOTS} 张选票不公布任何结果，不能降低`,
          `To protect the voters, no result is shown for fewer than ${MIN_REPORTABLE_BALLOTS} ballots; this cannot be lowered`,
        ),
      );
    }
  }
  return errors;
}

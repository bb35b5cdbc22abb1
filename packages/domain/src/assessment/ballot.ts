/**
 * Ballot rules (述职评议 and every other vote on the one engine): scales, quorum, the trimmed
 * mean of a points scale, satisfaction rate, weighting with the upper level's score, follow-up
 * flags, withholding of small groups, and exemption of cadres new in post. Pure: the server
 * stores ballots and calls these to validate a ballot and to report a closed session.
 */
import { fieldError, type FieldError, type Message } from '../common/messages.ts';

export const VOTE_KINDS = ['cadre_rating', 'member_evaluation', 'exemplar', 'general'] as const;
export type VoteKind = (typeof VOTE_KINDS)[number];

export const SCALE_CODES = ['satisfaction3', 'grade4', 'points10', 'member_grade4', 'approve3'] as const;
export type ScaleCode = (typeof SCALE_CODES)[number];

export interface ScaleOption {
  key: string;
  zh: string;
  en: string;
  /** Worth of the answer on 0–100: the member score is the mean worth of a subject's answers. */
  score: number;
  /** Counts toward the satisfaction rate. */
  satisfied: boolean;
}

export interface BallotScale {
  code: ScaleCode;
  nameZh: string;
  nameEn: string;
  /** 'points': answers are integers min..max, scored by the mean after dropping the highest and lowest. */
  kind: 'options' | 'points';
  options: ScaleOption[];
}

const points: ScaleOption[] = Array.from({ length: 10 }, (_, i) => ({
  key: String(i + 1),
  zh: `${i + 1}分`,
  en: `${i + 1}`,
  score: (i + 1) * 10,
  satisfied: i + 1 >= 6,
}));

/**
 * The scales. Worths are this platform's documented defaults (docs/votes.md): 满意 100 / 基本满意 60 /
 * 不满意 0; 好 100 / 较好 80 / 一般 60 / 差 0; points × 10. "Satisfied" means 满意 + 基本满意, 好 + 较好,
 * 6 points or more, 优秀 + 合格, 同意.
 */
export const BALLOT_SCALES: Record<ScaleCode, BallotScale> = {
  satisfaction3: {
    code: 'satisfaction3',
    nameZh: '满意 / 基本满意 / 不满意',
    nameEn: 'Satisfied / basically / dissatisfied',
    kind: 'options',
    options: [
      { key: 'satisfied', zh: '满意', en: 'Satisfied', score: 100, satisfied: true },
      { key: 'basic', zh: '基本满意', en: 'Basically satisfied', score: 60, satisfied: true },
      { key: 'dissatisfied', zh: '不满意', en: 'Dissatisfied', score: 0, satisfied: false },
    ],
  },
  grade4: {
    code: 'grade4',
    nameZh: '好 / 较好 / 一般 / 差',
    nameEn: 'Good / fairly good / average / poor',
    kind: 'options',
    options: [
      { key: 'good', zh: '好', en: 'Good', score: 100, satisfied: true },
      { key: 'fair', zh: '较好', en: 'Fairly good', score: 80, satisfied: true },
      { key: 'average', zh: '一般', en: 'Average', score: 60, satisfied: false },
      { key: 'poor', zh: '差', en: 'Poor', score: 0, satisfied: false },
    ],
  },
  points10: {
    code: 'points10',
    nameZh: '10分制（去掉一个最高分和一个最低分）',
    nameEn: '10 points (highest and lowest dropped)',
    kind: 'points',
    options: points,
  },
  member_grade4: {
    code: 'member_grade4',
    nameZh: '优秀 / 合格 / 基本合格 / 不合格',
    nameEn: 'Excellent / qualified / basically qualified / unqualified',
    kind: 'options',
    options: [
      { key: 'excellent', zh: '优秀', en: 'Excellent', score: 100, satisfied: true },
      { key: 'qualified', zh: '合格', en: 'Qualified', score: 80, satisfied: true },
      { key: 'basic', zh: '基本合格', en: 'Basically qualified', score: 60, satisfied: false },
      { key: 'unqualified', zh: '不合格', en: 'Unqualified', score: 0, satisfied: false },
    ],
  },
  approve3: {
    code: 'approve3',
    nameZh: '同意 / 不同意 / 弃权',
    nameEn: 'Approve / reject / abstain',
    kind: 'options',
    options: [
      { key: 'approve', zh: '同意', en: 'Approve', score: 100, satisfied: true },
      { key: 'reject', zh: '不同意', en: 'Reject', score: 0, satisfied: false },
      { key: 'abstain', zh: '弃权', en: 'Abstain', score: 0, satisfied: false },
    ],
  },
};

export const CADRE_RATING_SCALES: ScaleCode[] = ['satisfaction3', 'grade4', 'points10'];

export interface Quorum {
  num: number;
  den: number;
  /** true: more than num/den of the roll must vote (member evaluation); false: at least (cadre rating). */
  strict: boolean;
}

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
/**
 * No vote is valid with fewer than 2/3 of its roll (述职评议: 应到人数的 2/3 以上). The member
 * evaluation needs MORE than 2/3 (中青发〔2017〕5号): there the floor is strict.
 */
export const MIN_QUORUM: { readonly num: number; readonly den: number } = { num: 2, den: 3 };

export const DEFAULT_MIN_GROUP = MIN_REPORTABLE_BALLOTS;
export const DEFAULT_FLAG_BELOW = 0.6;
export const DEFAULT_EXEMPT_MONTHS = 3;

/** The quorum floor of a kind of vote: 2/3 of the roll, strictly more than 2/3 for a member evaluation. */
export const quorumFloor = (kind: VoteKind): Quorum => ({ num: MIN_QUORUM.num, den: MIN_QUORUM.den, strict: kind === 'member_evaluation' });

/** A well-formed fraction in (0, 1]: num and den whole, 0 ≤ num ≤ den, den ≥ 1. */
const wellFormed = (q: Quorum | null | undefined): q is Quorum =>
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

/**
 * The settings a session is run and reported with: anything stored before the floors existed (or
 * written by hand) is raised to them — a smaller group to MIN_REPORTABLE_BALLOTS, a lower or
 * malformed quorum to the kind's floor. Settings at or above the floors pass unchanged.
 */
export function clampBallotSettings(kind: VoteKind, s: BallotSettings): BallotSettings {
  const minGroup = Number.isInteger(s.minGroup) && s.minGroup >= MIN_REPORTABLE_BALLOTS ? s.minGroup : MIN_REPORTABLE_BALLOTS;
  const quorum = wellFormed(s.quorum) && quorumAtLeastFloor(s.quorum, kind) ? s.quorum : quorumFloor(kind);
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
    if (!wellFormed(q)) {
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

/** Whether `ballots` of a roll of `roll` reach the quorum (an empty roll never does). */
export function quorumMet(ballots: number, roll: number, q: Quorum): boolean {
  if (roll <= 0) return false;
  return q.strict ? ballots * q.den > roll * q.num : ballots * q.den >= roll * q.num;
}

const addMonths = (iso: string, months: number) => {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
};

/**
 * A cadre in post for fewer than `months` months on `onDate` is exempt (述职评议: 任职不满 3 个月的不参加).
 * An unknown start (`null`, e.g. rows from before the date was kept) is not exempt.
 */
export function isExemptFromRating(positionSince: string | null, onDate: string, months: number): boolean {
  if (!positionSince || months <= 0) return false;
  return addMonths(positionSince, months) > onDate.slice(0, 10);
}

export type BallotAnswers = Record<string, string | number>;

/**
 * The answers of one ballot: exactly one valid answer for every subject on the ballot, nothing else.
 * A ballot with an unanswered subject would be recognisable in the box, so none is accepted.
 */
export function validateBallot(scale: BallotScale, subjectIds: number[], answers: BallotAnswers): { value: Record<string, string>; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const value: Record<string, string> = {};
  const wanted = new Set(subjectIds.map(String));
  for (const key of Object.keys(answers)) {
    if (!wanted.has(key)) errors.push(fieldError(`answers.${key}`, 'SUBJECT_NOT_ON_BALLOT', '选票上没有这一项', 'This is not on the ballot'));
  }
  for (const id of subjectIds) {
    const raw = answers[String(id)];
    if (raw === undefined || raw === null || raw === '') {
      errors.push(fieldError(`answers.${id}`, 'ANSWER_MISSING', '请对每一位评议对象作出选择', 'Please answer for every person on the ballot'));
      continue;
    }
    const key = String(raw);
    if (!scale.options.some((o) => o.key === key)) {
      errors.push(fieldError(`answers.${id}`, 'ANSWER_INVALID', '所选选项无效', 'Not an option of this ballot'));
      continue;
    }
    value[String(id)] = key;
  }
  return { value, errors };
}

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

const round1 = (x: number) => Math.round(x * 10) / 10;
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

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
    wellFormed(settings.quorum) && quorumAtLeastFloor(settings.quorum, 'general')
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

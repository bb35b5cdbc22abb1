import { fieldError, type FieldError } from '../common/messages.ts';
import { MIN_QUORUM, MIN_REPORTABLE_BALLOTS } from './ballot.ts';

/**
 * Annual member evaluation (团员教育评议, 中青发〔2017〕5号): study → written self-assessment →
 * peer comments → vote → the branch committee proposes grades → the committee above approves.
 * Pure rules shared by the server (which enforces them) and the web (which previews them).
 */

export const EVALUATION_GRADES = ['excellent', 'qualified', 'basic', 'unqualified'] as const;
/** 优秀 / 合格 / 基本合格 / 不合格; the keys are the ballot engine's `member_grade4` option keys. */
export type EvaluationGrade = (typeof EVALUATION_GRADES)[number];

export const EVALUATION_GRADE_NAMES: Record<EvaluationGrade, { zh: string; en: string }> = {
  excellent: { zh: '优秀', en: 'Excellent' },
  qualified: { zh: '合格', en: 'Qualified' },
  basic: { zh: '基本合格', en: 'Basically qualified' },
  unqualified: { zh: '不合格', en: 'Unqualified' },
};

/** Grades a re-evaluation of an 不合格 member may record (优秀 is not given at a re-evaluation). */
export const REEVALUATION_GRADES: EvaluationGrade[] = ['qualified', 'basic', 'unqualified'];

/** The steps of a round, in order. `submitted` and `approved` belong to the level above. */
export const EVALUATION_STAGES = ['study', 'self_assessment', 'peer_review', 'voting', 'proposal', 'submitted', 'approved'] as const;
export type EvaluationStage = (typeof EVALUATION_STAGES)[number];

export interface EvaluationQuorum {
  num: number;
  den: number;
  /** true: more than num/den must be present (the 2017 rule); false: at least num/den. */
  strict: boolean;
}

/** Every number of the evaluation rules; a deployment may change them, a round freezes them when it opens. */
export interface EvaluationSettings {
  quorum: EvaluationQuorum;
  /** 优秀 may be given to at most this percentage of the participants (rounded down). */
  excellentCapPercent: number;
  /** An 不合格 member is re-evaluated this many months after the approval… */
  reevaluationMonths: number;
  /** …which must lie in this window (months). */
  reevaluationMinMonths: number;
  reevaluationMaxMonths: number;
}

export const DEFAULT_EVALUATION_SETTINGS: EvaluationSettings = {
  quorum: { num: 2, den: 3, strict: true },
  excellentCapPercent: 30,
  reevaluationMonths: 3,
  reevaluationMinMonths: 3,
  reevaluationMaxMonths: 6,
};

export function validateEvaluationSettings(s: EvaluationSettings): FieldError[] {
  const errors: FieldError[] = [];
  const int = (v: number) => Number.isInteger(v);
  if (!int(s.quorum.num) || !int(s.quorum.den) || s.quorum.den < 1 || s.quorum.num < 1 || s.quorum.num > s.quorum.den) {
    errors.push(
      fieldError('quorum', 'EVALUATION_QUORUM_INVALID', '到会比例须为不大于 1 的分数，如 2/3', 'The quorum must be a fraction no larger than 1, e.g. 2/3'),
    );
  } else if (!evaluationQuorumAtLeastFloor(s.quorum)) {
    errors.push(
      fieldError(
        'quorum',
        'EVALUATION_QUORUM_BELOW_FLOOR',
        '到会人数须超过参评人数的 2/3，不能降低',
        'More than 2/3 of the participants must be present; this cannot be lowered',
      ),
    );
  }
  if (!int(s.excellentCapPercent) || s.excellentCapPercent < 0 || s.excellentCapPercent > 100) {
    errors.push(
      fieldError('excellentCapPercent', 'EVALUATION_CAP_INVALID', '优秀比例上限须为 0–100 的整数', 'The 优秀 cap must be a whole percentage from 0 to 100'),
    );
  }
  if (
    !int(s.reevaluationMinMonths) ||
    !int(s.reevaluationMaxMonths) ||
    s.reevaluationMinMonths < 1 ||
    s.reevaluationMaxMonths < s.reevaluationMinMonths ||
    s.reevaluationMaxMonths > 24
  ) {
    errors.push(
      fieldError(
        'reevaluationMaxMonths',
        'EVALUATION_WINDOW_INVALID',
        '重新评议期限须为 1–24 个月且起不晚于止',
        'The re-evaluation window must be 1–24 months, its start not after its end',
      ),
    );
  } else if (!int(s.reevaluationMonths) || s.reevaluationMonths < s.reevaluationMinMonths || s.reevaluationMonths > s.reevaluationMaxMonths) {
    errors.push(
      fieldError(
        'reevaluationMonths',
        'EVALUATION_REEVALUATION_OUT_OF_WINDOW',
        `重新评议应在 ${s.reevaluationMinMonths}–${s.reevaluationMaxMonths} 个月后进行`,
        `The re-evaluation must fall ${s.reevaluationMinMonths}–${s.reevaluationMaxMonths} months later`,
      ),
    );
  }
  return errors;
}

/**
 * The quorum floor of a member evaluation (a rule, not a setting): more than 2/3 of the
 * participants. A deployment may ask more (e.g. 3/4), never less.
 */
export const EVALUATION_QUORUM_FLOOR: EvaluationQuorum = { num: MIN_QUORUM.num, den: MIN_QUORUM.den, strict: true };

/** Whether a quorum asks at least the floor: more than 2/3 (2/3 itself only when strict). */
export function evaluationQuorumAtLeastFloor(q: EvaluationQuorum): boolean {
  const diff = q.num * EVALUATION_QUORUM_FLOOR.den - EVALUATION_QUORUM_FLOOR.num * q.den; // sign of q − 2/3
  return diff > 0 || (diff === 0 && q.strict);
}

/**
 * The settings a round runs with: a quorum stored below the floor (or malformed) — before the
 * floor existed, or written by hand — is raised to it; everything else passes unchanged.
 */
export function clampEvaluationSettings(s: EvaluationSettings): EvaluationSettings {
  const q = s.quorum;
  const ok = !!q && Number.isInteger(q.num) && Number.isInteger(q.den) && q.den >= 1 && q.num >= 1 && q.num <= q.den && evaluationQuorumAtLeastFloor(q);
  return ok ? s : { ...s, quorum: { ...EVALUATION_QUORUM_FLOOR } };
}

/**
 * Per-member vote counts are kept and shown only when at least MIN_REPORTABLE_BALLOTS voted (on
 * paper or online): with fewer, a member's counts would tell who voted how.
 */
export const evaluationVotesReportable = (present: number | null | undefined) => (present ?? 0) >= MIN_REPORTABLE_BALLOTS;

/** Whether `present` of `total` participants make the vote valid (2/3 strict: 7 of 10 yes, 6 of 9 no). */
export function evaluationQuorumMet(present: number, total: number, q: EvaluationQuorum): boolean {
  if (total <= 0) return false;
  // Integer arithmetic: present/total > num/den  ⇔  present·den > num·total.
  return q.strict ? present * q.den > q.num * total : present * q.den >= q.num * total;
}

/** The fewest present participants that meet the quorum. */
export function evaluationQuorumMinimum(total: number, q: EvaluationQuorum): number {
  for (let n = 0; n <= total; n++) if (evaluationQuorumMet(n, total, q)) return n;
  return total + 1;
}

/**
 * The most 优秀 grades a round may give: the cap percentage of the participants, rounded DOWN
 * (30% of 12 = 3.6 → 3), so the share never exceeds the cap. 不合格 has no quota.
 */
export function excellentCap(participants: number, capPercent: number): number {
  return Math.floor((participants * capPercent) / 100);
}

export type GradeVoteCounts = Partial<Record<EvaluationGrade, number>>;

/** The grades with the most votes (several on a tie; none when nobody voted on the member). */
export function leadingGrades(counts: GradeVoteCounts | null | undefined): EvaluationGrade[] {
  if (!counts) return [];
  const max = Math.max(0, ...EVALUATION_GRADES.map((g) => counts[g] ?? 0));
  if (max === 0) return [];
  return EVALUATION_GRADES.filter((g) => (counts[g] ?? 0) === max);
}

/**
 * "看票不唯票": the committee may depart from the vote, but a grade that is not a leading option
 * of the member's votes (or any grade when there are no votes) needs a written reason.
 */
export function departsFromVote(grade: EvaluationGrade, counts: GradeVoteCounts | null | undefined): boolean {
  return !leadingGrades(counts).includes(grade);
}

export interface ProposedGrade {
  memberId: number;
  grade: EvaluationGrade | null;
  reason?: string | null;
}

/** Minimum length of an override reason, in characters. */
export const OVERRIDE_REASON_MIN = 5;

/**
 * The committee's proposal against the rules: every reason where the grade departs from the vote,
 * the 优秀 cap, and (when `complete`) a grade for every participant. Field paths are
 * `grades.<index>.grade` / `grades.<index>.reason`.
 */
export function validateProposal(
  grades: ProposedGrade[],
  ctx: { participants: number[]; votes: Map<number, GradeVoteCounts>; settings: EvaluationSettings; complete: boolean },
): FieldError[] {
  const errors: FieldError[] = [];
  const known = new Set(ctx.participants);
  const seen = new Set<number>();
  grades.forEach((g, i) => {
    if (!known.has(g.memberId) || seen.has(g.memberId)) {
      errors.push(
        fieldError(
          `grades.${i}.memberId`,
          'EVALUATION_NOT_PARTICIPANT',
          '该团员不是本次评议的参评人员或重复出现',
          'This member is not a participant of this evaluation, or appears twice',
        ),
      );
      return;
    }
    seen.add(g.memberId);
    if (!g.grade) return;
    const reason = (g.reason ?? '').trim();
    if (departsFromVote(g.grade, ctx.votes.get(g.memberId)) && [...reason].length < OVERRIDE_REASON_MIN) {
      errors.push(
        fieldError(
          `grades.${i}.reason`,
          'EVALUATION_OVERRIDE_REASON_REQUIRED',
          `拟定等次与投票结果不一致，请写明理由（至少 ${OVERRIDE_REASON_MIN} 个字）`,
          `The grade departs from the vote: give a written reason (at least ${OVERRIDE_REASON_MIN} characters)`,
        ),
      );
    }
  });
  const cap = excellentCap(ctx.participants.length, ctx.settings.excellentCapPercent);
  const excellent = grades.filter((g) => g.grade === 'excellent').length;
  if (excellent > cap) {
    errors.push(
      fieldError(
        'grades',
        'EVALUATION_EXCELLENT_CAP',
        `优秀等次不得超过参评人数的 ${ctx.settings.excellentCapPercent}%（本次最多 ${cap} 人，已拟定 ${excellent} 人）`,
        `优秀 may go to at most ${ctx.settings.excellentCapPercent}% of the participants (${cap} here; ${excellent} proposed)`,
      ),
    );
  }
  if (ctx.complete) {
    const graded = new Set(grades.filter((g) => g.grade).map((g) => g.memberId));
    const missing = ctx.participants.filter((id) => !graded.has(id));
    if (missing.length) {
      errors.push(
        fieldError(
          'grades',
          'EVALUATION_GRADES_INCOMPLETE',
          `还有 ${missing.length} 名团员未拟定等次`,
          `${missing.length} participant(s) have no proposed grade yet`,
        ),
      );
    }
  }
  return errors;
}

/** Adds whole calendar months to a date, clamping to the month's last day (2026-08-31 + 3 → 2026-11-30). */
export function addCalendarMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** When an 不合格 member approved on `approvedOn` is due for re-evaluation (inside the settings' window). */
export function reevaluationDueOn(approvedOn: string, s: EvaluationSettings): string {
  const months = Math.min(Math.max(s.reevaluationMonths, s.reevaluationMinMonths), s.reevaluationMaxMonths);
  return addCalendarMonths(approvedOn, months);
}

/**
 * The window for re-evaluating an 不合格 member approved on `approvedOn` (3–6 months by default).
 * A re-evaluation held before `from` is refused; after `to` it is late but still recorded.
 */
export function reevaluationWindow(approvedOn: string, s: EvaluationSettings): { from: string; to: string } {
  return { from: addCalendarMonths(approvedOn, s.reevaluationMinMonths), to: addCalendarMonths(approvedOn, s.reevaluationMaxMonths) };
}

/** A negative-list (负面清单) period covers a year when it overlaps it; an open end runs on. */
export function negativePeriodCoversYear(startsOn: string, endsOn: string | null, year: number): boolean {
  return startsOn <= `${year}-12-31` && (endsOn == null || endsOn >= `${year}-01-01`);
}

/** The stage after `stage` (null at the end). Returning a submission goes back to `proposal`. */
export function nextEvaluationStage(stage: EvaluationStage): EvaluationStage | null {
  const i = EVALUATION_STAGES.indexOf(stage);
  return i >= 0 && i < EVALUATION_STAGES.length - 1 ? EVALUATION_STAGES[i + 1] : null;
}

import { describe, expect, it } from 'vitest';
import {
  DEFAULT_EVALUATION_SETTINGS as S,
  EVALUATION_QUORUM_FLOOR,
  addCalendarMonths,
  clampEvaluationSettings,
  departsFromVote,
  evaluationQuorumAtLeastFloor,
  evaluationVotesReportable,
  excellentCap,
  leadingGrades,
  nextEvaluationStage,
  negativePeriodCoversYear,
  evaluationQuorumMet,
  evaluationQuorumMinimum,
  reevaluationDueOn,
  reevaluationWindow,
  validateEvaluationSettings,
  validateProposal,
  type ProposedGrade,
  type GradeVoteCounts,
} from './evaluation.ts';

const codes = (errors: { field: string; code: string }[]) => errors.map((e) => `${e.field}:${e.code}`);

describe('quorum (more than 2/3 of the participants present)', () => {
  it('needs MORE than two thirds by default: 6 of 9 is not enough, 7 of 9 is', () => {
    expect(evaluationQuorumMet(6, 9, S.quorum)).toBe(false);
    expect(evaluationQuorumMet(7, 9, S.quorum)).toBe(true);
    expect(evaluationQuorumMet(20, 30, S.quorum)).toBe(false);
    expect(evaluationQuorumMet(21, 30, S.quorum)).toBe(true);
    expect(evaluationQuorumMinimum(9, S.quorum)).toBe(7);
    expect(evaluationQuorumMinimum(10, S.quorum)).toBe(7);
  });
  it('accepts exactly 2/3 when the setting is inclusive', () => {
    expect(evaluationQuorumMet(6, 9, { num: 2, den: 3, strict: false })).toBe(true);
    expect(evaluationQuorumMet(5, 9, { num: 2, den: 3, strict: false })).toBe(false);
  });
  it('follows another fraction from the settings', () => {
    expect(evaluationQuorumMet(5, 10, { num: 1, den: 2, strict: false })).toBe(true);
    expect(evaluationQuorumMet(5, 10, { num: 1, den: 2, strict: true })).toBe(false);
  });
  it('is never met with no participants', () => {
    expect(evaluationQuorumMet(0, 0, S.quorum)).toBe(false);
  });
});

describe('优秀 cap (30% of the participants, rounded down)', () => {
  it('rounds down so the share never exceeds the cap', () => {
    expect(excellentCap(10, 30)).toBe(3);
    expect(excellentCap(12, 30)).toBe(3);
    expect(excellentCap(3, 30)).toBe(0);
    expect(excellentCap(20, 25)).toBe(5);
  });
  it('refuses a proposal over the cap, whatever the votes say', () => {
    const participants = Array.from({ length: 10 }, (_, i) => i + 1);
    const votes = new Map<number, GradeVoteCounts>(participants.map((id) => [id, { excellent: 9 }]));
    const grades = (n: number): ProposedGrade[] =>
      participants.map((id, i) => ({ memberId: id, grade: i < n ? 'excellent' : 'qualified', reason: '表现良好，群众认可' }));
    expect(validateProposal(grades(3), { participants, votes, settings: S, complete: true })).toEqual([]);
    expect(codes(validateProposal(grades(4), { participants, votes, settings: S, complete: true }))).toEqual(['grades:EVALUATION_EXCELLENT_CAP']);
  });
  it('sets no quota on 不合格', () => {
    const participants = [1, 2, 3, 4];
    const votes = new Map<number, GradeVoteCounts>(participants.map((id) => [id, { unqualified: 3 }]));
    const grades: ProposedGrade[] = participants.map((id) => ({ memberId: id, grade: 'unqualified' }));
    expect(validateProposal(grades, { participants, votes, settings: S, complete: true })).toEqual([]);
  });
});

describe('看票不唯票: departing from the vote needs a written reason', () => {
  it('knows the leading options, ties included', () => {
    expect(leadingGrades({ excellent: 2, qualified: 5 })).toEqual(['qualified']);
    expect(leadingGrades({ excellent: 4, qualified: 4, basic: 1 })).toEqual(['excellent', 'qualified']);
    expect(leadingGrades({})).toEqual([]);
    expect(departsFromVote('qualified', { excellent: 4, qualified: 4 })).toBe(false);
    expect(departsFromVote('basic', { excellent: 4, qualified: 4 })).toBe(true);
    expect(departsFromVote('qualified', null)).toBe(true);
  });
  it('refuses a departure without a reason and accepts it with one', () => {
    const ctx = {
      participants: [1, 2],
      votes: new Map<number, GradeVoteCounts>([
        [1, { qualified: 6 }],
        [2, { qualified: 6 }],
      ]),
      settings: S,
      complete: false,
    };
    expect(validateProposal([{ memberId: 1, grade: 'qualified' }], ctx)).toEqual([]);
    expect(
      codes(
        validateProposal(
          [
            { memberId: 2, grade: 'qualified' },
            { memberId: 1, grade: 'basic', reason: '  ' },
          ],
          ctx,
        ),
      ),
    ).toEqual(['grades.1.reason:EVALUATION_OVERRIDE_REASON_REQUIRED']);
    expect(validateProposal([{ memberId: 1, grade: 'basic', reason: '多次无故缺席组织生活' }], ctx)).toEqual([]);
  });
  it('needs a grade for everyone only when the proposal is submitted', () => {
    const ctx = { participants: [1, 2], votes: new Map<number, GradeVoteCounts>([[1, { qualified: 3 }]]), settings: S, complete: true };
    expect(codes(validateProposal([{ memberId: 1, grade: 'qualified' }], ctx))).toEqual(['grades:EVALUATION_GRADES_INCOMPLETE']);
    expect(codes(validateProposal([{ memberId: 9, grade: 'qualified' }], { ...ctx, complete: false }))).toEqual([
      'grades.0.memberId:EVALUATION_NOT_PARTICIPANT',
    ]);
  });
});

describe('re-evaluation 3–6 months after an 不合格 grade', () => {
  it('adds calendar months, clamping to the last day of the month', () => {
    expect(addCalendarMonths('2026-01-15', 3)).toBe('2026-04-15');
    expect(addCalendarMonths('2026-08-31', 3)).toBe('2026-11-30');
    expect(addCalendarMonths('2026-11-30', 3)).toBe('2027-02-28');
  });
  it('falls due after the configured months, kept inside the window', () => {
    expect(reevaluationDueOn('2026-12-20', S)).toBe('2027-03-20');
    expect(reevaluationDueOn('2026-12-20', { ...S, reevaluationMonths: 6 })).toBe('2027-06-20');
    expect(reevaluationDueOn('2026-12-20', { ...S, reevaluationMonths: 12 })).toBe('2027-06-20');
    expect(reevaluationDueOn('2026-12-20', { ...S, reevaluationMonths: 1 })).toBe('2027-03-20');
    expect(reevaluationWindow('2026-12-20', S)).toEqual({ from: '2027-03-20', to: '2027-06-20' });
  });
  it('refuses settings that put the re-evaluation outside its window', () => {
    expect(validateEvaluationSettings(S)).toEqual([]);
    expect(codes(validateEvaluationSettings({ ...S, reevaluationMonths: 7 }))).toEqual(['reevaluationMonths:EVALUATION_REEVALUATION_OUT_OF_WINDOW']);
    expect(codes(validateEvaluationSettings({ ...S, reevaluationMinMonths: 6, reevaluationMaxMonths: 3 }))).toEqual([
      'reevaluationMaxMonths:EVALUATION_WINDOW_INVALID',
    ]);
    expect(codes(validateEvaluationSettings({ ...S, excellentCapPercent: 130, quorum: { num: 4, den: 3, strict: true } }))).toEqual([
      'quorum:EVALUATION_QUORUM_INVALID',
      'excellentCapPercent:EVALUATION_CAP_INVALID',
    ]);
  });
});

describe('the quorum floor (a rule, not a setting): more than 2/3', () => {
  it('refuses a quorum at or below 2/3 unless it is strictly more than 2/3', () => {
    expect(EVALUATION_QUORUM_FLOOR).toEqual({ num: 2, den: 3, strict: true });
    expect(codes(validateEvaluationSettings({ ...S, quorum: { num: 1, den: 2, strict: true } }))).toEqual(['quorum:EVALUATION_QUORUM_BELOW_FLOOR']);
    expect(codes(validateEvaluationSettings({ ...S, quorum: { num: 2, den: 3, strict: false } }))).toEqual(['quorum:EVALUATION_QUORUM_BELOW_FLOOR']);
    expect(validateEvaluationSettings({ ...S, quorum: { num: 3, den: 4, strict: false } })).toEqual([]);
    expect(evaluationQuorumAtLeastFloor({ num: 2, den: 3, strict: true })).toBe(true);
    expect(evaluationQuorumAtLeastFloor({ num: 65, den: 100, strict: true })).toBe(false);
  });
  it("raises a round's stored quorum below the floor to it", () => {
    expect(clampEvaluationSettings({ ...S, quorum: { num: 1, den: 10, strict: false } }).quorum).toEqual({ num: 2, den: 3, strict: true });
    expect(clampEvaluationSettings({ ...S, quorum: { num: 0, den: 0, strict: true } }).quorum).toEqual({ num: 2, den: 3, strict: true });
    const strict = { ...S, quorum: { num: 4, den: 5, strict: false } };
    expect(clampEvaluationSettings(strict)).toBe(strict);
  });
  it('keeps per-member vote counts only from 5 ballots on', () => {
    expect(evaluationVotesReportable(4)).toBe(false);
    expect(evaluationVotesReportable(null)).toBe(false);
    expect(evaluationVotesReportable(5)).toBe(true);
  });
});

describe('negative list periods and stages', () => {
  it('bars a year when the period overlaps it', () => {
    expect(negativePeriodCoversYear('2026-06-01', '2026-12-31', 2026)).toBe(true);
    expect(negativePeriodCoversYear('2025-06-01', '2026-01-01', 2026)).toBe(true);
    expect(negativePeriodCoversYear('2025-06-01', '2025-12-31', 2026)).toBe(false);
    expect(negativePeriodCoversYear('2027-01-01', null, 2026)).toBe(false);
    expect(negativePeriodCoversYear('2024-01-01', null, 2026)).toBe(true);
  });
  it('walks the steps in order', () => {
    expect(nextEvaluationStage('study')).toBe('self_assessment');
    expect(nextEvaluationStage('voting')).toBe('proposal');
    expect(nextEvaluationStage('approved')).toBeNull();
  });
});

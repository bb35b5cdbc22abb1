import { describe, expect, it } from 'vitest';
import {
  BALLOT_SCALES,
  MIN_QUORUM,
  MIN_REPORTABLE_BALLOTS,
  clampBallotSettings,
  defaultBallotSettings,
  isExemptFromRating,
  memberScore,
  needsFollowUp,
  quorumAtLeastFloor,
  quorumMet,
  reportBallots,
  resolveBallotSettings,
  satisfactionRate,
  tallyBallots,
  trimmedMean,
  validateBallot,
  weightedScore,
} from './ballot.ts';

const sat = BALLOT_SCALES.satisfaction3;
const pts = BALLOT_SCALES.points10;

describe('quorum', () => {
  it('cadre rating: at least 2/3 of the roll (20 of 30 is enough, 19 is not)', () => {
    const q = defaultBallotSettings('cadre_rating').quorum;
    expect(quorumMet(20, 30, q)).toBe(true);
    expect(quorumMet(19, 30, q)).toBe(false);
  });
  it('member evaluation: more than 2/3 (20 of 30 is not enough, 21 is)', () => {
    const q = defaultBallotSettings('member_evaluation').quorum;
    expect(q.strict).toBe(true);
    expect(quorumMet(20, 30, q)).toBe(false);
    expect(quorumMet(21, 30, q)).toBe(true);
  });
  it('an empty roll never reaches a quorum', () => {
    expect(quorumMet(0, 0, { num: 0, den: 3, strict: false })).toBe(false);
  });
});

describe('settings', () => {
  it('fills the defaults: 2/3, groups of 5, follow-up below 60 %, exempt under 3 months, no weighting', () => {
    expect(resolveBallotSettings('cadre_rating').settings).toEqual({
      quorum: { num: 2, den: 3, strict: false },
      minGroup: 5,
      weighting: null,
      flagBelow: 0.6,
      exemptMonths: 3,
    });
  });
  it('refuses weights not adding up to 100, a quorum above 1 and weighting outside a cadre rating, each on its field', () => {
    expect(
      resolveBallotSettings('cadre_rating', { weighting: { memberWeight: 70, upperWeight: 20 }, quorum: { num: 4, den: 3, strict: false } }).errors.map((e) => [
        e.field,
        e.code,
      ]),
    ).toEqual([
      ['settings.quorum', 'QUORUM_INVALID'],
      ['settings.weighting', 'WEIGHTS_SUM'],
    ]);
    expect(resolveBallotSettings('member_evaluation', { weighting: { memberWeight: 70, upperWeight: 30 } }).errors[0].code).toBe('WEIGHTING_CADRE_ONLY');
    expect(resolveBallotSettings('cadre_rating', { weighting: { memberWeight: 70, upperWeight: 30 } }).errors).toEqual([]);
  });
});

describe('exemption of cadres new in post', () => {
  it('exempts a cadre in post for less than 3 months, not one in post for exactly 3', () => {
    expect(isExemptFromRating('2026-09-01', '2026-11-30', 3)).toBe(true);
    expect(isExemptFromRating('2026-08-30', '2026-11-30', 3)).toBe(false);
    expect(isExemptFromRating('2026-08-31', '2026-11-30', 3)).toBe(false); // 08-31 + 3 months = 11-30
  });
  it('does not exempt a cadre whose start is unknown', () => {
    expect(isExemptFromRating(null, '2026-11-30', 3)).toBe(false);
  });
});

describe('ballot validation', () => {
  it('accepts exactly one valid answer per subject (points as numbers)', () => {
    expect(validateBallot(pts, [1, 2], { 1: 7, 2: '10' })).toEqual({ value: { 1: '7', 2: '10' }, errors: [] });
  });
  it('refuses a missing answer, an unknown option and a subject not on the ballot', () => {
    const r = validateBallot(sat, [1, 2], { 2: 'great', 9: 'satisfied' });
    expect(r.errors.map((e) => [e.field, e.code])).toEqual([
      ['answers.9', 'SUBJECT_NOT_ON_BALLOT'],
      ['answers.1', 'ANSWER_MISSING'],
      ['answers.2', 'ANSWER_INVALID'],
    ]);
    expect(validateBallot(pts, [1], { 1: 11 }).errors[0].code).toBe('ANSWER_INVALID');
  });
});

describe('scores', () => {
  it('drops the highest and the lowest of a points scale', () => {
    expect(trimmedMean([10, 1, 8, 8, 8])).toBe(8);
    const counts = tallyBallots(pts, [1], [{ 1: '10' }, { 1: '1' }, { 1: '8' }, { 1: '8' }, { 1: '8' }]).get(1)!;
    expect(memberScore(pts, counts)).toBe(80);
  });
  it('keeps every answer of an options scale', () => {
    const counts = { satisfied: 3, basic: 1, dissatisfied: 1 };
    expect(memberScore(sat, counts)).toBe(72); // (300 + 60 + 0) / 5
  });
  it('satisfaction = 满意 + 基本满意 over all answers; ≥ 6 points on the points scale', () => {
    expect(satisfactionRate(sat, { satisfied: 3, basic: 1, dissatisfied: 1 })).toBe(0.8);
    expect(satisfactionRate(pts, { 5: 1, 6: 1, 10: 2 })).toBe(0.75);
    expect(satisfactionRate(BALLOT_SCALES.grade4, { good: 1, fair: 1, average: 1, poor: 1 })).toBe(0.5);
  });
  it("weights the member score with the upper level's (70/30)", () => {
    expect(weightedScore(80, 90, { memberWeight: 70, upperWeight: 30 })).toBe(83);
    expect(weightedScore(80, null, { memberWeight: 70, upperWeight: 30 })).toBeNull();
    expect(weightedScore(80, 90, null)).toBeNull();
  });
  it('flags for follow-up below the threshold, on the rate or the weighted score', () => {
    expect(needsFollowUp(0.59, null, 0.6)).toBe(true);
    expect(needsFollowUp(0.6, null, 0.6)).toBe(false);
    expect(needsFollowUp(0.9, 55, 0.6)).toBe(true);
  });
});

describe('the report of a closed session', () => {
  const settings = { ...defaultBallotSettings('cadre_rating'), weighting: { memberWeight: 70, upperWeight: 30 } };
  const subjects = [
    { subjectId: 1, exempt: false, counts: { satisfied: 4, basic: 1, dissatisfied: 1 }, upperScore: 90 },
    { subjectId: 2, exempt: false, counts: { satisfied: 1, basic: 2, dissatisfied: 3 }, upperScore: null },
    { subjectId: 3, exempt: true, counts: { satisfied: 0, basic: 0, dissatisfied: 0 }, upperScore: null },
  ];
  it('reports counts, scores, rates, the weighted score and flags', () => {
    const r = reportBallots(sat, settings, 8, 6, subjects);
    expect(r.withheld).toBeNull();
    expect(r.turnout).toBe(0.75);
    expect(r.subjects[0]).toMatchObject({ answered: 6, score: 76.7, satisfactionRate: 0.8333, weightedScore: 80.7, flagged: false });
    expect(r.subjects[1]).toMatchObject({ satisfactionRate: 0.5, weightedScore: null, flagged: true });
    expect(r.subjects[2]).toMatchObject({ exempt: true, counts: {}, score: null, flagged: false });
  });
  it('withholds everything below the quorum', () => {
    const r = reportBallots(sat, settings, 10, 6, subjects);
    expect(r.withheld?.code).toBe('QUORUM_NOT_MET');
    expect(r.subjects.every((s) => s.score === null && Object.keys(s.counts).length === 0)).toBe(true);
  });
  it('withholds a group smaller than the threshold even when the quorum is met', () => {
    const r = reportBallots(
      sat,
      settings,
      4,
      4,
      subjects.map((s) => ({ ...s, counts: { satisfied: 4 } })),
    );
    expect(r.withheld?.code).toBe('TOO_FEW_VOTERS');
    expect(r.subjects[0].counts).toEqual({});
  });
  it('never reports fewer than 5 ballots or below 2/3 of the roll, whatever the settings say', () => {
    const one = reportBallots(
      sat,
      { ...settings, minGroup: 1, quorum: { num: 0, den: 1, strict: false } },
      1,
      1,
      subjects.map((s) => ({ ...s, counts: { satisfied: 1 } })),
    );
    expect(one.withheld?.code).toBe('TOO_FEW_VOTERS');
    expect(one.subjects.every((s) => Object.keys(s.counts).length === 0 && s.score === null && s.satisfactionRate === null && s.weightedScore === null)).toBe(
      true,
    );
    const four = reportBallots(
      sat,
      { ...settings, minGroup: 4 },
      4,
      4,
      subjects.map((s) => ({ ...s, counts: { satisfied: 4 } })),
    );
    expect(four.withheld?.code).toBe('TOO_FEW_VOTERS');
    expect(four.subjects[0]).toMatchObject({ counts: {}, score: null, satisfactionRate: null, weightedScore: null });
    const thin = reportBallots(sat, { ...settings, quorum: { num: 1, den: 10, strict: false } }, 30, 6, subjects);
    expect(thin.withheld?.code).toBe('QUORUM_NOT_MET');
    expect(
      reportBallots(
        sat,
        settings,
        5,
        5,
        subjects.map((s) => ({ ...s, counts: { satisfied: 5 } })),
      ).withheld,
    ).toBeNull();
  });
  it('shows nothing of a subject answered on fewer than 5 ballots', () => {
    const r = reportBallots(sat, settings, 6, 6, [{ subjectId: 1, exempt: false, counts: { satisfied: 3, basic: 1 }, upperScore: 80 }]);
    expect(r.withheld).toBeNull();
    expect(r.subjects[0]).toMatchObject({ counts: {}, score: null, satisfactionRate: null, weightedScore: null, upperScore: 80 });
  });
});

describe('anonymity floors (rules, not settings)', () => {
  it('are named: at least 5 ballots, at least 2/3 of the roll', () => {
    expect(MIN_REPORTABLE_BALLOTS).toBe(5);
    expect(MIN_QUORUM).toEqual({ num: 2, den: 3 });
  });
  it('refuses a smaller group and a lower quorum on their fields, with stable codes in both languages', () => {
    const low = resolveBallotSettings('cadre_rating', { minGroup: 1, quorum: { num: 0, den: 3, strict: false } }).errors;
    expect(low.map((e) => [e.field, e.code])).toEqual([
      ['settings.quorum', 'QUORUM_BELOW_FLOOR'],
      ['settings.minGroup', 'MIN_GROUP_BELOW_FLOOR'],
    ]);
    expect(low.every((e) => e.message.zh && e.message.en)).toBe(true);
    expect(resolveBallotSettings('cadre_rating', { minGroup: 4 }).errors.map((e) => e.code)).toEqual(['MIN_GROUP_BELOW_FLOOR']);
    expect(resolveBallotSettings('cadre_rating', { quorum: { num: 3, den: 5, strict: true } }).errors.map((e) => e.code)).toEqual(['QUORUM_BELOW_FLOOR']);
    expect(resolveBallotSettings('cadre_rating', { minGroup: 5, quorum: { num: 2, den: 3, strict: false } }).errors).toEqual([]);
    expect(resolveBallotSettings('cadre_rating', { minGroup: 8, quorum: { num: 3, den: 4, strict: false } }).errors).toEqual([]);
  });
  it('asks a member evaluation for more than 2/3: 2/3 "at least" is below its floor', () => {
    expect(quorumAtLeastFloor({ num: 2, den: 3, strict: false }, 'member_evaluation')).toBe(false);
    expect(quorumAtLeastFloor({ num: 2, den: 3, strict: true }, 'member_evaluation')).toBe(true);
    expect(quorumAtLeastFloor({ num: 3, den: 4, strict: false }, 'member_evaluation')).toBe(true);
    expect(quorumAtLeastFloor({ num: 2, den: 3, strict: false }, 'cadre_rating')).toBe(true);
    expect(quorumAtLeastFloor({ num: 13, den: 20, strict: true }, 'cadre_rating')).toBe(false);
    expect(resolveBallotSettings('member_evaluation', { quorum: { num: 2, den: 3, strict: false } }).errors.map((e) => e.code)).toEqual(['QUORUM_BELOW_FLOOR']);
  });
  it('raises settings stored before the floors to them, and leaves stricter ones alone', () => {
    const stored = { ...defaultBallotSettings('cadre_rating'), minGroup: 1, quorum: { num: 0, den: 100, strict: false } };
    expect(clampBallotSettings('cadre_rating', stored)).toMatchObject({ minGroup: 5, quorum: { num: 2, den: 3, strict: false } });
    expect(clampBallotSettings('member_evaluation', { ...stored, quorum: { num: 2, den: 3, strict: false } }).quorum).toEqual({ num: 2, den: 3, strict: true });
    expect(clampBallotSettings('cadre_rating', { ...stored, quorum: { num: 5, den: 3, strict: false } }).quorum).toEqual({ num: 2, den: 3, strict: false });
    const strict = { ...defaultBallotSettings('cadre_rating'), minGroup: 9, quorum: { num: 4, den: 5, strict: true } };
    expect(clampBallotSettings('cadre_rating', strict)).toBe(strict);
  });
});

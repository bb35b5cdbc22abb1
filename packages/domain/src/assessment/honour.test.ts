import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HONOUR_SETTINGS,
  describeCheck,
  failedRules,
  honourQuota,
  isEligible,
  memberChecks,
  noticeEndsOn,
  unitChecks,
  validateDues,
  validateHonourSettings,
  validateObjection,
  validateRound,
  volunteerHoursError,
  certificateNumber,
  type MemberHonourFacts,
  type RoundRules,
  type UnitHonourFacts,
} from './honour.ts';

const round: RoundRules = { year: 2026, referenceDate: '2026-12-31', requireLowerTitle: false, settings: DEFAULT_HONOUR_SETTINGS };
const member: MemberHonourFacts = {
  birthDate: '2000-06-01',
  joinedOn: '2015-05-04',
  status: 'active',
  position: 'none',
  excellentYears: [2022, 2024, 2026],
  volunteerHours: 24,
  onNegativeList: false,
  lowerTitle: false,
};
const unit: UnitHonourFacts = {
  typeCode: 'branch',
  status: 'active',
  foundedOn: '2020-01-01',
  tier: 'star4',
  tasksDone: 8,
  tasksRequired: 10,
  dues: { membersDue: 100, membersInArrears: 5 },
  lowerTitle: false,
};
const failed = (checks: ReturnType<typeof memberChecks>) => failedRules(checks);

describe('person honours', () => {
  it('passes a member who meets every rule, and reports every value', () => {
    const checks = memberChecks('excellent_member', member, round);
    expect(isEligible(checks)).toBe(true);
    expect(Object.fromEntries(checks.map((c) => [c.rule, c.value]))).toEqual({
      active: true,
      age: 26,
      membership_years: 11,
      excellent_count: 3,
      volunteer_hours: 24,
      negative_list: false,
    });
  });
  it('age: 28 on the reference date is too old, 27 passes', () => {
    expect(failed(memberChecks('excellent_member', { ...member, birthDate: '1998-12-31' }, round))).toEqual(['age']);
    expect(failed(memberChecks('excellent_member', { ...member, birthDate: '1999-01-01' }, round))).toEqual([]);
    expect(failed(memberChecks('excellent_member', member, { ...round, settings: { ...DEFAULT_HONOUR_SETTINGS, maxAge: 26 } }))).toEqual(['age']);
  });
  it('membership: at least 3 whole years; unknown joining date fails', () => {
    expect(failed(memberChecks('excellent_member', { ...member, joinedOn: '2024-01-01' }, round))).toEqual(['membership_years']);
    expect(failed(memberChecks('excellent_member', { ...member, joinedOn: '2023-12-31' }, round))).toEqual([]);
    expect(failed(memberChecks('excellent_member', { ...member, joinedOn: null }, round))).toEqual(['membership_years']);
  });
  it('excellent: 3 of the last 5 years counts, older years do not', () => {
    expect(failed(memberChecks('excellent_member', { ...member, excellentYears: [2021, 2024, 2026] }, round))).toEqual(['excellent_count']);
    expect(failed(memberChecks('excellent_member', { ...member, excellentYears: [2022, 2023] }, round))).toEqual(['excellent_count']);
    expect(failed(memberChecks('excellent_member', { ...member, excellentYears: [2022, 2023, 2027] }, round))).toEqual(['excellent_count']);
  });
  it('volunteer hours: at least 20 in the year; none recorded fails', () => {
    expect(failed(memberChecks('excellent_member', { ...member, volunteerHours: 19.5 }, round))).toEqual(['volunteer_hours']);
    expect(failed(memberChecks('excellent_member', { ...member, volunteerHours: 20 }, round))).toEqual([]);
    expect(failed(memberChecks('excellent_member', { ...member, volunteerHours: null }, round))).toEqual(['volunteer_hours']);
  });
  it('the negative list bars the honour whatever else is true', () => {
    expect(failed(memberChecks('excellent_member', { ...member, onNegativeList: true }, round))).toEqual(['negative_list']);
  });
  it('only an active member; a cadre honour needs a cadre position', () => {
    expect(failed(memberChecks('excellent_member', { ...member, status: 'left' }, round))).toEqual(['active']);
    expect(failed(memberChecks('excellent_cadre', member, round))).toEqual(['cadre']);
    expect(failed(memberChecks('excellent_cadre', { ...member, position: 'secretary' }, round))).toEqual([]);
  });
  it('lower-level title first: checked only when the round asks for it', () => {
    expect(failed(memberChecks('excellent_member', member, { ...round, requireLowerTitle: true }))).toEqual(['lower_title']);
    expect(failed(memberChecks('excellent_member', { ...member, lowerTitle: true }, { ...round, requireLowerTitle: true }))).toEqual([]);
  });
});

describe('unit honours', () => {
  it('passes a branch meeting every rule', () => {
    expect(failedRules(unitChecks('red_flag_branch', unit, round))).toEqual([]);
  });
  it('unit type: a branch is not a committee', () => {
    expect(failedRules(unitChecks('red_flag_committee', unit, round))).toEqual(['unit_type']);
    expect(failedRules(unitChecks('red_flag_committee', { ...unit, typeCode: 'basic_committee' }, round))).toEqual([]);
  });
  it('star tier: 4★ or better', () => {
    expect(failedRules(unitChecks('red_flag_branch', { ...unit, tier: 'star3' }, round))).toEqual(['star_tier']);
    expect(failedRules(unitChecks('red_flag_branch', { ...unit, tier: null }, round))).toEqual(['star_tier']);
    expect(failedRules(unitChecks('red_flag_branch', { ...unit, tier: 'star5' }, round))).toEqual([]);
  });
  it('task completion: at least 80 %; nothing required fails', () => {
    expect(failedRules(unitChecks('red_flag_branch', { ...unit, tasksDone: 7 }, round))).toEqual(['task_completion']);
    expect(failedRules(unitChecks('red_flag_branch', { ...unit, tasksDone: 0, tasksRequired: 0 }, round))).toEqual(['task_completion']);
  });
  it('dues: arrears at most 5 % of the members due; no record fails', () => {
    expect(failedRules(unitChecks('red_flag_branch', { ...unit, dues: { membersDue: 100, membersInArrears: 6 } }, round))).toEqual(['dues']);
    expect(failedRules(unitChecks('red_flag_branch', { ...unit, dues: null }, round))).toEqual(['dues']);
    expect(failedRules(unitChecks('red_flag_branch', { ...unit, dues: { membersDue: 0, membersInArrears: 0 } }, round))).toEqual([]);
  });
  it('unit age: founded at least 12 months before the reference date', () => {
    expect(failedRules(unitChecks('red_flag_branch', { ...unit, foundedOn: '2026-01-01' }, round))).toEqual(['unit_age']);
    expect(failedRules(unitChecks('red_flag_branch', { ...unit, foundedOn: '2025-12-31' }, round))).toEqual([]);
    expect(failedRules(unitChecks('red_flag_branch', { ...unit, foundedOn: null }, round))).toEqual(['unit_age']);
  });
  it('lower-level title first applies to units too', () => {
    expect(failedRules(unitChecks('red_flag_branch', unit, { ...round, requireLowerTitle: true }))).toEqual(['lower_title']);
  });
  it('an inactive unit fails', () => {
    expect(failedRules(unitChecks('red_flag_branch', { ...unit, status: 'inactive' }, round))).toEqual(['active']);
  });
});

describe('quotas', () => {
  it('rounds down, and is at least 1 when the base is not empty', () => {
    expect(honourQuota(3, 100)).toBe(3);
    expect(honourQuota(3, 99)).toBe(2);
    expect(honourQuota(3, 10)).toBe(1);
    expect(honourQuota(10, 19)).toBe(1);
    expect(honourQuota(10, 20)).toBe(2);
    expect(honourQuota(10, 0)).toBe(0);
  });
});

describe('texts, inputs and dates', () => {
  it('describes a check with the value it saw', () => {
    const age = memberChecks('excellent_member', { ...member, birthDate: '1990-01-01' }, round).find((c) => c.rule === 'age')!;
    expect(describeCheck(age).zh).toBe('年龄：36（要求 < 28）');
    const tier = unitChecks('red_flag_branch', { ...unit, tier: 'star3' }, round).find((c) => c.rule === 'star_tier')!;
    expect(describeCheck(tier).en).toMatch(/3/);
  });
  it('validates rounds, settings, objections, hours and dues', () => {
    expect(validateRound({ name: '2026年度两红两优评选', year: 2026, referenceDate: '2026-12-31', kinds: ['excellent_member'] })).toEqual([]);
    expect(
      validateRound({ name: ' ', year: 1, referenceDate: '2026-02-30', kinds: [], quotaPercent: { excellent_member: 0 }, noticeDays: 0 }).map((e) => e.field),
    ).toEqual(['name', 'year', 'referenceDate', 'kinds', 'quotaPercent.excellent_member', 'noticeDays']);
    expect(validateHonourSettings(DEFAULT_HONOUR_SETTINGS)).toEqual([]);
    expect(validateHonourSettings({ ...DEFAULT_HONOUR_SETTINGS, minExcellent: 6 }).map((e) => e.field)).toEqual(['minExcellent']);
    expect(validateObjection({ reason: '太短了' }, 10).map((e) => e.code)).toEqual(['OBJECTION_REASON_TOO_SHORT']);
    expect(validateObjection({ reason: '该同学本年度志愿服务时长存在虚报情况' }, 10)).toEqual([]);
    expect(volunteerHoursError(20.5, 'h')).toBeNull();
    expect(volunteerHoursError(20.3, 'h')?.code).toBe('VOLUNTEER_HOURS_STEP');
    expect(volunteerHoursError(-1, 'h')?.code).toBe('VOLUNTEER_HOURS_RANGE');
    expect(validateDues({ membersDue: 10, membersInArrears: 11 }).map((e) => e.code)).toEqual(['DUES_ARREARS_ABOVE_DUE']);
  });
  it('a 7-day notice starting on the 1st ends on the 7th; certificate numbers are padded', () => {
    expect(noticeEndsOn('2026-12-01', 7)).toBe('2026-12-07');
    expect(noticeEndsOn('2026-12-28', 7)).toBe('2027-01-03');
    expect(certificateNumber(2026, 'excellent_member', 3, 7)).toBe('ZX-2026-YXTY-3-0007');
  });
});

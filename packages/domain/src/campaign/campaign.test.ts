import { describe, expect, it } from 'vitest';
import { DEFAULT_ORG_TYPES } from '../org/types.ts';
import { ACTIVITY_TYPES, PARTY_EDUCATION_FORMS } from './activity-types.ts';
import { SHUANG_ZHENG_XIAN_TEMPLATE as T } from './shuang-zheng-xian.ts';
import { validateTemplate, type CampaignTemplate } from './template.ts';
import { currentPhase, dueDate, evidenceMet, taskStatus, validatePhaseDates, type PhaseDates, type UnitEvidence } from './schedule.ts';

const TYPES = DEFAULT_ORG_TYPES.map((t) => t.code);
const DATES: PhaseDates[] = [
  { key: 'mobilization', startsOn: '2026-03-01', endsOn: '2026-04-30' },
  { key: 'implementation', startsOn: '2026-05-01', endsOn: '2026-09-30' },
  { key: 'deepening', startsOn: '2026-10-01', endsOn: '2026-11-30' },
  { key: 'summary', startsOn: '2026-12-01', endsOn: '2026-12-31' },
];
const nothing: UnitEvidence = { planApproved: false, activityCounts: {}, reportSubmitted: false, selfAssessmentVerified: false, confirmed: false };

describe('the built-in 双争先 template', () => {
  it('has the four phases of the plan, in order, and is valid', () => {
    expect(T.phases.map((p) => p.nameZh)).toEqual(['动员准备', '全面实施', '深入推进', '总结提高']);
    expect(validateTemplate(T, TYPES)).toEqual([]);
  });

  it('asks every basic unit for an approved plan in the mobilization phase', () => {
    const plan = T.phases[0].tasks.find((t) => t.key === 'plan')!;
    expect(plan.evidence).toEqual({ kind: 'plan_approved' });
    expect(plan.orgTypes).toEqual(expect.arrayContaining(['branch', 'basic_committee', 'working_committee', 'general_branch']));
    expect(plan.orgTypes).not.toContain('city');
  });

  it('only refers to known activity types and party-education forms', () => {
    const types: string[] = ACTIVITY_TYPES.map((a) => a.code);
    const forms: string[] = PARTY_EDUCATION_FORMS.map((f) => f.code);
    for (const task of T.phases.flatMap((p) => p.tasks)) {
      if (task.evidence.kind !== 'activities') continue;
      expect(types).toContain(task.evidence.activityType);
      if (task.evidence.form) expect(forms).toContain(task.evidence.form);
    }
  });
});

describe('validateTemplate', () => {
  it('reports duplicate keys, empty names, unknown org types and bad numbers with field paths', () => {
    const bad: CampaignTemplate = structuredClone(T);
    bad.phases[1].key = 'mobilization';
    bad.phases[0].tasks[1].key = bad.phases[0].tasks[0].key;
    bad.phases[0].tasks[2].orgTypes = ['school'];
    bad.phases[2].tasks[0].evidence = { kind: 'activities', activityType: 'demo_site_visit', min: 0 };
    bad.phases[3].tasks[0].due = { kind: 'days_after_start', days: -1 };
    bad.phases[3].nameZh = ' ';
    const byField = Object.fromEntries(validateTemplate(bad, TYPES).map((e) => [e.field, e.code]));
    expect(byField).toEqual({
      'phases.1.key': 'TEMPLATE_DUPLICATE_KEY',
      'phases.0.tasks.1.key': 'TEMPLATE_DUPLICATE_KEY',
      'phases.0.tasks.2.orgTypes': 'ORG_TYPE_UNKNOWN',
      'phases.2.tasks.0.evidence.min': 'TEMPLATE_EVIDENCE_MIN',
      'phases.3.tasks.0.due.days': 'TEMPLATE_DUE_DAYS',
      'phases.3.nameZh': 'TEMPLATE_NAME_REQUIRED',
    });
  });
});

describe('phase dates', () => {
  it('accepts consecutive phases and returns them in template order', () => {
    const r = validatePhaseDates(T, [...DATES].reverse());
    expect(r.ok && r.value.map((d) => d.key)).toEqual(['mobilization', 'implementation', 'deepening', 'summary']);
  });

  it('refuses a missing phase, a phase ending before it starts and overlapping phases', () => {
    const r = validatePhaseDates(T, [
      { key: 'mobilization', startsOn: '2026-03-01', endsOn: '2026-02-01' },
      { key: 'implementation', startsOn: '2026-02-15', endsOn: '2026-09-30' },
      { key: 'deepening', startsOn: '2026-10-01', endsOn: '2026-11-30' },
    ]);
    expect(r.ok ? [] : r.errors.map((e) => `${e.field}:${e.code}`)).toEqual([
      'phases.0.endsOn:PHASE_ENDS_BEFORE_START',
      'phases.1.startsOn:PHASE_OVERLAP',
      'phases.3:PHASE_DATES_REQUIRED',
    ]);
  });

  it('finds the phase in force and its days left', () => {
    expect(currentPhase(DATES, '2026-04-20')).toEqual({ key: 'mobilization', daysLeft: 10 });
    expect(currentPhase(DATES, '2026-12-31')).toEqual({ key: 'summary', daysLeft: 0 });
    expect(currentPhase(DATES, '2026-02-28')).toBeNull();
    expect(currentPhase(DATES, '2027-01-01')).toBeNull();
  });

  it('dates a task relative to its phase, never past the phase end', () => {
    expect(dueDate({ kind: 'phase_end' }, DATES[0])).toBe('2026-04-30');
    expect(dueDate({ kind: 'days_after_start', days: 14 }, DATES[0])).toBe('2026-03-15');
    expect(dueDate({ kind: 'days_after_start', days: 90 }, DATES[0])).toBe('2026-04-30');
  });
});

describe('task completion from evidence', () => {
  it('counts activities of the type, and of the form for party-spirit education', () => {
    const oath = { kind: 'activities', activityType: 'party_education', min: 1, form: 'oath_renewal' } as const;
    expect(evidenceMet(oath, { ...nothing, activityCounts: { party_education: 3 } })).toBe(false);
    expect(evidenceMet(oath, { ...nothing, activityCounts: { 'party_education:oath_renewal': 1 } })).toBe(true);
    const two = { kind: 'activities', activityType: 'publicity', min: 2 } as const;
    expect(evidenceMet(two, { ...nothing, activityCounts: { publicity: 1 } })).toBe(false);
    expect(evidenceMet(two, { ...nothing, activityCounts: { publicity: 2 } })).toBe(true);
  });

  it('reads each other rule from its own fact', () => {
    expect(evidenceMet({ kind: 'plan_approved' }, { ...nothing, planApproved: true })).toBe(true);
    expect(evidenceMet({ kind: 'plan_approved' }, { ...nothing, reportSubmitted: true })).toBe(false);
    expect(evidenceMet({ kind: 'report_submitted' }, { ...nothing, reportSubmitted: true })).toBe(true);
    expect(evidenceMet({ kind: 'self_assessment_verified' }, { ...nothing, selfAssessmentVerified: true })).toBe(true);
    expect(evidenceMet({ kind: 'confirmation' }, { ...nothing, confirmed: true })).toBe(true);
    expect(evidenceMet({ kind: 'confirmation' }, { ...nothing, planApproved: true })).toBe(false);
  });

  it('is done with evidence, pending until the due date, overdue after it', () => {
    expect(taskStatus(true, '2026-04-30', '2026-05-10')).toBe('done');
    expect(taskStatus(false, '2026-04-30', '2026-04-30')).toBe('pending');
    expect(taskStatus(false, '2026-04-30', '2026-05-01')).toBe('overdue');
  });
});

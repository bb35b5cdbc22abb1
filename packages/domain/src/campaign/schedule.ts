import { fieldError, type FieldError, type Result } from '../common/messages.ts';
import type { CampaignTemplate, DueRule, EvidenceRule } from './template.ts';

export interface PhaseDates {
  key: string;
  startsOn: string; // YYYY-MM-DD
  endsOn: string; // YYYY-MM-DD, inclusive
}

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Checks the dates a campaign owner gives the template's phases: every phase dated, each ending
 * on or after it starts, in template order without overlap.
 */
export function validatePhaseDates(template: CampaignTemplate, dates: PhaseDates[]): Result<PhaseDates[]> {
  const errors: FieldError[] = [];
  const byKey = new Map(dates.map((d) => [d.key, d]));
  const ordered: PhaseDates[] = [];
  template.phases.forEach((p, i) => {
    const d = byKey.get(p.key);
    if (!d) {
      errors.push(fieldError(`phases.${i}`, 'PHASE_DATES_REQUIRED', `请设置「${p.nameZh}」阶段的起止日期`, `Set the dates of the phase "${p.nameEn}"`));
      return;
    }
    if (d.endsOn < d.startsOn) {
      errors.push(
        fieldError(
          `phases.${i}.endsOn`,
          'PHASE_ENDS_BEFORE_START',
          `「${p.nameZh}」阶段的结束日期早于开始日期`,
          `The phase "${p.nameEn}" ends before it starts`,
        ),
      );
    }
    const prev = ordered[ordered.length - 1];
    // After the previous phase's last day (or its start, when its own dates are reversed).
    if (prev && d.startsOn <= (prev.endsOn > prev.startsOn ? prev.endsOn : prev.startsOn)) {
      errors.push(
        fieldError(
          `phases.${i}.startsOn`,
          'PHASE_OVERLAP',
          `「${p.nameZh}」阶段须在上一阶段结束后开始`,
          `The phase "${p.nameEn}" must start after the previous phase ends`,
        ),
      );
    }
    ordered.push(d);
  });
  return errors.length ? { ok: false, errors } : { ok: true, value: ordered };
}

/** The phase in force on `today`, or null before the first and after the last. */
export function currentPhase(dates: PhaseDates[], today: string): { key: string; daysLeft: number } | null {
  const p = dates.find((d) => d.startsOn <= today && today <= d.endsOn);
  if (!p) return null;
  return { key: p.key, daysLeft: Math.round((Date.parse(p.endsOn) - Date.parse(today)) / 86_400_000) };
}

/** A task's due date within its phase (never after the phase's last day). */
export function dueDate(rule: DueRule, phase: PhaseDates): string {
  if (rule.kind === 'phase_end') return phase.endsOn;
  const d = addDays(phase.startsOn, rule.days);
  return d < phase.endsOn ? d : phase.endsOn;
}

/** What a unit has on record, as far as task evidence is concerned (within the task's phase). */
export interface UnitEvidence {
  planApproved: boolean;
  /** Activities per type, and per type:form for party-spirit education ('party_education:oath_renewal'). */
  activityCounts: Record<string, number>;
  reportSubmitted: boolean;
  selfAssessmentVerified: boolean;
  confirmed: boolean;
}

export function evidenceMet(rule: EvidenceRule, e: UnitEvidence): boolean {
  switch (rule.kind) {
    case 'plan_approved':
      return e.planApproved;
    case 'activities':
      return (e.activityCounts[rule.form ? `${rule.activityType}:${rule.form}` : rule.activityType] ?? 0) >= rule.min;
    case 'report_submitted':
      return e.reportSubmitted;
    case 'self_assessment_verified':
      return e.selfAssessmentVerified;
    case 'confirmation':
      return e.confirmed;
  }
}

export type TaskStatus = 'done' | 'pending' | 'overdue';

/** Done when the evidence is there; otherwise overdue once the due date has passed. */
export function taskStatus(done: boolean, dueOn: string, today: string): TaskStatus {
  if (done) return 'done';
  return today > dueOn ? 'overdue' : 'pending';
}

import { fieldError, type FieldError } from '../common/messages.ts';

/** 为青年服务: one logged piece of volunteer service. Hours go in tenths, at most a full day. */
export const VOLUNTEER_LIMITS = { maxHours: 24, description: 500, reason: 300 } as const;

export type VolunteerEntryStatus = 'pending' | 'verified' | 'rejected';

export interface VolunteerEntryInput {
  servedOn: string;
  hours: number;
  description: string;
}

/** Field errors of an entry: a real day not after `today`, 0.1–24 hours in steps of 0.1, a description. */
export function validateVolunteerEntry(v: VolunteerEntryInput, today: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v.servedOn) || Number.isNaN(Date.parse(`${v.servedOn}T00:00:00Z`)))
    errors.push(fieldError('servedOn', 'VOLUNTEER_DATE_INVALID', '请填写服务日期', 'Enter the day of the service'));
  else if (v.servedOn > today)
    errors.push(fieldError('servedOn', 'VOLUNTEER_DATE_FUTURE', '服务日期不能晚于今天', 'The day of the service cannot be in the future'));
  if (!Number.isFinite(v.hours) || v.hours <= 0 || v.hours > VOLUNTEER_LIMITS.maxHours)
    errors.push(
      fieldError(
        'hours',
        'VOLUNTEER_HOURS_RANGE',
        `一次服务时长应大于 0、不超过 ${VOLUNTEER_LIMITS.maxHours} 小时`,
        `Hours must be above 0 and at most ${VOLUNTEER_LIMITS.maxHours}`,
      ),
    );
  else if (Math.abs(Math.round(v.hours * 10) - v.hours * 10) > 1e-9)
    errors.push(fieldError('hours', 'VOLUNTEER_HOURS_STEP', '时长最小单位为 0.1 小时', 'Hours go in steps of 0.1'));
  if (!v.description.trim()) errors.push(fieldError('description', 'FIELD_REQUIRED', '请填写服务内容', 'Describe what you did'));
  return errors;
}

export const hoursToTenths = (hours: number) => Math.round(hours * 10);

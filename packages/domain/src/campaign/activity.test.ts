import { describe, expect, it } from 'vitest';
import { validateActivity, type ActivityInput } from './activity.ts';
import { SHUANG_ZHENG_XIAN_TEMPLATE } from './shuang-zheng-xian.ts';

const campaign = {
  definition: SHUANG_ZHENG_XIAN_TEMPLATE,
  dates: [
    { key: 'mobilization', startsOn: '2026-01-01', endsOn: '2026-02-28' },
    { key: 'implementation', startsOn: '2026-03-01', endsOn: '2026-08-31' },
    { key: 'deepening', startsOn: '2026-09-01', endsOn: '2026-10-31' },
    { key: 'summary', startsOn: '2026-11-01', endsOn: '2026-12-31' },
  ],
};
const base: ActivityInput = { type: 'publicity', form: null, heldOn: '2026-03-10', minutes: null, taskKeys: ['publicity'] };
const fields = (a: Partial<ActivityInput>, today = '2026-06-01') => validateActivity({ ...base, ...a }, campaign, today).map((e) => `${e.field}:${e.code}`);

describe('validateActivity', () => {
  it('accepts a plain activity inside the campaign', () => {
    expect(fields({})).toEqual([]);
  });

  it('asks party-spirit education for its form, and only it', () => {
    expect(fields({ type: 'party_education' })).toEqual(['form:ACTIVITY_FORM_REQUIRED']);
    expect(fields({ type: 'party_education', form: 'oath_renewal' })).toEqual([]);
    expect(fields({ type: 'party_education', form: 'karaoke' })).toEqual(['form:ACTIVITY_FORM_UNKNOWN']);
    expect(fields({ form: 'oath_renewal' })).toEqual(['form:ACTIVITY_FORM_NOT_APPLICABLE']);
  });

  it('keeps minutes for a symposium, which needs them', () => {
    expect(fields({ type: 'symposium' })).toEqual(['minutes:ACTIVITY_MINUTES_REQUIRED']);
    expect(fields({ type: 'symposium', minutes: '发言记录' })).toEqual([]);
    expect(fields({ minutes: '发言记录' })).toEqual(['minutes:ACTIVITY_MINUTES_NOT_APPLICABLE']);
  });

  it('dates an activity within the campaign and not in the future', () => {
    expect(fields({ heldOn: '2025-12-31' })).toEqual(['heldOn:ACTIVITY_DATE_OUTSIDE_CAMPAIGN']);
    expect(fields({ heldOn: '2026-06-02' })).toEqual(['heldOn:ACTIVITY_DATE_FUTURE']);
    expect(fields({ heldOn: '2026-12-31' }, '2027-01-05')).toEqual([]);
    expect(fields({ heldOn: '2027-01-01' }, '2027-01-05')).toEqual(['heldOn:ACTIVITY_DATE_OUTSIDE_CAMPAIGN']);
  });

  it('links only tasks of the campaign, naming the bad one', () => {
    expect(fields({ taskKeys: ['publicity', 'nope'] })).toEqual(['taskKeys.1:ACTIVITY_TASK_UNKNOWN']);
    expect(fields({ type: 'outing' })).toEqual(['type:ACTIVITY_TYPE_UNKNOWN']);
  });
});

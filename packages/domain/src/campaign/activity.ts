import { fieldError, type FieldError } from '../common/messages.ts';
import { ACTIVITY_TYPES, PARTY_EDUCATION_FORMS } from './activity-types.ts';
import type { CampaignTemplate } from './template.ts';
import type { PhaseDates } from './schedule.ts';

/** What a unit records about one activity (the parts with rules of their own). */
export interface ActivityInput {
  type: string;
  form: string | null;
  heldOn: string;
  minutes: string | null;
  taskKeys: string[];
}

export const ACTIVITY_LIMITS = { title: 100, place: 100, summary: 5000, minutes: 20000, photos: 30, attendees: 2000, tasks: 20 } as const;

const typeName = (code: string) => ACTIVITY_TYPES.find((t) => t.code === code);

/**
 * The rules of an activity record: party-spirit education names its form (and only it does),
 * minutes belong to a symposium (座谈交流) and a symposium has them, the date lies inside the
 * campaign and not in the future, and linked tasks are tasks of the campaign.
 */
export function validateActivity(a: ActivityInput, campaign: { definition: CampaignTemplate; dates: PhaseDates[] }, today: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!typeName(a.type)) errors.push(fieldError('type', 'ACTIVITY_TYPE_UNKNOWN', '请选择活动类型', 'Choose an activity type'));
  if (a.type === 'party_education') {
    if (!a.form) errors.push(fieldError('form', 'ACTIVITY_FORM_REQUIRED', '党性教育请选择教育形式', 'Choose the form of the party-spirit education'));
    else if (!PARTY_EDUCATION_FORMS.some((f) => f.code === a.form))
      errors.push(fieldError('form', 'ACTIVITY_FORM_UNKNOWN', '没有这种教育形式', 'Unknown form'));
  } else if (a.form) {
    errors.push(fieldError('form', 'ACTIVITY_FORM_NOT_APPLICABLE', '只有党性教育需要选择形式', 'Only party-spirit education has a form'));
  }
  const minutes = a.minutes?.trim() ?? '';
  if (a.type === 'symposium' && !minutes)
    errors.push(fieldError('minutes', 'ACTIVITY_MINUTES_REQUIRED', '座谈交流请填写会议记录', 'A symposium needs its minutes'));
  if (a.type !== 'symposium' && minutes)
    errors.push(fieldError('minutes', 'ACTIVITY_MINUTES_NOT_APPLICABLE', '只有座谈交流填写会议记录', 'Only a symposium has minutes'));

  const first = campaign.dates[0]?.startsOn;
  const last = campaign.dates[campaign.dates.length - 1]?.endsOn;
  if (a.heldOn > today) errors.push(fieldError('heldOn', 'ACTIVITY_DATE_FUTURE', '活动日期不能晚于今天', 'The date cannot be in the future'));
  else if ((first && a.heldOn < first) || (last && a.heldOn > last)) {
    errors.push(
      fieldError(
        'heldOn',
        'ACTIVITY_DATE_OUTSIDE_CAMPAIGN',
        `活动日期须在活动期内（${first} 至 ${last}）`,
        `The date must lie within the campaign (${first} to ${last})`,
      ),
    );
  }

  const keys = new Set(campaign.definition.phases.flatMap((p) => p.tasks.map((t) => t.key)));
  a.taskKeys.forEach((k, i) => {
    if (!keys.has(k)) errors.push(fieldError(`taskKeys.${i}`, 'ACTIVITY_TASK_UNKNOWN', `任务「${k}」不属于该活动`, `"${k}" is not a task of this campaign`));
  });
  return errors;
}

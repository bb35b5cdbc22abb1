import { fieldError, type FieldError } from '../common/messages.ts';
import type { ActivityTypeCode, PartyEducationForm } from './activity-types.ts';

/**
 * How a task's completion by a unit is computed. Only 'confirmation' is a manual tick; every
 * other rule is derived from the unit's records.
 */
export type EvidenceRule =
  | { kind: 'plan_approved' }
  | { kind: 'activities'; activityType: ActivityTypeCode; min: number; form?: PartyEducationForm }
  | { kind: 'report_submitted' }
  | { kind: 'self_assessment_verified' }
  | { kind: 'confirmation' };

/** When a task is due: days after its phase starts, or the phase's last day. */
export type DueRule = { kind: 'phase_end' } | { kind: 'days_after_start'; days: number };

export interface TemplateTask {
  key: string;
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  /** Organization type codes that must do this task. */
  orgTypes: string[];
  evidence: EvidenceRule;
  due: DueRule;
}

export interface TemplatePhase {
  key: string;
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  tasks: TemplateTask[];
}

export interface CampaignTemplate {
  key: string;
  nameZh: string;
  nameEn: string;
  /** Phases in order. */
  phases: TemplatePhase[];
  /** Key of the assessment rubric the campaign scores units against. */
  rubricKey: string;
}

/** Problems with a template, with a field path per problem ('phases.1.tasks.0.key'). */
export function validateTemplate(t: CampaignTemplate, knownOrgTypes: string[]): FieldError[] {
  const errors: FieldError[] = [];
  if (!t.nameZh.trim()) errors.push(fieldError('nameZh', 'TEMPLATE_NAME_REQUIRED', '请填写模板名称', 'The template needs a name'));
  if (t.phases.length === 0) errors.push(fieldError('phases', 'TEMPLATE_NO_PHASES', '模板至少需要一个阶段', 'A template needs at least one phase'));
  const phaseKeys = new Set<string>();
  const taskKeys = new Set<string>();
  t.phases.forEach((p, i) => {
    const at = `phases.${i}`;
    if (phaseKeys.has(p.key)) errors.push(fieldError(`${at}.key`, 'TEMPLATE_DUPLICATE_KEY', `阶段代码「${p.key}」重复`, `Phase key "${p.key}" is used twice`));
    phaseKeys.add(p.key);
    if (!p.nameZh.trim()) errors.push(fieldError(`${at}.nameZh`, 'TEMPLATE_NAME_REQUIRED', '请填写阶段名称', 'The phase needs a name'));
    p.tasks.forEach((task, j) => {
      const tat = `${at}.tasks.${j}`;
      if (taskKeys.has(task.key))
        errors.push(fieldError(`${tat}.key`, 'TEMPLATE_DUPLICATE_KEY', `任务代码「${task.key}」重复`, `Task key "${task.key}" is used twice`));
      taskKeys.add(task.key);
      if (!task.nameZh.trim()) errors.push(fieldError(`${tat}.nameZh`, 'TEMPLATE_NAME_REQUIRED', '请填写任务名称', 'The task needs a name'));
      if (task.orgTypes.length === 0)
        errors.push(
          fieldError(`${tat}.orgTypes`, 'TEMPLATE_TASK_NO_ORG_TYPES', '请选择承担该任务的组织类型', 'Choose the organization types that do this task'),
        );
      for (const ot of task.orgTypes) {
        if (!knownOrgTypes.includes(ot))
          errors.push(fieldError(`${tat}.orgTypes`, 'ORG_TYPE_UNKNOWN', `组织类型「${ot}」不存在`, `Unknown organization type "${ot}"`));
      }
      if (task.evidence.kind === 'activities' && (!Number.isInteger(task.evidence.min) || task.evidence.min < 1)) {
        errors.push(fieldError(`${tat}.evidence.min`, 'TEMPLATE_EVIDENCE_MIN', '活动次数至少为 1', 'At least one activity is required'));
      }
      if (task.due.kind === 'days_after_start' && (!Number.isInteger(task.due.days) || task.due.days < 0)) {
        errors.push(fieldError(`${tat}.due.days`, 'TEMPLATE_DUE_DAYS', '截止天数不能为负数', 'Due days cannot be negative'));
      }
    });
  });
  return errors;
}

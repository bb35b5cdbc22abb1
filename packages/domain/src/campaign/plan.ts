import { fieldError, type FieldError } from '../common/messages.ts';
import { TARGET_KINDS, type TargetKind } from './activity-types.ts';
import type { CampaignTemplate, TemplateTask } from './template.ts';
import { dueDate, type PhaseDates } from './schedule.ts';

/**
 * A unit's theme, implementation plan and targets (动员准备). The unit writes a draft, submits
 * it to the level above, which approves it or returns it with a comment; every submission is
 * kept as a frozen version.
 */
export const PLAN_STATUSES = ['draft', 'submitted', 'returned', 'approved'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
/** A unit that must have a plan but has none yet (the 未提交 list). */
export type PlanListStatus = PlanStatus | 'missing';

/** One structured target (争创目标). Which fields matter depends on the kind. */
export interface PlanTarget {
  kind: TargetKind;
  /** star_tier: 1–5; ratios and coverage: 0–100 (%); custom_kpi: any number; red_flag: unused. */
  value: number | null;
  /** custom_kpi only: the unit of the number (人, 次, 场 …). */
  unit: string | null;
  /** custom_kpi: what is measured; other kinds: an optional note (e.g. 区级五四红旗团支部). */
  label: string | null;
  /** The local development goal the target serves (地方发展目标, e.g. 学赶苏南、后来居上). */
  goalTag: string | null;
}

export interface PlanInput {
  theme: string;
  contentHtml: string;
  targets: PlanTarget[];
}

export const PLAN_LIMITS = { theme: 60, targets: 20, label: 60, unit: 20, goalTag: 60, contentHtml: 200_000 } as const;

/** Kinds a plan may hold once: a unit aims at one tier, one ratio, one coverage figure. */
const SINGLE_KINDS: TargetKind[] = ['star_tier', 'red_flag', 'excellent_member_ratio', 'coverage'];

const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * The readable text of (sanitized) plan HTML: block ends become line breaks, tags go, the
 * common entities are decoded. Used to tell an empty plan and to compare versions word by word.
 */
export function planText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|h[1-6]|li|blockquote|tr|pre|div)>/gi, '\n')
    .replace(/<(td|th)[^>]*>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (m, e: string) => {
      const lower = e.toLowerCase();
      if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
      if (lower.startsWith('#')) return String.fromCodePoint(Number(lower.slice(1)));
      return ENTITIES[lower] ?? m;
    })
    .replace(/[ \t\u00a0]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const kindName = (kind: string) => TARGET_KINDS.find((k) => k.code === kind);

/**
 * Problems with a plan, one per field ('theme', 'contentHtml', 'targets.2.value'). A draft may
 * be incomplete; `forSubmit` also asks for the plan text and at least one target.
 */
export function validatePlan(p: PlanInput, opts: { forSubmit?: boolean } = {}): FieldError[] {
  const errors: FieldError[] = [];
  const theme = p.theme.trim();
  if (!theme) errors.push(fieldError('theme', 'PLAN_THEME_REQUIRED', '请填写活动主题', 'Enter the activity theme'));
  else if ([...theme].length > PLAN_LIMITS.theme) {
    errors.push(
      fieldError('theme', 'PLAN_THEME_TOO_LONG', `活动主题不能超过 ${PLAN_LIMITS.theme} 个字`, `The theme can have at most ${PLAN_LIMITS.theme} characters`),
    );
  }
  if (p.contentHtml.length > PLAN_LIMITS.contentHtml) {
    errors.push(
      fieldError(
        'contentHtml',
        'PLAN_CONTENT_TOO_LONG',
        '实施方案内容过长，请精简或改为附件上传',
        'The plan text is too long; shorten it or attach it as a file',
      ),
    );
  } else if (opts.forSubmit && !planText(p.contentHtml)) {
    errors.push(fieldError('contentHtml', 'PLAN_CONTENT_REQUIRED', '请填写实施方案内容后再提交', 'Write the plan text before submitting'));
  }
  if (p.targets.length > PLAN_LIMITS.targets) {
    errors.push(fieldError('targets', 'PLAN_TOO_MANY_TARGETS', `争创目标最多 ${PLAN_LIMITS.targets} 项`, `At most ${PLAN_LIMITS.targets} targets`));
  } else if (opts.forSubmit && p.targets.length === 0) {
    errors.push(fieldError('targets', 'PLAN_TARGETS_REQUIRED', '请至少设定一项争创目标后再提交', 'Set at least one target before submitting'));
  }
  const seen = new Set<string>();
  p.targets.forEach((t, i) => {
    const at = `targets.${i}`;
    const k = kindName(t.kind);
    if (!k) {
      errors.push(fieldError(`${at}.kind`, 'PLAN_TARGET_KIND_UNKNOWN', '未知的目标类型', 'Unknown target kind'));
      return;
    }
    if (SINGLE_KINDS.includes(t.kind)) {
      if (seen.has(t.kind))
        errors.push(fieldError(`${at}.kind`, 'PLAN_TARGET_DUPLICATE', `「${k.nameZh}」只能设定一项`, `Only one "${k.nameEn}" target is allowed`));
      seen.add(t.kind);
    }
    const v = t.value;
    const finite = typeof v === 'number' && Number.isFinite(v);
    switch (t.kind) {
      case 'star_tier':
        if (!finite || !Number.isInteger(v) || v < 1 || v > 5)
          errors.push(fieldError(`${at}.value`, 'PLAN_TARGET_STAR_RANGE', '星级目标应为 1 至 5 的整数', 'The star tier is a whole number from 1 to 5'));
        break;
      case 'excellent_member_ratio':
      case 'coverage':
        if (!finite || v < 0 || v > 100)
          errors.push(
            fieldError(`${at}.value`, 'PLAN_TARGET_PERCENT_RANGE', `「${k.nameZh}」应为 0 至 100 之间的百分比`, `"${k.nameEn}" is a percentage from 0 to 100`),
          );
        break;
      case 'custom_kpi':
        if (!t.label?.trim()) errors.push(fieldError(`${at}.label`, 'PLAN_TARGET_LABEL_REQUIRED', '请填写自定义指标的名称', 'Name the custom indicator'));
        if (!finite)
          errors.push(fieldError(`${at}.value`, 'PLAN_TARGET_VALUE_REQUIRED', '请填写自定义指标的目标数值', 'Enter the target number of the custom indicator'));
        if (!t.unit?.trim())
          errors.push(fieldError(`${at}.unit`, 'PLAN_TARGET_UNIT_REQUIRED', '请填写自定义指标的计量单位', 'Enter the unit of the custom indicator'));
        break;
      case 'red_flag':
        break;
    }
    if (t.label && [...t.label.trim()].length > PLAN_LIMITS.label)
      errors.push(fieldError(`${at}.label`, 'PLAN_TARGET_TEXT_TOO_LONG', `名称不能超过 ${PLAN_LIMITS.label} 个字`, `At most ${PLAN_LIMITS.label} characters`));
    if (t.unit && [...t.unit.trim()].length > PLAN_LIMITS.unit)
      errors.push(fieldError(`${at}.unit`, 'PLAN_TARGET_TEXT_TOO_LONG', `单位不能超过 ${PLAN_LIMITS.unit} 个字`, `At most ${PLAN_LIMITS.unit} characters`));
    if (t.goalTag && [...t.goalTag.trim()].length > PLAN_LIMITS.goalTag)
      errors.push(
        fieldError(
          `${at}.goalTag`,
          'PLAN_TARGET_TEXT_TOO_LONG',
          `地方发展目标不能超过 ${PLAN_LIMITS.goalTag} 个字`,
          `At most ${PLAN_LIMITS.goalTag} characters`,
        ),
      );
  });
  return errors;
}

/** A target as stored: text trimmed, empty text as null, the unit of fixed kinds filled in. */
export function normalizeTarget(t: PlanTarget): PlanTarget {
  const text = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);
  const fixedUnit = kindName(t.kind)?.unit;
  return {
    kind: t.kind,
    value: t.kind === 'red_flag' ? null : t.value,
    unit: t.kind === 'custom_kpi' ? text(t.unit) : fixedUnit ? fixedUnit : null,
    label: text(t.label),
    goalTag: text(t.goalTag),
  };
}

/** The template's plan tasks (evidence: plan approved) with their phase. */
export const planTasks = (definition: CampaignTemplate) =>
  definition.phases.flatMap((p) => p.tasks.filter((t) => t.evidence.kind === 'plan_approved').map((task) => ({ phaseKey: p.key, task })));

/** Organization types that must have a plan: those of every task whose evidence is an approved plan. */
export function planRequiredTypes(definition: CampaignTemplate): string[] {
  return [...new Set(planTasks(definition).flatMap((t) => t.task.orgTypes))];
}

/** The plan task an organization type answers to (the first one that applies), with its phase. */
export function planTaskFor(definition: CampaignTemplate, orgType: string): { phaseKey: string; task: TemplateTask } | null {
  return planTasks(definition).find((t) => t.task.orgTypes.includes(orgType)) ?? null;
}

/** When a unit of this type must have its plan approved, or null when it needs no plan. */
export function planDueOn(definition: CampaignTemplate, dates: PhaseDates[], orgType: string): string | null {
  const t = planTaskFor(definition, orgType);
  const phase = t && dates.find((d) => d.key === t.phaseKey);
  return t && phase ? dueDate(t.task.due, phase) : null;
}

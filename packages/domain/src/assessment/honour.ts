import { ageOn, isIsoDate } from '../common/dates.ts';
import { fieldError, type FieldError, type Message } from '../common/messages.ts';
import { isCadrePosition } from './commitment.ts';
import { monthsBetween, TIER_CODES, TIER_NAMES, TIER_RANK, type TierCode } from './rubric.ts';

/**
 * 两红两优 (红旗团委, 红旗团支部, 优秀团员, 优秀团干部): who may be a candidate in an honour round,
 * computed from the data, every rule reported per candidate with the value it saw. Every number
 * is a setting (MISSION.md, "Real rules", Honours); a round freezes the settings when it is created.
 */

export const HONOUR_KINDS = ['red_flag_committee', 'red_flag_branch', 'excellent_member', 'excellent_cadre'] as const;
export type HonourKind = (typeof HONOUR_KINDS)[number];

export const HONOUR_NAMES: Record<HonourKind, Message> = {
  red_flag_committee: { zh: '红旗团委', en: 'Red Flag Committee' },
  red_flag_branch: { zh: '红旗团支部', en: 'Red Flag Branch' },
  excellent_member: { zh: '优秀团员', en: 'Excellent Member' },
  excellent_cadre: { zh: '优秀团干部', en: 'Excellent Cadre' },
};

/** Unit honours go to an organization, person honours to a member. */
export const honourSubject = (kind: HonourKind): 'unit' | 'person' => (kind === 'excellent_member' || kind === 'excellent_cadre' ? 'person' : 'unit');

export interface HonourSettings {
  /** A member must be younger than this on the round's reference date. */
  maxAge: number;
  /** Whole years since joining the League, at least. */
  minMembershipYears: number;
  /** 优秀 in at least `minExcellent` of the last `excellentWindow` annual evaluations (years up to the round's). */
  excellentWindow: number;
  minExcellent: number;
  /** Volunteer hours (志愿服务时长) in the round's year, at least. */
  minVolunteerHours: number;
  /** The unit's verified star tier in the round's year, at least. */
  minTier: TierCode;
  /** Campaign tasks done / required for the unit, at least this percentage. */
  minTaskCompletionPercent: number;
  /** Members in dues arrears at most this percentage of the members due. */
  maxArrearsPercent: number;
  /** The unit was founded at least this many months before the reference date. */
  minUnitAgeMonths: number;
  /** Quota per kind: at most this percentage of the base of the round's subtree (rounded down, at least 1). */
  quotaPercent: Record<HonourKind, number>;
  /** 公示期 in days. */
  noticeDays: number;
  /** An objection's reason needs at least this many characters. */
  objectionMinChars: number;
  /** Organization types that count as 团委 (红旗团委) and as 团支部 (红旗团支部). */
  committeeTypes: string[];
  branchTypes: string[];
}

export const DEFAULT_HONOUR_SETTINGS: HonourSettings = {
  maxAge: 28,
  minMembershipYears: 3,
  excellentWindow: 5,
  minExcellent: 3,
  minVolunteerHours: 20,
  minTier: 'star4',
  minTaskCompletionPercent: 80,
  maxArrearsPercent: 5,
  minUnitAgeMonths: 12,
  quotaPercent: { excellent_member: 3, red_flag_branch: 10, red_flag_committee: 10, excellent_cadre: 3 },
  noticeDays: 7,
  objectionMinChars: 10,
  committeeTypes: ['working_committee', 'basic_committee'],
  branchTypes: ['branch', 'general_branch'],
};

export const HONOUR_RULES = [
  'active',
  'cadre',
  'age',
  'membership_years',
  'excellent_count',
  'volunteer_hours',
  'negative_list',
  'unit_type',
  'star_tier',
  'task_completion',
  'dues',
  'unit_age',
  'lower_title',
] as const;
export type HonourRule = (typeof HONOUR_RULES)[number];

/** One rule's outcome for one candidate: the value seen (null = no data) and what the rule needs. */
export interface RuleCheck {
  rule: HonourRule;
  passed: boolean;
  value: number | string | boolean | null;
  required: number | string | boolean;
}

export interface MemberHonourFacts {
  birthDate: string;
  joinedOn: string | null;
  status: string;
  position: string;
  /** Years whose approved evaluation grade was 优秀. */
  excellentYears: number[];
  volunteerHours: number | null;
  onNegativeList: boolean;
  /** The same honour at a lower level in an earlier year (only read when the round asks for it). */
  lowerTitle: boolean;
}

export interface UnitHonourFacts {
  typeCode: string;
  status: string;
  foundedOn: string | null;
  tier: TierCode | null;
  tasksDone: number;
  tasksRequired: number;
  dues: { membersDue: number; membersInArrears: number } | null;
  lowerTitle: boolean;
}

export interface RoundRules {
  year: number;
  referenceDate: string;
  requireLowerTitle: boolean;
  settings: HonourSettings;
}

/** Whole years from `from` to `to`. */
export const wholeYears = (from: string, to: string) => Math.floor(monthsBetween(from, to) / 12);

/** The rule checks of a member for a person honour. */
export function memberChecks(kind: HonourKind, f: MemberHonourFacts, r: RoundRules): RuleCheck[] {
  const s = r.settings;
  const checks: RuleCheck[] = [{ rule: 'active', passed: f.status === 'active', value: f.status === 'active', required: true }];
  if (kind === 'excellent_cadre') checks.push({ rule: 'cadre', passed: isCadrePosition(f.position), value: isCadrePosition(f.position), required: true });
  const age = ageOn(f.birthDate, r.referenceDate);
  checks.push({ rule: 'age', passed: age < s.maxAge, value: age, required: s.maxAge });
  const years = f.joinedOn ? wholeYears(f.joinedOn, r.referenceDate) : null;
  checks.push({ rule: 'membership_years', passed: years != null && years >= s.minMembershipYears, value: years, required: s.minMembershipYears });
  const from = r.year - s.excellentWindow + 1;
  const excellent = new Set(f.excellentYears.filter((y) => y >= from && y <= r.year)).size;
  checks.push({ rule: 'excellent_count', passed: excellent >= s.minExcellent, value: excellent, required: s.minExcellent });
  checks.push({
    rule: 'volunteer_hours',
    passed: f.volunteerHours != null && f.volunteerHours >= s.minVolunteerHours,
    value: f.volunteerHours,
    required: s.minVolunteerHours,
  });
  checks.push({ rule: 'negative_list', passed: !f.onNegativeList, value: f.onNegativeList, required: false });
  if (r.requireLowerTitle) checks.push({ rule: 'lower_title', passed: f.lowerTitle, value: f.lowerTitle, required: true });
  return checks;
}

/** The organization types a unit honour goes to. */
export const unitTypesOf = (kind: HonourKind, s: HonourSettings) =>
  kind === 'red_flag_committee' ? s.committeeTypes : kind === 'red_flag_branch' ? s.branchTypes : [];

/** Percentage with one decimal; null when nothing was required or recorded. */
export const percentOf = (part: number, whole: number) => (whole > 0 ? Math.round((part * 1000) / whole) / 10 : null);

/** The rule checks of a unit for a unit honour. */
export function unitChecks(kind: HonourKind, f: UnitHonourFacts, r: RoundRules): RuleCheck[] {
  const s = r.settings;
  const checks: RuleCheck[] = [
    { rule: 'active', passed: f.status === 'active', value: f.status === 'active', required: true },
    { rule: 'unit_type', passed: unitTypesOf(kind, s).includes(f.typeCode), value: unitTypesOf(kind, s).includes(f.typeCode), required: true },
    { rule: 'star_tier', passed: f.tier != null && TIER_RANK[f.tier] >= TIER_RANK[s.minTier], value: f.tier, required: s.minTier },
  ];
  const completion = percentOf(f.tasksDone, f.tasksRequired);
  checks.push({
    rule: 'task_completion',
    passed: completion != null && completion >= s.minTaskCompletionPercent,
    value: completion,
    required: s.minTaskCompletionPercent,
  });
  // Arrears are compared exactly (arrears × 100 ≤ limit × due), so 5 of 100 passes at 5 %.
  const arrears = f.dues ? (percentOf(f.dues.membersInArrears, f.dues.membersDue) ?? 0) : null;
  const duesOk = !!f.dues && f.dues.membersInArrears * 100 <= s.maxArrearsPercent * f.dues.membersDue;
  checks.push({ rule: 'dues', passed: duesOk, value: arrears, required: s.maxArrearsPercent });
  const months = f.foundedOn ? monthsBetween(f.foundedOn, r.referenceDate) : null;
  checks.push({ rule: 'unit_age', passed: months != null && months >= s.minUnitAgeMonths, value: months, required: s.minUnitAgeMonths });
  if (r.requireLowerTitle) checks.push({ rule: 'lower_title', passed: f.lowerTitle, value: f.lowerTitle, required: true });
  return checks;
}

export const isEligible = (checks: RuleCheck[]) => checks.every((c) => c.passed);
export const failedRules = (checks: RuleCheck[]) => checks.filter((c) => !c.passed).map((c) => c.rule);

/** quota = floor(share % × base), at least 1 when the base is not empty. */
export function honourQuota(sharePercent: number, base: number): number {
  if (base <= 0 || sharePercent <= 0) return 0;
  return Math.max(1, Math.floor((sharePercent * base) / 100 + 1e-9));
}

/** The rule's name and a sentence saying what it saw, in both languages (for pages and errors). */
export const HONOUR_RULE_NAMES: Record<HonourRule, Message> = {
  active: { zh: '状态正常', en: 'Active' },
  cadre: { zh: '担任团干部', en: 'Holds a cadre position' },
  age: { zh: '年龄', en: 'Age' },
  membership_years: { zh: '团龄', en: 'Years of membership' },
  excellent_count: { zh: '评议优秀次数', en: 'Excellent evaluations' },
  volunteer_hours: { zh: '志愿服务时长', en: 'Volunteer hours' },
  negative_list: { zh: '负面清单', en: 'Negative list' },
  unit_type: { zh: '组织类型相符', en: 'Organization type fits' },
  star_tier: { zh: '星级', en: 'Star tier' },
  task_completion: { zh: '任务完成率', en: 'Task completion' },
  dues: { zh: '团费欠缴比例', en: 'Dues arrears' },
  unit_age: { zh: '成立时间', en: 'Unit age' },
  lower_title: { zh: '先获下级同类荣誉', en: 'Lower-level title first' },
};

function show(v: RuleCheck['value'] | RuleCheck['required'], rule: HonourRule, lang: 'zh' | 'en'): string {
  if (v == null) return lang === 'zh' ? '无数据' : 'no data';
  if (typeof v === 'boolean') return lang === 'zh' ? (v ? '是' : '否') : v ? 'yes' : 'no';
  if (rule === 'star_tier' && (TIER_CODES as readonly string[]).includes(String(v))) return TIER_NAMES[v as TierCode][lang];
  return String(v);
}

/** "年龄：27（要求 < 28）" — one failed or passed rule as text. */
export function describeCheck(c: RuleCheck): Message {
  const name = HONOUR_RULE_NAMES[c.rule];
  const op: Record<HonourRule, string> = {
    active: '=',
    cadre: '=',
    age: '<',
    membership_years: '≥',
    excellent_count: '≥',
    volunteer_hours: '≥',
    negative_list: '=',
    unit_type: '=',
    star_tier: '≥',
    task_completion: '≥ %',
    dues: '≤ %',
    unit_age: '≥ months',
    lower_title: '=',
  };
  const o = op[c.rule];
  const [sym, unit] = o.split(' ');
  const unitZh = unit === 'months' ? '个月' : (unit ?? '');
  const unitEn = unit === 'months' ? ' months' : (unit ?? '');
  return {
    zh: `${name.zh}：${show(c.value, c.rule, 'zh')}（要求 ${sym} ${show(c.required, c.rule, 'zh')}${unitZh}）`,
    en: `${name.en}: ${show(c.value, c.rule, 'en')} (needs ${sym} ${show(c.required, c.rule, 'en')}${unitEn})`,
  };
}

export interface RoundInput {
  name: string;
  year: number;
  referenceDate: string;
  kinds: HonourKind[];
  quotaPercent?: Partial<Record<HonourKind, number>>;
  noticeDays?: number;
}

/** A round as the API takes it (POST /honours/rounds): the rules' input plus where and how. */
export interface RoundBody extends RoundInput {
  orgId?: number;
  requireLowerTitle?: boolean;
  campaignId?: number | null;
}

export function validateRound(input: RoundInput): FieldError[] {
  const errors: FieldError[] = [];
  const name = input.name.trim();
  if (!name) errors.push(fieldError('name', 'HONOUR_NAME_REQUIRED', '请填写评选名称', 'Give the round a name'));
  else if ([...name].length > 60) errors.push(fieldError('name', 'HONOUR_NAME_TOO_LONG', '评选名称不能超过 60 个字', 'The name is at most 60 characters'));
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100)
    errors.push(fieldError('year', 'HONOUR_YEAR_INVALID', '年度应在 2000—2100 之间', 'The year must be between 2000 and 2100'));
  if (!isIsoDate(input.referenceDate)) errors.push(fieldError('referenceDate', 'HONOUR_DATE_INVALID', '请填写有效的基准日期', 'Give a valid reference date'));
  if (!input.kinds.length) errors.push(fieldError('kinds', 'HONOUR_KINDS_REQUIRED', '至少选择一类荣誉', 'Choose at least one honour'));
  for (const [k, v] of Object.entries(input.quotaPercent ?? {})) {
    if (v == null || !Number.isFinite(v) || v <= 0 || v > 100)
      errors.push(
        fieldError(`quotaPercent.${k}`, 'HONOUR_QUOTA_INVALID', '名额比例应大于 0 且不超过 100%', 'The quota share must be above 0 and at most 100 %'),
      );
  }
  if (input.noticeDays != null && (!Number.isInteger(input.noticeDays) || input.noticeDays < 1 || input.noticeDays > 60)) {
    errors.push(fieldError('noticeDays', 'HONOUR_NOTICE_DAYS_INVALID', '公示期应为 1—60 天', 'The notice period must be 1 to 60 days'));
  }
  return errors;
}

export function validateHonourSettings(s: HonourSettings): FieldError[] {
  const errors: FieldError[] = [];
  const int = (field: keyof HonourSettings, v: number, min: number, max: number) => {
    if (!Number.isFinite(v) || v < min || v > max)
      errors.push(fieldError(field, 'HONOUR_SETTING_RANGE', `应在 ${min}—${max} 之间`, `Must be between ${min} and ${max}`));
  };
  int('maxAge', s.maxAge, 14, 40);
  int('minMembershipYears', s.minMembershipYears, 0, 20);
  int('excellentWindow', s.excellentWindow, 1, 10);
  int('minExcellent', s.minExcellent, 0, s.excellentWindow);
  int('minVolunteerHours', s.minVolunteerHours, 0, 2000);
  int('minTaskCompletionPercent', s.minTaskCompletionPercent, 0, 100);
  int('maxArrearsPercent', s.maxArrearsPercent, 0, 100);
  int('minUnitAgeMonths', s.minUnitAgeMonths, 0, 240);
  int('noticeDays', s.noticeDays, 1, 60);
  int('objectionMinChars', s.objectionMinChars, 1, 200);
  for (const k of HONOUR_KINDS) {
    const v = s.quotaPercent[k];
    if (!Number.isFinite(v) || v <= 0 || v > 100)
      errors.push(
        fieldError(`quotaPercent.${k}`, 'HONOUR_QUOTA_INVALID', '名额比例应大于 0 且不超过 100%', 'The quota share must be above 0 and at most 100 %'),
      );
  }
  return errors;
}

/** An objection (异议) needs a reason of at least `minChars` characters; the contact is optional and short. */
export function validateObjection(input: { reason: string; contact?: string | null }, minChars: number): FieldError[] {
  const errors: FieldError[] = [];
  const n = [...input.reason.trim()].length;
  if (n < minChars)
    errors.push(
      fieldError('reason', 'OBJECTION_REASON_TOO_SHORT', `请写明异议理由（至少 ${minChars} 个字）`, `Give the reason (at least ${minChars} characters)`),
    );
  else if (n > 1000) errors.push(fieldError('reason', 'OBJECTION_REASON_TOO_LONG', '异议理由不能超过 1000 字', 'The reason is at most 1000 characters'));
  if (input.contact && [...input.contact.trim()].length > 60)
    errors.push(fieldError('contact', 'OBJECTION_CONTACT_TOO_LONG', '联系方式不能超过 60 个字', 'The contact is at most 60 characters'));
  return errors;
}

/** The reply to an objection is required (the objector reads it). */
export function validateObjectionReply(reply: string): FieldError[] {
  const n = [...reply.trim()].length;
  if (n < 2) return [fieldError('reply', 'OBJECTION_REPLY_REQUIRED', '请填写处理意见（答复异议人）', 'Write the reply to the objector')];
  if (n > 1000) return [fieldError('reply', 'OBJECTION_REPLY_TOO_LONG', '处理意见不能超过 1000 字', 'The reply is at most 1000 characters')];
  return [];
}

/** Volunteer hours of one member for a year: 0 to 2000, in steps of 0.5. */
export function volunteerHoursError(hours: number, field: string): FieldError | null {
  if (!Number.isFinite(hours) || hours < 0 || hours > 2000)
    return fieldError(field, 'VOLUNTEER_HOURS_RANGE', '志愿服务时长应在 0—2000 小时之间', 'Volunteer hours must be between 0 and 2000');
  if (Math.round(hours * 2) !== hours * 2) return fieldError(field, 'VOLUNTEER_HOURS_STEP', '时长最小单位为 0.5 小时', 'Hours go in steps of 0.5');
  return null;
}

/** A unit's dues record: members due ≥ members in arrears ≥ 0, whole numbers. */
export function validateDues(input: { membersDue: number; membersInArrears: number }): FieldError[] {
  const errors: FieldError[] = [];
  if (!Number.isInteger(input.membersDue) || input.membersDue < 0 || input.membersDue > 100000)
    errors.push(fieldError('membersDue', 'DUES_COUNT_INVALID', '应缴人数应为非负整数', 'Members due must be a whole number ≥ 0'));
  if (!Number.isInteger(input.membersInArrears) || input.membersInArrears < 0)
    errors.push(fieldError('membersInArrears', 'DUES_COUNT_INVALID', '欠缴人数应为非负整数', 'Members in arrears must be a whole number ≥ 0'));
  else if (input.membersInArrears > input.membersDue)
    errors.push(fieldError('membersInArrears', 'DUES_ARREARS_ABOVE_DUE', '欠缴人数不能多于应缴人数', 'Arrears cannot exceed the members due'));
  return errors;
}

/** The last day of the notice: it starts on `startsOn` and lasts `days` days. Finalizing is possible from the day after. */
export function noticeEndsOn(startsOn: string, days: number): string {
  const d = new Date(`${startsOn}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days - 1);
  return d.toISOString().slice(0, 10);
}

/** The certificate number: ZX-<year>-<kind code>-<round>-<seq>, e.g. ZX-2026-YXTY-3-0007. */
export const HONOUR_CODES: Record<HonourKind, string> = {
  red_flag_committee: 'HQTW',
  red_flag_branch: 'HQZB',
  excellent_member: 'YXTY',
  excellent_cadre: 'YXGB',
};
export const certificateNumber = (year: number, kind: HonourKind, roundId: number, seq: number) =>
  `ZX-${year}-${HONOUR_CODES[kind]}-${roundId}-${String(seq).padStart(4, '0')}`;

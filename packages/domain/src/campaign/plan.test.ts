import { describe, expect, it } from 'vitest';
import { SHUANG_ZHENG_XIAN_TEMPLATE as T } from './shuang-zheng-xian.ts';
import type { CampaignTemplate } from './template.ts';
import { normalizeTarget, planDueOn, planRequiredTypes, planTaskFor, planText, validatePlan, type PlanTarget } from './plan.ts';

const target = (t: Partial<PlanTarget> & Pick<PlanTarget, 'kind'>): PlanTarget => ({ value: null, unit: null, label: null, goalTag: null, ...t });
const ok = { theme: '青春建功新时代', contentHtml: '<p>一、指导思想</p>', targets: [target({ kind: 'star_tier', value: 5 })] };
const codes = (errors: ReturnType<typeof validatePlan>) => errors.map((e) => `${e.field}:${e.code}`);

describe('validatePlan', () => {
  it('accepts a complete plan for submission', () => {
    expect(validatePlan(ok, { forSubmit: true })).toEqual([]);
  });

  it('needs a theme of at most 60 characters, counted as characters not UTF-16 units', () => {
    expect(codes(validatePlan({ ...ok, theme: '  ' }))).toEqual(['theme:PLAN_THEME_REQUIRED']);
    expect(validatePlan({ ...ok, theme: '争'.repeat(60) })).toEqual([]);
    expect(codes(validatePlan({ ...ok, theme: '争'.repeat(61) }))).toEqual(['theme:PLAN_THEME_TOO_LONG']);
    expect(validatePlan({ ...ok, theme: '𠀀'.repeat(60) })).toEqual([]);
  });

  it('lets a draft have no text and no targets, but not a submission', () => {
    const empty = { theme: '主题', contentHtml: '<p> </p><p><br></p>', targets: [] };
    expect(validatePlan(empty)).toEqual([]);
    expect(codes(validatePlan(empty, { forSubmit: true }))).toEqual(['contentHtml:PLAN_CONTENT_REQUIRED', 'targets:PLAN_TARGETS_REQUIRED']);
  });

  it('keeps the star tier a whole number from 1 to 5', () => {
    for (const value of [0, 6, 3.5, null, Number.NaN]) {
      expect(codes(validatePlan({ ...ok, targets: [target({ kind: 'star_tier', value })] })), String(value)).toEqual([
        'targets.0.value:PLAN_TARGET_STAR_RANGE',
      ]);
    }
    expect(validatePlan({ ...ok, targets: [target({ kind: 'star_tier', value: 1 })] })).toEqual([]);
  });

  it('keeps ratios and coverage between 0 and 100 per cent', () => {
    const errs = validatePlan({
      ...ok,
      targets: [target({ kind: 'excellent_member_ratio', value: 101 }), target({ kind: 'coverage', value: -1 }), target({ kind: 'star_tier', value: 4 })],
    });
    expect(codes(errs)).toEqual(['targets.0.value:PLAN_TARGET_PERCENT_RANGE', 'targets.1.value:PLAN_TARGET_PERCENT_RANGE']);
    expect(errs[0].message.zh).toContain('优秀团员比例');
    expect(errs[1].message.en).toContain('coverage');
    expect(validatePlan({ ...ok, targets: [target({ kind: 'excellent_member_ratio', value: 0 }), target({ kind: 'coverage', value: 100 })] })).toEqual([]);
  });

  it('asks a custom indicator for a name, a number and a unit', () => {
    expect(codes(validatePlan({ ...ok, targets: [target({ kind: 'custom_kpi' })] }))).toEqual([
      'targets.0.label:PLAN_TARGET_LABEL_REQUIRED',
      'targets.0.value:PLAN_TARGET_VALUE_REQUIRED',
      'targets.0.unit:PLAN_TARGET_UNIT_REQUIRED',
    ]);
    expect(
      validatePlan({ ...ok, targets: [target({ kind: 'custom_kpi', label: '志愿服务时长', value: 500, unit: '小时', goalTag: '学赶苏南、后来居上' })] }),
    ).toEqual([]);
  });

  it('allows Red Flag creation once, and any number of custom indicators', () => {
    const flag = target({ kind: 'red_flag', label: '区级五四红旗团支部' });
    expect(codes(validatePlan({ ...ok, targets: [flag, flag] }))).toEqual(['targets.1.kind:PLAN_TARGET_DUPLICATE']);
    const kpi = target({ kind: 'custom_kpi', label: '新发展团员', value: 10, unit: '人' });
    expect(validatePlan({ ...ok, targets: [flag, kpi, kpi] })).toEqual([]);
  });

  it('allows at most 20 targets and refuses unknown kinds', () => {
    const kpi = target({ kind: 'custom_kpi', label: '活动', value: 1, unit: '次' });
    expect(codes(validatePlan({ ...ok, targets: Array(21).fill(kpi) }))).toEqual(['targets:PLAN_TOO_MANY_TARGETS']);
    expect(codes(validatePlan({ ...ok, targets: [target({ kind: 'nope' as 'red_flag' })] }))).toEqual(['targets.0.kind:PLAN_TARGET_KIND_UNKNOWN']);
  });

  it('gives every message in Chinese and English', () => {
    const errs = validatePlan(
      { theme: '', contentHtml: '', targets: [target({ kind: 'custom_kpi', label: 'x'.repeat(61), unit: 'y'.repeat(21), goalTag: 'z'.repeat(61) })] },
      { forSubmit: true },
    );
    expect(errs.length).toBeGreaterThan(5);
    for (const e of errs) {
      expect(e.message.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(e.message.en).toMatch(/^[\x20-\x7e]+$/);
    }
  });
});

describe('planText', () => {
  it('turns plan HTML into lines of text with entities decoded', () => {
    expect(planText('<h2>一、目标</h2><p>创建&nbsp;<strong>五星</strong>团支部 &amp; 红旗</p><ul><li>甲</li><li>乙</li></ul><p><br></p>')).toBe(
      '一、目标\n创建 五星团支部 & 红旗\n甲\n乙',
    );
    expect(planText('<p>&#20105;&#x5148;&lt;&gt;</p>')).toBe('争先<>');
    expect(planText('<p></p>')).toBe('');
  });
});

describe('plan tasks of a template', () => {
  it('asks the basic units of the 双争先 template for a plan, due at the end of mobilization', () => {
    expect(planRequiredTypes(T).sort()).toEqual(['basic_committee', 'branch', 'general_branch', 'working_committee']);
    const dates = [{ key: 'mobilization', startsOn: '2026-03-01', endsOn: '2026-04-30' }];
    expect(planDueOn(T, dates, 'branch')).toBe('2026-04-30');
    expect(planDueOn(T, dates, 'district')).toBeNull();
    expect(planTaskFor(T, 'city')).toBeNull();
  });

  it('joins the types of every plan task, and a type answers to its first task', () => {
    const t: CampaignTemplate = {
      ...T,
      phases: [
        { ...T.phases[0], tasks: [{ ...T.phases[0].tasks[2], key: 'p1', orgTypes: ['branch'], due: { kind: 'days_after_start', days: 10 } }] },
        {
          ...T.phases[1],
          tasks: [
            { ...T.phases[0].tasks[2], key: 'p2', orgTypes: ['district', 'branch'] },
            { ...T.phases[1].tasks[0], orgTypes: ['city'] },
          ],
        },
      ],
    };
    expect(planRequiredTypes(t).sort()).toEqual(['branch', 'district']);
    const dates = [
      { key: 'mobilization', startsOn: '2026-03-01', endsOn: '2026-04-30' },
      { key: 'implementation', startsOn: '2026-05-01', endsOn: '2026-09-30' },
    ];
    expect(planDueOn(t, dates, 'branch')).toBe('2026-03-11');
    expect(planDueOn(t, dates, 'district')).toBe('2026-09-30');
    expect(planRequiredTypes({ ...T, phases: [T.phases[1]] })).toEqual([]);
  });
});

describe('normalizeTarget', () => {
  it('trims text, drops empty text and sets the unit of fixed kinds', () => {
    expect(normalizeTarget(target({ kind: 'coverage', value: 95, unit: 'x', label: '  ', goalTag: ' 学赶苏南 ' }))).toEqual({
      kind: 'coverage',
      value: 95,
      unit: '%',
      label: null,
      goalTag: '学赶苏南',
    });
    expect(normalizeTarget(target({ kind: 'red_flag', value: 3 }))).toEqual({ kind: 'red_flag', value: null, unit: null, label: null, goalTag: null });
    expect(normalizeTarget(target({ kind: 'custom_kpi', value: 3, unit: ' 场 ', label: '讲座' }))).toMatchObject({ unit: '场', label: '讲座' });
  });
});

import { fieldError, type FieldError } from '../common/messages.ts';

/**
 * 对标定位 (benchmarking): a unit picks exemplar units and the standard (its campaign's rubric),
 * sees its gap on every rubric dimension — its verified score against the exemplars' and against
 * full marks — and turns the gaps into catch-up measures (赶超措施) with an owner and a due date,
 * which the level above supervises until each is closed with evidence.
 */

/** The six steps of a benchmarking exercise (MISSION.md, "Benchmarking"). */
export const BENCHMARK_STEPS = [
  { key: 'mobilize', nameZh: '动员部署', nameEn: 'Mobilize' },
  { key: 'study', nameZh: '学习讨论', nameEn: 'Study and discuss' },
  { key: 'compare', nameZh: '对照反思', nameEn: 'Compare and reflect' },
  { key: 'list', nameZh: '形成清单', nameEn: 'Draw up the list' },
  { key: 'supervise', nameZh: '督促检查', nameEn: 'Supervise and check' },
  { key: 'improve', nameZh: '总结提升', nameEn: 'Sum up and improve' },
] as const;
export type BenchmarkStep = (typeof BENCHMARK_STEPS)[number]['key'];
export const BENCHMARK_STEP_KEYS = BENCHMARK_STEPS.map((s) => s.key) as [BenchmarkStep, ...BenchmarkStep[]];
export const benchmarkStepIndex = (s: BenchmarkStep) => BENCHMARK_STEP_KEYS.indexOf(s);

/** A rubric dimension as the standard defines it (key, names, full marks). */
export interface BenchmarkDimension {
  key: string;
  nameZh: string;
  nameEn: string;
  max: number;
}

/** Verified scores per dimension key; null when the unit has no verified assessment. */
export type BenchmarkScores = Record<string, number> | null;

export interface BenchmarkGapRow {
  key: string;
  nameZh: string;
  nameEn: string;
  max: number;
  own: number | null;
  /** One score per exemplar, in the order given (null = that exemplar is not yet verified). */
  exemplars: (number | null)[];
  /** What the unit measures itself against: the highest exemplar score on this dimension. */
  benchmark: number | null;
  /** benchmark − own (negative = ahead of the exemplars); null when either is unknown. */
  gapToExemplar: number | null;
  /** max − own; null when the unit has no verified score. */
  gapToFull: number | null;
}

export interface BenchmarkGapReport {
  rows: BenchmarkGapRow[];
  totals: { max: number; own: number | null; exemplars: (number | null)[]; benchmark: number | null; gapToExemplar: number | null; gapToFull: number | null };
  /** Dimensions where the unit is behind its benchmark (or, with no exemplar score, below full marks), largest gap first. */
  behind: string[];
}

/** Scores keep one decimal place (half points exist in rubrics); differences are rounded the same way. */
/** Characters as a reader counts them (a CJK extension character is one, not two UTF-16 units). */
const charCount = (s: string) => [...s].length;

const round1 = (x: number) => Math.round(x * 10) / 10;
const sum = (xs: number[]) => round1(xs.reduce((a, b) => a + b, 0));

/**
 * The gap of a unit against its exemplars and full marks on every dimension of the standard.
 * A dimension an assessment lacks counts as unknown (null), never as zero.
 */
export function benchmarkGaps(standard: BenchmarkDimension[], own: BenchmarkScores, exemplars: BenchmarkScores[]): BenchmarkGapReport {
  const scoreOf = (s: BenchmarkScores, key: string) => (s && typeof s[key] === 'number' ? round1(s[key]) : null);
  const rows: BenchmarkGapRow[] = standard.map((d) => {
    const mine = scoreOf(own, d.key);
    const theirs = exemplars.map((e) => scoreOf(e, d.key));
    const known = theirs.filter((x): x is number => x !== null);
    const benchmark = known.length ? Math.max(...known) : null;
    return {
      key: d.key,
      nameZh: d.nameZh,
      nameEn: d.nameEn,
      max: d.max,
      own: mine,
      exemplars: theirs,
      benchmark,
      gapToExemplar: mine !== null && benchmark !== null ? round1(benchmark - mine) : null,
      gapToFull: mine !== null ? round1(d.max - mine) : null,
    };
  });
  const max = sum(standard.map((d) => d.max));
  const ownTotal = own ? sum(rows.map((r) => r.own ?? 0)) : null;
  const exemplarTotals = exemplars.map((e) => (e ? sum(standard.map((d) => scoreOf(e, d.key) ?? 0)) : null));
  const knownTotals = exemplarTotals.filter((x): x is number => x !== null);
  const benchmarkTotal = knownTotals.length ? Math.max(...knownTotals) : null;
  const behind = rows
    .filter((r) => (r.gapToExemplar !== null ? r.gapToExemplar > 0 : (r.gapToFull ?? 0) > 0))
    .sort((a, b) => (b.gapToExemplar ?? -Infinity) - (a.gapToExemplar ?? -Infinity) || (b.gapToFull ?? 0) - (a.gapToFull ?? 0))
    .map((r) => r.key);
  return {
    rows,
    totals: {
      max,
      own: ownTotal,
      exemplars: exemplarTotals,
      benchmark: benchmarkTotal,
      gapToExemplar: ownTotal !== null && benchmarkTotal !== null ? round1(benchmarkTotal - ownTotal) : null,
      gapToFull: ownTotal !== null ? round1(max - ownTotal) : null,
    },
    behind,
  };
}

/** Limits of a catch-up measure's fields. */
export const MEASURE_LIMITS = { content: 2000, comment: 1000, closingNote: 2000, attachments: 20, exemplars: 5 } as const;

export type CatchUpMeasureStatus = 'open' | 'closed';

export interface CatchUpMeasureInput {
  content: string;
  dimensionKey: string;
  ownerMemberId: number;
  dueOn: string;
}

/**
 * A catch-up measure names what will be done, for which dimension of the standard, by whom and
 * by when. A new due date cannot lie in the past (an edit that keeps the old date is fine).
 */
export function validateMeasure(m: CatchUpMeasureInput, ctx: { dimensionKeys: string[]; today: string; dueChanged: boolean }): FieldError[] {
  const errors: FieldError[] = [];
  const len = charCount(m.content.trim());
  if (len === 0) errors.push(fieldError('content', 'MEASURE_CONTENT_REQUIRED', '请填写赶超措施', 'Describe the catch-up measure'));
  else if (len > MEASURE_LIMITS.content)
    errors.push(
      fieldError('content', 'MEASURE_CONTENT_TOO_LONG', `赶超措施不能超过 ${MEASURE_LIMITS.content} 字`, `At most ${MEASURE_LIMITS.content} characters`),
    );
  if (!ctx.dimensionKeys.includes(m.dimensionKey)) {
    errors.push(fieldError('dimensionKey', 'MEASURE_DIMENSION_UNKNOWN', '请选择考评标准中的一个维度', 'Pick a dimension of the standard'));
  }
  if (ctx.dueChanged && m.dueOn < ctx.today)
    errors.push(fieldError('dueOn', 'MEASURE_DUE_IN_PAST', '完成期限不能早于今天', 'The due date cannot be in the past'));
  return errors;
}

export const measureOverdue = (m: { status: CatchUpMeasureStatus; dueOn: string }, today: string) => m.status === 'open' && m.dueOn < today;

/** Closing a measure needs evidence: an activity of the unit or at least one attached file. */
export function measureCloseErrors(e: { activityId?: number | null; attachmentIds?: number[] | null }): FieldError[] {
  if (e.activityId || e.attachmentIds?.length) return [];
  return [
    fieldError(
      'evidence',
      'MEASURE_EVIDENCE_REQUIRED',
      '销号须提供佐证：关联一项本单位活动或上传附件',
      'Closing needs evidence: link an activity of the unit or attach a file',
    ),
  ];
}

/**
 * Moving a benchmarking exercise along its six steps: forward one step at a time (back to any
 * earlier step), and each step needs what it stands for — 形成清单 needs exemplars chosen,
 * 督促检查 needs at least one measure, 总结提升 needs every measure closed.
 */
export function benchmarkStepErrors(
  from: BenchmarkStep,
  to: BenchmarkStep,
  state: { exemplars: number; measures: number; openMeasures: number },
): FieldError[] {
  const a = benchmarkStepIndex(from);
  const b = benchmarkStepIndex(to);
  if (b > a + 1) return [fieldError('step', 'BENCHMARK_STEP_SKIPPED', '请按步骤依次推进，不能跳过', 'Move one step at a time')];
  if (b <= a) return [];
  if (to === 'list' && state.exemplars === 0)
    return [fieldError('step', 'BENCHMARK_NO_EXEMPLARS', '请先选择对标的先进典型', 'Choose the exemplars to benchmark against first')];
  if (to === 'supervise' && state.measures === 0)
    return [fieldError('step', 'BENCHMARK_NO_MEASURES', '请先制定至少一项赶超措施', 'Draw up at least one catch-up measure first')];
  if (to === 'improve' && state.openMeasures > 0) {
    return [
      fieldError('step', 'BENCHMARK_MEASURES_OPEN', `还有 ${state.openMeasures} 项赶超措施未销号`, `${state.openMeasures} catch-up measure(s) still open`),
    ];
  }
  return [];
}

import { describe, expect, it } from 'vitest';
import { benchmarkGaps, measureCloseErrors, measureOverdue, benchmarkStepErrors, validateMeasure, type BenchmarkDimension } from './benchmark.ts';

const standard: BenchmarkDimension[] = [
  { key: 'team', nameZh: '班子', nameEn: 'Team', max: 20 },
  { key: 'venue', nameZh: '阵地', nameEn: 'Venue', max: 20 },
  { key: 'activity', nameZh: '活动', nameEn: 'Activities', max: 30 },
  { key: 'rules', nameZh: '制度', nameEn: 'Rules', max: 15 },
  { key: 'support', nameZh: '保障', nameEn: 'Support', max: 15 },
];
const codes = (e: { field: string; code: string }[]) => e.map((x) => `${x.field}:${x.code}`);

describe('benchmarkGaps', () => {
  const own = { team: 15, venue: 18, activity: 20.5, rules: 15, support: 9 };
  const a = { team: 19, venue: 17, activity: 28, rules: 14, support: 12 };
  const b = { team: 18, venue: 19.5, activity: 26, rules: 15, support: 14 };

  it('measures every dimension against the best exemplar score and against full marks', () => {
    const r = benchmarkGaps(standard, own, [a, b]);
    expect(r.rows.map((x) => [x.key, x.own, x.exemplars, x.benchmark, x.gapToExemplar, x.gapToFull])).toEqual([
      ['team', 15, [19, 18], 19, 4, 5],
      ['venue', 18, [17, 19.5], 19.5, 1.5, 2],
      ['activity', 20.5, [28, 26], 28, 7.5, 9.5],
      ['rules', 15, [14, 15], 15, 0, 0],
      ['support', 9, [12, 14], 14, 5, 6],
    ]);
    expect(r.totals).toEqual({ max: 100, own: 77.5, exemplars: [90, 92.5], benchmark: 92.5, gapToExemplar: 15, gapToFull: 22.5 });
  });

  it('lists the dimensions the unit is behind on, largest gap first, and leaves out where it leads or equals', () => {
    const r = benchmarkGaps(standard, { ...own, venue: 20 }, [a, b]);
    expect(r.rows.find((x) => x.key === 'venue')!.gapToExemplar).toBe(-0.5);
    expect(r.behind).toEqual(['activity', 'support', 'team']);
  });

  it('keeps an unverified exemplar or unit unknown (null), never zero', () => {
    const r = benchmarkGaps(standard, own, [null, b]);
    expect(r.rows[0]).toMatchObject({ exemplars: [null, 18], benchmark: 18, gapToExemplar: 3 });
    expect(r.totals.exemplars).toEqual([null, 92.5]);
    const none = benchmarkGaps(standard, null, [a]);
    expect(none.rows[0]).toMatchObject({ own: null, gapToExemplar: null, gapToFull: null });
    expect(none.totals).toMatchObject({ own: null, gapToExemplar: null, gapToFull: null, benchmark: 90 });
    expect(none.behind).toEqual([]);
  });

  it('falls back to the gap to full marks when no exemplar has a verified score', () => {
    const r = benchmarkGaps(standard, own, [null]);
    expect(r.rows.every((x) => x.benchmark === null && x.gapToExemplar === null)).toBe(true);
    expect(r.behind).toEqual(['activity', 'support', 'team', 'venue']);
  });

  it('rounds to one decimal so floating-point noise never shows', () => {
    const r = benchmarkGaps([{ key: 'x', nameZh: 'x', nameEn: 'x', max: 10 }], { x: 0.1 + 0.2 }, [{ x: 0.7 }]);
    expect(r.rows[0]).toMatchObject({ own: 0.3, gapToExemplar: 0.4, gapToFull: 9.7 });
  });
});

describe('catch-up measures', () => {
  const ctx = { dimensionKeys: standard.map((d) => d.key), today: '2026-06-10', dueChanged: true };
  const ok = { content: '每月开展一次主题团日活动', dimensionKey: 'activity', ownerMemberId: 1, dueOn: '2026-07-01' };

  it('accepts a measure with content, a dimension of the standard and a future due date', () => {
    expect(validateMeasure(ok, ctx)).toEqual([]);
    expect(validateMeasure({ ...ok, dueOn: '2026-06-10' }, ctx)).toEqual([]);
  });

  it('refuses empty or too long content, an unknown dimension and a past due date', () => {
    expect(codes(validateMeasure({ ...ok, content: '  ', dimensionKey: 'fun', dueOn: '2026-06-09' }, ctx))).toEqual([
      'content:MEASURE_CONTENT_REQUIRED',
      'dimensionKey:MEASURE_DIMENSION_UNKNOWN',
      'dueOn:MEASURE_DUE_IN_PAST',
    ]);
    expect(codes(validateMeasure({ ...ok, content: '措'.repeat(2001) }, ctx))).toEqual(['content:MEASURE_CONTENT_TOO_LONG']);
    expect(validateMeasure({ ...ok, content: '𠀀'.repeat(2000) }, ctx)).toEqual([]);
  });

  it('keeps a past due date an edit does not change', () => {
    expect(validateMeasure({ ...ok, dueOn: '2026-01-01' }, { ...ctx, dueChanged: false })).toEqual([]);
  });

  it('is overdue only while open and past its due date', () => {
    expect(measureOverdue({ status: 'open', dueOn: '2026-06-09' }, '2026-06-10')).toBe(true);
    expect(measureOverdue({ status: 'open', dueOn: '2026-06-10' }, '2026-06-10')).toBe(false);
    expect(measureOverdue({ status: 'closed', dueOn: '2026-06-09' }, '2026-06-10')).toBe(false);
  });

  it('needs evidence to close: an activity or at least one file', () => {
    expect(codes(measureCloseErrors({}))).toEqual(['evidence:MEASURE_EVIDENCE_REQUIRED']);
    expect(codes(measureCloseErrors({ activityId: null, attachmentIds: [] }))).toEqual(['evidence:MEASURE_EVIDENCE_REQUIRED']);
    expect(measureCloseErrors({ activityId: 5 })).toEqual([]);
    expect(measureCloseErrors({ attachmentIds: [3] })).toEqual([]);
  });
});

describe('the six steps', () => {
  const state = { exemplars: 1, measures: 2, openMeasures: 0 };
  it('moves forward one step at a time and back to any step', () => {
    expect(benchmarkStepErrors('mobilize', 'study', state)).toEqual([]);
    expect(codes(benchmarkStepErrors('mobilize', 'compare', state))).toEqual(['step:BENCHMARK_STEP_SKIPPED']);
    expect(benchmarkStepErrors('supervise', 'mobilize', state)).toEqual([]);
  });
  it('needs exemplars before the list, a measure before supervision, every measure closed before the summary', () => {
    expect(codes(benchmarkStepErrors('compare', 'list', { ...state, exemplars: 0 }))).toEqual(['step:BENCHMARK_NO_EXEMPLARS']);
    expect(codes(benchmarkStepErrors('list', 'supervise', { ...state, measures: 0 }))).toEqual(['step:BENCHMARK_NO_MEASURES']);
    expect(codes(benchmarkStepErrors('supervise', 'improve', { ...state, openMeasures: 1 }))).toEqual(['step:BENCHMARK_MEASURES_OPEN']);
    expect(benchmarkStepErrors('supervise', 'improve', state)).toEqual([]);
  });
});

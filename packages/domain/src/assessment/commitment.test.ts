import { describe, expect, it } from 'vitest';
import {
  DEFAULT_COMMITMENT_RULES,
  commitmentYearOpen,
  countChars,
  isCadrePosition,
  reportSummary,
  reportYearOpen,
  validateCommitmentItem,
  validatePublish,
  validateReportSubmission,
} from './commitment.ts';

const longText = '我们团支部全年围绕思想引领、组织建设和服务青年开展工作。'.repeat(10);
const codes = (e: { code: string }[]) => e.map((x) => x.code);

describe('commitments', () => {
  it('knows a cadre by a position other than none', () => {
    expect(isCadrePosition('secretary')).toBe(true);
    expect(isCadrePosition('none')).toBe(false);
  });

  it('counts characters as a reader does: CJK characters one each, whitespace not at all', () => {
    expect(countChars('述职 报告\n  ok')).toBe(6);
    expect(countChars('𠮷')).toBe(1);
  });

  it('needs text within the limit, a known category and a due date inside the year', () => {
    expect(validateCommitmentItem({ text: '每月开展一次主题团日', category: 'organization', dueOn: '2026-12-31' }, 2026)).toEqual([]);
    expect(codes(validateCommitmentItem({ text: '  ' }, 2026))).toEqual(['COMMITMENT_TEXT_REQUIRED']);
    expect(codes(validateCommitmentItem({ text: '字'.repeat(DEFAULT_COMMITMENT_RULES.itemMaxLength + 1) }, 2026))).toEqual(['COMMITMENT_TEXT_TOO_LONG']);
    expect(codes(validateCommitmentItem({ text: 'x', category: 'nope' }, 2026))).toEqual(['COMMITMENT_CATEGORY_UNKNOWN']);
    expect(codes(validateCommitmentItem({ text: 'x', dueOn: '2027-01-01' }, 2026))).toEqual(['COMMITMENT_DUE_OUTSIDE_YEAR']);
    expect(codes(validateCommitmentItem({ text: 'x', dueOn: '2025-12-31' }, 2026))).toEqual(['COMMITMENT_DUE_OUTSIDE_YEAR']);
  });

  it('opens commitments for this year and the next, reports for this year and the last', () => {
    expect([2025, 2026, 2027, 2028].map((y) => commitmentYearOpen(y, '2026-12-20'))).toEqual([false, true, true, false]);
    expect([2024, 2025, 2026, 2027].map((y) => reportYearOpen(y, '2026-01-10'))).toEqual([false, true, true, false]);
  });

  it('publishes only something new and no more than the yearly number', () => {
    expect(codes(validatePublish(0, 0, 3))).toEqual(['COMMITMENT_NOTHING_TO_PUBLISH']);
    expect(validatePublish(0, 1, 3)).toEqual([]);
    expect(validatePublish(2, 0, DEFAULT_COMMITMENT_RULES.maxItems - 2)).toEqual([]);
    expect(codes(validatePublish(3, 0, DEFAULT_COMMITMENT_RULES.maxItems - 2))).toEqual(['COMMITMENT_TOO_MANY']);
  });

  describe('a year-end report', () => {
    const item = (commitmentId: number, status: 'done' | 'partly' | 'not_done' | null, note: string | null = null) => ({
      commitmentId,
      status,
      note,
      evidenceCount: 0,
    });

    it('is submitted when every commitment has a status and the text is long enough', () => {
      expect(validateReportSubmission(longText, [item(1, 'done'), item(2, 'partly', '资金未到位')], [1, 2])).toEqual([]);
    });

    it('refuses a commitment without a status, addressed by its position', () => {
      const e = validateReportSubmission(longText, [item(1, 'done'), item(2, null)], [1, 2]);
      expect(e).toEqual([expect.objectContaining({ field: 'items.1.status', code: 'COMMITMENT_STATUS_REQUIRED' })]);
      const missing = validateReportSubmission(longText, [item(1, 'done')], [1, 2, 3]);
      expect(missing.map((x) => x.field)).toEqual(['items.1.status', 'items.2.status']);
    });

    it('asks why a commitment was only partly kept or not kept', () => {
      const e = validateReportSubmission(longText, [item(1, 'not_done', ' '), item(2, 'partly')], [1, 2]);
      expect(e.map((x) => `${x.field}:${x.code}`)).toEqual(['items.0.note:COMMITMENT_NOTE_REQUIRED', 'items.1.note:COMMITMENT_NOTE_REQUIRED']);
    });

    it('has a length between the minimum and the maximum of the rules', () => {
      expect(codes(validateReportSubmission('太短了', [item(1, 'done')], [1]))).toEqual(['REPORT_TOO_SHORT']);
      expect(codes(validateReportSubmission('字'.repeat(6001), [item(1, 'done')], [1]))).toEqual(['REPORT_TOO_LONG']);
      expect(validateReportSubmission('短', [item(1, 'done')], [1], { ...DEFAULT_COMMITMENT_RULES, reportMinLength: 1 })).toEqual([]);
    });

    it('needs published commitments to report on', () => {
      expect(codes(validateReportSubmission(longText, [], []))).toEqual(['REPORT_NO_COMMITMENTS']);
    });

    it('sums the statuses', () => {
      expect(reportSummary([{ status: 'done' }, { status: 'done' }, { status: 'partly' }, { status: 'not_done' }])).toEqual({
        total: 4,
        done: 2,
        partly: 1,
        notDone: 1,
      });
    });
  });
});

import { describe, it, expect } from 'vitest';
import { normalizeHeader, isFooterRow, HeaderMatcher, SheetRowClassifier, type ImportColumn } from './import-sheet.ts';

describe('normalizeHeader', () => {
  it.each([
    ['姓名*', '姓名'],
    ['*姓名', '姓名'],
    ['姓 名', '姓名'],
    ['姓\n名', '姓名'],
    ['姓名（必填）', '姓名'],
    ['姓名(必填)', '姓名'],
    ['姓名【必填】', '姓名'],
    ['姓名(选填)', '姓名'],
    ['姓名：', '姓名'],
    ['ＩＤ Card', 'idcard'],
    [{ richText: [{ text: '身份证' }, { text: '号*' }] }, '身份证号'],
  ])('normalizes %j to %j', (h, out) => {
    expect(normalizeHeader(h)).toBe(out);
  });
});

describe('isFooterRow', () => {
  it('looks at the first non-empty cell', () => {
    expect(isFooterRow(['', '填表人：张三'])).toBe(true);
    expect(isFooterRow(['1', '填表人：张三'])).toBe(false);
  });
  it('finds 填表日期 in any cell, ignoring spaces', () => {
    expect(isFooterRow(['盖章', '', '填 表 日 期：2024-05-10'])).toBe(true);
  });
  it('is false for an empty row', () => {
    expect(isFooterRow([])).toBe(false);
  });
});

describe('SheetRowClassifier', () => {
  const cols: Record<'a' | 'b' | 'c', ImportColumn> = {
    a: { labelZh: '甲', labelEn: 'A', required: true, synonyms: ['甲列'] },
    b: { labelZh: '乙', labelEn: 'B', required: true, synonyms: [] },
    c: { labelZh: '丙', labelEn: 'C', required: false, synonyms: [] },
  };
  const matcher = new HeaderMatcher(cols);

  it('maps header cells to fields and remembers the 序号 column', () => {
    expect(matcher.mapRow(['序号', '甲列', '乙', '其他'])).toEqual({ columns: { a: 1, b: 2 }, seqColumn: 0 });
  });
  it('matches a header with a parenthesized hint', () => {
    expect(matcher.fieldOf('丙(格式：2001-03-05)')).toBe('c');
  });
  it('gives readers over the recognized columns', () => {
    const k = new SheetRowClassifier(matcher, ['a', 'b']);
    expect(k.classify(['x'])).toEqual({ skip: 'before_header' });
    expect(k.classify(['甲', '乙', '丙'])).toEqual({ skip: 'header' });
    const r = k.classify([' １ ', 2, null]);
    if (!('reader' in r)) throw new Error('expected reader');
    expect(r.reader.text('a')).toBe('1');
    expect(r.reader.raw('b')).toBe(2);
    expect(r.reader.text('c')).toBe('');
  });
  it('treats rows with data only in unrecognized columns as blank', () => {
    const k = new SheetRowClassifier(matcher, ['a', 'b']);
    k.classify(['甲', '乙', '其他']);
    expect(k.classify(['', '', 'x'])).toEqual({ skip: 'blank' });
  });
});

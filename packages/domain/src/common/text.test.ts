import { describe, it, expect } from 'vitest';
import { toHalfWidth, cleanText, isBlank, hasCjk } from './text.ts';

describe('toHalfWidth', () => {
  it('converts full-width digits, letters and punctuation to ASCII', () => {
    expect(toHalfWidth('１２３ＡＢＣａｂｃ（）：－／．＊＠')).toBe('123ABCabc():-/.*@');
  });
  it('converts the ideographic space U+3000 to a normal space', () => {
    expect(toHalfWidth('张\u3000三')).toBe('张 三');
  });
  it('leaves Chinese characters and ASCII unchanged', () => {
    expect(toHalfWidth('红星区abc 123。')).toBe('红星区abc 123。');
  });
  it('converts the full-width range boundaries ！ and ～', () => {
    expect(toHalfWidth('！～')).toBe('!~');
  });
});

describe('cleanText', () => {
  it('returns empty string for null and undefined', () => {
    expect(cleanText(null)).toBe('');
    expect(cleanText(undefined)).toBe('');
  });
  it('trims and converts strings to half-width', () => {
    expect(cleanText('\u3000 ３２０１０２ \n')).toBe('320102');
  });
  it('writes integers without exponent notation, even beyond the safe range', () => {
    expect(cleanText(13800138000)).toBe('13800138000');
    // biome-ignore lint/correctness/noPrecisionLoss: an ID number typed into a number cell really arrives rounded like this
    expect(cleanText(320102200103051234)).toMatch(/^\d{18}$/);
  });
  it('keeps decimals of non-integer numbers', () => {
    expect(cleanText(2001.03)).toBe('2001.03');
  });
  it('returns empty string for NaN', () => {
    expect(cleanText(Number.NaN)).toBe('');
  });
  it('formats a Date as its UTC calendar date', () => {
    expect(cleanText(new Date(Date.UTC(2001, 2, 5)))).toBe('2001-03-05');
  });
  it('joins the runs of an exceljs rich-text value', () => {
    expect(cleanText({ richText: [{ text: '张' }, { text: '三 ', font: { bold: true } }] })).toBe('张三');
  });
  it('reads the text of an exceljs hyperlink value', () => {
    expect(cleanText({ text: 'mail@example.cn', hyperlink: 'mailto:mail@example.cn' })).toBe('mail@example.cn');
  });
  it('reads a hyperlink whose text is rich text', () => {
    expect(cleanText({ text: { richText: [{ text: 'a' }, { text: 'b' }] }, hyperlink: 'x' })).toBe('ab');
  });
  it('reads the cached result of an exceljs formula value', () => {
    expect(cleanText({ formula: 'A1&B1', result: '李四' })).toBe('李四');
    expect(cleanText({ sharedFormula: 'A1', result: 42 })).toBe('42');
  });
  it('returns empty string for a formula without result and for error values', () => {
    expect(cleanText({ formula: 'A1' })).toBe('');
    expect(cleanText({ error: '#N/A' })).toBe('');
  });
  it('never returns [object Object]', () => {
    expect(cleanText({ foo: 1 })).toBe('');
  });
  it('writes booleans as TRUE/FALSE', () => {
    expect(cleanText(true)).toBe('TRUE');
  });
});

describe('isBlank', () => {
  it('treats empty, whitespace-only and ideographic-space-only values as blank', () => {
    expect(isBlank('')).toBe(true);
    expect(isBlank('  \u3000 ')).toBe(true);
    expect(isBlank(null)).toBe(true);
    expect(isBlank({ richText: [] })).toBe(true);
  });
  it('treats text and zero as not blank', () => {
    expect(isBlank('a')).toBe(false);
    expect(isBlank(0)).toBe(false);
  });
});

describe('hasCjk', () => {
  it('detects Chinese characters', () => {
    expect(hasCjk('张三')).toBe(true);
    expect(hasCjk('John Smith')).toBe(false);
  });
});

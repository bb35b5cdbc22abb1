import { describe, it, expect } from 'vitest';
import { pinyinInitials, pinyinFull } from './pinyin.ts';

describe('pinyinInitials', () => {
  it('gives the lower-case initial of each Chinese character', () => {
    expect(pinyinInitials('红星区')).toBe('hxq');
    expect(pinyinInitials('第一中学团委')).toBe('dyzxtw');
  });
  it('keeps ASCII letters and digits, lower-cased, and drops punctuation', () => {
    expect(pinyinInitials('红星区第1中学（初中部）团支部')).toBe('hxqd1zxczbtzb');
    expect(pinyinInitials('ABC中学')).toBe('abczx');
  });
  it('reads full-width letters and digits as ASCII', () => {
    expect(pinyinInitials('ＡＢ中学１班')).toBe('abzx1b');
  });
  it('returns empty string for empty input', () => {
    expect(pinyinInitials('')).toBe('');
  });
});

describe('pinyinFull', () => {
  it('gives the toneless pinyin without spaces', () => {
    expect(pinyinFull('红星区')).toBe('hongxingqu');
    expect(pinyinFull('团委')).toBe('tuanwei');
  });
  it('writes ü as v', () => {
    expect(pinyinFull('吕梁')).toBe('lvliang');
  });
  it('keeps ASCII letters and digits lower-cased', () => {
    expect(pinyinFull('高一(3)班 A组')).toBe('gaoyi3banazu');
  });
});

import { describe, it, expect } from 'vitest';
import { normalizeIdCard, validateIdCard, maskIdCard, makeIdCard, idCardCheckChar } from './idcard.ts';

const TODAY = '2025-06-01';
const codes = (r: ReturnType<typeof validateIdCard>) => (r.ok ? [] : r.errors.map((e) => e.code));

describe('idCardCheckChar / makeIdCard', () => {
  it('computes the GB 11643-1999 check character of the standard example', () => {
    // The example from GB 11643-1999: 11010519491231002X.
    expect(idCardCheckChar('11010519491231002')).toBe('X');
    expect(makeIdCard('110105', '19491231', '002')).toBe('11010519491231002X');
  });
  it('computes a digit check character', () => {
    // 440524188001010014 is the other example in the standard.
    expect(makeIdCard('440524', '18800101', '001')).toBe('440524188001010014');
  });
  it('refuses malformed parts', () => {
    expect(() => makeIdCard('32010', '20010305', '123')).toThrow(RangeError);
    expect(() => makeIdCard('320102', '2001035', '123')).toThrow(RangeError);
    expect(() => makeIdCard('320102', '20010305', '12')).toThrow(RangeError);
    expect(() => idCardCheckChar('123')).toThrow(RangeError);
  });
});

describe('normalizeIdCard', () => {
  it('converts full-width characters and strips spaces', () => {
    expect(normalizeIdCard(' ３２０１０２ ２００１０３０５ １２３Ｘ ')).toBe('32010220010305123X');
  });
  it('upper-cases a trailing x', () => {
    expect(normalizeIdCard('11010519491231002x')).toBe('11010519491231002X');
  });
  it('drops the apostrophe that forces text in Excel', () => {
    expect(normalizeIdCard("'440524188001010014")).toBe('440524188001010014');
  });
  it('turns a safe-integer number cell into its digits', () => {
    expect(normalizeIdCard(123456789012345)).toBe('123456789012345');
    expect(normalizeIdCard(123456789012345.7)).toBe('123456789012345');
  });
  it('keeps every digit of an 18-digit number cell that a double represents exactly', () => {
    // Doubles near 3.2e17 are spaced 64 apart, so some IDs survive being stored as numbers.
    let id = '';
    for (let seq = 0; seq < 1000 && !id; seq++) {
      const candidate = makeIdCard('320102', '20010305', String(seq).padStart(3, '0'));
      if (!candidate.endsWith('X') && BigInt(Number(candidate)) === BigInt(candidate)) id = candidate;
    }
    expect(id).not.toBe('');
    expect(normalizeIdCard(Number(id))).toBe(id);
    expect(validateIdCard(normalizeIdCard(Number(id)), TODAY).ok).toBe(true);
  });
  it('turns an 18-digit number that lost precision into digits, which then fail the checksum', () => {
    const id = makeIdCard('320102', '20010305', '127');
    const asNumber = Number(id); // beyond 2^53: the last digits are rounded
    expect(Number.isSafeInteger(asNumber)).toBe(false);
    const normalized = normalizeIdCard(asNumber);
    expect(normalized).toMatch(/^\d{18}$/);
    expect(normalized).not.toBe(id);
    expect(codes(validateIdCard(normalized, TODAY))).toContain('ID_CARD_CHECKSUM');
  });
  it('returns empty string for empty cells and non-finite numbers', () => {
    expect(normalizeIdCard(null)).toBe('');
    expect(normalizeIdCard(Number.NaN)).toBe('');
  });
  it('reads exceljs rich text', () => {
    expect(normalizeIdCard({ richText: [{ text: '110105194912' }, { text: '31002x' }] })).toBe('11010519491231002X');
  });
});

describe('validateIdCard', () => {
  it('accepts a valid ID and derives birth date and gender (odd 17th digit = male)', () => {
    const r = validateIdCard(makeIdCard('320102', '20010305', '123'), TODAY);
    expect(r).toEqual({ ok: true, value: { birthDate: '2001-03-05', gender: 'male' } });
  });
  it('derives female from an even 17th digit', () => {
    const r = validateIdCard('11010519491231002X', TODAY);
    expect(r).toEqual({ ok: true, value: { birthDate: '1949-12-31', gender: 'female' } });
  });
  it('requires a value', () => {
    const r = validateIdCard('', TODAY);
    expect(codes(r)).toEqual(['ID_CARD_REQUIRED']);
    expect(r.ok ? null : r.errors[0].field).toBe('idCard');
  });
  it('rejects 15-digit legacy numbers asking for the 18-digit number', () => {
    const r = validateIdCard('320102010305123', TODAY);
    expect(codes(r)).toEqual(['ID_CARD_FORMAT']);
    if (!r.ok) {
      expect(r.errors[0].message.zh).toContain('18位');
      expect(r.errors[0].message.en).toContain('18-digit');
    }
  });
  it.each(['3201022001030512', '3201022001030512345', '32010220010305123A', 'X20102200103051234', '32010220010305123x'])(
    'rejects the malformed number %j',
    (id) => {
      expect(codes(validateIdCard(id, TODAY))).toEqual(['ID_CARD_FORMAT']);
    },
  );
  it('rejects a wrong check character and names the number, masked, in the message', () => {
    const good = makeIdCard('320102', '19900101', '123');
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const r = validateIdCard(bad, TODAY);
    expect(codes(r)).toEqual(['ID_CARD_CHECKSUM']);
    if (!r.ok) {
      expect(r.errors[0].message.zh).toBe(`身份证号「${maskIdCard(bad)}」校验位错误，请核对号码`);
      expect(r.errors[0].message.en).toContain(maskIdCard(bad));
      expect(r.errors[0].message.zh).not.toContain(bad.slice(0, 17));
    }
  });
  it('detects a single mistyped digit', () => {
    const good = makeIdCard('320102', '19900101', '123');
    const typo = good.slice(0, 3) + ((Number(good[3]) + 1) % 10) + good.slice(4);
    expect(codes(validateIdCard(typo, TODAY))).toEqual(['ID_CARD_CHECKSUM']);
  });
  it('rejects an impossible birth date even with a correct check character', () => {
    expect(codes(validateIdCard(makeIdCard('320102', '20010230', '123'), TODAY))).toEqual(['ID_CARD_BIRTH_DATE']);
    expect(codes(validateIdCard(makeIdCard('320102', '18991231', '123'), TODAY))).toEqual(['ID_CARD_BIRTH_DATE']);
  });
  it('rejects a birth date in the future', () => {
    expect(codes(validateIdCard(makeIdCard('320102', '20250602', '123'), TODAY))).toEqual(['ID_CARD_BIRTH_DATE']);
    expect(validateIdCard(makeIdCard('320102', '20250601', '123'), TODAY).ok).toBe(true);
  });
  it('reports both a bad birth date and a bad check character', () => {
    const id = makeIdCard('320102', '20011301', '123');
    const bad = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    expect(codes(validateIdCard(bad, TODAY))).toEqual(['ID_CARD_BIRTH_DATE', 'ID_CARD_CHECKSUM']);
  });
  it('gives every error a Chinese and an English message', () => {
    for (const id of ['', '123', '320102010305123', '11010519491231002X'.replace('X', '1')]) {
      const r = validateIdCard(id, TODAY);
      expect(r.ok).toBe(false);
      if (!r.ok) for (const e of r.errors) expect(e.message.zh && e.message.en).toBeTruthy();
    }
  });
  it('defaults "today" to the current date', () => {
    expect(validateIdCard(makeIdCard('320102', '20010305', '123')).ok).toBe(true);
    expect(validateIdCard(makeIdCard('320102', '20990101', '123')).ok).toBe(false);
  });
});

describe('maskIdCard', () => {
  it('keeps only the last character and the length', () => {
    expect(maskIdCard('320102200103051234')).toBe('*****************4');
    expect(maskIdCard('32010220010305123X')).toBe('*****************X');
    expect(maskIdCard('320102200103051234')).toHaveLength(18);
  });
  it('masks a one-character string entirely', () => {
    expect(maskIdCard('7')).toBe('*');
    expect(maskIdCard('')).toBe('');
  });
});

import { describe, it, expect } from 'vitest';
import { parseLooseDate, isoToday, ageOn, excelSerialToIso, isValidYmd, isIsoDate } from './dates.ts';

const day = (value: string) => ({ ok: true, value, precision: 'day' });
const month = (value: string) => ({ ok: true, value, precision: 'month' });
const FAIL = { ok: false };

describe('parseLooseDate — strings', () => {
  it.each([
    '2001-03-05',
    '2001-3-5',
    '2001/03/05',
    '2001/3/5',
    '2001.3.5',
    '2001.03.05',
    '2001年3月5日',
    '2001年03月05日',
    '2001年3月5号',
    '20010305',
    '  2001-03-05  ',
    '２００１－０３－０５',
    '２００１年３月５日',
    '2001 年 3 月 5 日',
    '2001-03-05 00:00:00',
    '2001-03-05T00:00:00.000Z',
  ])('reads %j as 2001-03-05 (day precision)', (s) => {
    expect(parseLooseDate(s)).toEqual(day('2001-03-05'));
  });

  it.each(['2001年3月', '200103', '2001.03', '2001.3', '2001-03', '2001/3', '2001年03月', '２００１．０３'])(
    'reads %j as 2001-03-01 with month precision',
    (s) => {
      expect(parseLooseDate(s)).toEqual(month('2001-03-01'));
    },
  );

  it('reads a five-digit numeric string as an Excel serial', () => {
    expect(parseLooseDate('36955')).toEqual(day('2001-03-05'));
    expect(parseLooseDate(' 36955 ')).toEqual(day('2001-03-05'));
  });

  it('does not read a bare year as a serial', () => {
    expect(parseLooseDate('2001')).toEqual(FAIL);
  });

  it.each(['2001-02-30', '2001-13-01', '2001-00-10', '2001-04-31', '20010230', '200113', '2001年2月29日'])('rejects the impossible date %j', (s) => {
    expect(parseLooseDate(s)).toEqual(FAIL);
  });

  it('accepts 29 February in a leap year', () => {
    expect(parseLooseDate('2000-02-29')).toEqual(day('2000-02-29'));
    expect(parseLooseDate('2004.2.29')).toEqual(day('2004-02-29'));
  });

  it('rejects years outside 1900..2100', () => {
    expect(parseLooseDate('1899-12-31')).toEqual(FAIL);
    expect(parseLooseDate('2101-01-01')).toEqual(FAIL);
    expect(parseLooseDate('1900-01-01')).toEqual(day('1900-01-01'));
    expect(parseLooseDate('2100-12-31')).toEqual(day('2100-12-31'));
  });

  it.each(['', '   ', 'abc', '2001-03-05x', '01-03-05', '3/5/2001', '2001--03-05', '未知'])('rejects %j', (s) => {
    expect(parseLooseDate(s)).toEqual(FAIL);
  });
});

describe('parseLooseDate — numbers and Dates', () => {
  it('reads Excel serials in the 1900 date system', () => {
    expect(parseLooseDate(36955)).toEqual(day('2001-03-05'));
    expect(parseLooseDate(1)).toEqual(day('1900-01-01'));
    expect(parseLooseDate(59)).toEqual(day('1900-02-28'));
    expect(parseLooseDate(61)).toEqual(day('1900-03-01'));
    expect(parseLooseDate(44927)).toEqual(day('2023-01-01'));
  });

  it('rejects serial 60, the fictitious 1900-02-29 of the Lotus leap-year bug', () => {
    expect(parseLooseDate(60)).toEqual(FAIL);
  });

  it('drops the time-of-day fraction of a serial', () => {
    expect(parseLooseDate(36955.75)).toEqual(day('2001-03-05'));
  });

  it('rejects serials outside 1..80000 and after 2100', () => {
    expect(parseLooseDate(0)).toEqual(FAIL);
    expect(parseLooseDate(-5)).toEqual(FAIL);
    expect(parseLooseDate(80001)).toEqual(FAIL);
    expect(parseLooseDate(73415)).toEqual(day('2100-12-31'));
    expect(parseLooseDate(73416)).toEqual(FAIL);
    expect(parseLooseDate(Number.NaN)).toEqual(FAIL);
    expect(parseLooseDate(Number.POSITIVE_INFINITY)).toEqual(FAIL);
  });

  it('reads number cells typed as 20010305 and 200103', () => {
    expect(parseLooseDate(20010305)).toEqual(day('2001-03-05'));
    expect(parseLooseDate(200103)).toEqual(month('2001-03-01'));
    expect(parseLooseDate(20010230)).toEqual(FAIL);
  });

  it('reads number cells typed as 2001.03 or 2001.3 as year and month', () => {
    expect(parseLooseDate(2001.03)).toEqual(month('2001-03-01'));
    expect(parseLooseDate(2001.3)).toEqual(month('2001-03-01'));
    expect(parseLooseDate(2001.12)).toEqual(month('2001-12-01'));
    expect(parseLooseDate(2001.11)).toEqual(month('2001-11-01'));
  });

  it('refuses 2001.1 as a number, which could be January or October', () => {
    expect(parseLooseDate(2001.1)).toEqual(FAIL);
  });

  it('uses the UTC parts of a Date (exceljs gives UTC midnight)', () => {
    expect(parseLooseDate(new Date(Date.UTC(2001, 2, 5)))).toEqual(day('2001-03-05'));
    expect(parseLooseDate(new Date(Date.UTC(2001, 2, 5, 23, 59)))).toEqual(day('2001-03-05'));
  });

  it('rejects invalid Dates and Dates outside 1900..2100', () => {
    expect(parseLooseDate(new Date(Number.NaN))).toEqual(FAIL);
    expect(parseLooseDate(new Date(Date.UTC(1850, 0, 1)))).toEqual(FAIL);
  });

  it('reads exceljs formula results and rich text', () => {
    expect(parseLooseDate({ formula: 'DATE(2001,3,5)', result: new Date(Date.UTC(2001, 2, 5)) })).toEqual(day('2001-03-05'));
    expect(parseLooseDate({ richText: [{ text: '2001年' }, { text: '3月5日' }] })).toEqual(day('2001-03-05'));
  });

  it('rejects null, undefined, booleans and plain objects', () => {
    expect(parseLooseDate(null)).toEqual(FAIL);
    expect(parseLooseDate(undefined)).toEqual(FAIL);
    expect(parseLooseDate(true)).toEqual(FAIL);
    expect(parseLooseDate({})).toEqual(FAIL);
  });
});

describe('excelSerialToIso', () => {
  it('maps serial 2 to 1900-01-02 and serial 45658 to 2025-01-01', () => {
    expect(excelSerialToIso(2)).toBe('1900-01-02');
    expect(excelSerialToIso(45658)).toBe('2025-01-01');
  });
});

describe('isValidYmd', () => {
  it('knows the Gregorian leap-year rules', () => {
    expect(isValidYmd(1900, 2, 29)).toBe(false);
    expect(isValidYmd(2000, 2, 29)).toBe(true);
    expect(isValidYmd(2023, 2, 29)).toBe(false);
    expect(isValidYmd(2024, 2, 29)).toBe(true);
  });
});

describe('isoToday', () => {
  it('gives the date in China Standard Time by default', () => {
    // 2024-05-03 20:00 UTC is already 2024-05-04 04:00 in Beijing.
    expect(isoToday(new Date(Date.UTC(2024, 4, 3, 20, 0)))).toBe('2024-05-04');
    expect(isoToday(new Date(Date.UTC(2024, 4, 3, 15, 59)))).toBe('2024-05-03');
  });
  it('accepts another UTC offset', () => {
    expect(isoToday(new Date(Date.UTC(2024, 4, 3, 20, 0)), 0)).toBe('2024-05-03');
  });
  it('defaults to now', () => {
    expect(isoToday()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('ageOn', () => {
  it('counts whole years, turning a year older on the birthday', () => {
    expect(ageOn('2001-03-05', '2025-03-04')).toBe(23);
    expect(ageOn('2001-03-05', '2025-03-05')).toBe(24);
    expect(ageOn('2001-03-05', '2025-12-31')).toBe(24);
    expect(ageOn('2001-03-05', '2025-02-28')).toBe(23);
  });
  it('makes someone born on 29 February a year older on 1 March in common years', () => {
    expect(ageOn('2004-02-29', '2023-02-28')).toBe(18);
    expect(ageOn('2004-02-29', '2023-03-01')).toBe(19);
    expect(ageOn('2004-02-29', '2024-02-29')).toBe(20);
  });
  it('throws on a non-ISO date', () => {
    expect(() => ageOn('2001/03/05', '2025-01-01')).toThrow(RangeError);
  });
});

describe('isIsoDate', () => {
  it('takes YYYY-MM-DD naming a real day, and nothing else', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-30')).toBe(false); // Date.parse would take it as 2 March
    expect(isIsoDate('2025-2-3')).toBe(false);
    expect(isIsoDate('2025-13-01')).toBe(false);
  });
});

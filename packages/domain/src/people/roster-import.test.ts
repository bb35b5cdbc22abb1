import { idCardStoredAsNumber, maskIdCard, normalizeIdCard, validateIdCard } from './idcard.ts';
import { describe, it, expect } from 'vitest';
import {
  RosterParser,
  MEMBER_IMPORT_COLUMNS,
  makeTemplateRows,
  parsePosition,
  parseGender,
  cleanPersonName,
  type RowOutcome,
  type MemberImportRow,
} from './roster-import.ts';
import { OrgRosterParser } from '../org/org-import.ts';
import { makeIdCard } from './idcard.ts';
import { POSITIONS } from './positions.ts';

const TODAY = '2025-06-01';
const HEADER = ['序号', '姓名', '性别', '出生日期', '身份证号', '手机号', '入团时间', '团内职务', '组织编码', '备注'];

const MALE_ID = makeIdCard('320102', '20010305', '123'); // 17th digit 3: male
const FEMALE_ID = makeIdCard('320102', '20010305', '124'); // 17th digit 4: female

/**
 * A person's ID and the number Excel stores when it is typed into a number cell (15 significant
 * digits, so the last three become 000), chosen so that the damaged number passes the GB 11643
 * checksum and a double holds it exactly: the case no check on the digits can catch.
 */
function idDamagedIntoAnotherValidId(): { typed: string; stored: number } {
  for (let region = 110101; region < 110200; region++) {
    for (let first = 0; first < 10; first++) {
      const first15 = `${region}19900307${first}`;
      const stored = `${first15}000`;
      // Rounded down (16th digit below 5), valid, exact as a double.
      if (makeIdCard(String(region), '19900307', `${first}00`) !== stored || BigInt(Number(stored)) !== BigInt(stored)) continue;
      return { typed: makeIdCard(String(region), '19900307', `${first}45`), stored: Number(stored) };
    }
  }
  throw new Error('no such ID found');
}

/** A female ID (even sequence number) ending in X. */
function idEndingInX(prefix: string, birth: string): string {
  for (let seq = 2; seq < 1000; seq += 2) {
    const id = makeIdCard(prefix, birth, String(seq).padStart(3, '0'));
    if (id.endsWith('X')) return id;
  }
  throw new Error('no X ID found');
}

function withWrongCheck(id: string): string {
  return id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
}

function toFullWidth(s: string): string {
  return s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

/** A parser that has already seen the standard header. */
function parserWithHeader(header: unknown[] = HEADER): RosterParser {
  const p = new RosterParser({ today: TODAY });
  expect(p.feed(1, header)).toEqual({ kind: 'skipped', reason: 'header' });
  return p;
}

type Cells = Partial<Record<(typeof HEADER)[number], unknown>>;
function row(cells: Cells): unknown[] {
  return HEADER.map((h) => cells[h]);
}

function parseOne(cells: Cells): Extract<RowOutcome, { kind: 'row' }> {
  const out = parserWithHeader().feed(2, row(cells));
  if (out.kind !== 'row') throw new Error(`expected a data row, got ${JSON.stringify(out)}`);
  return out;
}

const codesOf = (o: Extract<RowOutcome, { kind: 'row' }>) => o.errors.map((e) => e.code);

describe('RosterParser — a realistic messy roster', () => {
  const numberId = makeIdCard('320102', '20001231', '011');
  const xId = idEndingInX('320581', '20020615');
  const badId = withWrongCheck(makeIdCard('320102', '19990101', '451'));

  // exceljs row.values is 1-based: index 0 is empty.
  const sheet: unknown[][] = [
    /* 1 */ [undefined, '红星区第一中学团支部团员花名册', '红星区第一中学团支部团员花名册', '红星区第一中学团支部团员花名册'],
    /* 2 */ [undefined, '填报单位：红星区第一中学团委', null, null, null, null, '填报时间：2024年5月'],
    /* 3 */ [],
    /* 4 */ [undefined, '序号', '姓名*', '性  别', '出生\n年月', '身份证号码（必填）', '联系电话', '入团时间', '团内职务', '备注'],
    /* 5 */ [undefined, 1, '张 三', '男', 36955, toFullWidth(MALE_ID), '138 0013 8000', '2016.5.4', '团支书', ''],
    /* 6 */ [undefined, 2, '李晓红', '女', '2001.3.5', toFullWidth(FEMALE_ID), '１３９１２３４５６７８', '2016年5月4日', '组织委员', null],
    /* 7 */ [undefined, 3, '王\u3000芳', ' 女 ', '2002年6月15日', xId.toLowerCase(), '', '2017/05/04', '', { richText: [{ text: '转入' }] }],
    /* 8 */ [undefined, null, '', '  ', null],
    /* 9 */ [undefined, 4, '赵强', 'M', '200012', numberId, 13912345678, new Date(Date.UTC(2015, 4, 4)), '团员', ''],
    /* 10 */ [undefined, 5],
    /* 11 */ [undefined, 6, '钱多多', '', '', badId, '', '', '', ''],
    /* 12 */ [undefined, 7, '孙七', '女', '2001/03/05', MALE_ID, '138001', '2030-01-01', '班长', ''],
    /* 13 */ [undefined, '填表人：李四  审核人：王五'],
    /* 14 */ [undefined, null, null, '填表日期：2024年5月10日'],
  ];

  const parser = new RosterParser({ today: TODAY });
  const outcomes = sheet.map((cells, i) => parser.feed(i + 1, cells));
  const rowsByNumber = new Map(outcomes.filter((o): o is Extract<RowOutcome, { kind: 'row' }> => o.kind === 'row').map((o) => [o.rowNumber, o]));

  it('skips the title rows before the header, then the header itself', () => {
    expect(outcomes.slice(0, 4)).toEqual([
      { kind: 'skipped', reason: 'before_header' },
      { kind: 'skipped', reason: 'before_header' },
      { kind: 'skipped', reason: 'before_header' },
      { kind: 'skipped', reason: 'header' },
    ]);
    expect(parser.headerFound()).toBe(true);
  });

  it('recognizes decorated header texts (姓名*, 身份证号码（必填）, 出生\\n年月, 性  别)', () => {
    expect(parser.headerColumns()).toEqual({
      name: 2,
      gender: 3,
      birthDate: 4,
      idCard: 5,
      phone: 6,
      joinedOn: 7,
      position: 8,
      note: 9,
    });
  });

  it('skips blank rows, sequence-number-only rows and the footer rows', () => {
    expect(outcomes[7]).toEqual({ kind: 'skipped', reason: 'blank' });
    expect(outcomes[9]).toEqual({ kind: 'skipped', reason: 'blank' });
    expect(outcomes[12]).toEqual({ kind: 'skipped', reason: 'footer' });
    expect(outcomes[13]).toEqual({ kind: 'skipped', reason: 'footer' });
  });

  it('returns exactly the data rows, with their sheet row numbers', () => {
    expect([...rowsByNumber.keys()]).toEqual([5, 6, 7, 9, 11, 12]);
  });

  it('reads a row with a serial birth date, a spaced name and a full-width ID', () => {
    const o = rowsByNumber.get(5)!;
    expect(o.errors).toEqual([]);
    expect(o.value).toEqual<MemberImportRow>({
      name: '张三',
      gender: 'male',
      birthDate: '2001-03-05',
      idCard: MALE_ID,
      phone: '13800138000',
      joinedOn: '2016-05-04',
      position: 'secretary',
      orgCode: null,
      note: null,
    });
  });

  it('reads full-width digits in ID and phone and a 2001.3.5 birth date', () => {
    const o = rowsByNumber.get(6)!;
    expect(o.errors).toEqual([]);
    expect(o.value).toMatchObject({
      name: '李晓红',
      gender: 'female',
      birthDate: '2001-03-05',
      idCard: FEMALE_ID,
      phone: '13912345678',
      joinedOn: '2016-05-04',
      position: 'organization_member',
    });
  });

  it('reads a lower-case x ID, a 年月日 birth date, a slashed join date and rich-text note', () => {
    const o = rowsByNumber.get(7)!;
    expect(o.errors).toEqual([]);
    expect(o.value).toMatchObject({
      name: '王芳',
      gender: 'female',
      idCard: xId,
      birthDate: '2002-06-15',
      joinedOn: '2017-05-04',
      position: 'none',
      phone: null,
      note: '转入',
    });
  });

  it('reads a month-only birth date, a number phone and a Date join date', () => {
    const o = rowsByNumber.get(9)!;
    expect(o.errors).toEqual([]);
    expect(o.value).toMatchObject({
      name: '赵强',
      gender: 'male',
      birthDate: '2000-12-31',
      idCard: numberId,
      phone: '13912345678',
      joinedOn: '2015-05-04',
      position: 'none',
    });
  });

  it('reports a bad check digit on its row number, naming the ID masked', () => {
    const o = rowsByNumber.get(11)!;
    expect(o.value).toBeUndefined();
    expect(o.errors).toEqual([
      {
        field: 'idCard',
        code: 'ID_CARD_CHECKSUM',
        message: {
          zh: `身份证号「${maskIdCard(badId)}」校验位错误，请核对号码`,
          en: `ID card number "${maskIdCard(badId)}" has a wrong check digit; please check the number`,
        },
      },
    ]);
  });

  it('collects every error of a row, not just the first', () => {
    const o = rowsByNumber.get(12)!;
    expect(o.value).toBeUndefined();
    expect(codesOf(o)).toEqual(['GENDER_MISMATCH_ID_CARD', 'PHONE_FORMAT', 'JOINED_ON_INVALID', 'POSITION_UNKNOWN']);
    expect(o.errors.map((e) => e.field)).toEqual(['gender', 'phone', 'joinedOn', 'position']);
  });
});

describe('RosterParser — header detection', () => {
  it('needs both the name and the ID column to recognize the header', () => {
    const p = new RosterParser({ today: TODAY });
    expect(p.feed(1, ['姓名', '性别', '手机号'])).toEqual({ kind: 'skipped', reason: 'before_header' });
    expect(p.feed(2, ['身份证号', '性别'])).toEqual({ kind: 'skipped', reason: 'before_header' });
    expect(p.headerFound()).toBe(false);
    expect(p.feed(3, ['姓名', '身份证号'])).toEqual({ kind: 'skipped', reason: 'header' });
    expect(p.headerFound()).toBe(true);
  });

  it.each([
    ['公民身份号码'],
    ['身份证'],
    ['身份证号码'],
    ['*身份证号'],
    ['身份证号(必填)'],
    ['身份证号（必填）'],
    ['身份证号\n（必填）'],
    ['身份证号码(18位)'],
    ['ＩＤ Card'],
  ])('accepts %j as the ID column header', (h) => {
    const p = new RosterParser({ today: TODAY });
    expect(p.feed(1, ['姓名', h])).toEqual({ kind: 'skipped', reason: 'header' });
    expect(p.headerColumns()?.idCard).toBe(1);
  });

  it('recognizes every synonym of every column', () => {
    for (const [field, col] of Object.entries(MEMBER_IMPORT_COLUMNS)) {
      for (const h of [col.labelZh, ...col.synonyms]) {
        const p = new RosterParser({ today: TODAY });
        const header = field === 'name' ? [h, '身份证号'] : field === 'idCard' ? ['姓名', h] : ['姓名', '身份证号', h];
        p.feed(1, header);
        expect(p.headerColumns()?.[field as keyof typeof MEMBER_IMPORT_COLUMNS], `${field} ← ${h}`).toBe(header.indexOf(h));
      }
    }
  });

  it('maps the listed Chinese header names', () => {
    const p = new RosterParser({ today: TODAY });
    p.feed(1, ['姓名', '性别', '出生年月', '公民身份号码', '联系方式', '入团年月', '职务', '所在团组织编码', '备注']);
    expect(p.headerColumns()).toEqual({
      name: 0,
      gender: 1,
      birthDate: 2,
      idCard: 3,
      phone: 4,
      joinedOn: 5,
      position: 6,
      orgCode: 7,
      note: 8,
    });
  });

  it('prefers 手机号码 over 联系电话 when both columns exist', () => {
    const p = new RosterParser({ today: TODAY });
    p.feed(1, ['姓名', '身份证号', '联系电话', '手机号码']);
    expect(p.headerColumns()?.phone).toBe(3);
  });

  it('skips a header repeated further down (printed on every page)', () => {
    const p = parserWithHeader();
    expect(p.feed(2, HEADER)).toEqual({ kind: 'skipped', reason: 'header' });
  });

  it('reports a missing header with IMPORT_HEADER_NOT_FOUND naming the required columns', () => {
    const p = new RosterParser({ today: TODAY });
    p.feed(1, ['花名册']);
    expect(p.headerFound()).toBe(false);
    const e = p.missingHeaderError();
    expect(e.code).toBe('IMPORT_HEADER_NOT_FOUND');
    expect(e.message.zh).toContain('「姓名」');
    expect(e.message.zh).toContain('「身份证号」');
    expect(e.message.en).toContain('Name');
    expect(e.message.en).toContain('ID card number');
  });

  it('treats rows before the header as title rows even if they look like data', () => {
    const p = new RosterParser({ today: TODAY });
    expect(p.feed(1, ['张三', MALE_ID])).toEqual({ kind: 'skipped', reason: 'before_header' });
  });
});

describe('RosterParser — blank and footer rows', () => {
  it.each([
    ['填表人：李四'],
    ['制表人:张三'],
    ['审核人：王五'],
    ['联系人：赵六 13800138000'],
    ['填报人：孙七'],
    ['负责人：周八'],
    ['合计：25人'],
    ['总计 25 人'],
    ['备注：本表一式两份'],
    ['说明：1. 身份证号须为18位'],
  ])('skips the footer row starting with %j', (text) => {
    const p = parserWithHeader();
    expect(p.feed(9, [text])).toEqual({ kind: 'skipped', reason: 'footer' });
    expect(p.feed(10, [null, null, text])).toEqual({ kind: 'skipped', reason: 'footer' });
  });

  it('skips a row containing 填表日期 anywhere', () => {
    const p = parserWithHeader();
    expect(p.feed(9, ['', '单位（盖章）', '', '填表日期：2024年5月10日'])).toEqual({ kind: 'skipped', reason: 'footer' });
  });

  it('does not treat a member whose note says 备注 as a footer', () => {
    const p = parserWithHeader();
    const o = p.feed(9, row({ 序号: 1, 姓名: '张三', 身份证号: MALE_ID, 备注: '备注：转入' }));
    expect(o.kind).toBe('row');
  });

  it('treats a row holding only its sequence number as blank', () => {
    const p = parserWithHeader();
    expect(p.feed(9, [12])).toEqual({ kind: 'skipped', reason: 'blank' });
    expect(p.feed(10, ['12', '', '  '])).toEqual({ kind: 'skipped', reason: 'blank' });
  });

  it('treats rows of empty cells, spaces and ideographic spaces as blank', () => {
    const p = parserWithHeader();
    expect(p.feed(9, [])).toEqual({ kind: 'skipped', reason: 'blank' });
    expect(p.feed(10, [null, undefined, '', ' ', '\u3000'])).toEqual({ kind: 'skipped', reason: 'blank' });
  });

  it('keeps parsing after blank rows', () => {
    const p = parserWithHeader();
    p.feed(9, []);
    const o = p.feed(10, row({ 姓名: '张三', 身份证号: MALE_ID }));
    expect(o).toMatchObject({ kind: 'row', rowNumber: 10, errors: [] });
  });
});

describe('RosterParser — name', () => {
  it('requires a name', () => {
    const o = parseOne({ 身份证号: MALE_ID, 性别: '男' });
    expect(codesOf(o)).toEqual(['NAME_REQUIRED']);
    expect(o.errors[0].field).toBe('name');
  });
  it('removes inner spaces from Chinese names', () => {
    expect(parseOne({ 姓名: ' 欧阳 小 明 ', 身份证号: MALE_ID }).value?.name).toBe('欧阳小明');
  });
  it('collapses inner spaces of Latin-script names', () => {
    expect(parseOne({ 姓名: 'John   Smith', 身份证号: MALE_ID }).value?.name).toBe('John Smith');
  });
  it('accepts 30 characters and refuses 31', () => {
    expect(parseOne({ 姓名: '张'.repeat(30), 身份证号: MALE_ID }).errors).toEqual([]);
    const o = parseOne({ 姓名: '张'.repeat(31), 身份证号: MALE_ID });
    expect(codesOf(o)).toEqual(['NAME_TOO_LONG']);
    expect(o.errors[0].message.zh).toContain('张'.repeat(31));
  });
  it('accepts ethnic-minority names with a middle dot', () => {
    expect(parseOne({ 姓名: '阿依古丽·买买提', 身份证号: FEMALE_ID }).value?.name).toBe('阿依古丽·买买提');
  });
});

describe('RosterParser — ID card', () => {
  it('requires an ID number', () => {
    const o = parseOne({ 姓名: '张三', 性别: '男' });
    expect(codesOf(o)).toEqual(['ID_CARD_REQUIRED']);
  });
  it('refuses a 15-digit ID with ID_CARD_FORMAT', () => {
    expect(codesOf(parseOne({ 姓名: '张三', 身份证号: '320102010305123' }))).toEqual(['ID_CARD_FORMAT']);
  });
  it('refuses an 18-digit ID that lost precision as a number', () => {
    const id = makeIdCard('320102', '20010305', '127');
    expect(BigInt(Number(id))).not.toBe(BigInt(id));
    expect(codesOf(parseOne({ 姓名: '张三', 身份证号: Number(id) }))).toEqual(['ID_CARD_STORED_AS_NUMBER']);
  });
  it('refuses an ID stored as a number even when the digits Excel kept pass the checksum', () => {
    const { typed, stored } = idDamagedIntoAnotherValidId();
    // The trap: the stored number reads as a valid ID, of a different person.
    expect(normalizeIdCard(stored)).toBe(`${typed.slice(0, 15)}000`);
    expect(validateIdCard(normalizeIdCard(stored), TODAY).ok).toBe(true);
    expect(normalizeIdCard(stored)).not.toBe(typed);
    const o = parseOne({ 姓名: '张三', 性别: '男', 身份证号: stored });
    expect(o.value).toBeUndefined();
    expect(o.errors).toEqual([
      {
        field: 'idCard',
        code: 'ID_CARD_STORED_AS_NUMBER',
        message: {
          zh: '身份证号被存为数字，后几位已丢失：请将该列设为文本后重新填写',
          en: 'The ID number was stored as a number and its last digits were lost: format the column as text and enter it again',
        },
      },
    ]);
    // The same person's ID in a text cell is read.
    expect(parseOne({ 姓名: '张三', 性别: '男', 身份证号: typed }).value?.idCard).toBe(typed);
  });
  it('refuses any number of 16 or more digits in the ID column: exact, in exponent form, or as a formula value', () => {
    const { stored } = idDamagedIntoAnotherValidId();
    for (const cell of [1101011990030745, Number('1.10101199003074E+17'), stored, { formula: 'A2', result: stored }]) {
      expect(codesOf(parseOne({ 姓名: '张三', 身份证号: cell })), String(cell)).toEqual(['ID_CARD_STORED_AS_NUMBER']);
    }
    // Up to 15 digits a number is exact: it is judged on its digits (a 15-digit ID is the old format).
    expect(codesOf(parseOne({ 姓名: '张三', 身份证号: 320102010305123 }))).toEqual(['ID_CARD_FORMAT']);
    expect(idCardStoredAsNumber(999999999999999)).toBe(false);
    expect(idCardStoredAsNumber(1e15)).toBe(true);
    expect(idCardStoredAsNumber('110101199003074511')).toBe(false);
  });
  it('refuses an ID with an impossible birth date', () => {
    expect(codesOf(parseOne({ 姓名: '张三', 身份证号: makeIdCard('320102', '20010230', '123') }))).toEqual(['ID_CARD_BIRTH_DATE']);
  });
  it('refuses an ID born after the parser\'s "today"', () => {
    const id = makeIdCard('320102', '20250602', '123');
    expect(codesOf(parseOne({ 姓名: '张三', 身份证号: id }))).toEqual(['ID_CARD_BIRTH_DATE']);
  });
  it('keeps the normalized ID (no spaces, upper-case X)', () => {
    const x = idEndingInX('110105', '20000101');
    const spaced = `${x.slice(0, 6)} ${x.slice(6, 14)} ${x.slice(14).toLowerCase()}`;
    expect(parseOne({ 姓名: '张三', 身份证号: spaced }).value?.idCard).toBe(x);
  });
});

describe('RosterParser — gender', () => {
  it.each(['男', 'M', 'm', 'male', 'Male', '男性'])('accepts %j for a male ID', (g) => {
    const o = parseOne({ 姓名: '张三', 身份证号: MALE_ID, 性别: g });
    expect(o.errors).toEqual([]);
    expect(o.value?.gender).toBe('male');
  });
  it.each(['女', 'F', 'female', '女性'])('accepts %j for a female ID', (g) => {
    expect(parseOne({ 姓名: '李红', 身份证号: FEMALE_ID, 性别: g }).value?.gender).toBe('female');
  });
  it('takes the gender from the ID when the column is empty', () => {
    expect(parseOne({ 姓名: '李红', 身份证号: FEMALE_ID }).value?.gender).toBe('female');
    expect(parseOne({ 姓名: '张三', 身份证号: MALE_ID }).value?.gender).toBe('male');
  });
  it('refuses a gender that contradicts the ID', () => {
    const o = parseOne({ 姓名: '张三', 身份证号: MALE_ID, 性别: '女' });
    expect(codesOf(o)).toEqual(['GENDER_MISMATCH_ID_CARD']);
    expect(o.errors[0].field).toBe('gender');
    expect(o.errors[0].message.zh).toContain('「女」');
  });
  it('refuses an unrecognizable gender', () => {
    const o = parseOne({ 姓名: '张三', 身份证号: MALE_ID, 性别: '未知' });
    expect(codesOf(o)).toEqual(['GENDER_INVALID']);
    expect(o.errors[0].message.zh).toContain('「未知」');
  });
});

describe('RosterParser — birth date', () => {
  it.each(['2001-03-05', '2001.3.5', '2001年3月5日', '20010305', 36955, '36955', '２００１／０３／０５'])('accepts %j matching the ID', (b) => {
    const o = parseOne({ 姓名: '张三', 身份证号: MALE_ID, 出生日期: b });
    expect(o.errors).toEqual([]);
    expect(o.value?.birthDate).toBe('2001-03-05');
  });
  it.each(['2001年3月', '200103', '2001.03', '2001-03', '2001/3', 2001.03])('accepts the month-only date %j when year and month agree with the ID', (b) => {
    const o = parseOne({ 姓名: '张三', 身份证号: MALE_ID, 出生日期: b });
    expect(o.errors).toEqual([]);
    expect(o.value?.birthDate).toBe('2001-03-05');
  });
  it('refuses a birth date different from the ID', () => {
    const o = parseOne({ 姓名: '张三', 身份证号: MALE_ID, 出生日期: '2001-03-06' });
    expect(codesOf(o)).toEqual(['BIRTH_DATE_MISMATCH_ID_CARD']);
    expect(o.errors[0].message.zh).toContain('「2001-03-06」');
    expect(o.errors[0].message.zh).toContain('2001-03-05');
  });
  it('refuses a month-only birth date whose month differs from the ID', () => {
    expect(codesOf(parseOne({ 姓名: '张三', 身份证号: MALE_ID, 出生日期: '2001年4月' }))).toEqual(['BIRTH_DATE_MISMATCH_ID_CARD']);
  });
  it('refuses an unreadable birth date with DATE_FORMAT', () => {
    const o = parseOne({ 姓名: '张三', 身份证号: MALE_ID, 出生日期: '2001-02-30' });
    expect(codesOf(o)).toEqual(['DATE_FORMAT']);
    expect(o.errors[0].field).toBe('birthDate');
    expect(o.errors[0].message.zh).toContain('「2001-02-30」');
  });
});

describe('RosterParser — phone', () => {
  it('accepts an empty phone as null', () => {
    expect(parseOne({ 姓名: '张三', 身份证号: MALE_ID }).value?.phone).toBeNull();
  });
  it('normalizes +86 and dashes', () => {
    expect(parseOne({ 姓名: '张三', 身份证号: MALE_ID, 手机号: '+86 138-0013-8000' }).value?.phone).toBe('13800138000');
  });
  it('refuses a landline in the mobile column, naming the value', () => {
    const o = parseOne({ 姓名: '张三', 身份证号: MALE_ID, 手机号: '025-12345678' });
    expect(codesOf(o)).toEqual(['PHONE_FORMAT']);
    expect(o.errors[0].field).toBe('phone');
    expect(o.errors[0].message.zh).toContain('「025-12345678」');
  });
});

describe('RosterParser — joined on', () => {
  it('accepts a month-only join date as the 1st of the month', () => {
    expect(parseOne({ 姓名: '张三', 身份证号: MALE_ID, 入团时间: '2016年5月' }).value?.joinedOn).toBe('2016-05-01');
  });
  it('leaves an empty join date null', () => {
    expect(parseOne({ 姓名: '张三', 身份证号: MALE_ID }).value?.joinedOn).toBeNull();
  });
  it('refuses an unreadable join date with DATE_FORMAT', () => {
    const o = parseOne({ 姓名: '张三', 身份证号: MALE_ID, 入团时间: '去年' });
    expect(codesOf(o)).toEqual(['DATE_FORMAT']);
    expect(o.errors[0].field).toBe('joinedOn');
  });
  it('refuses a join date on or before the birth date', () => {
    expect(codesOf(parseOne({ 姓名: '张三', 身份证号: MALE_ID, 入团时间: '2001-03-05' }))).toEqual(['JOINED_ON_INVALID']);
    expect(codesOf(parseOne({ 姓名: '张三', 身份证号: MALE_ID, 入团时间: '1999-05-04' }))).toEqual(['JOINED_ON_INVALID']);
  });
  it('refuses a join date after today', () => {
    const o = parseOne({ 姓名: '张三', 身份证号: MALE_ID, 入团时间: '2025-06-02' });
    expect(codesOf(o)).toEqual(['JOINED_ON_INVALID']);
    expect(o.errors[0].message.zh).toContain('「2025-06-02」');
    expect(parseOne({ 姓名: '张三', 身份证号: MALE_ID, 入团时间: '2025-06-01' }).errors).toEqual([]);
  });
  it('checks the join date against the written birth date when the ID is invalid', () => {
    const o = parseOne({ 姓名: '张三', 身份证号: '123', 出生日期: '2001-03-05', 入团时间: '2000-01-01' });
    expect(codesOf(o)).toEqual(['ID_CARD_FORMAT', 'JOINED_ON_INVALID']);
  });
});

describe('RosterParser — position', () => {
  it.each([
    ['', 'none'],
    ['团员', 'none'],
    ['无', 'none'],
    ['书记', 'secretary'],
    ['团支书', 'secretary'],
    ['支部书记', 'secretary'],
    ['团支部书记', 'secretary'],
    ['高一（3）班团支部书记', 'secretary'],
    ['副书记', 'deputy_secretary'],
    ['团委副书记', 'deputy_secretary'],
    ['组织委员', 'organization_member'],
    ['团支部组织委员', 'organization_member'],
    ['宣传委员', 'publicity_member'],
    ['委员', 'committee_member'],
    ['文体委员', 'committee_member'],
    ['团委委员', 'committee_member'],
    ['secretary', 'secretary'],
  ])('maps %j to %s', (text, code) => {
    expect(parseOne({ 姓名: '张三', 身份证号: MALE_ID, 团内职务: text }).value?.position).toBe(code);
  });
  it('maps every position name of POSITIONS', () => {
    for (const p of POSITIONS) expect(parsePosition(p.nameZh)).toBe(p.code);
  });
  it('refuses an unknown position, naming it', () => {
    const o = parseOne({ 姓名: '张三', 身份证号: MALE_ID, 团内职务: '班长' });
    expect(codesOf(o)).toEqual(['POSITION_UNKNOWN']);
    expect(o.errors[0].message.zh).toContain('「班长」');
    expect(o.errors[0].message.zh).toContain('组织委员');
  });
});

describe('RosterParser — organization code and note', () => {
  it('keeps a valid organization code and null when empty', () => {
    expect(parseOne({ 姓名: '张三', 身份证号: MALE_ID, 组织编码: 'HX-YZ_01' }).value?.orgCode).toBe('HX-YZ_01');
    expect(parseOne({ 姓名: '张三', 身份证号: MALE_ID }).value?.orgCode).toBeNull();
  });
  it('refuses an organization code with other characters', () => {
    expect(codesOf(parseOne({ 姓名: '张三', 身份证号: MALE_ID, 组织编码: '红星 01' }))).toEqual(['ORG_CODE_FORMAT']);
  });
  it('keeps the note', () => {
    expect(parseOne({ 姓名: '张三', 身份证号: MALE_ID, 备注: '转入' }).value?.note).toBe('转入');
  });
  it('refuses a note longer than 500 characters', () => {
    expect(codesOf(parseOne({ 姓名: '张三', 身份证号: MALE_ID, 备注: '字'.repeat(501) }))).toEqual(['NOTE_TOO_LONG']);
  });
});

describe('RosterParser — errors', () => {
  it('gives every error a field, an UPPER_SNAKE code and both messages', () => {
    const o = parseOne({
      姓名: '',
      身份证号: withWrongCheck(MALE_ID),
      性别: '?',
      出生日期: 'x',
      手机号: '1',
      入团时间: 'y',
      团内职务: 'z',
      组织编码: '!',
      备注: '字'.repeat(501),
    });
    expect(o.errors.length).toBe(9);
    for (const e of o.errors) {
      expect(e.field).toMatch(/^[a-zA-Z]+$/);
      expect(e.code).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect(e.message.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(e.message.en).toMatch(/^[A-Z].*[a-z]{3}/);
      expect(e.message.en).not.toBe(e.message.zh);
    }
  });
  it('omits the value when there are errors', () => {
    expect(parseOne({ 姓名: '张三', 身份证号: withWrongCheck(MALE_ID) }).value).toBeUndefined();
  });
  it('defaults "today" to the current date', () => {
    const p = new RosterParser();
    p.feed(1, ['姓名', '身份证号']);
    expect(p.feed(2, ['张三', MALE_ID])).toMatchObject({ kind: 'row', errors: [] });
  });
});

describe('helpers', () => {
  it('parseGender reads 男/女/M/F/male/female and nothing else', () => {
    expect(parseGender('男')).toBe('male');
    expect(parseGender('f')).toBe('female');
    expect(parseGender('男女')).toBeNull();
  });
  it('cleanPersonName removes spaces only from Chinese names', () => {
    expect(cleanPersonName('张 三')).toBe('张三');
    expect(cleanPersonName('Li  Lei')).toBe('Li Lei');
  });
});

describe('makeTemplateRows', () => {
  it('produces member template headers that the parser recognizes, with an example that parses cleanly', () => {
    const t = makeTemplateRows('members');
    expect(t.headers).toEqual(['姓名*', '性别', '出生日期', '身份证号*', '手机号', '入团时间', '团内职务', '组织编码', '备注']);
    expect(t.example).toHaveLength(t.headers.length);
    const p = new RosterParser({ today: TODAY });
    expect(p.feed(1, t.headers)).toEqual({ kind: 'skipped', reason: 'header' });
    expect(Object.keys(p.headerColumns()!)).toHaveLength(t.headers.length);
    const o = p.feed(2, t.example);
    expect(o).toMatchObject({ kind: 'row', errors: [] });
    expect(t.notes.length).toBeGreaterThan(3);
    expect(t.notes.join('')).toContain('身份证号');
  });

  it('produces organization template headers that the org parser recognizes, with a valid example', () => {
    const t = makeTemplateRows('orgs');
    expect(t.headers).toEqual(['组织名称*', '组织类型*', '组织编码*', '上级组织编码*', '成立日期', '第一责任人', '联系电话']);
    const p = new OrgRosterParser({ today: TODAY });
    expect(p.feed(1, t.headers)).toEqual({ kind: 'skipped', reason: 'header' });
    expect(Object.keys(p.headerColumns()!)).toHaveLength(t.headers.length);
    expect(p.feed(2, t.example)).toMatchObject({ kind: 'row', errors: [] });
    expect(t.notes.join('')).toContain('团支部');
  });

  it("lists the deployment's organization types in the notes", () => {
    const t = makeTemplateRows('orgs', { orgTypes: [{ code: 'x', nameZh: '学校团委' }] });
    expect(t.notes.join('')).toContain('学校团委');
    expect(t.example[1]).toBe('学校团委');
  });
});

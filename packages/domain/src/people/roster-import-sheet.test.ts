import { makeIdCard, maskIdCard } from './idcard.ts';
import { describe, it, expect } from 'vitest';
import { RosterParser, MEMBER_IMPORT_COLUMNS, makeTemplateRows, type RowOutcome, type MemberImportRow } from './roster-import.ts';
import { OrgRosterParser } from '../org/org-import.ts';
import { codesOf, FEMALE_ID, HEADER, idEndingInX, MALE_ID, parserWithHeader, row, TODAY, toFullWidth, withWrongCheck } from './roster-import.fixtures.ts';

/** The roster as a sheet: title, header and footer rows around the data, header synonyms, blank rows; the import templates. */

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

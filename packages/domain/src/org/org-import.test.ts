import { describe, it, expect } from 'vitest';
import { OrgRosterParser, ORG_IMPORT_COLUMNS, type OrgRowOutcome, type OrgImportRow } from './org-import.ts';
import { DEFAULT_ORG_TYPES } from './types.ts';

const TODAY = '2025-06-01';
const HEADER = ['组织名称', '组织类型', '组织编码', '上级组织编码', '成立日期', '第一责任人', '联系电话'];
type Cells = Partial<Record<(typeof HEADER)[number], unknown>>;

const GOOD: Cells = {
  组织名称: '红星区第一中学团委',
  组织类型: '基层团委',
  组织编码: 'HX-YZ',
  上级组织编码: 'HX',
};

function parseOne(cells: Cells, opts: ConstructorParameters<typeof OrgRosterParser>[0] = {}) {
  const p = new OrgRosterParser({ today: TODAY, ...opts });
  expect(p.feed(1, HEADER)).toEqual({ kind: 'skipped', reason: 'header' });
  const o = p.feed(
    2,
    HEADER.map((h) => cells[h]),
  );
  if (o.kind !== 'row') throw new Error(`expected a data row, got ${JSON.stringify(o)}`);
  return o;
}
const codesOf = (o: Extract<OrgRowOutcome, { kind: 'row' }>) => o.errors.map((e) => e.code);

describe('OrgRosterParser — a realistic sheet', () => {
  const sheet: unknown[][] = [
    ['红星区团组织名录', '红星区团组织名录'],
    ['填报单位：共青团红星区委'],
    ['序号', '组织名称*', '组织类型（必填）', '组织编码*', '上级组织编码*', '成立日期', '第一责任人', '联系电话'],
    [1, '红星区第一中学团委', '基层团委', 'HX-YZ', 'HX', '2005.5.4', '王 五', '025-12345678'],
    [2, '高一(1)班团支部', 'branch', 'HX-YZ-G1-1', 'HX-YZ', 38476, '', '１３８００１３８０００'],
    [3],
    [],
    [4, '', '学生会', 'HX YZ', '', '2030-01-01', '张'.repeat(31), '12'],
    ['合计：4个'],
  ];
  const p = new OrgRosterParser({ today: TODAY });
  const outcomes = sheet.map((cells, i) => p.feed(i + 1, cells));

  it('skips title, header, blank and footer rows', () => {
    expect(outcomes.map((o) => (o.kind === 'skipped' ? o.reason : o.rowNumber))).toEqual([
      'before_header',
      'before_header',
      'header',
      4,
      5,
      'blank',
      'blank',
      8,
      'footer',
    ]);
  });

  it('reads a committee row with a dotted founding date and a landline', () => {
    expect(outcomes[3]).toEqual({
      kind: 'row',
      rowNumber: 4,
      errors: [],
      value: {
        name: '红星区第一中学团委',
        typeCode: 'basic_committee',
        code: 'HX-YZ',
        parentCode: 'HX',
        foundedOn: '2005-05-04',
        responsiblePerson: '王 五',
        contactPhone: '025-12345678',
      } satisfies OrgImportRow,
    });
  });

  it('reads a type given as its code, a serial date and a full-width mobile', () => {
    expect(outcomes[4]).toMatchObject({
      kind: 'row',
      errors: [],
      value: { typeCode: 'branch', foundedOn: '2005-05-04', contactPhone: '13800138000', responsiblePerson: null },
    });
  });

  it('collects every error of a bad row', () => {
    const o = outcomes[7];
    if (o.kind !== 'row') throw new Error('expected row');
    expect(o.value).toBeUndefined();
    expect(o.errors.map((e) => e.code)).toEqual([
      'ORG_NAME_REQUIRED',
      'ORG_TYPE_UNKNOWN',
      'ORG_CODE_FORMAT',
      'ORG_PARENT_CODE_REQUIRED',
      'FOUNDED_ON_INVALID',
      'RESPONSIBLE_PERSON_TOO_LONG',
      'CONTACT_PHONE_FORMAT',
    ]);
  });
});

describe('OrgRosterParser — header', () => {
  it('needs the name, type and code columns', () => {
    const p = new OrgRosterParser({ today: TODAY });
    expect(p.feed(1, ['组织名称', '组织编码'])).toEqual({ kind: 'skipped', reason: 'before_header' });
    expect(p.headerFound()).toBe(false);
    const e = p.missingHeaderError();
    expect(e.code).toBe('IMPORT_HEADER_NOT_FOUND');
    expect(e.message.zh).toContain('「组织类型」');
    expect(e.message.en).toContain('Type');
  });
  it('does not confuse 上级组织编码 with 组织编码', () => {
    const p = new OrgRosterParser({ today: TODAY });
    p.feed(1, ['上级组织编码', '组织编码', '组织类型', '组织名称']);
    expect(p.headerColumns()).toEqual({ parentCode: 0, code: 1, type: 2, name: 3 });
  });
  it('recognizes every synonym', () => {
    for (const [field, col] of Object.entries(ORG_IMPORT_COLUMNS)) {
      for (const h of [col.labelZh, ...col.synonyms]) {
        const base = ['组织名称', '组织类型', '组织编码'].filter((b) => ORG_IMPORT_COLUMNS[field as 'name'].labelZh !== b);
        const p = new OrgRosterParser({ today: TODAY });
        p.feed(1, [...base, h]);
        expect(p.headerColumns()?.[field as keyof typeof ORG_IMPORT_COLUMNS], `${field} ← ${h}`).toBe(base.length);
      }
    }
  });
});

describe('OrgRosterParser — fields', () => {
  it('reads a masked number from an export (139****5678) as no number, and still refuses garbage', () => {
    expect(parseOne({ ...GOOD, 联系电话: '139****5678' })).toMatchObject({ errors: [], value: { contactPhone: null } });
    expect(parseOne({ ...GOOD, 联系电话: '025*****4567' })).toMatchObject({ errors: [], value: { contactPhone: null } });
    expect(parseOne({ ...GOOD, 联系电话: '12****78' })).toMatchObject({ errors: [], value: { contactPhone: null } });
    expect(codesOf(parseOne({ ...GOOD, 联系电话: '13*' }))).toEqual(['CONTACT_PHONE_FORMAT']);
  });
  it('accepts a good row', () => {
    expect(parseOne(GOOD)).toMatchObject({ errors: [], value: { typeCode: 'basic_committee', parentCode: 'HX' } });
  });
  it('requires the name', () => {
    expect(codesOf(parseOne({ ...GOOD, 组织名称: ' ' }))).toEqual(['ORG_NAME_REQUIRED']);
  });
  it('refuses names longer than 100 characters', () => {
    expect(codesOf(parseOne({ ...GOOD, 组织名称: '团'.repeat(101) }))).toEqual(['ORG_NAME_TOO_LONG']);
  });
  it('requires the type', () => {
    expect(codesOf(parseOne({ ...GOOD, 组织类型: '' }))).toEqual(['ORG_TYPE_REQUIRED']);
  });
  it.each(DEFAULT_ORG_TYPES.map((t) => [t.nameZh, t.code]))('maps the type %j to %s', (name, code) => {
    expect(parseOne({ ...GOOD, 组织类型: name }).value?.typeCode).toBe(code);
  });
  it('accepts the type code in any case', () => {
    expect(parseOne({ ...GOOD, 组织类型: 'General_Branch' }).value?.typeCode).toBe('general_branch');
  });
  it('refuses an unknown type, listing the known ones', () => {
    const o = parseOne({ ...GOOD, 组织类型: '学生会' });
    expect(codesOf(o)).toEqual(['ORG_TYPE_UNKNOWN']);
    expect(o.errors[0].message.zh).toContain('「学生会」');
    expect(o.errors[0].message.zh).toContain('团支部');
  });
  it('matches types against the list given to the constructor', () => {
    const types = [{ code: 'school', nameZh: '学校团委' }];
    expect(parseOne({ ...GOOD, 组织类型: '学校团委' }, { types }).value?.typeCode).toBe('school');
    expect(codesOf(parseOne({ ...GOOD, 组织类型: '基层团委' }, { types }))).toEqual(['ORG_TYPE_UNKNOWN']);
  });
  it('requires the code and checks its format', () => {
    expect(codesOf(parseOne({ ...GOOD, 组织编码: '' }))).toEqual(['ORG_CODE_REQUIRED']);
    expect(codesOf(parseOne({ ...GOOD, 组织编码: '红星' }))).toEqual(['ORG_CODE_FORMAT']);
    expect(codesOf(parseOne({ ...GOOD, 组织编码: 'A'.repeat(41) }))).toEqual(['ORG_CODE_FORMAT']);
    expect(parseOne({ ...GOOD, 组织编码: 'A'.repeat(40) }).errors).toEqual([]);
    expect(parseOne({ ...GOOD, 组织编码: 1001 }).value?.code).toBe('1001');
  });
  it('requires the parent code unless roots are allowed', () => {
    expect(codesOf(parseOne({ ...GOOD, 上级组织编码: '' }))).toEqual(['ORG_PARENT_CODE_REQUIRED']);
    const o = parseOne({ ...GOOD, 上级组织编码: '' }, { allowRoot: true });
    expect(o.errors).toEqual([]);
    expect(o.value?.parentCode).toBeNull();
  });
  it('checks the parent code format and refuses the own code', () => {
    expect(codesOf(parseOne({ ...GOOD, 上级组织编码: 'H X' }))).toEqual(['ORG_PARENT_CODE_FORMAT']);
    expect(codesOf(parseOne({ ...GOOD, 上级组织编码: 'HX-YZ' }))).toEqual(['ORG_PARENT_SELF']);
  });
  it('reads the founding date, refusing unreadable and future dates', () => {
    expect(parseOne({ ...GOOD, 成立日期: '2005年5月' }).value?.foundedOn).toBe('2005-05-01');
    expect(parseOne({ ...GOOD }).value?.foundedOn).toBeNull();
    expect(codesOf(parseOne({ ...GOOD, 成立日期: '五四' }))).toEqual(['DATE_FORMAT']);
    expect(codesOf(parseOne({ ...GOOD, 成立日期: '2025-06-02' }))).toEqual(['FOUNDED_ON_INVALID']);
  });
  it('limits the responsible person to 30 characters', () => {
    expect(parseOne({ ...GOOD, 第一责任人: '张'.repeat(30) }).errors).toEqual([]);
    expect(codesOf(parseOne({ ...GOOD, 第一责任人: '张'.repeat(31) }))).toEqual(['RESPONSIBLE_PERSON_TOO_LONG']);
  });
  it.each([
    ['13800138000', '13800138000'],
    ['025-12345678', '025-12345678'],
    ['0512-1234567', '0512-1234567'],
    ['12345678', '12345678'],
    [12345678, '12345678'],
  ])('accepts the contact phone %j', (input, out) => {
    expect(parseOne({ ...GOOD, 联系电话: input }).value?.contactPhone).toBe(out);
  });
  it('refuses a bad contact phone', () => {
    const o = parseOne({ ...GOOD, 联系电话: '1234' });
    expect(codesOf(o)).toEqual(['CONTACT_PHONE_FORMAT']);
    expect(o.errors[0].field).toBe('contactPhone');
  });
});

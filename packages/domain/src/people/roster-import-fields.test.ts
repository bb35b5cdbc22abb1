import { idCardStoredAsNumber, makeIdCard, normalizeIdCard, validateIdCard } from './idcard.ts';
import { describe, it, expect } from 'vitest';
import { RosterParser, parsePosition, parseGender, cleanPersonName } from './roster-import.ts';
import { POSITIONS } from './positions.ts';
import { codesOf, FEMALE_ID, idDamagedIntoAnotherValidId, idEndingInX, MALE_ID, parseOne, TODAY, withWrongCheck } from './roster-import.fixtures.ts';

/** The roster row by field: name, ID card, gender, birth date, phone, join date, position, organization code and note; the errors. */

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

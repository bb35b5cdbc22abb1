/**
 * Member roster (团员花名册) import: a row-streaming parser for the messy spreadsheets League
 * branches actually keep — title rows above the header, decorated header texts, full-width
 * digits, dates in every format, IDs stored as numbers, signature rows at the bottom.
 *
 * The parser holds O(1) state (the header's column map). Duplicate detection across rows is
 * the caller's job.
 */
import { fieldError, type FieldError, type Result } from '../common/messages.ts';
import { cleanText, hasCjk } from '../common/text.ts';
import { isoToday, parseLooseDate } from '../common/dates.ts';
import { HeaderMatcher, SheetRowClassifier, type ImportColumn, type ImportRowOutcome, type RowReader } from '../common/import-sheet.ts';
import { DEFAULT_ORG_TYPES } from '../org/types.ts';
import { ORG_IMPORT_COLUMNS, ORG_CODE_RE, type OrgImportField } from '../org/org-import.ts';
import { normalizeIdCard, validateIdCard, makeIdCard, idCardStoredAsNumber } from './idcard.ts';
import { normalizePhone, validateMobile } from './phone.ts';
import { POSITIONS, type Gender, type PositionCode } from './positions.ts';

export type MemberImportField = 'name' | 'gender' | 'birthDate' | 'idCard' | 'phone' | 'joinedOn' | 'position' | 'orgCode' | 'note';

export const MEMBER_IMPORT_COLUMNS: Record<MemberImportField, ImportColumn> = {
  name: { labelZh: '姓名', labelEn: 'Name', required: true, synonyms: ['团员姓名', '名字'] },
  gender: { labelZh: '性别', labelEn: 'Gender', required: false, synonyms: ['sex'] },
  birthDate: {
    labelZh: '出生日期',
    labelEn: 'Date of birth',
    required: false,
    synonyms: ['出生年月', '出生年月日', '出生时间', '生日', 'birthdate', 'birthday'],
  },
  idCard: {
    labelZh: '身份证号',
    labelEn: 'ID card number',
    required: true,
    synonyms: ['身份证号码', '公民身份号码', '身份证', '公民身份证号', '公民身份证号码', '身份证件号码', 'idcard', 'idnumber'],
  },
  phone: {
    labelZh: '手机号',
    labelEn: 'Mobile',
    required: false,
    synonyms: ['手机号码', '手机', '联系电话', '联系方式', '电话', '电话号码', 'phone', 'mobilephone'],
  },
  joinedOn: {
    labelZh: '入团时间',
    labelEn: 'Joined the League on',
    required: false,
    synonyms: ['入团日期', '入团年月', '入团年月日', 'joinedon'],
  },
  position: {
    labelZh: '团内职务',
    labelEn: 'Position',
    required: false,
    synonyms: ['职务', '团内职位', '团干部职务', 'position'],
  },
  orgCode: {
    labelZh: '组织编码',
    labelEn: 'Organization code',
    required: false,
    synonyms: ['所在团组织编码', '支部编码', '团组织编码', '所在组织编码', 'orgcode'],
  },
  note: { labelZh: '备注', labelEn: 'Note', required: false, synonyms: ['note', 'remark', 'remarks'] },
};

export interface MemberImportRow {
  name: string;
  gender: Gender;
  /** YYYY-MM-DD, from the ID card. */
  birthDate: string;
  /** Normalized 18-character ID number. */
  idCard: string;
  phone: string | null;
  /** YYYY-MM-DD; a month-only date becomes the 1st of that month. */
  joinedOn: string | null;
  position: PositionCode;
  orgCode: string | null;
  note: string | null;
}

export type RowOutcome = ImportRowOutcome<MemberImportRow>;

export const NAME_MAX_LENGTH = 30;
export const NOTE_MAX_LENGTH = 500;

const MEMBER_MATCHER = new HeaderMatcher<MemberImportField>(MEMBER_IMPORT_COLUMNS);
const MEMBER_HEADER_KEYS: MemberImportField[] = ['name', 'idCard'];

const GENDER_WORDS: Record<string, Gender> = {
  男: 'male',
  男性: 'male',
  m: 'male',
  male: 'male',
  女: 'female',
  女性: 'female',
  f: 'female',
  female: 'female',
};

/** Reads a gender as written in a roster ('男', '女', 'M', 'F', 'male', 'female'); null if unknown. */
export function parseGender(text: string): Gender | null {
  return GENDER_WORDS[text.replace(/\s+/g, '').toLowerCase()] ?? null;
}

const GENDER_ZH: Record<Gender, string> = { male: '男', female: '女' };
const GENDER_EN: Record<Gender, string> = { male: 'male', female: 'female' };

const POSITION_WORDS = new Map<string, PositionCode>();
for (const p of POSITIONS) {
  POSITION_WORDS.set(p.nameZh, p.code);
  POSITION_WORDS.set(p.code, p.code);
  POSITION_WORDS.set(p.nameEn.toLowerCase().replace(/\s+/g, ''), p.code);
}
for (const [word, code] of [
  ['团支书', 'secretary'],
  ['支书', 'secretary'],
  ['支部书记', 'secretary'],
  ['团支部书记', 'secretary'],
  ['团委书记', 'secretary'],
  ['团总支书记', 'secretary'],
  ['总支书记', 'secretary'],
  ['团工委书记', 'secretary'],
  ['副支书', 'deputy_secretary'],
  ['团支部副书记', 'deputy_secretary'],
  ['支部副书记', 'deputy_secretary'],
  ['团委副书记', 'deputy_secretary'],
  ['团总支副书记', 'deputy_secretary'],
  ['组织委员', 'organization_member'],
  ['宣传委员', 'publicity_member'],
  ['委员', 'committee_member'],
  ['支委', 'committee_member'],
  ['支部委员', 'committee_member'],
  ['团支部委员', 'committee_member'],
  ['团委委员', 'committee_member'],
  ['文体委员', 'committee_member'],
  ['纪检委员', 'committee_member'],
  ['统战委员', 'committee_member'],
  ['生活委员', 'committee_member'],
  ['学习委员', 'committee_member'],
  ['青年委员', 'committee_member'],
  ['团员', 'none'],
  ['普通团员', 'none'],
  ['共青团员', 'none'],
  ['无', 'none'],
  ['-', 'none'],
  ['/', 'none'],
  ['—', 'none'],
] as const) {
  POSITION_WORDS.set(word, code);
}

/**
 * Reads a League position as written in a roster. Empty, '团员', '无' → 'none';
 * '团支书', '支部书记' → 'secretary'; '组织委员' → 'organization_member'; other '…委员' →
 * 'committee_member'. Returns null when the text is not a position.
 */
export function parsePosition(text: string): PositionCode | null {
  const t = text.replace(/\s+/g, '').toLowerCase();
  if (t === '') return 'none';
  const exact = POSITION_WORDS.get(t);
  if (exact) return exact;
  // '红星中学团委副书记', '高一(3)班团支部书记', '团支部组织委员'
  if (/(团|支部|团支部|团总支|团委|团工委)副书记$/.test(t)) return 'deputy_secretary';
  if (/(团|支部|团支部|团总支|团委|团工委)书记$/.test(t)) return 'secretary';
  if (t.endsWith('组织委员')) return 'organization_member';
  if (t.endsWith('宣传委员')) return 'publicity_member';
  if (/(团|支部|团支部|团总支|团委|团工委)委员$/.test(t)) return 'committee_member';
  return null;
}

const POSITION_LIST_ZH = POSITIONS.map((p) => p.nameZh).join('、');
const POSITION_LIST_EN = POSITIONS.map((p) => p.nameEn).join(', ');

/** Cleans a person's name: Chinese names lose inner spaces ('张 三' → '张三'). */
export function cleanPersonName(text: string): string {
  return hasCjk(text) ? text.replace(/\s+/g, '') : text.replace(/\s+/g, ' ');
}

function checkName(text: string, errors: FieldError[]): string {
  const name = cleanPersonName(text);
  if (name === '') {
    errors.push(fieldError('name', 'NAME_REQUIRED', '姓名不能为空', 'Name is required'));
  } else if ([...name].length > NAME_MAX_LENGTH) {
    errors.push(
      fieldError('name', 'NAME_TOO_LONG', `姓名「${name}」超过${NAME_MAX_LENGTH}个字`, `Name "${name}" is longer than ${NAME_MAX_LENGTH} characters`),
    );
  }
  return name;
}

function dateFormatError(field: string, labelZh: string, labelEn: string, text: string): FieldError {
  return fieldError(
    field,
    'DATE_FORMAT',
    `${labelZh}「${text}」无法识别，请填写如 2001-03-05 或 2001年3月5日 的日期`,
    `${labelEn} "${text}" is not a recognizable date; use a date such as 2001-03-05`,
  );
}

/** Parses one data row (already known not to be a title, header, blank or footer row). */
function parseMemberRow(r: RowReader<MemberImportField>, today: string): { value?: MemberImportRow; errors: FieldError[] } {
  const errors: FieldError[] = [];

  const name = checkName(r.text('name'), errors);

  // ID card: the source of truth for gender and birth date. One typed into a number cell has
  // lost its last digits: refused whatever they are, even when they pass the checksum.
  const rawId = r.raw('idCard');
  const idCard = normalizeIdCard(rawId);
  let fromId: { birthDate: string; gender: Gender } | null = null;
  if (idCardStoredAsNumber(rawId)) {
    errors.push(
      fieldError(
        'idCard',
        'ID_CARD_STORED_AS_NUMBER',
        '身份证号被存为数字，后几位已丢失：请将该列设为文本后重新填写',
        'The ID number was stored as a number and its last digits were lost: format the column as text and enter it again',
      ),
    );
  } else {
    const id = validateIdCard(idCard, today);
    if (id.ok) fromId = id.value;
    else errors.push(...id.errors);
  }

  // Gender: optional; if written, must agree with the ID.
  const genderText = r.text('gender');
  let gender: Gender | null = fromId?.gender ?? null;
  if (genderText !== '') {
    const g = parseGender(genderText);
    if (g === null) {
      errors.push(
        fieldError(
          'gender',
          'GENDER_INVALID',
          `性别「${genderText}」无法识别，请填写“男”或“女”`,
          `Gender "${genderText}" is not recognized; use 男 (male) or 女 (female)`,
        ),
      );
    } else if (fromId && g !== fromId.gender) {
      errors.push(
        fieldError(
          'gender',
          'GENDER_MISMATCH_ID_CARD',
          `性别「${genderText}」与身份证号不符（身份证号显示为${GENDER_ZH[fromId.gender]}）`,
          `Gender "${genderText}" does not match the ID card number, which indicates ${GENDER_EN[fromId.gender]}`,
        ),
      );
    } else if (!fromId) {
      gender = g;
    }
  }

  // Birth date: optional; if written, must agree with the ID (to the month for 2001年3月).
  const birthText = r.text('birthDate');
  let birthDate: string | null = fromId?.birthDate ?? null;
  if (birthText !== '') {
    const b = parseLooseDate(r.raw('birthDate'));
    if (!b.ok) {
      errors.push(dateFormatError('birthDate', '出生日期', 'Date of birth', birthText));
    } else if (fromId) {
      const same = b.precision === 'day' ? b.value === fromId.birthDate : b.value.slice(0, 7) === fromId.birthDate.slice(0, 7);
      if (!same) {
        errors.push(
          fieldError(
            'birthDate',
            'BIRTH_DATE_MISMATCH_ID_CARD',
            `出生日期「${birthText}」与身份证号中的出生日期（${fromId.birthDate}）不符`,
            `Date of birth "${birthText}" does not match the one in the ID card number (${fromId.birthDate})`,
          ),
        );
      }
    } else {
      birthDate = b.value;
    }
  }

  // Phone: optional mainland mobile.
  const phoneText = r.text('phone');
  let phone: string | null = null;
  if (phoneText !== '') {
    const p = validateMobile(normalizePhone(r.raw('phone')));
    if (p.ok) phone = p.value;
    else
      errors.push(
        fieldError(
          'phone',
          'PHONE_FORMAT',
          `手机号「${phoneText}」格式错误，应为以1开头的11位号码`,
          `Mobile number "${phoneText}" is invalid: it must be 11 digits starting with 1`,
        ),
      );
  }

  // Joined on: optional; after birth, not in the future.
  const joinedText = r.text('joinedOn');
  let joinedOn: string | null = null;
  if (joinedText !== '') {
    const j = parseLooseDate(r.raw('joinedOn'));
    if (!j.ok) {
      errors.push(dateFormatError('joinedOn', '入团时间', 'Joined-on date', joinedText));
    } else if (birthDate !== null && j.value <= birthDate) {
      errors.push(
        fieldError(
          'joinedOn',
          'JOINED_ON_INVALID',
          `入团时间「${joinedText}」不能早于出生日期（${birthDate}）`,
          `Joined-on date "${joinedText}" must be after the date of birth (${birthDate})`,
        ),
      );
    } else if (j.value > today) {
      errors.push(fieldError('joinedOn', 'JOINED_ON_INVALID', `入团时间「${joinedText}」不能晚于今天`, `Joined-on date "${joinedText}" is in the future`));
    } else {
      joinedOn = j.value;
    }
  }

  // Position.
  const positionText = r.text('position');
  const position = parsePosition(positionText);
  if (position === null) {
    errors.push(
      fieldError(
        'position',
        'POSITION_UNKNOWN',
        `团内职务「${positionText}」无法识别，可填写：${POSITION_LIST_ZH}`,
        `Position "${positionText}" is not recognized; use one of: ${POSITION_LIST_EN}`,
      ),
    );
  }

  // Organization code: optional.
  const orgCodeText = r.text('orgCode');
  if (orgCodeText !== '' && !ORG_CODE_RE.test(orgCodeText)) {
    errors.push(
      fieldError(
        'orgCode',
        'ORG_CODE_FORMAT',
        `组织编码「${orgCodeText}」格式错误，只能包含字母、数字、下划线和短横线，最长40位`,
        `Organization code "${orgCodeText}" is invalid: use up to 40 letters, digits, underscores or hyphens`,
      ),
    );
  }

  const note = r.text('note');
  if ([...note].length > NOTE_MAX_LENGTH) {
    errors.push(fieldError('note', 'NOTE_TOO_LONG', `备注超过${NOTE_MAX_LENGTH}个字`, `Note is longer than ${NOTE_MAX_LENGTH} characters`));
  }

  if (errors.length > 0 || !fromId || gender === null || birthDate === null || position === null) {
    return { errors };
  }
  return {
    errors,
    value: {
      name,
      gender,
      birthDate,
      idCard,
      phone,
      joinedOn,
      position,
      orgCode: orgCodeText === '' ? null : orgCodeText,
      note: note === '' ? null : note,
    },
  };
}

function requiredColumnsText(columns: Record<string, ImportColumn>): { zh: string; en: string } {
  const req = Object.values(columns).filter((c) => c.required);
  return {
    zh: req.map((c) => `「${c.labelZh}」`).join(''),
    en: req.map((c) => `"${c.labelEn}"`).join(', '),
  };
}

/** The error reported when no header row was found in a whole sheet. */
export function headerNotFoundError(columns: Record<string, ImportColumn>): FieldError {
  const { zh, en } = requiredColumnsText(columns);
  return fieldError(
    'header',
    'IMPORT_HEADER_NOT_FOUND',
    `未找到表头行：表格中须包含${zh}列，请使用导入模板`,
    `No header row found: the sheet must have the columns ${en}; please use the import template`,
  );
}

/**
 * Parses a member roster one row at a time:
 *
 *   const parser = new RosterParser();
 *   for each row: const outcome = parser.feed(rowNumber, cells);
 *   at the end: if (!parser.headerFound()) report parser.missingHeaderError();
 *
 * `cells` may be 0- or 1-based (exceljs row.values is 1-based) as long as every row uses the
 * same convention.
 */
export class RosterParser {
  private readonly today: string;
  private readonly rows = new SheetRowClassifier<MemberImportField>(MEMBER_MATCHER, MEMBER_HEADER_KEYS);

  constructor(opts: { today?: string } = {}) {
    this.today = opts.today ?? isoToday();
  }

  feed(rowNumber: number, cells: unknown[]): RowOutcome {
    const c = this.rows.classify(cells);
    if ('skip' in c) return { kind: 'skipped', reason: c.skip };
    const { value, errors } = parseMemberRow(c.reader, this.today);
    return value ? { kind: 'row', rowNumber, value, errors } : { kind: 'row', rowNumber, errors };
  }

  headerFound(): boolean {
    return this.rows.headerFound();
  }

  /** Column index of each recognized field, once the header has been found. */
  headerColumns(): Partial<Record<MemberImportField, number>> | null {
    return this.rows.headerColumns();
  }

  missingHeaderError(): FieldError {
    return headerNotFoundError(MEMBER_IMPORT_COLUMNS);
  }
}

function templateHeaders(columns: Record<string, ImportColumn>): string[] {
  return Object.values(columns).map((c) => (c.required ? `${c.labelZh}*` : c.labelZh));
}

/**
 * The header row, one example row and the instructions for a downloadable import template.
 * The headers are exactly what the parsers recognize.
 */
export function makeTemplateRows(
  kind: 'members' | 'orgs',
  opts: { orgTypes?: { code: string; nameZh: string }[] } = {},
): { headers: string[]; example: string[]; notes: string[] } {
  if (kind === 'members') {
    const example: Record<MemberImportField, string> = {
      name: '张三',
      gender: '男',
      birthDate: '2001-03-05',
      idCard: makeIdCard('320102', '20010305', '123'),
      phone: '13800138000',
      joinedOn: '2016-05-04',
      position: '团员',
      orgCode: '',
      note: '',
    };
    return {
      headers: templateHeaders(MEMBER_IMPORT_COLUMNS),
      example: (Object.keys(MEMBER_IMPORT_COLUMNS) as MemberImportField[]).map((f) => example[f]),
      notes: [
        '带 * 的列为必填项，其余列可以留空；请勿修改表头文字。',
        '身份证号请填写18位公民身份号码，并将该列单元格设置为“文本”格式，以免号码被Excel截断。',
        '性别、出生日期可以留空，系统根据身份证号自动识别；如填写，须与身份证号一致。',
        '日期可写作 2001-03-05、2001/3/5、2001.3.5 或 2001年3月5日；入团时间可只写年月，如 2016-05。',
        `团内职务可填写：${POSITION_LIST_ZH}（留空视为团员）。`,
        '手机号请填写11位手机号码。',
        '组织编码可以留空，留空时导入到当前选择的团组织。',
        '表头上方的标题行、表格下方的“填表人”“审核人”等签字行会被自动忽略。',
        '示例行仅供参考，导入前请删除。',
      ],
    };
  }
  const types = opts.orgTypes ?? DEFAULT_ORG_TYPES;
  const example: Record<OrgImportField, string> = {
    name: '红星区第一中学团委',
    type: types.find((t) => t.code === 'basic_committee')?.nameZh ?? types[types.length - 1]?.nameZh ?? '',
    code: 'HX-YZ',
    parentCode: 'HX',
    foundedOn: '2005-05-04',
    responsiblePerson: '王五',
    contactPhone: '025-12345678',
  };
  return {
    headers: templateHeaders(ORG_IMPORT_COLUMNS),
    example: (Object.keys(ORG_IMPORT_COLUMNS) as OrgImportField[]).map((f) => example[f]),
    notes: [
      '带 * 的列为必填项，其余列可以留空；请勿修改表头文字。',
      `组织类型可填写：${types.map((t) => t.nameZh).join('、')}。`,
      '组织编码由字母、数字、下划线或短横线组成，最长40位，全市唯一。',
      '上级组织编码填写上级团组织的组织编码；上级组织须已存在或在本表中先于下级出现。',
      '成立日期可写作 2005-05-04、2005/5/4 或 2005年5月4日。',
      '联系电话可填写手机号或固定电话（如 025-12345678）。',
      '示例行仅供参考，导入前请删除。',
    ],
  };
}

/**
 * Validates one member record entered through a form or the API with exactly the rules of a
 * roster import row, so a person is accepted or refused the same way either road.
 * `position` may be a position code or its Chinese name.
 */
export function validateMemberRecord(input: Partial<Record<MemberImportField, unknown>>, today: string = isoToday()): Result<MemberImportRow> {
  const byCode = POSITIONS.find((p) => p.code === input.position);
  const values: Partial<Record<MemberImportField, unknown>> = { ...input, position: byCode ? byCode.nameZh : input.position };
  const reader: RowReader<MemberImportField> = {
    text: (f) => cleanText(values[f]),
    raw: (f) => values[f],
  };
  const { value, errors } = parseMemberRow(reader, today);
  return value && errors.length === 0 ? { ok: true, value } : { ok: false, errors };
}

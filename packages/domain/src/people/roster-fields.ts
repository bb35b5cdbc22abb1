/** Reading single roster fields as people write them: gender and position words, names; the messages for bad values. */
import { fieldError, type FieldError } from '../common/messages.ts';
import { hasCjk } from '../common/text.ts';
import { POSITIONS, type Gender, type PositionCode } from './positions.ts';
import { NAME_MAX_LENGTH } from './roster-columns.ts';

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

export const GENDER_ZH: Record<Gender, string> = { male: '男', female: '女' };
export const GENDER_EN: Record<Gender, string> = { male: 'male', female: 'female' };

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

export const POSITION_LIST_ZH = POSITIONS.map((p) => p.nameZh).join('、');
export const POSITION_LIST_EN = POSITIONS.map((p) => p.nameEn).join(', ');

/** Cleans a person's name: Chinese names lose inner spaces ('张 三' → '张三'). */
export function cleanPersonName(text: string): string {
  return hasCjk(text) ? text.replace(/\s+/g, '') : text.replace(/\s+/g, ' ');
}

export function checkName(text: string, errors: FieldError[]): string {
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

export function dateFormatError(field: string, labelZh: string, labelEn: string, text: string): FieldError {
  return fieldError(
    field,
    'DATE_FORMAT',
    `${labelZh}「${text}」无法识别，请填写如 2001-03-05 或 2001年3月5日 的日期`,
    `${labelEn} "${text}" is not a recognizable date; use a date such as 2001-03-05`,
  );
}

/** Parsing and validating one member record, from a roster row or from a form with the same rules. */
import { fieldError, type FieldError, type Result } from '../common/messages.ts';
import { cleanText } from '../common/text.ts';
import { isoToday, parseLooseDate } from '../common/dates.ts';
import type { RowReader } from '../common/import-sheet.ts';
import { ORG_CODE_RE } from '../org/org-import.ts';
import { normalizeIdCard, validateIdCard, idCardStoredAsNumber } from './idcard.ts';
import { normalizePhone, validateMobile } from './phone.ts';
import { POSITIONS, type Gender } from './positions.ts';
import { type MemberImportField, type MemberImportRow, NOTE_MAX_LENGTH } from './roster-columns.ts';
import { checkName, dateFormatError, GENDER_EN, GENDER_ZH, parseGender, parsePosition, POSITION_LIST_EN, POSITION_LIST_ZH } from './roster-fields.ts';

/** Parses one data row (already known not to be a title, header, blank or footer row). */
export function parseMemberRow(r: RowReader<MemberImportField>, today: string): { value?: MemberImportRow; errors: FieldError[] } {
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

/** The columns of a member roster import and the shape of a parsed row. */
import type { ImportColumn, ImportRowOutcome } from '../common/import-sheet.ts';
import type { Gender, PositionCode } from './positions.ts';

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

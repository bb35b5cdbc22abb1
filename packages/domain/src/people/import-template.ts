/** The downloadable import templates (members and orgs): headers, an example row and instructions. */
import type { ImportColumn } from '../common/import-sheet.ts';
import { DEFAULT_ORG_TYPES } from '../org/types.ts';
import { ORG_IMPORT_COLUMNS, type OrgImportField } from '../org/org-import.ts';
import { makeIdCard } from './idcard.ts';
import { MEMBER_IMPORT_COLUMNS, type MemberImportField } from './roster-columns.ts';
import { POSITION_LIST_ZH } from './roster-fields.ts';

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

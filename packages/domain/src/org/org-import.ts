/**
 * Organization import: a row-streaming parser for spreadsheets listing League organizations
 * (name, type, code, parent code, …), with the same feed() shape as the member RosterParser.
 */
import { fieldError, type FieldError } from '../common/messages.ts';
import { isoToday, parseLooseDate } from '../common/dates.ts';
import { HeaderMatcher, SheetRowClassifier, type ImportColumn, type ImportRowOutcome, type RowReader } from '../common/import-sheet.ts';
import { validateContactPhone } from '../people/phone.ts';
import { DEFAULT_ORG_TYPES } from './types.ts';

export type OrgImportField = 'name' | 'type' | 'code' | 'parentCode' | 'foundedOn' | 'responsiblePerson' | 'contactPhone';

export const ORG_IMPORT_COLUMNS: Record<OrgImportField, ImportColumn> = {
  name: {
    labelZh: '组织名称',
    labelEn: 'Organization name',
    required: true,
    synonyms: ['团组织名称', '组织全称', '名称', 'name'],
  },
  type: { labelZh: '组织类型', labelEn: 'Type', required: true, synonyms: ['组织类别', '类型', 'type'] },
  code: { labelZh: '组织编码', labelEn: 'Code', required: true, synonyms: ['团组织编码', '编码', '组织代码', 'code'] },
  parentCode: {
    labelZh: '上级组织编码',
    labelEn: 'Parent code',
    required: true,
    synonyms: ['上级团组织编码', '上级编码', '上级组织代码', 'parentcode'],
  },
  foundedOn: {
    labelZh: '成立日期',
    labelEn: 'Founded on',
    required: false,
    synonyms: ['成立时间', '建立日期', '建立时间', 'foundedon'],
  },
  responsiblePerson: {
    labelZh: '第一责任人',
    labelEn: 'Responsible person',
    required: false,
    synonyms: ['责任人', '负责人', '书记', '书记姓名', 'responsibleperson'],
  },
  contactPhone: {
    labelZh: '联系电话',
    labelEn: 'Contact phone',
    required: false,
    synonyms: ['电话', '联系方式', '办公电话', '手机号', 'contactphone', 'phone'],
  },
};

export interface OrgImportRow {
  name: string;
  typeCode: string;
  code: string;
  /** null only for a root organization when the parser allows roots. */
  parentCode: string | null;
  foundedOn: string | null;
  responsiblePerson: string | null;
  /** An 11-digit mobile or a canonical landline such as 025-12345678. */
  contactPhone: string | null;
}

export type OrgRowOutcome = ImportRowOutcome<OrgImportRow>;

export const ORG_CODE_RE = /^[A-Za-z0-9_-]{1,40}$/;
export const ORG_NAME_MAX_LENGTH = 100;
export const RESPONSIBLE_PERSON_MAX_LENGTH = 30;

export interface OrgRosterParserOptions {
  /** The organization types of this deployment; defaults to DEFAULT_ORG_TYPES. */
  types?: { code: string; nameZh: string }[];
  /** Allow an empty parent code (the row is a root organization). */
  allowRoot?: boolean;
  today?: string;
}

const ORG_MATCHER = new HeaderMatcher<OrgImportField>(ORG_IMPORT_COLUMNS);
const ORG_HEADER_KEYS: OrgImportField[] = ['name', 'type', 'code'];

function codeFormatError(field: string, labelZh: string, labelEn: string, text: string): FieldError {
  return fieldError(
    field,
    field === 'code' ? 'ORG_CODE_FORMAT' : 'ORG_PARENT_CODE_FORMAT',
    `${labelZh}「${text}」格式错误，只能包含字母、数字、下划线和短横线，最长40位`,
    `${labelEn} "${text}" is invalid: use up to 40 letters, digits, underscores or hyphens`,
  );
}

/**
 * Parses an organization list one row at a time (see RosterParser for the protocol).
 * The header row is the first row naming at least the 组织名称, 组织类型 and 组织编码 columns.
 */
export class OrgRosterParser {
  private readonly rows = new SheetRowClassifier<OrgImportField>(ORG_MATCHER, ORG_HEADER_KEYS);
  private readonly typeByKey = new Map<string, string>();
  private readonly typeNames: string;
  private readonly allowRoot: boolean;
  private readonly today: string;

  constructor(opts: OrgRosterParserOptions = {}) {
    const types = opts.types ?? DEFAULT_ORG_TYPES;
    for (const t of types) {
      this.typeByKey.set(t.nameZh.replace(/\s+/g, ''), t.code);
      this.typeByKey.set(t.code.toLowerCase(), t.code);
    }
    this.typeNames = types.map((t) => t.nameZh).join('、');
    this.allowRoot = opts.allowRoot ?? false;
    this.today = opts.today ?? isoToday();
  }

  feed(rowNumber: number, cells: unknown[]): OrgRowOutcome {
    const c = this.rows.classify(cells);
    if ('skip' in c) return { kind: 'skipped', reason: c.skip };
    const { value, errors } = this.parseRow(c.reader);
    return value ? { kind: 'row', rowNumber, value, errors } : { kind: 'row', rowNumber, errors };
  }

  headerFound(): boolean {
    return this.rows.headerFound();
  }

  headerColumns(): Partial<Record<OrgImportField, number>> | null {
    return this.rows.headerColumns();
  }

  missingHeaderError(): FieldError {
    const req = ORG_HEADER_KEYS.map((k) => ORG_IMPORT_COLUMNS[k]);
    return fieldError(
      'header',
      'IMPORT_HEADER_NOT_FOUND',
      `未找到表头行：表格中须包含${req.map((c) => `「${c.labelZh}」`).join('')}列，请使用导入模板`,
      `No header row found: the sheet must have the columns ${req.map((c) => `"${c.labelEn}"`).join(', ')}; please use the import template`,
    );
  }

  /** The type code for a type name or code as written, or null. */
  typeCodeOf(text: string): string | null {
    const t = text.replace(/\s+/g, '');
    return this.typeByKey.get(t) ?? this.typeByKey.get(t.toLowerCase()) ?? null;
  }

  private parseRow(r: RowReader<OrgImportField>): { value?: OrgImportRow; errors: FieldError[] } {
    const errors: FieldError[] = [];

    const name = r.text('name').replace(/\s+/g, ' ');
    if (name === '') {
      errors.push(fieldError('name', 'ORG_NAME_REQUIRED', '组织名称不能为空', 'Organization name is required'));
    } else if ([...name].length > ORG_NAME_MAX_LENGTH) {
      errors.push(
        fieldError(
          'name',
          'ORG_NAME_TOO_LONG',
          `组织名称「${name}」超过${ORG_NAME_MAX_LENGTH}个字`,
          `Organization name "${name}" is longer than ${ORG_NAME_MAX_LENGTH} characters`,
        ),
      );
    }

    const typeText = r.text('type');
    let typeCode: string | null = null;
    if (typeText === '') {
      errors.push(fieldError('type', 'ORG_TYPE_REQUIRED', '组织类型不能为空', 'Organization type is required'));
    } else {
      typeCode = this.typeCodeOf(typeText);
      if (typeCode === null) {
        errors.push(
          fieldError(
            'type',
            'ORG_TYPE_UNKNOWN',
            `组织类型「${typeText}」无法识别，可填写：${this.typeNames}`,
            `Organization type "${typeText}" is not recognized; use one of: ${this.typeNames}`,
          ),
        );
      }
    }

    const code = r.text('code');
    if (code === '') {
      errors.push(fieldError('code', 'ORG_CODE_REQUIRED', '组织编码不能为空', 'Organization code is required'));
    } else if (!ORG_CODE_RE.test(code)) {
      errors.push(codeFormatError('code', '组织编码', 'Organization code', code));
    }

    const parentText = r.text('parentCode');
    if (parentText === '') {
      if (!this.allowRoot) {
        errors.push(fieldError('parentCode', 'ORG_PARENT_CODE_REQUIRED', '上级组织编码不能为空', 'Parent organization code is required'));
      }
    } else if (!ORG_CODE_RE.test(parentText)) {
      errors.push(codeFormatError('parentCode', '上级组织编码', 'Parent organization code', parentText));
    } else if (parentText === code) {
      errors.push(
        fieldError(
          'parentCode',
          'ORG_PARENT_SELF',
          `上级组织编码「${parentText}」不能与本组织编码相同`,
          `Parent code "${parentText}" cannot be the organization's own code`,
        ),
      );
    }

    const foundedText = r.text('foundedOn');
    let foundedOn: string | null = null;
    if (foundedText !== '') {
      const d = parseLooseDate(r.raw('foundedOn'));
      if (!d.ok) {
        errors.push(
          fieldError(
            'foundedOn',
            'DATE_FORMAT',
            `成立日期「${foundedText}」无法识别，请填写如 2005-05-04 或 2005年5月4日 的日期`,
            `Founding date "${foundedText}" is not a recognizable date; use a date such as 2005-05-04`,
          ),
        );
      } else if (d.value > this.today) {
        errors.push(fieldError('foundedOn', 'FOUNDED_ON_INVALID', `成立日期「${foundedText}」不能晚于今天`, `Founding date "${foundedText}" is in the future`));
      } else {
        foundedOn = d.value;
      }
    }

    const person = r.text('responsiblePerson').replace(/\s+/g, ' ');
    if ([...person].length > RESPONSIBLE_PERSON_MAX_LENGTH) {
      errors.push(
        fieldError(
          'responsiblePerson',
          'RESPONSIBLE_PERSON_TOO_LONG',
          `第一责任人「${person}」超过${RESPONSIBLE_PERSON_MAX_LENGTH}个字`,
          `Responsible person "${person}" is longer than ${RESPONSIBLE_PERSON_MAX_LENGTH} characters`,
        ),
      );
    }

    const phoneText = r.text('contactPhone');
    let contactPhone: string | null = null;
    // A masked number from our own export (139****5678) carries no number: import it as empty.
    if (phoneText !== '' && !/^\d{2,5}-?\*{2,}\d{2,4}$/.test(phoneText)) {
      const p = validateContactPhone(phoneText);
      if (p.ok) contactPhone = p.value;
      else errors.push(...p.errors);
    }

    if (errors.length > 0 || typeCode === null) return { errors };
    return {
      errors,
      value: {
        name,
        typeCode,
        code,
        parentCode: parentText === '' ? null : parentText,
        foundedOn,
        responsiblePerson: person === '' ? null : person,
        contactPhone,
      },
    };
  }
}

/** The row-streaming roster parser and its missing-header error. */
import { fieldError, type FieldError } from '../common/messages.ts';
import { isoToday } from '../common/dates.ts';
import { HeaderMatcher, SheetRowClassifier, type ImportColumn } from '../common/import-sheet.ts';
import { MEMBER_IMPORT_COLUMNS, type MemberImportField, type RowOutcome } from './roster-columns.ts';
import { parseMemberRow } from './roster-row.ts';

const MEMBER_MATCHER = new HeaderMatcher<MemberImportField>(MEMBER_IMPORT_COLUMNS);
const MEMBER_HEADER_KEYS: MemberImportField[] = ['name', 'idCard'];

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

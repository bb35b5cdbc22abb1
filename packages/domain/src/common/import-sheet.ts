/**
 * Shared machinery for spreadsheet imports that are fed one row at a time (the server reads
 * the workbook with a streaming reader). Finds the header row below any title rows, maps
 * columns by their header text, and recognizes blank and footer rows.
 */
import type { FieldError } from './messages.ts';
import { cleanText } from './text.ts';

export interface ImportColumn {
  labelZh: string;
  labelEn: string;
  required: boolean;
  /** Header texts accepted for this column (compared after normalizeHeader). */
  synonyms: string[];
}

export type SkipReason = 'before_header' | 'header' | 'blank' | 'footer';

export type ImportRowOutcome<T> = { kind: 'skipped'; reason: SkipReason } | { kind: 'row'; rowNumber: number; value?: T; errors: FieldError[] };

/** Header text after removing spaces/newlines, full-width forms, '*', '(必填)' and the like. */
export function normalizeHeader(v: unknown): string {
  return cleanText(v)
    .replace(/\s+/g, '')
    .replace(/[*＊※]/g, '')
    .replace(/[(【[](?:必填|选填|可选|非必填|必填项|选填项)[)】\]]/g, '')
    .replace(/[:：]+$/, '')
    .toLowerCase();
}

/** The header without any parenthesized hint: '出生日期(格式:2001-03-05)' → '出生日期'. */
function stripHints(h: string): string {
  return h.replace(/[(【[][^)】\]]*[)】\]]/g, '');
}

const SEQ_HEADERS = new Set(['序号', '编号', '序', 'no', 'no.', '#']);

/** Matches header rows against a column table. Build once per column table. */
export class HeaderMatcher<F extends string> {
  private readonly lookup = new Map<string, { field: F; priority: number }>();

  constructor(columns: Record<F, ImportColumn>) {
    for (const field of Object.keys(columns) as F[]) {
      const col = columns[field];
      const names = [col.labelZh, ...col.synonyms, col.labelEn, field];
      names.forEach((name, priority) => {
        const key = normalizeHeader(name);
        if (key && !this.lookup.has(key)) this.lookup.set(key, { field, priority });
      });
    }
  }

  /** The field a header cell stands for, if any. */
  fieldOf(cell: unknown): F | undefined {
    return this.match(normalizeHeader(cell))?.field;
  }

  private match(h: string): { field: F; priority: number } | undefined {
    if (!h) return undefined;
    return this.lookup.get(h) ?? this.lookup.get(stripHints(h));
  }

  /**
   * Maps fields to column indexes. When two columns stand for one field (手机号码 and
   * 联系电话), the more specific header (earlier synonym) wins, then the leftmost.
   * Also reports the sequence-number column (序号) if present.
   */
  mapRow(cells: readonly unknown[]): { columns: Partial<Record<F, number>>; seqColumn: number | null } {
    const columns: Partial<Record<F, number>> = {};
    const best: Partial<Record<F, number>> = {};
    let seqColumn: number | null = null;
    for (let i = 0; i < cells.length; i++) {
      const h = normalizeHeader(cells[i]);
      if (!h) continue;
      const m = this.match(h);
      if (m) {
        const prev = best[m.field];
        if (prev === undefined || m.priority < prev) {
          best[m.field] = m.priority;
          columns[m.field] = i;
        }
      } else if (seqColumn === null && SEQ_HEADERS.has(h)) {
        seqColumn = i;
      }
    }
    return { columns, seqColumn };
  }
}

const FOOTER_PREFIXES = ['填表人', '制表人', '审核人', '联系人', '填报人', '负责人', '合计', '总计', '备注:', '说明', '注:'];
const FOOTER_CONTAINS = ['填表日期', '填报日期', '制表日期'];

/** True for signature / total / remark rows below the data (given the row's cleaned cells). */
export function isFooterRow(texts: readonly string[]): boolean {
  let first: string | undefined;
  for (const t of texts) {
    if (t === '') continue;
    const compact = t.replace(/\s+/g, '');
    if (first === undefined) first = compact;
    for (const c of FOOTER_CONTAINS) if (compact.includes(c)) return true;
  }
  if (first === undefined) return false;
  return FOOTER_PREFIXES.some((p) => first!.startsWith(p));
}

export interface RowReader<F extends string> {
  /** The cleaned text of a field's cell ('' when the column is absent or empty). */
  text(field: F): string;
  /** The raw cell value of a field (undefined when the column is absent). */
  raw(field: F): unknown;
}

/**
 * The row-streaming state machine shared by the import parsers: title rows before the
 * header, the header, then data, blank and footer rows. Holds O(1) state.
 */
export class SheetRowClassifier<F extends string> {
  private columns: Partial<Record<F, number>> | null = null;
  private seqColumn: number | null = null;

  constructor(
    private readonly matcher: HeaderMatcher<F>,
    /** Fields whose columns must all be recognized for a row to be the header. */
    private readonly headerKeys: readonly F[],
  ) {}

  headerFound(): boolean {
    return this.columns !== null;
  }

  /** Column index of each recognized field (null before the header is found). */
  headerColumns(): Partial<Record<F, number>> | null {
    return this.columns ? { ...this.columns } : null;
  }

  /**
   * Classifies a row. Returns a skip reason, or a reader over the row's field cells when the
   * row holds data.
   */
  classify(cells: readonly unknown[]): { skip: SkipReason } | { reader: RowReader<F> } {
    if (this.columns === null) {
      const { columns, seqColumn } = this.matcher.mapRow(cells);
      if (this.headerKeys.every((k) => columns[k] !== undefined)) {
        this.columns = columns;
        this.seqColumn = seqColumn;
        return { skip: 'header' };
      }
      return { skip: 'before_header' };
    }
    const texts: string[] = new Array(cells.length);
    let any = false;
    for (let i = 0; i < cells.length; i++) {
      texts[i] = cleanText(cells[i]);
      if (texts[i] !== '') any = true;
    }
    if (!any) return { skip: 'blank' };
    if (isFooterRow(texts)) return { skip: 'footer' };
    const columns = this.columns;
    // A header repeated on every printed page.
    if (this.headerKeys.every((k) => this.matcher.fieldOf(texts[columns[k]!]) === k)) return { skip: 'header' };
    // Nothing in any recognized column (e.g. a row holding only its 序号): treat as blank.
    let hasData = false;
    for (const k of Object.keys(columns) as F[]) {
      const i = columns[k]!;
      if (i !== this.seqColumn && texts[i] !== undefined && texts[i] !== '') {
        hasData = true;
        break;
      }
    }
    if (!hasData) return { skip: 'blank' };
    return {
      reader: {
        text: (field) => {
          const i = columns[field];
          return i === undefined ? '' : (texts[i] ?? '');
        },
        raw: (field) => {
          const i = columns[field];
          return i === undefined ? undefined : cells[i];
        },
      },
    };
  }
}

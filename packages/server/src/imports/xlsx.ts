import { open } from 'node:fs/promises';
import { PassThrough, Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';
import unzipper from 'unzipper';
import { checkCentralDirectory, checkEntryCount, checkInflated, checkSharedStrings, XLSX_LIMITS, type XlsxLimits } from './limits.ts';

/**
 * The first worksheet of an .xlsx, read row by row without loading the workbook.
 *
 * exceljs' own streaming entry point (`WorkbookReader.parse`) walks the zip in one pass with
 * unzipper's `Parse`, which on Node ≥ 18 now and then loses the archive's last entries (exceljs
 * #3064, unzipper #234): about one read in a thousand here, failing an import with a TypeError
 * or reading it without its shared strings. So the archive is opened through its central
 * directory instead, and exceljs' part parsers are fed in the order they depend on each other:
 * workbook relations, workbook, shared strings and styles, then the sheet, streamed from its
 * own entry. These are exceljs internals; exceljs is pinned to the version they were read in,
 * and the check below fails at start-up if they change.
 *
 * Every part is decoded to text with a StringDecoder first: exceljs decodes each chunk on its
 * own, so a Chinese character whose UTF-8 bytes straddle two chunks would turn into '��'
 * (exceljs #2063, #2084).
 *
 * The file may be hostile: the limits of imports/limits.ts are checked on the central directory
 * before any part is read, on every chunk as it inflates and on the shared strings as they are
 * cached. Imports run this reader in a worker thread (imports/sheet-reader.ts).
 */
interface ExcelJsWorkbookInternals {
  model?: { sheets?: { rId: string; state?: string }[] };
  sharedStrings?: unknown[];
  workbookRels?: { Id: string; Target: string }[];
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncIterable<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<string>, sheetNo: string): Iterable<{ eventType: string; value: AsyncIterable<ExcelJS.Row> }>;
}
const READER_OPTIONS = { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', entries: 'ignore' } as const;
const INTERNALS = ['_parseRels', '_parseWorkbook', '_parseSharedStrings', '_parseStyles', '_parseWorksheet'] as const;
const readerProto = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as Record<string, unknown>;
if (INTERNALS.some((m) => typeof readerProto[m] !== 'function')) {
  throw new Error('exceljs internals changed: review readFirstSheetRows in imports/xlsx.ts');
}

/** Chunks decoded as UTF-8 across their boundaries; for a sheet, notes its declared last row on the way. */
async function* decodeUtf8(chunks: AsyncIterable<Buffer>, dimension?: { lastRow: number | null }, beforeChunk?: () => void): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let head = !!dimension;
  for await (const chunk of chunks) {
    beforeChunk?.();
    const text = decoder.write(chunk);
    if (head && text && dimension) {
      head = false;
      const m = /<dimension ref="[A-Z]+\d+(?::[A-Z]+(\d+))?"/.exec(text);
      if (m?.[1]) dimension.lastRow = Number(m[1]);
    }
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/**
 * The sheet a user sees first: the first worksheet tab in the workbook's order that is not hidden
 * (chart sheets hold no rows), else the lowest-numbered worksheet part. Targets are relative to
 * xl/ or absolute.
 */
function firstSheetPart(book: ExcelJsWorkbookInternals, files: Map<string, unzipper.File>): { file: unzipper.File; sheetNo: string } | null {
  const partOf = (target: string) => files.get(target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  const sheets = book.model?.sheets ?? [];
  const ordered = [...sheets.filter((s) => !s.state || s.state === 'visible'), ...sheets];
  for (const sheet of ordered) {
    const rel = book.workbookRels?.find((r) => r.Id === sheet.rId);
    const file = rel && partOf(rel.Target);
    if (file?.path.startsWith('xl/worksheets/')) return { file, sheetNo: /(\d+)\.xml$/.exec(file.path)?.[1] ?? '1' };
  }
  const numbered = [...files.keys()]
    .map((p) => /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(p))
    .filter((m) => m !== null)
    .sort((a, b) => Number(a[1]) - Number(b[1]));
  return numbered.length ? { file: files.get(numbered[0]![0])!, sheetNo: numbered[0]![1]! } : null;
}

/**
 * The number of entries the archive's end-of-central-directory record declares (zip64 too), or
 * null when there is no such record (unzipper then refuses the file). Read before unzipper parses
 * the directory: unzipper walks every declared record, and a zip64 record may declare billions.
 */
export async function zipEntryCount(xlsx: string | Buffer): Promise<number | null> {
  const fh = typeof xlsx === 'string' ? await open(xlsx, 'r') : null;
  const size = fh ? (await fh.stat()).size : (xlsx as Buffer).length;
  const read = async (offset: number, length: number): Promise<Buffer> => {
    if (offset < 0 || offset + length > size) return Buffer.alloc(0);
    if (!fh) return (xlsx as Buffer).subarray(offset, offset + length);
    const buf = Buffer.alloc(length);
    await fh.read(buf, 0, length, offset);
    return buf;
  };
  try {
    // The record is 22 bytes plus a comment of up to 65,535 at the very end of the file.
    const tailStart = Math.max(0, size - 22 - 0xffff);
    const tail = await read(tailStart, size - tailStart);
    let at = -1;
    for (let i = tail.length - 22; i >= 0; i--)
      if (tail.readUInt32LE(i) === 0x06054b50) {
        at = i;
        break;
      }
    if (at < 0) return null;
    const records = tail.readUInt16LE(at + 10);
    if (records !== 0xffff && tail.readUInt32LE(at + 16) !== 0xffffffff) return records;
    // zip64: a locator right before the record points at the zip64 record, which holds the count.
    const locator = await read(tailStart + at - 20, 20);
    if (locator.length !== 20 || locator.readUInt32LE(0) !== 0x07064b50) return null;
    const record = await read(Number(locator.readBigUInt64LE(8)), 56);
    if (record.length !== 56 || record.readUInt32LE(0) !== 0x06064b50) return null;
    return Number(record.readBigUInt64LE(32));
  } finally {
    await fh?.close();
  }
}

/** An entry's chunks as they inflate, refused past a limit (imports/limits.ts) before the parser sees them. */
async function* inflateChecked(file: unzipper.File, read: { bytes: number }, limits: XlsxLimits): AsyncGenerator<Buffer> {
  const stream = file.stream();
  let bytes = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      read.bytes += chunk.length;
      checkInflated(file, bytes, read.bytes, limits);
      yield chunk;
    }
  } finally {
    stream.destroy(); // a reader stopped early (an error, a limit, a client gone) frees the file at once
  }
}

/** Characters of a cached shared string (plain, or exceljs rich text). */
function sharedStringLength(s: unknown): number {
  if (typeof s === 'string') return s.length;
  const runs = (s as { richText?: { text?: unknown }[] } | null)?.richText;
  return Array.isArray(runs) ? runs.reduce((n, r) => n + (typeof r?.text === 'string' ? r.text.length : 0), 0) : 0;
}

/**
 * Reads the first worksheet of an .xlsx (a file path, or the bytes) row by row. Row cells are
 * returned 0-based, with `lastRow`: the sheet's declared last row when it has one (Excel and WPS
 * always write it; exceljs' streaming writer cannot), for a progress bar in rows. Throws
 * XlsxLimitError when the file goes past a limit.
 */
export async function* readFirstSheetRows(
  xlsx: string | Buffer,
  limits: XlsxLimits = XLSX_LIMITS,
): AsyncGenerator<{ rowNumber: number; cells: unknown[]; lastRow: number | null }> {
  const declared = await zipEntryCount(xlsx);
  if (declared !== null) checkEntryCount(declared, limits);
  const zip = typeof xlsx === 'string' ? await unzipper.Open.file(xlsx) : await unzipper.Open.buffer(xlsx);
  checkCentralDirectory(zip.files, limits);
  const files = new Map(zip.files.filter((f) => f.type === 'File').map((f) => [f.path, f]));
  const book = new ExcelJS.stream.xlsx.WorkbookReader(null as unknown as Readable, READER_OPTIONS) as unknown as ExcelJsWorkbookInternals;
  const inflated = { bytes: 0 };
  const text = (path: string, beforeChunk?: () => void) => {
    const f = files.get(path);
    return f ? Readable.from(decodeUtf8(inflateChecked(f, inflated, limits), undefined, beforeChunk)) : null;
  };
  const rels = text('xl/_rels/workbook.xml.rels');
  if (rels) await book._parseRels(rels);
  const workbook = text('xl/workbook.xml');
  if (workbook) await book._parseWorkbook(workbook);
  // exceljs caches every shared string before the sheet is read: count them as they arrive.
  const strings = { n: 0, chars: 0 };
  const countSharedStrings = () => {
    const cached = book.sharedStrings ?? [];
    for (; strings.n < cached.length; strings.n++) {
      const s = cached[strings.n];
      // saxes hands out substrings of the decoded chunk, and V8 keeps a substring of 13 or more
      // characters as a view of its parent: one cached ID number kept its whole chunk alive, in
      // effect the entire decoded part. A copy holds only its own characters (10–20 MB less for
      // a 100,000-row roster, bench/README.md "Memory").
      if (typeof s === 'string' && s.length >= 13) cached[strings.n] = Buffer.from(s, 'utf8').toString('utf8');
      strings.chars += sharedStringLength(s);
    }
    checkSharedStrings(strings.n, strings.chars, limits);
  };
  const sharedStrings = text('xl/sharedStrings.xml', countSharedStrings);
  if (sharedStrings) {
    for await (const _ of book._parseSharedStrings(sharedStrings)) {
      /* cached on the reader */
    }
    countSharedStrings();
  }
  const styles = text('xl/styles.xml');
  if (styles) await book._parseStyles(styles);

  const sheet = firstSheetPart(book, files);
  if (!sheet) return;
  const dimension = { lastRow: null as number | null };
  const source = inflateChecked(sheet.file, inflated, limits);
  try {
    for (const { eventType, value: rows } of book._parseWorksheet(decodeUtf8(source, dimension), sheet.sheetNo)) {
      if (eventType !== 'worksheet') continue;
      for await (const row of rows) {
        const values = row.values as unknown[];
        yield { rowNumber: row.number, cells: Array.isArray(values) ? values.slice(1) : [], lastRow: dimension.lastRow };
      }
    }
  } finally {
    await source.return(undefined); // a reader stopped early closes the entry's stream (inflateChecked)
  }
}

/** Spreadsheet formula injection: text starting with = + - @ (or tab/CR) is escaped with a quote. */
export function safeCell(v: unknown): unknown {
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(v)) return `'${v}`;
  return v;
}

/**
 * A streaming .xlsx writer for exports: rows are committed as they are added, so a 300k-row
 * roster export needs memory for one row at a time.
 */
export function createXlsxStream(sheetName: string, columns: { header: string; width: number }[]) {
  const stream = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  return {
    stream,
    addRow(values: unknown[]) {
      sheet.addRow(values.map(safeCell)).commit();
    },
    async finish() {
      sheet.commit();
      await workbook.commit();
    },
  };
}

/** A small in-memory workbook (templates, error reports). */
export async function buildWorkbook(sheets: { name: string; rows: unknown[][]; widths?: number[]; boldFirstRow?: boolean }[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    for (const r of s.rows) ws.addRow(r.map(safeCell));
    for (const [i, w] of (s.widths ?? []).entries()) ws.getColumn(i + 1).width = w;
    if (s.boldFirstRow !== false) ws.getRow(1).font = { bold: true };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

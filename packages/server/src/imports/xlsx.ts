import { PassThrough, type Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';

/**
 * exceljs 4.4's streaming reader decodes every zip chunk to text on its own, so a Chinese
 * character whose UTF-8 bytes straddle two chunks turns into '��' (exceljs issues #2063, #2084;
 * seen here about once per 1,000 rows of a roster). Until a release fixes it, the shared
 * strings entry and each worksheet are decoded with a StringDecoder, which carries partial
 * characters across chunks. exceljs is pinned to the version these two methods were read in;
 * roster-import tests with full-width text over thousands of rows catch a regression.
 */
const readerProto = (ExcelJS.stream.xlsx.WorkbookReader as unknown as { prototype: Record<string, (...args: unknown[]) => unknown> }).prototype;
const parseSharedStrings = readerProto._parseSharedStrings;
const parseWorksheet = readerProto._parseWorksheet;
if (typeof parseSharedStrings !== 'function' || typeof parseWorksheet !== 'function') {
  throw new Error('exceljs internals changed: review the UTF-8 chunk fix in imports/xlsx.ts');
}
readerProto._parseSharedStrings = function (this: unknown, entry: unknown) {
  (entry as Readable).setEncoding('utf8');
  return parseSharedStrings.call(this, entry);
};
readerProto._parseWorksheet = function (this: SheetDimension, iterator: unknown, sheetNo: unknown) {
  return parseWorksheet.call(this, decodeUtf8(iterator as AsyncIterable<Buffer | string>, this), sheetNo);
};

/** The last row a worksheet declares in `<dimension ref="A1:H100004"/>`, seen while decoding. */
interface SheetDimension {
  zxLastRow?: number;
}

async function* decodeUtf8(chunks: AsyncIterable<Buffer | string>, dimension: SheetDimension): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let head = true;
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (head && text) {
      head = false;
      const m = /<dimension ref="[A-Z]+\d+(?::[A-Z]+(\d+))?"/.exec(text);
      if (m?.[1]) dimension.zxLastRow = Number(m[1]);
    }
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/**
 * Reads the first worksheet of an .xlsx row by row without loading the workbook. Row cells are
 * returned 0-based, with `lastRow`: the sheet's declared last row when it has one (Excel and WPS
 * always write it; exceljs' streaming writer cannot), for a progress bar in rows.
 */
export async function* readFirstSheetRows(input: Readable): AsyncGenerator<{ rowNumber: number; cells: unknown[]; lastRow: number | null }> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', entries: 'emit',
  });
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      const values = row.values as unknown[];
      yield { rowNumber: row.number, cells: Array.isArray(values) ? values.slice(1) : [], lastRow: (reader as SheetDimension).zxLastRow ?? null };
    }
    return; // only the first worksheet
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
    s.widths?.forEach((w, i) => (ws.getColumn(i + 1).width = w));
    if (s.boldFirstRow !== false) ws.getRow(1).font = { bold: true };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

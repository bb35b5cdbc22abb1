import { PassThrough, Transform, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';

/**
 * Reads the first worksheet of an .xlsx row by row without loading the workbook:
 * `onBytes` reports how far into the file the reader is (for the progress bar).
 * Row cells are returned 0-based.
 */
export async function* readFirstSheetRows(input: Readable, onBytes: (n: number) => void): AsyncGenerator<{ rowNumber: number; cells: unknown[] }> {
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _e, done) {
      bytes += chunk.length;
      onBytes(bytes);
      done(null, chunk);
    },
  });
  input.on('error', (e) => meter.destroy(e));
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input.pipe(meter), {
    worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', entries: 'emit',
  });
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      const values = row.values as unknown[];
      yield { rowNumber: row.number, cells: Array.isArray(values) ? values.slice(1) : [] };
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

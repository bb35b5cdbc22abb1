import ExcelJS from 'exceljs';

/**
 * Builds and reads .xlsx buffers for API tests (imports, exports, error reports), with exceljs
 * as the spreadsheet program: cells keep their JS type, so a number stays a number cell, a Date
 * becomes a date-formatted serial, and a string stays text.
 */
export type CellValue = string | number | Date | boolean | null | undefined;

export interface SheetSpec {
  name?: string;
  rows: CellValue[][];
  /** Ranges to merge, e.g. 'A1:H1' (a title row spanning the table). */
  merges?: string[];
  /** Number format for Date cells (default 'yyyy-mm-dd', what a Chinese Excel shows). */
  dateFormat?: string;
}

/** One workbook; the first sheet is the one the importers read. */
export async function buildXlsx(...sheets: SheetSpec[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  sheets.forEach((s, i) => {
    const ws = wb.addWorksheet(s.name ?? `Sheet${i + 1}`);
    s.rows.forEach((row, r) => {
      row.forEach((v, c) => {
        if (v === null || v === undefined) return;
        const cell = ws.getCell(r + 1, c + 1);
        cell.value = v;
        if (v instanceof Date) cell.numFmt = s.dateFormat ?? 'yyyy-mm-dd';
      });
    });
    for (const m of s.merges ?? []) ws.mergeCells(m);
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A workbook with one sheet holding `rows`. */
export const xlsxOf = (rows: CellValue[][], opts: Omit<SheetSpec, 'rows'> = {}) => buildXlsx({ ...opts, rows });

/** Plain value of a cell as exceljs reads it (rich text and formulas flattened). */
function plain(v: ExcelJS.CellValue): unknown {
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    const o = v as unknown as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((t) => t.text).join('');
    if ('result' in o) return o.result;
    if ('text' in o) return o.text;
  }
  return v;
}

/** Every sheet of a workbook: name → rows (0-based cells; row i of the array is sheet row i + 1). */
export async function readXlsxSheets(buf: Buffer | Uint8Array): Promise<Map<string, unknown[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(buf) as unknown as ArrayBuffer);
  const out = new Map<string, unknown[][]>();
  wb.eachSheet((ws) => {
    const rows: unknown[][] = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const cells: unknown[] = [];
      for (let c = 1; c <= Math.max(row.cellCount, ws.columnCount); c++) cells.push(plain(row.getCell(c).value) ?? null);
      while (cells.length && (cells[cells.length - 1] === null || cells[cells.length - 1] === '')) cells.pop();
      rows.push(cells);
    }
    out.set(ws.name, rows);
  });
  return out;
}

/** The first sheet's rows (see readXlsxSheets). */
export async function readXlsx(buf: Buffer | Uint8Array): Promise<unknown[][]> {
  const sheets = await readXlsxSheets(buf);
  return [...sheets.values()][0] ?? [];
}

/** True when the bytes are a zip archive (every .xlsx is one). */
export const isZip = (buf: Buffer | Uint8Array) =>
  Buffer.from(buf)
    .subarray(0, 4)
    .equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));

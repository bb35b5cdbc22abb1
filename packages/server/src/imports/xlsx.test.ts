import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { xlsxOf, type CellValue } from '../../test/xlsx-fixtures.ts';
import { readFirstSheetRows, safeCell } from './xlsx.ts';

async function readAll(xlsx: string | Buffer) {
  const rows: { rowNumber: number; cells: unknown[]; lastRow: number | null }[] = [];
  for await (const r of readFirstSheetRows(xlsx)) rows.push(r);
  return rows;
}

/** A workbook whose sheets are added in this order, each with its tab position and visibility. */
async function workbookOf(sheets: { name: string; rows: CellValue[][]; tab?: number; state?: 'visible' | 'hidden' }[]) {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, { state: s.state ?? 'visible' });
    if (s.tab !== undefined) (ws as ExcelJS.Worksheet & { orderNo: number }).orderNo = s.tab; // the tab position exceljs writes in workbook.xml
    for (const r of s.rows) ws.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('streaming xlsx reader', () => {
  it('reads thousands of rows of Chinese and full-width text without splitting a character', async () => {
    const rows: CellValue[][] = [];
    for (let i = 0; i < 6000; i++) rows.push([`团员${i}号·欧阳娜娜`, `１５０${String(i).padStart(8, '0')}`, `高一(${i % 9})班团支部`]);
    // The parts inflate in 16 KiB chunks, so many chunk boundaries fall inside a character.
    const seen = await readAll(await xlsxOf(rows));
    // The sheet's declared size drives a progress bar in rows.
    expect(new Set(seen.map((r) => r.lastRow))).toEqual(new Set([6000]));
    expect(seen).toHaveLength(6000);
    expect(seen.filter((r) => r.cells.some((c) => String(c).includes('\uFFFD')))).toEqual([]);
    expect(seen[4321]!.cells).toEqual(['团员4321号·欧阳娜娜', '１５０00004321', '高一(1)班团支部']);
  });

  it('reads every part of a workbook that stores the workbook part last, a thousand times in a row', async () => {
    // exceljs writes xl/workbook.xml as the archive's last entry, after the sheet and the shared
    // strings. exceljs' one-pass reader lost that entry about once in a thousand reads here.
    const buf = await xlsxOf([
      ['姓名', '身份证号'],
      ['后来者', '130104200001010111'],
    ]);
    let wrong = 0;
    for (let i = 0; i < 1000; i++) {
      const rows = await readAll(buf).catch(() => []);
      if (rows.length !== 2 || rows[1]!.cells[0] !== '后来者') wrong++;
    }
    expect(wrong).toBe(0);
  });

  it('reads the first tab a user sees, not the first sheet part: tab order and hidden sheets count', async () => {
    const reordered = await workbookOf([
      { name: '旧表', rows: [['旧']], tab: 2 },
      { name: '名册', rows: [['姓名'], ['张三']], tab: 1 },
    ]);
    expect((await readAll(reordered)).map((r) => r.cells)).toEqual([['姓名'], ['张三']]);

    const hiddenFirst = await workbookOf([
      { name: '说明', rows: [['填写说明']], state: 'hidden' },
      { name: '名册', rows: [['姓名'], ['李四']] },
    ]);
    expect((await readAll(hiddenFirst)).map((r) => r.cells)).toEqual([['姓名'], ['李四']]);
  });

  it('reads from a file path as from the bytes, and refuses bytes that are not a zip archive', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const dir = mkdtempSync(path.join(tmpdir(), 'zx-xlsx-'));
    try {
      const buf = await xlsxOf([['姓名'], ['王五'], [new Date(Date.UTC(2001, 2, 5))]]);
      writeFileSync(path.join(dir, 'a.xlsx'), buf);
      const fromFile = await readAll(path.join(dir, 'a.xlsx'));
      expect(fromFile).toEqual(await readAll(buf));
      expect(fromFile[2]!.cells[0]).toEqual(new Date(Date.UTC(2001, 2, 5))); // a date cell (styles read)
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await expect(readAll(Buffer.from('not a zip archive at all'))).rejects.toThrow();
  });

  it('escapes cells that a spreadsheet would run as formulas', () => {
    expect(['=1+1', '+86', '-2', '@SUM(A1)', '\tx', '张三', 12].map(safeCell)).toEqual(["'=1+1", "'+86", "'-2", "'@SUM(A1)", "'\tx", '张三', 12]);
  });
});

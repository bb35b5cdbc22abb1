import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { xlsxOf, type CellValue } from '../../test/xlsx-fixtures.ts';
import { readFirstSheetRows, safeCell } from './xlsx.ts';

describe('streaming xlsx reader', () => {
  it('reads thousands of rows of Chinese and full-width text without splitting a character', async () => {
    const rows: CellValue[][] = [];
    for (let i = 0; i < 6000; i++) rows.push([`团员${i}号·欧阳娜娜`, `１５０${String(i).padStart(8, '0')}`, `高一(${i % 9})班团支部`]);
    const buf = await xlsxOf(rows);
    // Small chunks make boundaries inside multi-byte characters certain.
    const input = Readable.from((function* () { for (let i = 0; i < buf.length; i += 997) yield buf.subarray(i, i + 997); })());
    const seen: unknown[][] = [];
    const lastRows = new Set<number | null>();
    for await (const r of readFirstSheetRows(input)) {
      seen.push(r.cells);
      lastRows.add(r.lastRow);
    }
    // The sheet's declared size drives a progress bar in rows.
    expect([...lastRows]).toEqual([6000]);
    expect(seen).toHaveLength(6000);
    expect(seen.filter((cells) => cells.some((c) => String(c).includes('\uFFFD')))).toEqual([]);
    expect(seen[4321]).toEqual(['团员4321号·欧阳娜娜', '１５０00004321', '高一(1)班团支部']);
  });

  it('escapes cells that a spreadsheet would run as formulas', () => {
    expect(['=1+1', '+86', '-2', '@SUM(A1)', '\tx', '张三', 12].map(safeCell)).toEqual(["'=1+1", "'+86", "'-2", "'@SUM(A1)", "'\tx", '张三', 12]);
  });
});

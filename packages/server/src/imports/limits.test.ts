import { describe, expect, it } from 'vitest';
import { xlsxOf } from '../../test/xlsx-fixtures.ts';
import { deflated, sharedStringsXml, withParts, zipOf } from '../../test/zip-fixtures.ts';
import { checkCentralDirectory, checkInflated, checkSharedStrings, XLSX_LIMITS, XlsxLimitError, type XlsxLimits } from './limits.ts';
import { readFirstSheetRows, zipEntryCount } from './xlsx.ts';

const MB = 1024 * 1024;
const small: XlsxLimits = {
  maxEntries: 20,
  maxTotalBytes: 10 * MB,
  maxEntryBytes: 6 * MB,
  maxRatio: 100,
  ratioFromBytes: 1 * MB,
  maxSharedStrings: 50,
  maxSharedStringChars: 1000,
};
const entry = (path: string, compressedSize: number, uncompressedSize: number) => ({ path, compressedSize, uncompressedSize });

/** The limit a call went past (or 'none'), so one expect shows which check fired. */
function limitOf(fn: () => void): string {
  try {
    fn();
    return 'none';
  } catch (e) {
    if (e instanceof XlsxLimitError) return e.limit;
    throw e;
  }
}
async function limitOfRead(xlsx: Buffer, limits: XlsxLimits): Promise<string> {
  try {
    for await (const _ of readFirstSheetRows(xlsx, limits)) {
      /* read to the end */
    }
    return 'none';
  } catch (e) {
    if (e instanceof XlsxLimitError) return e.limit;
    throw e;
  }
}

describe('xlsx limits: the central directory', () => {
  it('passes a real roster-sized archive and refuses each limit on its own', () => {
    const roster = [
      entry('xl/worksheets/sheet1.xml', 4.5 * MB, 36.5 * MB),
      entry('xl/sharedStrings.xml', 1.4 * MB, 7.3 * MB),
      entry('xl/styles.xml', 700, 1900),
    ];
    expect(limitOf(() => checkCentralDirectory(roster))).toBe('none');

    const many = Array.from({ length: 21 }, (_, i) => entry(`x${i}.xml`, 10, 10));
    expect(limitOf(() => checkCentralDirectory(many, small))).toBe('maxEntries');
    expect(limitOf(() => checkCentralDirectory(many.slice(1), small))).toBe('none');
    expect(limitOf(() => checkCentralDirectory([entry('a', 5 * MB, 5 * MB), entry('b', 5 * MB, 5 * MB + 1)], small))).toBe('maxTotalBytes');
    expect(limitOf(() => checkCentralDirectory([entry('a', 6 * MB, 6 * MB + 1)], small))).toBe('maxEntryBytes');
    // 101:1 above the ratio threshold is refused; the same ratio on a small part is not.
    expect(limitOf(() => checkCentralDirectory([entry('a', 20_000, 2_020_000)], small))).toBe('maxRatio');
    expect(limitOf(() => checkCentralDirectory([entry('a', 2_000, 202_000)], small))).toBe('none');
    expect(limitOf(() => checkCentralDirectory([entry('a', 20_000, 2_000_000)], small))).toBe('none');
  });

  it('gives the user a reason in both languages', () => {
    try {
      checkCentralDirectory([entry('xl/sharedStrings.xml', MB, 400 * MB)]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(XlsxLimitError);
      expect((e as XlsxLimitError).detail).toEqual({
        zh: '「xl/sharedStrings.xml」解压后超过 150 MB',
        en: '"xl/sharedStrings.xml" unpacks to more than 150 MB',
      });
    }
    expect(XLSX_LIMITS).toMatchObject({ maxEntries: 10_000, maxTotalBytes: 200 * MB, maxRatio: 200, maxSharedStrings: 1_000_000 });
  });
});

describe('xlsx limits: while inflating', () => {
  it('refuses an entry that inflates past what its directory record declares, and the running totals', () => {
    const e = entry('xl/sharedStrings.xml', 100_000, 1_000_000);
    expect(limitOf(() => checkInflated(e, 1_000_000, 1_000_000, small))).toBe('none');
    expect(limitOf(() => checkInflated(e, 1_000_001, 1_000_001, small))).toBe('declaredSize');
    const honest = entry('big', 5 * MB, 7 * MB);
    expect(limitOf(() => checkInflated(honest, 6 * MB + 1, 6 * MB + 1, small))).toBe('maxEntryBytes');
    expect(limitOf(() => checkInflated(honest, 5 * MB, 10 * MB + 1, small))).toBe('maxTotalBytes');
    expect(limitOf(() => checkInflated(entry('r', 10_000, 3 * MB), 1.5 * MB, 1.5 * MB, small))).toBe('maxRatio');
    expect(limitOf(() => checkInflated(entry('r', 10_000, 3 * MB), 0.9 * MB, 0.9 * MB, small))).toBe('none');
  });

  it('counts shared strings and their characters', () => {
    expect(limitOf(() => checkSharedStrings(50, 1000, small))).toBe('none');
    expect(limitOf(() => checkSharedStrings(51, 10, small))).toBe('maxSharedStrings');
    expect(limitOf(() => checkSharedStrings(5, 1001, small))).toBe('maxSharedStringChars');
  });
});

describe('xlsx limits: the reader enforces them', () => {
  const base = () =>
    xlsxOf([
      ['姓名', '身份证号'],
      ['张三', '110101200103050011'],
    ]);

  it('reads an ordinary workbook under tight limits', async () => {
    expect(await limitOfRead(await base(), small)).toBe('none');
  });

  it('counts the entries the end record declares before unzipper walks the directory (zip64 too)', async () => {
    const zip = zipOf([
      { name: 'a.txt', data: 'a' },
      { name: 'b.txt', data: 'b' },
    ]);
    expect(await zipEntryCount(zip)).toBe(2);
    // A zip64 end record may declare billions of entries; unzipper would walk them all.
    const claims = zipOf([{ name: 'a.txt', data: 'a' }], { claimEntries: 2 ** 40 });
    expect(await zipEntryCount(claims)).toBe(2 ** 40);
    expect(await limitOfRead(claims, small)).toBe('maxEntries');
    expect(await zipEntryCount(Buffer.from('not a zip'))).toBeNull();
  });

  it('refuses too many entries, too many shared strings or characters, and a directory that lies', async () => {
    const padded = await withParts(
      await base(),
      Array.from({ length: 20 }, (_, i) => ({ name: `customXml/item${i}.xml`, data: '<a/>' })),
    );
    expect(await limitOfRead(padded, small)).toBe('maxEntries');

    const manyStrings = await withParts(await base(), [{ name: 'xl/sharedStrings.xml', data: sharedStringsXml(60, (i) => `s${i}`) }]);
    expect(await limitOfRead(manyStrings, small)).toBe('maxSharedStrings');
    const longStrings = await withParts(await base(), [{ name: 'xl/sharedStrings.xml', data: sharedStringsXml(4, () => '长'.repeat(300)) }]);
    expect(await limitOfRead(longStrings, small)).toBe('maxSharedStringChars');

    // The directory says 100 bytes; the part inflates to 1 MB.
    const lying = await withParts(await base(), [
      { name: 'xl/sharedStrings.xml', deflated: deflated(sharedStringsXml(1, () => 'x'.repeat(MB))), declaredSize: 100 },
    ]);
    expect(await limitOfRead(lying, small)).toBe('declaredSize');
    expect(await limitOfRead(lying, XLSX_LIMITS)).toBe('declaredSize');
  });
});

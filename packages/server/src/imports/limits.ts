/**
 * What an uploaded .xlsx may unpack to. A 1 MB zip can hold hundreds of MB of XML (a "zip bomb");
 * read naively it would fill the server's 192 MB heap. These limits are checked from the zip's
 * central directory before anything is parsed, and again on the bytes actually inflated (a
 * central directory can lie). The reader runs in a worker thread with its own heap cap as a last
 * line (imports/sheet-reader.ts). docs/decisions/0011-hostile-files-and-chunked-commit.md.
 *
 * For scale: a 100,000-row roster saved by Excel is 5.7 MB zipped and unpacks to 45 MB (the sheet
 * 37 MB at 8:1, the shared strings 7.3 MB: 250,000 strings of 2.9 million characters).
 */
const MB = 1024 * 1024;

export const XLSX_LIMITS = {
  /** Entries in the archive; a workbook has 10–30. */
  maxEntries: 10_000,
  /** Bytes of all entries together once inflated (~400,000 roster rows). */
  maxTotalBytes: 200 * MB,
  /** Bytes of one entry once inflated (the sheet of ~400,000 roster rows). */
  maxEntryBytes: 150 * MB,
  /** Inflated : compressed of one entry. Real sheets and shared strings are 4–10:1; deflate tops out near 1,000:1. */
  maxRatio: 200,
  /** The ratio only counts for entries larger than this: small repetitive parts compress well honestly. */
  ratioFromBytes: 4 * MB,
  /** Strings in xl/sharedStrings.xml (each one is kept in memory while the sheet is read). */
  maxSharedStrings: 1_000_000,
  /** Characters of all shared strings together (UTF-16: up to 2 bytes each in memory). */
  maxSharedStringChars: 16_000_000,
};
export type XlsxLimits = typeof XLSX_LIMITS;

/**
 * Heap of the worker thread that reads a spreadsheet (MB; the server's own old generation is
 * 192). A 100,000-row roster needs ~30 MB of it. The young generation is held to 8 MB (V8 would
 * take up to 48): the worker's thread and heap come on top of the server's memory, and the
 * 100,000-row import must stay under 300 MB RSS (bench/README.md). The main thread, staging the
 * rows, is the slower side anyway.
 */
export const XLSX_WORKER_HEAP_MB = 96;
export const XLSX_WORKER_YOUNG_HEAP_MB = 8;

/** Rows per message from the worker; the main thread asks for the next batch when it takes one. */
export const XLSX_WORKER_BATCH_ROWS = 500;

/** A limit the file goes past: which one, and what to tell the user (both languages). */
export class XlsxLimitError extends Error {
  constructor(
    readonly limit: keyof XlsxLimits | 'declaredSize' | 'memory',
    readonly detail: { zh: string; en: string },
  ) {
    super(`xlsx limit ${limit}: ${detail.en}`);
  }
}

export interface ZipEntryInfo {
  path: string;
  compressedSize: number;
  uncompressedSize: number;
}

const mb = (bytes: number) => `${Math.round(bytes / MB)} MB`;
const int = (n: number) => n.toLocaleString('en-US');

/** Refuses an archive whose central directory already declares too much. */
export function checkCentralDirectory(entries: readonly ZipEntryInfo[], limits: XlsxLimits = XLSX_LIMITS): void {
  checkEntryCount(entries.length, limits);
  let total = 0;
  for (const e of entries) {
    total += e.uncompressedSize;
    checkEntry(e, e.uncompressedSize, limits);
  }
  checkTotal(total, limits);
}

/** Refuses an archive with too many entries (read from the end-of-central-directory record). */
export function checkEntryCount(count: number, limits: XlsxLimits = XLSX_LIMITS): void {
  if (count > limits.maxEntries) {
    throw new XlsxLimitError('maxEntries', { zh: `压缩包内的文件超过 ${int(limits.maxEntries)} 个`, en: `it holds more than ${int(limits.maxEntries)} files` });
  }
}

/**
 * Checked on every chunk while an entry inflates: `entryBytes` of this entry and `totalBytes` of
 * every entry read so far. An entry that inflates past the size its directory record declares
 * is refused at once: the declared sizes are what the directory check passed.
 */
export function checkInflated(entry: ZipEntryInfo, entryBytes: number, totalBytes: number, limits: XlsxLimits = XLSX_LIMITS): void {
  if (entryBytes > entry.uncompressedSize) {
    throw new XlsxLimitError('declaredSize', {
      zh: `「${entry.path}」解压后比压缩包目录中登记的大小（${int(entry.uncompressedSize)} 字节）更大`,
      en: `"${entry.path}" unpacks to more than the ${int(entry.uncompressedSize)} bytes its directory entry declares`,
    });
  }
  checkEntry(entry, entryBytes, limits);
  checkTotal(totalBytes, limits);
}

function checkEntry(entry: ZipEntryInfo, bytes: number, limits: XlsxLimits) {
  if (bytes > limits.maxEntryBytes) {
    throw new XlsxLimitError('maxEntryBytes', {
      zh: `「${entry.path}」解压后超过 ${mb(limits.maxEntryBytes)}`,
      en: `"${entry.path}" unpacks to more than ${mb(limits.maxEntryBytes)}`,
    });
  }
  if (bytes > limits.ratioFromBytes && bytes > limits.maxRatio * Math.max(1, entry.compressedSize)) {
    throw new XlsxLimitError('maxRatio', {
      zh: `「${entry.path}」的压缩比超过 ${limits.maxRatio}:1`,
      en: `"${entry.path}" is compressed more than ${limits.maxRatio}:1`,
    });
  }
}

function checkTotal(bytes: number, limits: XlsxLimits) {
  if (bytes > limits.maxTotalBytes) {
    throw new XlsxLimitError('maxTotalBytes', { zh: `解压后超过 ${mb(limits.maxTotalBytes)}`, en: `it unpacks to more than ${mb(limits.maxTotalBytes)}` });
  }
}

/** Checked as xl/sharedStrings.xml is parsed: the strings and characters cached so far. */
export function checkSharedStrings(strings: number, chars: number, limits: XlsxLimits = XLSX_LIMITS): void {
  if (strings > limits.maxSharedStrings) {
    throw new XlsxLimitError('maxSharedStrings', {
      zh: `共享字符串超过 ${int(limits.maxSharedStrings)} 个`,
      en: `it holds more than ${int(limits.maxSharedStrings)} shared strings`,
    });
  }
  if (chars > limits.maxSharedStringChars) {
    throw new XlsxLimitError('maxSharedStringChars', {
      zh: `共享字符串合计超过 ${int(limits.maxSharedStringChars)} 个字符`,
      en: `its shared strings hold more than ${int(limits.maxSharedStringChars)} characters`,
    });
  }
}

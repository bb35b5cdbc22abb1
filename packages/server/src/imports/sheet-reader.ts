import { Worker } from 'node:worker_threads';
import { AppError } from '../http/errors.ts';
import { XLSX_WORKER_HEAP_MB, XLSX_WORKER_YOUNG_HEAP_MB } from './limits.ts';

/** One sheet row as imports see it: 0-based cells, and the sheet's declared last row (progress). */
export interface SheetRow {
  rowNumber: number;
  cells: unknown[];
  lastRow: number | null;
}

/** What the worker thread (xlsx-worker.ts) answers each request for rows with. */
export type WorkerReply =
  | { type: 'rows'; rows: SheetRow[]; done: boolean }
  | { type: 'too_large'; limit: string; detail: { zh: string; en: string } }
  | { type: 'unreadable'; message: string };

const WORKER_ENTRY = new URL('./xlsx-worker.cjs', import.meta.url);

export const fileTooLarge = (detail: { zh: string; en: string }) =>
  new AppError(422, 'IMPORT_FILE_TOO_LARGE', {
    zh: `文件过大，无法导入：${detail.zh}。请检查文件是否正确，或将名册拆分为几个较小的文件分别导入`,
    en: `The file is too large to import: ${detail.en}. Check the file, or split it into smaller files and import them one by one`,
  });

export const fileUnreadable = (cause?: unknown) =>
  Object.assign(
    new AppError(422, 'IMPORT_FILE_UNREADABLE', {
      zh: '无法读取该 Excel 文件，文件可能已损坏：请用 Excel 或 WPS 打开并另存为 .xlsx 后重新上传',
      en: 'The Excel file cannot be read and may be damaged: open it in Excel or WPS, save it as .xlsx again and upload it',
    }),
    { cause },
  );

/**
 * The first visible sheet of a stored .xlsx, row by row, read in a worker thread (xlsx-worker.ts)
 * with a heap of its own (XLSX_WORKER_HEAP_MB): whatever a hostile file does to the reader — the limits of
 * imports/limits.ts, a heap that runs out, a parser that throws — ends the worker, fails the
 * import with IMPORT_FILE_TOO_LARGE or IMPORT_FILE_UNREADABLE, and leaves the server's heap alone.
 *
 * Rows come in batches; the next batch is asked for as soon as one arrives, so reading overlaps
 * staging while at most two batches are in memory. Stopping early (an error in the import, the
 * consumer returning) terminates the worker. `heapMb` is for tests.
 */
export async function* readSheetRows(file: string, heapMb = XLSX_WORKER_HEAP_MB): AsyncGenerator<SheetRow> {
  const worker = new Worker(WORKER_ENTRY, {
    workerData: { file },
    // Not process.execArgv: a worker refuses --max-old-space-size; its heap is resourceLimits'.
    execArgv: [],
    resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: Math.min(XLSX_WORKER_YOUNG_HEAP_MB, heapMb) },
  });
  type Event = WorkerReply | { type: 'error'; error: Error & { code?: string } } | { type: 'exit'; code: number };
  const events: Event[] = [];
  let wake: (() => void) | null = null;
  const push = (e: Event) => {
    events.push(e);
    wake?.();
    wake = null;
  };
  worker.on('message', (m: WorkerReply) => push(m));
  worker.on('error', (error) => push({ type: 'error', error }));
  worker.on('exit', (code) => push({ type: 'exit', code }));
  const next = async (): Promise<Event> => {
    while (events.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    return events.shift()!;
  };

  try {
    worker.postMessage('more');
    for (;;) {
      const e = await next();
      switch (e.type) {
        case 'rows':
          if (!e.done) worker.postMessage('more');
          yield* e.rows;
          if (e.done) return;
          break;
        case 'too_large':
          throw fileTooLarge(e.detail);
        case 'unreadable':
          throw fileUnreadable(new Error(e.message));
        case 'error':
          // resourceLimits: the worker's heap ran out (the limits should stop a file first).
          if (e.error.code === 'ERR_WORKER_OUT_OF_MEMORY')
            throw fileTooLarge({ zh: '读取时所需内存超过上限', en: 'reading it needs more memory than allowed' });
          throw e.error; // the worker itself failed (not the file): logged as a job failure
        case 'exit':
          throw new Error(`the spreadsheet worker exited (code ${e.code}) before the last row`);
      }
    }
  } finally {
    await worker.terminate();
  }
}

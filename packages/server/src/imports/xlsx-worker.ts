/**
 * The worker thread that reads an uploaded .xlsx for an import (started by imports/sheet-reader.ts
 * through xlsx-worker.cjs). It runs the same reader as everything else (imports/xlsx.ts) and
 * sends rows in batches, one batch per request of the main thread, so rows are read only as fast
 * as the import stages them and never pile up in a message queue.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readFirstSheetRows } from './xlsx.ts';
import { XLSX_WORKER_BATCH_ROWS, XlsxLimitError } from './limits.ts';
import type { WorkerReply } from './sheet-reader.ts';

const port = parentPort!;
let requested = 0;
let wake: (() => void) | null = null;
port.on('message', () => {
  requested++;
  wake?.();
});
const send = async (reply: WorkerReply) => {
  while (requested === 0) await new Promise<void>((resolve) => (wake = resolve));
  requested--;
  port.postMessage(reply);
};

async function main() {
  let rows: Extract<WorkerReply, { type: 'rows' }>['rows'] = [];
  for await (const row of readFirstSheetRows((workerData as { file: string }).file)) {
    rows.push(row);
    if (rows.length >= XLSX_WORKER_BATCH_ROWS) {
      await send({ type: 'rows', rows, done: false });
      rows = [];
    }
  }
  await send({ type: 'rows', rows, done: true });
}

main().catch((e: unknown) => {
  // Sent without waiting for a request: the main thread is waiting for the next batch.
  port.postMessage(
    e instanceof XlsxLimitError
      ? ({ type: 'too_large', limit: e.limit, detail: e.detail } satisfies WorkerReply)
      : ({ type: 'unreadable', message: e instanceof Error ? e.message : String(e) } satisfies WorkerReply),
  );
});
// The thread stays until the main thread, having read the last message, terminates it.

/** The mixed HTTP load against a listening server, with worker threads and the server's event loop watched. */
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startTsWorker } from './server.ts';
import type { AddressInfo } from 'node:net';
import type { App } from '../../packages/server/src/app.ts';
import { OPS, type FromWorker, type LoadResult, type LoadSpec, type Op } from './dashboard-load.ts';
import { stats } from './util.ts';
import type { LoadRow, Stall } from './dashboard-results.ts';

/** Starts ./dashboard-load.ts in a worker thread (through tsx's loader, as the bench runs under tsx). */
const startWorker = (spec: LoadSpec) => startTsWorker('dashboard-load.ts', spec);

/** The calling thread's time on a CPU and waiting in the run queue, in ms (Linux schedstat); null elsewhere. */
function schedstat(): [cpu: number, wait: number] | null {
  try {
    const [run, wait] = readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ').map(Number);
    return Number.isFinite(run) && Number.isFinite(wait) ? [run / 1e6, wait / 1e6] : null;
  } catch {
    return null;
  }
}

interface ServerRequest {
  op: string;
  start: number;
  end: number;
}

export async function mixedLoad(app: App, spec: Omit<LoadSpec, 'baseUrl'>, log: (l: string) => void) {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;

  // Server side: every request with its type (x-bench-op) and when it came in and was answered.
  let phase: 'idle' | 'mixed' | 'solo' = 'idle';
  const served: ServerRequest[] = [];
  app.server.on('request', (req, res) => {
    if (phase !== 'mixed') return;
    const r: ServerRequest = { op: String(req.headers['x-bench-op'] ?? '?'), start: performance.now(), end: Infinity };
    served.push(r);
    res.on('close', () => {
      r.end = performance.now();
    });
  });

  // The event loop: Node's histogram, and a 10 ms ticker whose lateness is a stall.
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  // A stall on a busy machine is partly the OS not giving the thread a CPU: schedstat tells
  // how much of each interval the main thread spent runnable in the run queue.
  const stallsSeen: { at: number; from: number; ms: number; cpuMs: number | null; runQueueMs: number | null }[] = [];
  let tickerMax = 0;
  let tickerMaxNet = 0;
  let soloOp: Op | null = null;
  const soloStall = new Map<string, { ms: number; net: number }>();
  let lastTick = performance.now();
  let lastSched = schedstat();
  const hasSched = lastSched !== null;
  const ticker = setInterval(() => {
    const now = performance.now();
    const sched = hasSched ? schedstat() : null;
    const gap = now - lastTick - 10;
    const from = lastTick + 10;
    const cpuMs = sched && lastSched ? sched[0] - lastSched[0] : null;
    const runQueueMs = sched && lastSched ? sched[1] - lastSched[1] : null;
    const net = Math.max(0, gap - (runQueueMs ?? 0));
    lastTick = now;
    lastSched = sched;
    if (phase === 'mixed') {
      if (gap > tickerMax) tickerMax = gap;
      if (net > tickerMaxNet) tickerMaxNet = net;
      if (gap > 20) stallsSeen.push({ at: now, from, ms: gap, cpuMs, runQueueMs });
    } else if (phase === 'solo' && soloOp) {
      const s = soloStall.get(soloOp) ?? { ms: 0, net: 0 };
      soloStall.set(soloOp, { ms: Math.max(s.ms, gap), net: Math.max(s.net, net) });
    }
  }, 10);

  let mixedStart = 0;
  const worker = startWorker({ ...spec, baseUrl: `http://127.0.0.1:${port}` });
  let result: LoadResult;
  try {
    result = await new Promise<LoadResult>((resolve, reject) => {
      worker.on('message', (m: FromWorker) => {
        if (m.kind === 'ready') {
          log(`  ${m.logins} virtual users logged in; ${spec.seconds} s of mixed load`);
          phase = 'mixed';
          mixedStart = performance.now();
          lastTick = mixedStart;
          lastSched = hasSched ? schedstat() : null;
          histogram.reset();
          histogram.enable();
          worker.postMessage({ kind: 'go' });
        } else if (m.kind === 'solo') {
          if (phase === 'mixed') {
            histogram.disable();
            phase = 'solo';
            log(`  solo pass: each request type alone, ${spec.soloReps} times`);
          }
          soloOp = m.op;
          lastTick = performance.now();
          lastSched = hasSched ? schedstat() : null;
          worker.postMessage({ kind: 'ack' });
        } else if (m.kind === 'done') resolve(m.result);
        else if (m.kind === 'error') reject(new Error(`load worker: ${m.message}`));
      });
      worker.on('error', reject);
      worker.on('exit', (code) => reject(new Error(`load worker exited (${code}) before reporting`)));
    });
  } finally {
    clearInterval(ticker);
    histogram.disable();
    await worker.terminate();
  }

  const stalls: Stall[] = stallsSeen
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 15)
    .map((s) => {
      const inFlight: Record<string, number> = {};
      for (const r of served) if (r.start < s.at && r.end > s.from) inFlight[r.op] = (inFlight[r.op] ?? 0) + 1;
      const r1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
      return { atS: r1((s.at - mixedStart) / 1000)!, ms: r1(s.ms)!, cpuMs: r1(s.cpuMs), runQueueMs: r1(s.runQueueMs), inFlight };
    });

  const serverMs = new Map<string, number[]>();
  for (const r of served) if (Number.isFinite(r.end)) (serverMs.get(r.op) ?? serverMs.set(r.op, []).get(r.op)!).push(r.end - r.start);
  const rows: LoadRow[] = OPS.map((op) => {
    const m = result.mixed[op];
    const s = result.solo[op];
    const sv = serverMs.get(op);
    return {
      op,
      n: m?.ms.length ?? 0,
      errors: m?.errors ?? 0,
      ms: m?.ms.length ? stats(m.ms) : null,
      serverMs: sv?.length ? stats(sv) : null,
      solo: {
        n: s?.ms.length ?? 0,
        errors: s?.errors ?? 0,
        ms: s?.ms.length ? stats(s.ms) : null,
        maxStallMs: Math.round((soloStall.get(op)?.ms ?? 0) * 10) / 10,
        maxStallNetMs: hasSched ? Math.round((soloStall.get(op)?.net ?? 0) * 10) / 10 : null,
      },
    };
  });
  const r1 = (x: number) => Math.round(x * 10) / 10;
  return {
    result,
    rows,
    stalls,
    eventLoop: {
      histogramMaxMs: r1(histogram.max / 1e6),
      histogramP99Ms: r1(histogram.percentile(99) / 1e6),
      histogramMeanMs: r1(histogram.mean / 1e6),
      tickerMaxStallMs: r1(Math.max(0, tickerMax)),
      tickerMaxStallNetMs: hasSched ? r1(tickerMaxNet) : null,
      stallsOver20: stallsSeen.length,
      stallsOver50: stallsSeen.filter((s) => s.ms > 50).length,
    },
  };
}

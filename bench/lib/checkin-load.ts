/**
 * The load generator of the check-in bench, in a worker thread (bench/lib/checkin.ts starts it) so
 * the main thread's event loop is the server's alone. Every member arrives with a session prepared
 * beforehand; `concurrency` of them scan at any moment (node:http, keep-alive) until all have
 * checked in. The token is read off the secretary's screen endpoint, as the projector shows it,
 * and read again every 10 s (it rotates every 30 s; the previous one stays valid).
 */
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

export interface CheckinLoadSpec {
  baseUrl: string;
  activityId: number;
  concurrency: number;
  secretary: { token: string; csrf: string };
  /** One more member, checked in before the timed run: the server answers its first check-in warm, as a running server does. */
  warmup: { token: string; csrf: string };
  members: { token: string; csrf: string }[];
}

export interface CheckinLoadResult {
  seconds: number;
  accepted: number;
  already: number;
  latenciesMs: number[];
  errors: { status: number; body: string }[];
}

const spec = workerData as CheckinLoadSpec;
const port = parentPort as NonNullable<typeof parentPort>;
const agent = new http.Agent({ keepAlive: true, maxSockets: spec.concurrency + 2 });

function send(session: { token: string; csrf: string }, method: string, path: string, body?: unknown) {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string> = { cookie: `zx_session=${session.token}`, 'x-csrf-token': session.csrf };
  if (payload !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = http.request(spec.baseUrl + path, { method, headers, agent }, (r) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => resolve({ status: r.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      r.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

let token = '';
async function readScreen() {
  const r = await send(spec.secretary, 'GET', `/api/v1/activities/${spec.activityId}/check-in`);
  if (r.status !== 200) throw new Error(`check-in screen: ${r.status} ${r.text.slice(0, 200)}`);
  const path = (JSON.parse(r.text) as { path: string | null }).path;
  if (!path) throw new Error('check-in is not open');
  token = decodeURIComponent(/[?&]t=([^&]+)/.exec(path)![1]);
}

async function main() {
  await readScreen();
  const warm = await send(spec.warmup, 'POST', `/api/v1/activities/${spec.activityId}/check-ins`, { token });
  if (warm.status !== 200) throw new Error(`warm-up check-in: ${warm.status} ${warm.text.slice(0, 200)}`);
  port.postMessage({ kind: 'ready' });
  await new Promise((r) => port.once('message', r));
  const screen = setInterval(() => void readScreen().catch(() => {}), 10_000);
  const latencies: number[] = [];
  const errors: CheckinLoadResult['errors'] = [];
  let accepted = 0;
  let already = 0;
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: spec.concurrency }, async () => {
      while (next < spec.members.length) {
        const m = spec.members[next++];
        const start = performance.now();
        const r = await send(m, 'POST', `/api/v1/activities/${spec.activityId}/check-ins`, { token });
        latencies.push(performance.now() - start);
        if (r.status === 200) {
          if ((JSON.parse(r.text) as { alreadyCheckedIn: boolean }).alreadyCheckedIn) already++;
          else accepted++;
        } else errors.push({ status: r.status, body: errors.length < 20 ? r.text.slice(0, 300) : '' });
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(screen);
  port.postMessage({ kind: 'done', result: { seconds, accepted, already, latenciesMs: latencies, errors } satisfies CheckinLoadResult });
}

main().catch((e) => port.postMessage({ kind: 'error', message: (e as Error).stack ?? String(e) }));

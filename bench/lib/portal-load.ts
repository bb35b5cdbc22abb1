/**
 * The load generator of the portal bench, in a worker thread (bench/lib/portal.ts starts it) so
 * the main thread's event loop is the server's alone: `readers` anonymous readers, each in a
 * loop, alternate GET /public/campaigns/{id} and GET /public/campaigns/{id}/posts (a page of the
 * first five) over keep-alive HTTP for `seconds`, reading each answer for `thinkMs` (± 50 %)
 * before the next — a person on a phone, not a tight loop. No cookies. With `conditional`, a
 * reader sends back the ETag it holds for a path (If-None-Match), as a browser does once the
 * 60 s of `max-age` are over; the first request of each path is always a full answer.
 * `thinkMs` 0 is the saturation run: every reader asks again the moment an answer arrives.
 */
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

export interface PortalLoadSpec {
  baseUrl: string;
  campaignId: number;
  readers: number;
  seconds: number;
  thinkMs: number;
  conditional: boolean;
}

export interface PortalLoadResult {
  seconds: number;
  latenciesMs: { campaign: number[]; posts: number[] };
  errors: { status: number; body: string }[];
  cacheControl: string | null;
  notModified: number;
}

const spec = workerData as PortalLoadSpec;
const port = parentPort as NonNullable<typeof parentPort>;
const agent = new http.Agent({ keepAlive: true, maxSockets: spec.readers });

function get(path: string, etag?: string): Promise<{ status: number; text: string; cacheControl: string | null; etag: string | null }> {
  return new Promise((resolve, reject) => {
    const headers = etag ? { 'if-none-match': etag } : undefined;
    const req = http.request(spec.baseUrl + path, { method: 'GET', agent, headers }, (r) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () =>
        resolve({
          status: r.statusCode ?? 0,
          text: Buffer.concat(chunks).toString('utf8'),
          cacheControl: (r.headers['cache-control'] as string) ?? null,
          etag: (r.headers.etag as string) ?? null,
        }),
      );
      r.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const now = () => Number(process.hrtime.bigint()) / 1e6;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

port.postMessage({ kind: 'ready' });
port.on('message', async () => {
  const result: PortalLoadResult = { seconds: 0, latenciesMs: { campaign: [], posts: [] }, errors: [], cacheControl: null, notModified: 0 };
  const start = now();
  const until = start + spec.seconds * 1000;
  const reader = async (i: number) => {
    let n = i;
    const held = new Map<string, string>();
    // Readers arrive spread over one think time, not all in the same millisecond.
    if (spec.thinkMs) await sleep(Math.random() * spec.thinkMs);
    while (now() < until) {
      const kind = n++ % 2 === 0 ? 'campaign' : 'posts';
      const path =
        kind === 'campaign'
          ? `/api/v1/public/campaigns/${spec.campaignId}`
          : `/api/v1/public/campaigns/${spec.campaignId}/posts?page=${1 + (n % 5)}&pageSize=10`;
      const t0 = now();
      try {
        const res = await get(path, spec.conditional ? held.get(path) : undefined);
        result.latenciesMs[kind].push(now() - t0);
        result.cacheControl ??= res.cacheControl;
        if (res.etag) held.set(path, res.etag);
        if (res.status === 304) result.notModified++;
        else if (res.status !== 200 && result.errors.length < 1000) result.errors.push({ status: res.status, body: res.text.slice(0, 200) });
      } catch (e) {
        if (result.errors.length < 1000) result.errors.push({ status: 0, body: String(e) });
      }
      if (spec.thinkMs) await sleep(spec.thinkMs * (0.5 + Math.random()));
    }
  };
  await Promise.all(Array.from({ length: spec.readers }, (_, i) => reader(i)));
  result.seconds = (now() - start) / 1000;
  agent.destroy();
  port.postMessage({ kind: 'done', result });
});

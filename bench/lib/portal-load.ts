/**
 * The load generator of the portal bench, in a worker thread (bench/lib/portal.ts starts it) so
 * the main thread's event loop is the server's alone: `readers` anonymous readers, each in a
 * loop with no think time, alternate GET /public/campaigns/{id} and GET /public/campaigns/{id}/posts
 * (a random page of the first five) over keep-alive HTTP for `seconds`. No cookies, no ETag:
 * every request is a full answer, the reader a browser that never met the portal.
 */
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

export interface PortalLoadSpec {
  baseUrl: string;
  campaignId: number;
  readers: number;
  seconds: number;
}

export interface PortalLoadResult {
  seconds: number;
  latenciesMs: { campaign: number[]; posts: number[] };
  errors: { status: number; body: string }[];
  cacheControl: string | null;
}

const spec = workerData as PortalLoadSpec;
const port = parentPort as NonNullable<typeof parentPort>;
const agent = new http.Agent({ keepAlive: true, maxSockets: spec.readers });

function get(path: string): Promise<{ status: number; text: string; cacheControl: string | null }> {
  return new Promise((resolve, reject) => {
    const req = http.request(spec.baseUrl + path, { method: 'GET', agent }, (r) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () =>
        resolve({ status: r.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), cacheControl: (r.headers['cache-control'] as string) ?? null }),
      );
      r.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const now = () => Number(process.hrtime.bigint()) / 1e6;

port.postMessage({ kind: 'ready' });
port.on('message', async () => {
  const result: PortalLoadResult = { seconds: 0, latenciesMs: { campaign: [], posts: [] }, errors: [], cacheControl: null };
  const start = now();
  const until = start + spec.seconds * 1000;
  const reader = async (i: number) => {
    let n = i;
    while (now() < until) {
      const kind = n++ % 2 === 0 ? 'campaign' : 'posts';
      const path =
        kind === 'campaign'
          ? `/api/v1/public/campaigns/${spec.campaignId}`
          : `/api/v1/public/campaigns/${spec.campaignId}/posts?page=${1 + (n % 5)}&pageSize=10`;
      const t0 = now();
      try {
        const res = await get(path);
        result.latenciesMs[kind].push(now() - t0);
        result.cacheControl ??= res.cacheControl;
        if (res.status !== 200 && result.errors.length < 1000) result.errors.push({ status: res.status, body: res.text.slice(0, 200) });
      } catch (e) {
        if (result.errors.length < 1000) result.errors.push({ status: 0, body: String(e) });
      }
    }
  };
  await Promise.all(Array.from({ length: spec.readers }, (_, i) => reader(i)));
  result.seconds = (now() - start) / 1000;
  agent.destroy();
  port.postMessage({ kind: 'done', result });
});

/**
 * The load generator of the ballot bench, in a worker thread (bench/lib/ballots.ts starts it) so
 * the main thread's event loop is the server's alone. Each of `voters` virtual voters logs in
 * with its own account (its own session cookie), then casts its ballot in every session of
 * `sessionIds`, one after the other with no think time, over real HTTP (node:http,
 * keep-alive): `voters` casts are in flight at any moment. Then each voter casts once more in the
 * first session (a repeat, which must be refused with 409 and write nothing).
 */
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

export interface BallotLoadSpec {
  baseUrl: string;
  password: string;
  voters: { login: string }[];
  sessions: { id: number; subjectIds: number[] }[];
  /** Sessions cast in first, untimed, so that the timed phase meets a warm server (JIT, prepared statements). */
  warmup: { id: number; subjectIds: number[] }[];
  options: string[];
}

export interface BallotLoadResult {
  seconds: number;
  accepted: number;
  latenciesMs: number[];
  errors: { status: number; body: string }[];
  repeats: { refused: number; accepted: number; other: number };
  warmupAccepted: number;
  warmupSeconds: number;
  warmupLatenciesMs: number[];
}

const spec = workerData as BallotLoadSpec;
const port = parentPort as NonNullable<typeof parentPort>;
// node:http with keep-alive rather than fetch: the generator shares the machine with the server, and
// fetch costs about as much CPU per request as the server's whole cast (measured), which the server would pay for.
const agent = new http.Agent({ keepAlive: true });

class Voter {
  private cookies = new Map<string, string>();
  constructor(readonly login: string) {}

  async send(method: string, path: string, body?: unknown) {
    const headers: Record<string, string> = {};
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (method !== 'GET' && this.cookies.get('zx_csrf')) headers['x-csrf-token'] = this.cookies.get('zx_csrf')!;
    const payload = body === undefined ? undefined : JSON.stringify(body);
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(payload));
    }
    const res = await new Promise<{ status: number; setCookies: string[]; text: string }>((resolve, reject) => {
      const req = http.request(spec.baseUrl + path, { method, headers, agent }, (r) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => resolve({ status: r.statusCode ?? 0, setCookies: r.headers['set-cookie'] ?? [], text: Buffer.concat(chunks).toString('utf8') }));
        r.on('error', reject);
      });
      req.on('error', reject);
      req.end(payload);
    });
    for (const c of res.setCookies) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      if (value === '' || /max-age=0/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: res.status, text: res.text };
  }

  async signIn() {
    await this.send('GET', '/api/v1/auth/csrf');
    const r = await this.send('POST', '/api/v1/auth/login', { login: this.login, password: spec.password });
    if (r.status !== 200) throw new Error(`voter ${this.login}: login ${r.status} ${r.text.slice(0, 200)}`);
  }
}

const ballotFor = (s: { subjectIds: number[] }, v: number) => ({
  answers: Object.fromEntries(s.subjectIds.map((id, k) => [id, spec.options[(v + k) % spec.options.length]])),
});

async function main() {
  const voters = spec.voters.map((v) => new Voter(v.login));
  for (let i = 0; i < voters.length; i += 10) await Promise.all(voters.slice(i, i + 10).map((v) => v.signIn()));
  port.postMessage({ kind: 'ready' });
  await new Promise((r) => port.once('message', r));

  const latencies: number[] = [];
  const errors: BallotLoadResult['errors'] = [];
  let warmupAccepted = 0;
  const warmupLatenciesMs: number[] = [];
  const w0 = performance.now();
  await Promise.all(
    voters.map(async (voter, v) => {
      for (const s of spec.warmup) {
        const start = performance.now();
        const r = await voter.send('POST', `/api/v1/votes/sessions/${s.id}/ballot`, ballotFor(s, v));
        warmupLatenciesMs.push(performance.now() - start);
        if (r.status === 200) warmupAccepted++;
        else errors.push({ status: r.status, body: r.text.slice(0, 300) });
      }
    }),
  );
  const warmupSeconds = (performance.now() - w0) / 1000;
  let accepted = 0;
  const t0 = performance.now();
  await Promise.all(
    voters.map(async (voter, v) => {
      for (const s of spec.sessions) {
        const start = performance.now();
        const r = await voter.send('POST', `/api/v1/votes/sessions/${s.id}/ballot`, ballotFor(s, v));
        latencies.push(performance.now() - start);
        if (r.status === 200) accepted++;
        else if (errors.length < 20) errors.push({ status: r.status, body: r.text.slice(0, 300) });
        else errors.push({ status: r.status, body: '' });
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const repeats = { refused: 0, accepted: 0, other: 0 };
  await Promise.all(
    voters.map(async (voter, v) => {
      const r = await voter.send('POST', `/api/v1/votes/sessions/${spec.sessions[0].id}/ballot`, ballotFor(spec.sessions[0], v + 1));
      if (r.status === 409) repeats.refused++;
      else if (r.status === 200) repeats.accepted++;
      else repeats.other++;
    }),
  );
  port.postMessage({
    kind: 'done',
    result: { seconds, accepted, latenciesMs: latencies, errors, repeats, warmupAccepted, warmupSeconds, warmupLatenciesMs } satisfies BallotLoadResult,
  });
}

main().catch((e) => port.postMessage({ kind: 'error', message: (e as Error).stack ?? String(e) }));

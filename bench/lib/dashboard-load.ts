/**
 * The load generator of the dashboard bench, run in a worker thread (bench/lib/dashboard.ts
 * starts it) so that the main thread's event loop is the server's alone and its stalls can be
 * measured. It talks to the app over real HTTP (global fetch, keep-alive) as `vus` virtual users,
 * each with its own session of a city org_admin, back to back (no think time):
 *
 *   50 % GET  /campaigns/:id/dashboard   (city, a random district or a random committee, ⅓ each)
 *   15 % GET  /campaigns/:id/units?taskKey=K&status=pending|overdue&page=P   (city or a district)
 *   15 % POST /activities                 (a random branch, a few of its members attending)
 *   10 % DELETE /activities/:id           (one this user created during the load; a create if none yet)
 *   10 % GET  /activities?campaignId=&orgId=<district>&subtree=1&page=P
 *
 * Then a "solo" pass: each request type alone, one user, `soloReps` times, announced to the main
 * thread first so that it can tell which type a stall belongs to.
 *
 * Every request carries an `x-bench-op` header naming its type (the server ignores it; the main
 * thread's request log reads it). Depends on nothing but Node: it must load fast in a worker.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { rng } from '../../packages/server/src/demo/generator.ts';

export const OPS = [
  'dashboard:city',
  'dashboard:district',
  'dashboard:committee',
  'units:city',
  'units:district',
  'activity:create',
  'activity:delete',
  'activities:district',
] as const;
export type Op = (typeof OPS)[number];

export interface LoadSpec {
  baseUrl: string;
  login: string;
  password: string;
  campaignId: number;
  cityId: number;
  districtIds: number[];
  committeeIds: number[];
  /** A sample of branches with some of their active members (attendees of new activities). */
  branches: { id: number; members: number[] }[];
  /** Tasks for the units list, each with the status that lists its not-done units today. */
  unitTasks: { key: string; status: 'pending' | 'overdue' }[];
  activityTypes: string[];
  forms: string[];
  /** heldOn of new activities: a day in [first, last] (inside the campaign, not in the future). */
  dates: { first: string; last: string };
  seconds: number;
  vus: number;
  seed: number;
  soloReps: number;
}

/** Main thread → worker. */
export type ToWorker = { kind: 'go' } | { kind: 'ack' };
/** Worker → main thread. */
export type FromWorker =
  | { kind: 'ready'; logins: number }
  | { kind: 'solo'; op: Op | null }
  | { kind: 'done'; result: LoadResult }
  | { kind: 'error'; message: string };

export interface OpSamples {
  ms: number[];
  errors: number;
}

export interface LoadResult {
  seconds: number;
  mixed: Record<string, OpSamples>;
  solo: Record<string, OpSamples>;
  errorSamples: { op: Op; phase: 'mixed' | 'solo'; status: number; body: string }[];
  slowest: { op: Op; ms: number; atS: number; url: string; status: number }[];
  created: number;
  deleted: number;
}

const spec = workerData as LoadSpec;
const port = parentPort as NonNullable<typeof parentPort>;

/** Waits for the main thread's next message. */
const nextMessage = () => new Promise<ToWorker>((resolve) => port.once('message', resolve));
const send = (m: FromWorker) => port.postMessage(m);

const DAY = 86_400_000;
const days = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

class Vu {
  private cookies = new Map<string, string>();
  readonly created: number[] = [];
  readonly rand: () => number;
  constructor(readonly n: number) {
    this.rand = rng(spec.seed * 1000 + n);
  }

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async raw(method: string, path: string, op: Op | 'login', body?: unknown): Promise<{ status: number; text: string }> {
    const headers: Record<string, string> = { 'x-bench-op': op };
    if (this.cookies.size) headers.cookie = this.cookieHeader();
    if (method !== 'GET' && this.cookies.get('zx_csrf')) headers['x-csrf-token'] = this.cookies.get('zx_csrf')!;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(spec.baseUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      if (value === '' || /max-age=0|expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: res.status, text: await res.text() };
  }

  async login() {
    await this.raw('GET', '/api/v1/auth/csrf', 'login');
    const r = await this.raw('POST', '/api/v1/auth/login', 'login', { login: spec.login, password: spec.password });
    if (r.status !== 200) throw new Error(`virtual user ${this.n}: login failed with ${r.status}: ${r.text.slice(0, 300)}`);
  }

  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rand() * xs.length)];
  }
}

let phase: 'mixed' | 'solo' = 'mixed';
let t0 = 0;
const samples = { mixed: {} as Record<string, OpSamples>, solo: {} as Record<string, OpSamples> };
const errorSamples: LoadResult['errorSamples'] = [];
const slowest: LoadResult['slowest'] = [];
let created = 0;
let deleted = 0;

function record(op: Op, ms: number, status: number, url: string, text: string) {
  const s = (samples[phase][op] ??= { ms: [], errors: 0 });
  s.ms.push(ms);
  if (status < 200 || status > 299) {
    s.errors++;
    if (errorSamples.length < 20) errorSamples.push({ op, phase, status, body: text.slice(0, 400) });
  }
  if (phase === 'mixed' && (slowest.length < 20 || ms > slowest[slowest.length - 1].ms)) {
    slowest.push({ op, ms: Math.round(ms * 10) / 10, atS: Math.round((performance.now() - t0) / 100) / 10, url, status });
    slowest.sort((a, b) => b.ms - a.ms);
    if (slowest.length > 20) slowest.pop();
  }
}

async function timed(vu: Vu, op: Op, method: string, url: string, body?: unknown): Promise<{ status: number; text: string }> {
  const start = performance.now();
  let r: { status: number; text: string };
  try {
    r = await vu.raw(method, url, op, body);
  } catch (e) {
    r = { status: 0, text: `network error: ${(e as Error).message}` };
  }
  record(op, performance.now() - start, r.status, url, r.text);
  return r;
}

const c = () => spec.campaignId;

/** One request of type `op`; a delete with nothing to delete becomes a create. */
async function perform(vu: Vu, op: Op): Promise<void> {
  switch (op) {
    case 'dashboard:city':
      await timed(vu, op, 'GET', `/api/v1/campaigns/${c()}/dashboard?orgId=${spec.cityId}`);
      return;
    case 'dashboard:district':
      await timed(vu, op, 'GET', `/api/v1/campaigns/${c()}/dashboard?orgId=${vu.pick(spec.districtIds)}`);
      return;
    case 'dashboard:committee':
      await timed(vu, op, 'GET', `/api/v1/campaigns/${c()}/dashboard?orgId=${vu.pick(spec.committeeIds)}`);
      return;
    case 'units:city':
    case 'units:district': {
      const t = vu.pick(spec.unitTasks);
      const org = op === 'units:city' ? '' : `&orgId=${vu.pick(spec.districtIds)}`;
      await timed(vu, op, 'GET', `/api/v1/campaigns/${c()}/units?taskKey=${t.key}&status=${t.status}&page=${1 + Math.floor(vu.rand() * 3)}&pageSize=20${org}`);
      return;
    }
    case 'activities:district':
      await timed(
        vu,
        op,
        'GET',
        `/api/v1/activities?campaignId=${c()}&orgId=${vu.pick(spec.districtIds)}&subtree=1&page=${1 + Math.floor(vu.rand() * 3)}&pageSize=20`,
      );
      return;
    case 'activity:delete': {
      if (vu.created.length) {
        const id = vu.created.splice(Math.floor(vu.rand() * vu.created.length), 1)[0];
        const r = await timed(vu, op, 'DELETE', `/api/v1/activities/${id}`);
        if (r.status >= 200 && r.status < 300) deleted++;
        return;
      }
      await perform(vu, 'activity:create');
      return;
    }
    case 'activity:create': {
      const b = vu.pick(spec.branches);
      const type = vu.pick(spec.activityTypes);
      const attendees = new Set<number>();
      const want = Math.min(b.members.length, Math.floor(vu.rand() * 9));
      while (attendees.size < want) attendees.add(vu.pick(b.members));
      const body = {
        campaignId: c(),
        orgId: b.id,
        type,
        form: type === 'party_education' ? vu.pick(spec.forms) : null,
        title: `压测活动 ${type} ${vu.n}-${Math.floor(vu.rand() * 1e6)}`,
        heldOn: addDays(spec.dates.first, Math.floor(vu.rand() * (days(spec.dates.first, spec.dates.last) + 1))),
        place: '团员活动室',
        summary: '负载测试记录的活动：组织团员学习讨论，交流体会。',
        minutes: type === 'symposium' ? '座谈记录：与会团员逐一发言。' : null,
        taskKeys: [],
        photoIds: [],
        attendeeIds: [...attendees],
      };
      const r = await timed(vu, 'activity:create', 'POST', '/api/v1/activities', body);
      if (r.status === 201) {
        created++;
        vu.created.push(JSON.parse(r.text).id);
      }
      return;
    }
  }
}

/** The mix: cumulative weights in percent. */
const MIX: [Op, number][] = [
  ['dashboard:city', 50 / 3],
  ['dashboard:district', 50 / 3],
  ['dashboard:committee', 50 / 3],
  ['units:city', 7.5],
  ['units:district', 7.5],
  ['activity:create', 15],
  ['activity:delete', 10],
  ['activities:district', 10],
];
function chooseOp(r: number): Op {
  let acc = 0;
  for (const [op, w] of MIX) {
    acc += w / 100;
    if (r < acc) return op;
  }
  return MIX[MIX.length - 1][0];
}

async function main() {
  const vus = Array.from({ length: spec.vus }, (_, i) => new Vu(i + 1));
  for (const vu of vus) await vu.login();
  send({ kind: 'ready', logins: vus.length });
  if ((await nextMessage()).kind !== 'go') throw new Error('expected go');

  t0 = performance.now();
  const until = t0 + spec.seconds * 1000;
  await Promise.all(
    vus.map(async (vu) => {
      while (performance.now() < until) await perform(vu, chooseOp(vu.rand()));
    }),
  );
  const seconds = (performance.now() - t0) / 1000;

  // Solo: each type alone, announced first so that the main thread attributes stalls to it.
  phase = 'solo';
  const vu = vus[0];
  vu.created.length = 0;
  for (const op of OPS) {
    send({ kind: 'solo', op });
    await nextMessage();
    for (let i = 0; i < spec.soloReps; i++) await perform(vu, op);
  }
  send({ kind: 'solo', op: null });
  await nextMessage();

  send({ kind: 'done', result: { seconds, mixed: samples.mixed, solo: samples.solo, errorSamples, slowest, created, deleted } });
}

// Only in the worker: bench/lib/dashboard.ts imports this module's types and OPS.
if (parentPort && workerData?.baseUrl) main().catch((e) => send({ kind: 'error', message: (e as Error).stack ?? String(e) }));

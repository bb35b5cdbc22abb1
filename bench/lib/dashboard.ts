/**
 * The dashboard bench (issue 3): on a seeded city,
 *
 *  1. launch a campaign at the city root from the built-in template (through the API), bulk-load
 *     --activities activities with attendance over the branches and approved plans for ~30 % of
 *     them, and bring the roll-up rows (campaign_stat) up to date with the app's own
 *     `refreshUnits`, timed; the city's figures must equal a recount;
 *  2. time GET /api/v1/campaigns/:id/dashboard for the city root, a district and a branch through
 *     app.inject (20 warm-up + --reps timed requests each); target: city p95 ≤ 20 ms;
 *  3. a mixed load of --load-seconds over real HTTP from a worker thread (./dashboard-load.ts)
 *     while the server's event loop is watched (monitorEventLoopDelay and a 10 ms ticker);
 *     target: no stall over 50 ms, no non-2xx answer; then each request type alone ("solo") to
 *     tell which one stalls; the city's activity figure must still equal count(*).
 */
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { ACTIVITY_TYPES, PARTY_EDUCATION_FORMS, SHUANG_ZHENG_XIAN_TEMPLATE, isoToday, type PhaseDates } from '@zx/domain';
import { buildApp, type App } from '../../packages/server/src/app.ts';
import type { AppContext } from '../../packages/server/src/context.ts';
import { loadFieldKey, type Config } from '../../packages/server/src/config.ts';
import { METRIC } from '../../packages/server/src/campaigns/rollup.ts';
import { pathInSubtree } from '../../packages/server/src/access/paths.ts';
import { rng, type CitySummary } from '../../packages/server/src/demo/generator.ts';
import { loadActivities, loadPlans, refreshAll, yearPhases } from '../../packages/server/src/demo/campaign-activity.ts';
import { TestClient } from '../../packages/server/test/client.ts';
import { createUser, TEST_PASSWORD } from '../../packages/server/test/factories.ts';
import type { Target } from './city.ts';
import { OPS, type FromWorker, type LoadResult, type LoadSpec, type Op } from './dashboard-load.ts';
import { fmtInt, fmtMs, fmtS, nowMs, stats, table, type Stats } from './util.ts';

export const DASHBOARD_TARGETS = { cityP95Ms: 20, maxStallMs: 50 } as const;

export interface DashboardOptions {
  activities: number;
  reps: number;
  loadSeconds: number;
  vus: number;
  seed: number;
  soloReps: number;
  log: (line: string) => void;
  fail: (msg: string) => void;
}

interface Check {
  label: string;
  rollup: number;
  recount: number;
  ok: boolean;
}

export interface LatencyResult {
  label: string;
  id: number;
  name: string;
  orgsInSubtree: number;
  children: number;
  bytes: number;
  ms: Stats;
}

export interface LoadRow {
  op: Op;
  n: number;
  errors: number;
  ms: Stats | null;
  /** Server side (request in → response closed), for comparison with the client's view. */
  serverMs: Stats | null;
  solo: { n: number; errors: number; ms: Stats | null; maxStallMs: number; maxStallNetMs: number | null };
}

export interface Stall {
  atS: number;
  ms: number;
  /** Of the ticker's interval: the main thread on a CPU, and runnable but waiting for one (the machine was busy). */
  cpuMs: number | null;
  runQueueMs: number | null;
  /** Requests the server had in hand during the stall, by type. */
  inFlight: Record<string, number>;
}

export interface DashboardResult {
  campaignId: number;
  phases: PhaseDates[];
  today: string;
  prep: {
    activities: number;
    attendance: number;
    insertSeconds: number;
    activityOrgs: number;
    refreshSeconds: number;
    refreshChunk: number;
    plans: number;
    planInsertSeconds: number;
    planRefreshSeconds: number;
    analyzeSeconds: number;
  };
  checks: Check[];
  latency: LatencyResult[];
  load: {
    seconds: number;
    vus: number;
    requests: number;
    errors: number;
    rows: LoadRow[];
    eventLoop: {
      histogramMaxMs: number;
      histogramP99Ms: number;
      histogramMeanMs: number;
      tickerMaxStallMs: number;
      stallsOver20: number;
      stallsOver50: number;
      /** The longest stall less the time the thread sat runnable waiting for a CPU (/proc/thread-self/schedstat); null off Linux. */
      tickerMaxStallNetMs: number | null;
    };
    stalls: Stall[];
    slowest: LoadResult['slowest'];
    errorSamples: LoadResult['errorSamples'];
    created: number;
    deleted: number;
    afterChecks: Check[];
  } | null;
  ok: boolean;
}

const count = async (q: Promise<{ n: number | string | bigint } | undefined>) => Number((await q)?.n ?? 0);

async function rollupOf(ctx: AppContext, campaignId: number, orgId: number, metric: string): Promise<number> {
  const r = await ctx.db
    .selectFrom('campaign_stat')
    .select('subtree')
    .where('campaign_id', '=', campaignId)
    .where('org_id', '=', orgId)
    .where('metric', '=', metric)
    .executeTakeFirst();
  return Number(r?.subtree ?? 0);
}

/** The city's roll-up figures against recounts from the rows themselves. */
async function checkFigures(ctx: AppContext, campaignId: number, rootId: number, expectedActivities?: number): Promise<Check[]> {
  const db = ctx.db;
  const activities = await count(
    db
      .selectFrom('activity')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('campaign_id', '=', campaignId)
      .executeTakeFirst(),
  );
  const participants = await count(
    db
      .selectFrom('activity_attendance as aa')
      .innerJoin('activity as a', 'a.id', 'aa.activity_id')
      .innerJoin('member as m', 'm.id', 'aa.member_id')
      .select((eb) => eb.fn.count(sql`distinct aa.member_id`).as('n'))
      .where('a.campaign_id', '=', campaignId)
      .where('m.status', '=', 'active')
      .executeTakeFirst(),
  );
  const plans = await count(
    db
      .selectFrom('unit_plan')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('campaign_id', '=', campaignId)
      .where('status', '=', 'approved')
      .executeTakeFirst(),
  );
  const out: Check[] = [];
  const add = (label: string, rollup: number, recount: number) => out.push({ label, rollup, recount, ok: rollup === recount });
  add('activities', await rollupOf(ctx, campaignId, rootId, METRIC.activities), activities);
  if (expectedActivities !== undefined) add('activities (seeded + created − deleted)', activities, expectedActivities);
  add('participants', await rollupOf(ctx, campaignId, rootId, METRIC.participants), participants);
  add('plans approved', await rollupOf(ctx, campaignId, rootId, METRIC.planApproved), plans);
  return out;
}

/** 20 warm-up + `reps` timed GETs of one dashboard through app.inject (the body is not parsed). */
async function timeDashboard(app: App, cookie: string, url: string, reps: number, warmup = 20): Promise<{ ms: Stats; bytes: number; body: any }> {
  const get = () => app.inject({ method: 'GET', url, headers: { cookie }, remoteAddress: '127.0.0.1' });
  let last = await get();
  if (last.statusCode !== 200) throw new Error(`GET ${url}: ${last.statusCode} ${last.body.slice(0, 300)}`);
  for (let i = 1; i < warmup; i++) await get();
  const samples: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = nowMs();
    last = await get();
    samples.push(nowMs() - t);
    if (last.statusCode !== 200) throw new Error(`GET ${url}: ${last.statusCode} ${last.body.slice(0, 300)}`);
  }
  return { ms: stats(samples), bytes: last.rawPayload.length, body: last.json() };
}

/** Starts ./dashboard-load.ts in a worker thread (through tsx's loader, as the bench runs under tsx). */
function startWorker(spec: LoadSpec): Worker {
  const file = new URL('./dashboard-load.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(file)}); })`;
  return new Worker(boot, { eval: true, workerData: spec });
}

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

async function mixedLoad(app: App, spec: Omit<LoadSpec, 'baseUrl'>, log: (l: string) => void) {
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

export async function runDashboardBench(target: Target, city: CitySummary, opts: DashboardOptions): Promise<DashboardResult> {
  const { log, fail } = opts;
  const config: Config = {
    port: 0,
    host: '127.0.0.1',
    dataDir: target.dataDir,
    databaseUrl: target.databaseUrl,
    databaseSchema: target.schema,
    fieldKey: loadFieldKey(target.dataDir),
    webDist: null,
    demo: false,
    secureCookies: false,
    logLevel: 'warn',
    runJobs: false,
  };
  const { app, ctx } = await buildApp({ config, logger: false });
  try {
    const dialect = ctx.dialect;
    const root = await ctx.db.selectFrom('organization').select(['id', 'path', 'name', 'code']).where('id', '=', city.rootId).executeTakeFirstOrThrow();
    const user = await createUser(ctx, [{ role: 'org_admin', org: root }]);
    const client = new TestClient(app);
    const login = await client.login(user.username);
    if (login.status !== 200) throw new Error(`login failed: ${login.status} ${JSON.stringify(login.body)}`);

    // ── 1. campaign, activities, plans, roll-ups ──
    const today = isoToday();
    const phases = yearPhases(today);
    const templates = await client.get('/api/v1/templates');
    const template = (templates.body as { id: number; key: string }[]).find((t) => t.key === SHUANG_ZHENG_XIAN_TEMPLATE.key);
    if (!template) throw new Error(`no built-in template "${SHUANG_ZHENG_XIAN_TEMPLATE.key}" (GET /api/v1/templates: ${templates.status})`);
    const created = await client.post('/api/v1/campaigns', {
      templateId: template.id,
      orgId: root.id,
      name: `${today.slice(0, 4)}年“双争先”主题实践活动`,
      phases,
    });
    if (created.status !== 201) throw new Error(`POST /api/v1/campaigns: ${created.status} ${JSON.stringify(created.body)}`);
    const campaignId: number = created.body.id;
    log(
      `campaign #${campaignId} at the city root (${phases[0].startsOn} … ${phases[phases.length - 1].endsOn}, ${created.body.status}, phase ${created.body.currentPhase})`,
    );

    log(`activities: ${fmtInt(opts.activities)} over the branches, 0–15 attendees each, batches of 2,000 per transaction`);
    let nextPct = 25;
    const acts = await loadActivities(ctx, city.branchIds, campaignId, user.id, phases, today, {
      count: opts.activities,
      seed: opts.seed,
      onProgress: (done, attendance, seconds) => {
        if (done >= (nextPct / 100) * opts.activities) {
          nextPct += 25;
          log(`  activities ${fmtInt(done)}/${fmtInt(opts.activities)} (${fmtInt(attendance)} attendance rows) ${fmtS(seconds)} s`);
        }
      },
    });
    log(`  inserted in ${fmtS(acts.insertSeconds)} s (${fmtInt(Math.round(opts.activities / acts.insertSeconds))}/s)`);
    const CHUNK = 200;
    log(`roll-up: refreshUnits for ${fmtInt(acts.orgs.length)} organizations with activities, ${CHUNK} per transaction`);
    const progress = (label: string, total: number) => (done: number, seconds: number) => {
      if (done % (CHUNK * 25) === 0 && done < total) log(`  ${label}: ${fmtInt(done)}/${fmtInt(total)} organizations ${fmtS(seconds)} s`);
    };
    const refreshSeconds = await refreshAll(ctx, campaignId, acts.orgs, CHUNK, progress('refresh', acts.orgs.length));
    log(`  done in ${fmtS(refreshSeconds)} s (${fmtInt(Math.round(acts.orgs.length / refreshSeconds))} organizations/s)`);
    const tPlans = nowMs();
    const planOrgs = await loadPlans(ctx, campaignId, acts.branches, user.id, { seed: opts.seed, share: 0.3, status: 'approved' });
    const plans = { orgs: planOrgs, seconds: (nowMs() - tPlans) / 1000 };
    const planRefreshSeconds = await refreshAll(ctx, campaignId, plans.orgs, CHUNK, progress('plan refresh', plans.orgs.length));
    log(
      `plans: ${fmtInt(plans.orgs.length)} approved (${Math.round((plans.orgs.length / acts.branches.length) * 100)} % of the branches) written in ${fmtS(plans.seconds)} s, refreshed in ${fmtS(planRefreshSeconds)} s`,
    );
    const tA = nowMs();
    if (dialect === 'postgres') {
      for (const t of ['activity', 'activity_attendance', 'campaign_stat', 'unit_plan', 'unit_plan_version'])
        await sql`vacuum analyze ${sql.table(t)}`.execute(ctx.db);
    } else await sql`pragma wal_checkpoint(TRUNCATE)`.execute(ctx.db);
    const analyzeSeconds = (nowMs() - tA) / 1000;

    const checks = await checkFigures(ctx, campaignId, root.id);
    for (const c of checks) if (!c.ok) fail(`${dialect} dashboard: the city's "${c.label}" roll-up ${c.rollup} != recount ${c.recount}`);
    log(`checks: ${checks.map((c) => `${c.label} ${fmtInt(c.rollup)}${c.ok ? ' = ' : ' ≠ '}${fmtInt(c.recount)}`).join(', ')}`);

    const result: DashboardResult = {
      campaignId,
      phases,
      today,
      prep: {
        activities: opts.activities,
        attendance: acts.attendance,
        insertSeconds: acts.insertSeconds,
        activityOrgs: acts.orgs.length,
        refreshSeconds,
        refreshChunk: CHUNK,
        plans: plans.orgs.length,
        planInsertSeconds: plans.seconds,
        planRefreshSeconds,
        analyzeSeconds,
      },
      checks,
      latency: [],
      load: null,
      ok: checks.every((c) => c.ok),
    };

    // ── 2. dashboard latency through app.inject ──
    const cookie = `zx_session=${client.cookie('zx_session')}`;
    const targets = [
      { label: 'city root', id: city.rootId },
      { label: 'district', id: city.districtIds[0] },
      { label: 'branch', id: city.branchIds[0] },
    ];
    log(`dashboard latency: GET /api/v1/campaigns/${campaignId}/dashboard, 20 warm-up + ${opts.reps} timed per organization (app.inject)`);
    let cityBody: any = null;
    for (const t of targets) {
      const org = await ctx.db.selectFrom('organization').select(['name', 'path']).where('id', '=', t.id).executeTakeFirstOrThrow();
      const orgsInSubtree = Number(
        (
          await ctx.db
            .selectFrom('organization')
            .select((eb) => eb.fn.countAll().as('n'))
            .where(pathInSubtree('path', org.path))
            .executeTakeFirstOrThrow()
        ).n,
      );
      const r = await timeDashboard(app, cookie, `/api/v1/campaigns/${campaignId}/dashboard?orgId=${t.id}`, opts.reps);
      if (t.id === city.rootId) cityBody = r.body;
      result.latency.push({ label: t.label, id: t.id, name: org.name, orgsInSubtree, children: r.body.children.length, bytes: r.bytes, ms: r.ms });
      log(
        `  ${t.label.padEnd(9)} #${t.id} (${fmtInt(orgsInSubtree)} orgs, ${r.body.children.length} children, ${(r.bytes / 1024).toFixed(1)} KB): p50 ${fmtMs(r.ms.p50)} ms p95 ${fmtMs(r.ms.p95)} ms p99 ${fmtMs(r.ms.p99)} ms`,
      );
    }
    const cityLatency = result.latency[0];
    if (cityLatency.ms.p95 > DASHBOARD_TARGETS.cityP95Ms) {
      result.ok = false;
      fail(`${dialect} dashboard: city p95 ${fmtMs(cityLatency.ms.p95)} ms is over the ${DASHBOARD_TARGETS.cityP95Ms} ms target`);
    }
    if (cityBody.activities.total !== opts.activities) {
      result.ok = false;
      fail(`${dialect} dashboard: the city dashboard shows ${cityBody.activities.total} activities, ${opts.activities} were recorded`);
    }

    // ── 3. mixed load over HTTP ──
    const rand = rng(opts.seed + 2);
    const sample = acts.branches
      .filter(() => rand() < Math.min(1, 600 / acts.branches.length))
      .map((id) => ({ id, members: acts.byOrg.get(id)!.slice(0, 40) }));
    acts.byOrg.clear();
    const unitTasks = (cityBody.tasks as { key: string; dueOn: string | null }[]).map((t) => ({
      key: t.key,
      status: (t.dueOn && today > t.dueOn ? 'overdue' : 'pending') as 'pending' | 'overdue',
    }));
    log(`mixed load: ${opts.vus} virtual users over HTTP (worker thread), ${opts.loadSeconds} s`);
    const load = await mixedLoad(
      app,
      {
        login: user.username,
        password: TEST_PASSWORD,
        campaignId,
        cityId: city.rootId,
        districtIds: city.districtIds,
        committeeIds: city.committeeIds,
        branches: sample,
        unitTasks,
        activityTypes: ACTIVITY_TYPES.map((t) => t.code),
        forms: PARTY_EDUCATION_FORMS.map((f) => f.code),
        dates: { first: phases[0].startsOn, last: today < phases[phases.length - 1].endsOn ? today : phases[phases.length - 1].endsOn },
        seconds: opts.loadSeconds,
        vus: opts.vus,
        seed: opts.seed,
        soloReps: opts.soloReps,
      },
      log,
    );
    const lr = load.result;
    const requests = load.rows.reduce((n, r) => n + r.n, 0);
    const errors = load.rows.reduce((n, r) => n + r.errors + r.solo.errors, 0);

    // After the load: the figures still equal the rows.
    const afterChecks = await checkFigures(ctx, campaignId, root.id, opts.activities + lr.created - lr.deleted);
    result.load = {
      seconds: lr.seconds,
      vus: opts.vus,
      requests,
      errors,
      rows: load.rows,
      eventLoop: load.eventLoop,
      stalls: load.stalls,
      slowest: lr.slowest,
      errorSamples: lr.errorSamples,
      created: lr.created,
      deleted: lr.deleted,
      afterChecks,
    };
    const el = load.eventLoop;
    log(
      `  ${fmtInt(requests)} requests in ${fmtS(lr.seconds)} s (${fmtInt(Math.round(requests / lr.seconds))}/s), ${errors} errors; ${lr.created} activities created, ${lr.deleted} deleted`,
    );
    log(
      `  event loop: monitorEventLoopDelay max ${fmtMs(el.histogramMaxMs)} ms, p99 ${fmtMs(el.histogramP99Ms)} ms; ticker longest stall ${fmtMs(el.tickerMaxStallMs)} ms (${el.stallsOver20} over 20 ms, ${el.stallsOver50} over 50 ms)${el.tickerMaxStallNetMs === null ? '' : `, ${fmtMs(el.tickerMaxStallNetMs)} ms net of waiting for a CPU`}`,
    );
    log(`  after the load: ${afterChecks.map((c) => `${c.label} ${fmtInt(c.rollup)}${c.ok ? ' = ' : ' ≠ '}${fmtInt(c.recount)}`).join(', ')}`);

    if (errors) {
      result.ok = false;
      const by = load.rows
        .filter((r) => r.errors + r.solo.errors)
        .map((r) => `${r.op} ×${r.errors + r.solo.errors}`)
        .join(', ');
      fail(
        `${dialect} mixed load: ${errors} non-2xx answers (${by}); e.g. ${lr.errorSamples
          .slice(0, 3)
          .map((e) => `${e.op} → ${e.status} ${e.body.slice(0, 160)}`)
          .join(' | ')}`,
      );
    }
    const longest = Math.max(el.tickerMaxStallMs, el.histogramMaxMs);
    if (longest > DASHBOARD_TARGETS.maxStallMs) {
      result.ok = false;
      const worst = load.stalls
        .filter((s) => s.ms > DASHBOARD_TARGETS.maxStallMs)
        .slice(0, 5)
        .map(
          (s) =>
            `${describeStall(s)} at ${s.atS} s with ${
              Object.entries(s.inFlight)
                .map(([op, n]) => `${op}×${n}`)
                .join(' ') || 'no request'
            } in flight`,
        )
        .join('; ');
      const solo = load.rows
        .filter((r) => r.solo.maxStallMs > DASHBOARD_TARGETS.maxStallMs)
        .map((r) => `${r.op} ${fmtMs(r.solo.maxStallMs)} ms${r.solo.maxStallNetMs === null ? '' : ` (${fmtMs(r.solo.maxStallNetMs)} net)`}`)
        .join(', ');
      fail(
        `${dialect} mixed load: the event loop stalled for ${fmtMs(longest)} ms (target ≤ ${DASHBOARD_TARGETS.maxStallMs} ms): ${worst || 'histogram only'}; alone, these stall over ${DASHBOARD_TARGETS.maxStallMs} ms: ${solo || 'none'}`,
      );
    }
    for (const c of afterChecks) {
      if (!c.ok) {
        result.ok = false;
        fail(`${dialect} after the mixed load: "${c.label}" ${c.rollup} != ${c.recount}`);
      }
    }
    return result;
  } finally {
    await app.close();
  }
}

/** A stall and how its interval (stall + the 10 ms tick) was spent: on a CPU, runnable waiting for one, the rest off CPU (I/O such as fsync, or idle). */
const describeStall = (s: Stall) => {
  if (s.cpuMs === null || s.runQueueMs === null) return `${fmtMs(s.ms)} ms`;
  const off = Math.max(0, s.ms + 10 - s.cpuMs - s.runQueueMs);
  return `${fmtMs(s.ms)} ms (on CPU ${fmtMs(s.cpuMs)}, waiting for a CPU ${fmtMs(s.runQueueMs)}, off CPU ${fmtMs(off)})`;
};

/** The tables of the dashboard section, for every database run. */
export function dashboardTables(
  runs: { dialect: string; dashboard: DashboardResult | null }[],
  scale: { orgs: number; members: number },
  reps: number,
): string[] {
  const done = runs.filter((r) => r.dashboard) as { dialect: string; dashboard: DashboardResult }[];
  if (!done.length) return [];
  const lines: string[] = [];
  const n = done[0].dashboard.prep.activities;
  lines.push(
    `Dashboard — ${fmtInt(scale.orgs)} orgs / ${fmtInt(scale.members)} members / ${fmtInt(n)} activities; GET /campaigns/:id/dashboard via app.inject, ${reps} reps each (ms; target city p95 ≤ ${DASHBOARD_TARGETS.cityP95Ms} ms)`,
  );
  lines.push(
    table(
      ['db', 'target', 'orgs', 'children', 'KB', 'p50', 'p95', 'p99', 'max', 'check'],
      done.flatMap((r) =>
        r.dashboard.latency.map((l, i) => [
          r.dialect,
          l.label,
          fmtInt(l.orgsInSubtree),
          String(l.children),
          (l.bytes / 1024).toFixed(1),
          fmtMs(l.ms.p50),
          fmtMs(l.ms.p95),
          fmtMs(l.ms.p99),
          fmtMs(l.ms.max),
          i === 0 ? (l.ms.p95 <= DASHBOARD_TARGETS.cityP95Ms ? 'ok' : 'FAIL') : '—',
        ]),
      ),
    ),
  );
  lines.push('');
  lines.push("Dashboard data — bulk insert, then the app's refreshUnits (200 organizations per transaction)");
  lines.push(
    table(
      ['db', 'activities', 'attendance', 'insert s', 'orgs refreshed', 'refresh s', 'orgs/s', 'plans', 'plan refresh s', 'figures = recount'],
      done.map((r) => {
        const p = r.dashboard.prep;
        return [
          r.dialect,
          fmtInt(p.activities),
          fmtInt(p.attendance),
          fmtS(p.insertSeconds),
          fmtInt(p.activityOrgs),
          fmtS(p.refreshSeconds),
          fmtInt(Math.round(p.activityOrgs / p.refreshSeconds)),
          fmtInt(p.plans),
          fmtS(p.planRefreshSeconds),
          r.dashboard.checks.every((c) => c.ok) ? 'ok' : 'FAIL',
        ];
      }),
    ),
  );
  const loaded = done.filter((r) => r.dashboard.load);
  if (loaded.length) {
    const l0 = loaded[0].dashboard.load!;
    lines.push('');
    lines.push(
      `Mixed load — ${l0.vus} virtual users over HTTP for ${Math.round(l0.seconds)} s, no think time (client ms, queueing included); solo = the type alone, one user`,
    );
    lines.push(
      table(
        ['db', 'request', 'n', 'errors', 'p50', 'p95', 'p99', 'max', 'server p95', 'solo p50', 'solo p95', 'solo stall', 'solo stall net'],
        loaded.flatMap((r) =>
          r.dashboard.load!.rows.map((x) => [
            r.dialect,
            x.op,
            fmtInt(x.n),
            String(x.errors + x.solo.errors),
            x.ms ? fmtMs(x.ms.p50) : '—',
            x.ms ? fmtMs(x.ms.p95) : '—',
            x.ms ? fmtMs(x.ms.p99) : '—',
            x.ms ? fmtMs(x.ms.max) : '—',
            x.serverMs ? fmtMs(x.serverMs.p95) : '—',
            x.solo.ms ? fmtMs(x.solo.ms.p50) : '—',
            x.solo.ms ? fmtMs(x.solo.ms.p95) : '—',
            fmtMs(x.solo.maxStallMs),
            x.solo.maxStallNetMs === null ? '—' : fmtMs(x.solo.maxStallNetMs),
          ]),
        ),
      ),
    );
    lines.push('');
    lines.push(`Event loop during the mixed load (ms; target: no stall over ${DASHBOARD_TARGETS.maxStallMs} ms)`);
    lines.push(
      table(
        [
          'db',
          'requests',
          'req/s',
          'errors',
          'loop delay max',
          'loop delay p99',
          'longest stall',
          'net of CPU wait',
          'stalls > 20',
          'stalls > 50',
          'figures after',
          'check',
        ],
        loaded.map((r) => {
          const l = r.dashboard.load!;
          const e = l.eventLoop;
          const ok = l.errors === 0 && Math.max(e.histogramMaxMs, e.tickerMaxStallMs) <= DASHBOARD_TARGETS.maxStallMs && l.afterChecks.every((c) => c.ok);
          return [
            r.dialect,
            fmtInt(l.requests),
            fmtInt(Math.round(l.requests / l.seconds)),
            String(l.errors),
            fmtMs(e.histogramMaxMs),
            fmtMs(e.histogramP99Ms),
            fmtMs(e.tickerMaxStallMs),
            e.tickerMaxStallNetMs === null ? '—' : fmtMs(e.tickerMaxStallNetMs),
            String(e.stallsOver20),
            String(e.stallsOver50),
            l.afterChecks.every((c) => c.ok) ? 'ok' : 'FAIL',
            ok ? 'ok' : 'FAIL',
          ];
        }),
      ),
    );
    for (const r of loaded) {
      const s = r.dashboard.load!.stalls.slice(0, 3);
      if (s.length)
        lines.push(
          `Longest stalls, ${r.dialect}: ${s
            .map(
              (x) =>
                `${describeStall(x)}, in flight: ${
                  Object.entries(x.inFlight)
                    .map(([op, k]) => `${op}×${k}`)
                    .join(' ') || '—'
                }`,
            )
            .join('; ')}`,
        );
    }
  }
  return lines;
}

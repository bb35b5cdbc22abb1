/**
 * One roster import through the real app, in a process of its own so its memory can be
 * measured: bench/run.ts starts it as
 *
 *   node --import tsx bench/import-child.ts --data-dir DIR [--database-url URL --schema S]
 *        --xlsx FILE --org-id N --out RESULT.json
 *
 * It builds the app (buildApp, runJobs false, logger off) on an already seeded city, creates an
 * org_admin at the branch, logs in, uploads the file with POST /api/v1/members/import (multipart,
 * through app.inject), drives runNextJob for the preview, POST /api/v1/jobs/:id/commit
 * {mode:'all'} and runNextJob again. Meanwhile a 50 ms timer samples process.memoryUsage() and a
 * poller reads GET /api/v1/jobs/:id the way the progress bar does.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildApp } from '../packages/server/src/app.ts';
import { loadFieldKey, type Config } from '../packages/server/src/config.ts';
import { runNextJob } from '../packages/server/src/jobs/runner.ts';
import { FormDataBody, TestClient } from '../packages/server/test/client.ts';
import { createUser } from '../packages/server/test/factories.ts';

type Phase = 'boot' | 'upload' | 'preview' | 'commit' | 'done';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    'database-url': { type: 'string' },
    schema: { type: 'string' },
    xlsx: { type: 'string' },
    'org-id': { type: 'string' },
    out: { type: 'string' },
    'sample-ms': { type: 'string', default: '50' },
    'poll-ms': { type: 'string', default: '100' },
  },
  strict: true,
});
const dataDir = values['data-dir']!;
const xlsxFile = values.xlsx!;
const orgId = Number(values['org-id']);
const out = values.out!;
if (!dataDir || !xlsxFile || !orgId || !out)
  throw new Error('usage: import-child.ts --data-dir DIR --xlsx FILE --org-id N --out FILE [--database-url URL --schema S]');

const t0 = performance.now();
const since = () => Math.round(performance.now() - t0);
let phase: Phase = 'boot';

// ── memory: a 50 ms sampler (it cannot fire while a synchronous SQLite statement runs, so the
//    kernel's high-water mark VmHWM is read too) ──
interface MemAt {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  atMs: number;
}
const peakByPhase = new Map<Phase, MemAt>();
const timeline: { t: number; phase: Phase; rssMb: number; heapMb: number }[] = [];
let samples = 0;
const sample = () => {
  const m = process.memoryUsage();
  samples++;
  const prev = peakByPhase.get(phase);
  if (!prev || m.rss > prev.rss)
    peakByPhase.set(phase, { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers, atMs: since() });
  if (samples % 10 === 0) timeline.push({ t: since(), phase, rssMb: Math.round(m.rss / 1048576), heapMb: Math.round(m.heapUsed / 1048576) });
};
const sampler = setInterval(sample, Number(values['sample-ms']));
const vm = () => {
  const s = readFileSync('/proc/self/status', 'utf8');
  const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(s)?.[1] ?? NaN);
  return { vmHwmKb: kb('VmHWM'), vmRssKb: kb('VmRSS') };
};

// ── event-loop stalls per phase: how long every other request would have waited. A 10 ms
//    ticker records the longest gap between two ticks (monitorEventLoopDelay misses a stall that
//    starts right after a reset, so it is not used). ──
const loopStall = new Map<Phase, number>();
// On a busy machine part of a gap is the thread waiting for a CPU: /proc/thread-self/schedstat
// says how long it sat runnable in the run queue, and the gap less that is the stall the process
// itself caused (as in the dashboard section).
const loopStallNet = new Map<Phase, number>();
const schedWaitMs = (): number | null => {
  try {
    const wait = Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[1]);
    return Number.isFinite(wait) ? wait / 1e6 : null;
  } catch {
    return null;
  }
};
let lastTick = performance.now();
let lastWait = schedWaitMs();
const ticker = setInterval(() => {
  const now = performance.now();
  const wait = lastWait === null ? null : schedWaitMs();
  const gap = now - lastTick - 10;
  const net = wait === null || lastWait === null ? gap : gap - (wait - lastWait);
  lastTick = now;
  lastWait = wait;
  if (gap > (loopStall.get(phase) ?? 0)) loopStall.set(phase, gap);
  if (net > (loopStallNet.get(phase) ?? 0)) loopStallNet.set(phase, net);
}, 10);
const enterPhase = async (p: Phase) => {
  // Let a timer that is already late fire first, so a just-finished synchronous stretch counts.
  await new Promise((r) => setTimeout(r, 25));
  sample();
  phase = p;
  sample();
};

async function main() {
  const config: Config = {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    databaseUrl: values['database-url'] ?? null,
    databaseSchema: values.schema ?? null,
    fieldKey: loadFieldKey(dataDir),
    webDist: null,
    demo: false,
    secureCookies: false,
    logLevel: 'warn',
    runJobs: false,
  };
  const { app, ctx } = await buildApp({ config, logger: false });
  await app.ready();
  const org = await ctx.db.selectFrom('organization').select(['id', 'path', 'name', 'code', 'type_code']).where('id', '=', orgId).executeTakeFirstOrThrow();
  const membersBefore = Number(
    (
      await ctx.db
        .selectFrom('member')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const user = await createUser(ctx, [{ role: 'org_admin', org }]);
  const client = new TestClient(app);
  const login = await client.login(user.username);
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${JSON.stringify(login.body)}`);
  const boot = { ms: since(), rssMb: Math.round(process.memoryUsage().rss / 1048576), ...vm() };

  // ── upload ──
  await enterPhase('upload');
  const tUpload = performance.now();
  let content: Buffer | null = readFileSync(xlsxFile);
  const fileBytes = content.length;
  let form: FormDataBody | null = new FormDataBody({ name: '团员花名册.xlsx', content });
  const up = await client.request('POST', `/api/v1/members/import?orgId=${org.id}`, form);
  content = null;
  form = null; // the multipart body is the test client's, not the server's: let it go
  if (up.status !== 202) throw new Error(`upload failed: ${up.status} ${JSON.stringify(up.body)}`);
  const jobId: number = up.body.id;
  const uploadSeconds = (performance.now() - tUpload) / 1000;

  // ── progress poller: GET /jobs/:id as the web app's progress bar does ──
  const polls: { t: number; phase: Phase; status: string; progress: number; total: number | null; ms: number }[] = [];
  let polling = false;
  const poller = setInterval(async () => {
    if (polling) return;
    polling = true;
    try {
      const asked = performance.now();
      const r = await client.get(`/api/v1/jobs/${jobId}`);
      if (r.status === 200)
        polls.push({ t: since(), phase, status: r.body.status, progress: r.body.progress, total: r.body.total, ms: performance.now() - asked });
    } finally {
      polling = false;
    }
  }, Number(values['poll-ms']));

  // ── preview ──
  await enterPhase('preview');
  const tPreview = performance.now();
  if (!(await runNextJob(ctx))) throw new Error('no queued job after the upload');
  const previewSeconds = (performance.now() - tPreview) / 1000;
  const previewJob = await client.get(`/api/v1/jobs/${jobId}`);
  if (previewJob.body.status !== 'succeeded') throw new Error(`preview ${previewJob.body.status}: ${JSON.stringify(previewJob.body.error)}`);
  const preview = previewJob.body.result;
  // Every row of the bench file is valid: problems found here are the pipeline's. They are
  // reported (bench/run.ts prints FAIL) and the valid rows are committed so the timings stand.
  const issueSummary =
    preview.invalidRows > 0
      ? await ctx.db
          .selectFrom('import_issue')
          .select(['field', 'code', (eb) => eb.fn.countAll().as('n'), (eb) => eb.fn.min('row_number').as('firstRow')])
          .where('job_id', '=', jobId)
          .groupBy(['field', 'code'])
          .execute()
      : [];
  const issueExamples =
    preview.invalidRows > 0
      ? (await client.get(`/api/v1/jobs/${jobId}/issues?pageSize=5`)).body.items.map((i: any) => ({
          row: i.rowNumber,
          field: i.field,
          code: i.code,
          message: i.messages.zh,
        }))
      : [];

  // ── commit ──
  await enterPhase('commit');
  const tCommit = performance.now();
  const commitMode = preview.invalidRows > 0 ? 'valid_only' : 'all';
  const c = await client.post(`/api/v1/jobs/${jobId}/commit`, { mode: commitMode });
  if (c.status !== 202) throw new Error(`commit refused: ${c.status} ${JSON.stringify(c.body)}`);
  if (!(await runNextJob(ctx))) throw new Error('no queued job after the commit');
  const commitSeconds = (performance.now() - tCommit) / 1000;
  const committedJob = await client.get(`/api/v1/jobs/${jobId}`);
  if (committedJob.body.status !== 'succeeded') throw new Error(`commit ${committedJob.body.status}: ${JSON.stringify(committedJob.body.error)}`);
  await enterPhase('done');
  clearInterval(poller);
  while (polling) await new Promise((r) => setTimeout(r, 5));

  const membersAfter = Number(
    (
      await ctx.db
        .selectFrom('member')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const orgAfter = await ctx.db
    .selectFrom('organization')
    .select(['direct_member_count', 'subtree_member_count'])
    .where('id', '=', org.id)
    .executeTakeFirstOrThrow();
  const issues = Number(
    (
      await ctx.db
        .selectFrom('import_issue')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('job_id', '=', jobId)
        .executeTakeFirstOrThrow()
    ).n,
  );
  // exceljs decodes XML chunk by chunk: a CJK character split across two chunks becomes U+FFFD.
  const corrupted = await ctx.db
    .selectFrom('member')
    .select(['name', 'note'])
    .where('org_id', '=', org.id)
    .where((eb) => eb.or([eb('name', 'like', '%\uFFFD%'), eb('note', 'like', '%\uFFFD%')]))
    .execute();
  const staged = Number(
    (
      await ctx.db
        .selectFrom('member_import_row')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('job_id', '=', jobId)
        .executeTakeFirstOrThrow()
    ).n,
  );
  await app.close();
  clearInterval(sampler);
  clearInterval(ticker);
  sample();

  const previewPolls = polls.filter((p) => p.phase === 'preview' && p.status === 'running');
  const distinct = (xs: number[]) => new Set(xs).size;
  const peakOverall = [...peakByPhase.values()].reduce((a, b) => (b.rss > a.rss ? b : a));
  const toMb = (m: MemAt) => ({
    rssMb: Math.round(m.rss / 1048576),
    heapUsedMb: Math.round(m.heapUsed / 1048576),
    heapTotalMb: Math.round(m.heapTotal / 1048576),
    externalMb: Math.round(m.external / 1048576),
    arrayBuffersMb: Math.round(m.arrayBuffers / 1048576),
    atMs: m.atMs,
  });
  const result = {
    dialect: ctx.dialect,
    org: { id: org.id, name: org.name, code: org.code, type: org.type_code },
    fileBytes,
    jobId,
    preview,
    commit: committedJob.body.result,
    seconds: { upload: uploadSeconds, preview: previewSeconds, commit: commitSeconds, total: uploadSeconds + previewSeconds + commitSeconds },
    rowsPerSecond: Math.round((preview.validRows ?? 0) / (uploadSeconds + previewSeconds + commitSeconds)),
    memory: {
      sampleMs: Number(values['sample-ms']),
      samples,
      peakSampledRssMb: Math.round(peakOverall.rss / 1048576),
      peakPhase: [...peakByPhase.entries()].find(([, m]) => m === peakOverall)?.[0],
      byPhase: Object.fromEntries([...peakByPhase.entries()].map(([p, m]) => [p, toMb(m)])),
      boot,
      end: vm(),
      timeline,
    },
    /** Longest time the event loop was blocked in each phase (ms). */
    eventLoopMaxStallMs: Object.fromEntries([...loopStall].map(([k, v]) => [k, Math.round(v)])),
    /** The same less the time the thread waited for a CPU (Linux); what the process itself blocked. */
    eventLoopMaxStallNetMs: Object.fromEntries([...loopStallNet].map(([k, v]) => [k, Math.round(v)])),
    /** The slowest GET /jobs/:id of the poller per phase (ms): how long a request needing the database waited. */
    slowestPollMs: Object.fromEntries(
      (['preview', 'commit'] as Phase[]).map((p) => [p, Math.round(Math.max(0, ...polls.filter((x) => x.phase === p).map((x) => x.ms)))]),
    ),
    progress: {
      pollMs: Number(values['poll-ms']),
      polls: polls.length,
      previewPolls: previewPolls.length,
      /** Distinct progress values seen while the preview ran: > 1 means the bar moved. */
      distinctPreviewProgress: distinct(previewPolls.map((p) => p.progress)),
      updatesObserved: distinct(previewPolls.map((p) => p.progress)) - (previewPolls.some((p) => p.progress === 0) ? 1 : 0),
      firstNonZeroMs: previewPolls.find((p) => p.progress > 0)?.t ?? null,
      reached100AtMs: previewPolls.find((p) => p.total && p.progress >= p.total)?.t ?? null,
      previewStartMs: polls.find((p) => p.phase === 'preview')?.t ?? null,
      previewEndMs: previewPolls.at(-1)?.t ?? null,
      /** [ms since start, percent] whenever the observed value changed. */
      trace: previewPolls
        .filter((p, i, a) => i === 0 || p.progress !== a[i - 1].progress)
        .map((p) => [p.t, p.total ? Math.round((p.progress / p.total) * 1000) / 10 : null]),
      commitPolls: polls.filter((p) => p.phase === 'commit').length,
    },
    commitMode,
    issueSummary: issueSummary.map((x) => ({ field: x.field, code: x.code, n: Number(x.n), firstRow: Number(x.firstRow) })),
    issueExamples,
    checks: {
      membersBefore,
      membersAfter,
      imported: membersAfter - membersBefore,
      orgAfter,
      issues,
      stagedRowsLeft: staged,
      /** Imported members whose name or note holds U+FFFD (the file has none). */
      corruptedText: corrupted.length,
      corruptedExamples: corrupted.slice(0, 5).map((x) => x.name),
    },
  };
  writeFileSync(out, JSON.stringify(result, null, 2));
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);

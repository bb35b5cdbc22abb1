/**
 * `npm run bench [-- options]` — the scale benchmarks of DESIGN.md, on SQLite and PostgreSQL:
 *
 *  1. subtree member count for the city root, a district and a branch: (i) the roll-up read the
 *     app serves and (ii) a raw recount over member ⋈ organization, p50/p95 over --reps runs
 *     each, and (i) == (ii) asserted;
 *  2. the campaign dashboard (bench/lib/dashboard.ts): --activities activities with attendance
 *     and plans brought into the roll-ups by the app's refreshUnits, the dashboard API's
 *     p50/p95 through app.inject, and a --load-seconds mixed load over HTTP with the server's
 *     event loop watched;
 *  3. ballot casting (bench/lib/ballots.ts): --ballot-voters concurrent voters, each signed in
 *     with its own session, casting through the HTTP API; ballots/s, p50/p99, roll = box checked;
 *  4. a roster import of --import-rows rows (.xlsx) through the real pipeline (upload →
 *     preview job → commit → commit job) in a child process whose memory is sampled.
 *
 * Writes bench/results/subtree-count-<date>.json, dashboard-<date>.json, ballots-<date>.json and
 * roster-import-<date>.json (…-quick-… with --quick) and prints the tables. Exit status 1 when a
 * check FAILs.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { describeTarget, dropSchema, open, seedCity, type SeedResult, type Target } from './lib/city.ts';
import { findPgBin, startThrowawayPg, type ThrowawayPg } from './lib/pg.ts';
import { writeRosterXlsx, XLSX_LAYOUTS, type XlsxLayout } from './lib/roster.ts';
import { measureSubtrees, recount, rollup, versionOf, type SubtreeResult } from './lib/subtree.ts';
import { DASHBOARD_TARGETS, dashboardTables, runDashboardBench, type DashboardResult } from './lib/dashboard.ts';
import { BALLOT_TARGETS, ballotTables, runBallotBench, type BallotResult } from './lib/ballots.ts';

/** The heap cap `npm start` gives the server (scripts/start.sh): the import is measured as it runs there. */
const SERVER_NODE_FLAGS = '--max-old-space-size=192';
import { fmtInt, fmtMs, fmtS, machineInfo, mb, positiveInt, REPO_ROOT, stamp, table } from './lib/util.ts';

const HELP = `usage: npm run bench -- [--quick] [options]

  --quick               2,000 orgs / 50,000 members / 20,000 activities / 20,000-row import
                        (default: 20,000 / 500,000 / 200,000 / 100,000)
  --orgs N --members M  city size (override)
  --seed S              city seed (default 2026)
  --reps N              timed repetitions per measurement (default 300; at least 200 are recommended)
  --import-rows N       rows in the roster import (override)
  --activities N        activities recorded in the campaign of the dashboard section (override)
  --load-seconds S      length of the dashboard's mixed load over HTTP (default 30)
  --vus N               virtual users of the mixed load (default 8; each logs in, and logins are
                        limited to 30 a minute per address)
  --layouts L[,L]       .xlsx layouts to import: excel (shared strings before the sheet, as Excel saves),
                        exceljs (sheet first, as exceljs/the app's exports write) (default: excel)
  --pg-url URL          use this PostgreSQL (a fresh schema is created and dropped) instead of a throwaway one
  --no-pg | --no-sqlite skip a database
  --skip-subtree | --skip-dashboard | --skip-import | --skip-ballots
  --ballot-voters N     concurrent voters of the ballot section, each signed in on its own (default 50)
  --ballot-rounds N     sessions every voter casts in, one after the other (default 200: 10,000 timed casts at 50 voters, a few seconds)
  --work-dir DIR        where the SQLite files and the .xlsx go (default: a new folder in $TMPDIR, removed after)
  --child-node-options=FLAGS  node flags for the import child (default: the server's, --max-old-space-size=192 as in scripts/start.sh)
                        (use the = form: the value starts with a dash)
  --keep                keep the work folder (and the PostgreSQL schema) afterwards`;

const parsed = (() => {
  try {
    return parseArgs({
      options: {
        quick: { type: 'boolean', default: false },
        orgs: { type: 'string' },
        members: { type: 'string' },
        seed: { type: 'string' },
        reps: { type: 'string' },
        'import-rows': { type: 'string' },
        activities: { type: 'string' },
        'load-seconds': { type: 'string' },
        vus: { type: 'string' },
        layouts: { type: 'string' },
        'pg-url': { type: 'string' },
        'no-pg': { type: 'boolean', default: false },
        'no-sqlite': { type: 'boolean', default: false },
        'skip-subtree': { type: 'boolean', default: false },
        'skip-import': { type: 'boolean', default: false },
        'skip-dashboard': { type: 'boolean', default: false },
        'skip-ballots': { type: 'boolean', default: false },
        'ballot-voters': { type: 'string' },
        'ballot-rounds': { type: 'string' },
        'work-dir': { type: 'string' },
        'child-node-options': { type: 'string' },
        keep: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    });
  } catch (e) {
    console.error(`bench: ${(e as Error).message}\n\n${HELP}`);
    process.exit(2);
  }
})();
const a = parsed.values;

if (a.help) {
  console.log(HELP);
  process.exit(0);
}

const mode = a.quick ? 'quick' : 'full';
const scale = {
  orgs: positiveInt('orgs', a.orgs, a.quick ? 2_000 : 20_000),
  members: positiveInt('members', a.members, a.quick ? 50_000 : 500_000),
  seed: positiveInt('seed', a.seed, 2026),
};
const reps = positiveInt('reps', a.reps, 300);
const importRows = positiveInt('import-rows', a['import-rows'], a.quick ? 20_000 : 100_000);
const activities = positiveInt('activities', a.activities, a.quick ? 20_000 : 200_000);
const loadSeconds = positiveInt('load-seconds', a['load-seconds'], 30);
const vus = positiveInt('vus', a.vus, 8);
const ballotVoters = positiveInt('ballot-voters', a['ballot-voters'], 50);
const ballotRounds = positiveInt('ballot-rounds', a['ballot-rounds'], 200);
const layouts = (a.layouts ?? 'excel').split(',').map((s) => s.trim()) as XlsxLayout[];
for (const l of layouts) if (!XLSX_LAYOUTS.includes(l)) throw new Error(`unknown layout "${l}" (${XLSX_LAYOUTS.join(', ')})`);

const log = (line: string) => console.log(line);
const fails: string[] = [];
const fail = (msg: string) => {
  fails.push(msg);
  console.log(`FAIL ${msg}`);
};

// ── cleanup that also runs on Ctrl-C: never leave PostgreSQL running ──
let pgServer: ThrowawayPg | null = null;
const stopPg = () => {
  if (pgServer) {
    log('stopping the throwaway PostgreSQL');
    pgServer.stop();
    pgServer = null;
  }
};
// A work folder we created goes too (unless --keep), also when a signal cuts the run short.
let workDirToRemove: string | null = null;
const removeWorkDir = () => {
  if (workDirToRemove) rmSync(workDirToRemove, { recursive: true, force: true });
  workDirToRemove = null;
};
process.on('exit', () => {
  stopPg();
  removeWorkDir();
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, () => process.exit(130));

interface ImportRun {
  dialect: string;
  layout: XlsxLayout;
  rows: number;
  file: { bytes: number; entries: string[] };
  ok: boolean;
  error?: string;
  child?: any;
}

interface DbRun {
  dialect: 'sqlite' | 'postgres';
  version: string;
  target: string;
  seed: SeedResult;
  subtree: SubtreeResult[];
  dashboard: DashboardResult | null;
  dashboardError?: string;
  ballots: BallotResult | null;
  ballotsError?: string;
  imports: ImportRun[];
  afterImport: { label: string; id: number; rollup: number; recount: number; ok: boolean }[];
}

function runChild(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const nodeFlags = (a['child-node-options'] ?? SERVER_NODE_FLAGS).split(/\s+/).filter(Boolean);
    const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', path.join(REPO_ROOT, 'bench/import-child.ts'), ...args], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

async function runDatabase(
  dialect: 'sqlite' | 'postgres',
  target: Target,
  files: Map<XlsxLayout, { path: string; bytes: number; entries: string[] }>,
): Promise<DbRun> {
  log(`\n━━━ ${dialect}: ${describeTarget(target)} ━━━`);
  log(`seeding ${fmtInt(scale.orgs)} organizations / ${fmtInt(scale.members)} members (seed ${scale.seed})`);
  const seed = await seedCity(target, scale, (l) => log(l));
  log(`seeded in ${fmtS(seed.seconds.total)} s (${fmtInt(seed.membersPerSecond)} members/s${seed.sqliteBytes ? `, ${mb(seed.sqliteBytes)} MB file` : ''})`);
  const rootPath = `/${seed.city.rootId}/`;
  const district = seed.city.districtIds[0];
  const branch = seed.city.branchIds[0];
  const targets = [
    { label: 'city root', id: seed.city.rootId },
    { label: 'district', id: district },
    { label: 'branch', id: branch },
  ];

  const database = open(target);
  const run: DbRun = {
    dialect,
    version: await versionOf(database.db, database.dialect),
    target: describeTarget(target),
    seed,
    subtree: [],
    dashboard: null,
    ballots: null,
    imports: [],
    afterImport: [],
  };
  try {
    if (!a['skip-subtree']) {
      log(`subtree member count: ${reps} timed reps (after 20 warm-up) per target and method`);
      run.subtree = await measureSubtrees(database.db, database.dialect, rootPath, targets, reps);
      for (const s of run.subtree) {
        log(
          `  ${s.label.padEnd(9)} #${s.id} ${fmtInt(s.rollup.value)} members: roll-up p50 ${fmtMs(s.rollup.ms.p50)} ms p95 ${fmtMs(s.rollup.ms.p95)} ms | recount p50 ${fmtMs(s.recount.ms.p50)} ms p95 ${fmtMs(s.recount.ms.p95)} ms`,
        );
        if (!s.ok) fail(`${dialect} ${s.label} #${s.id}: roll-up ${s.rollup.value} != recount ${s.recount.value}`);
      }
    }
  } finally {
    await database.destroy();
  }

  // Before the import, so that the city has exactly --members members (the import adds its rows).
  if (!a['skip-dashboard']) {
    log(`\ndashboard: campaign at the city root, ${fmtInt(activities)} activities, ${reps} reps, ${loadSeconds} s mixed load with ${vus} virtual users`);
    try {
      run.dashboard = await runDashboardBench(target, seed.city, {
        activities,
        reps,
        loadSeconds,
        vus,
        seed: scale.seed,
        soloReps: 15,
        log,
        fail: (m) => fail(m),
      });
    } catch (e) {
      run.dashboardError = (e as Error).stack ?? String(e);
      fail(`${dialect} dashboard: ${(e as Error).message}`);
    }
  }

  if (!a['skip-ballots']) {
    log(`\nballots: ${ballotVoters} concurrent voters × ${ballotRounds} sessions through the HTTP API`);
    try {
      run.ballots = await runBallotBench(target, seed.city, { voters: ballotVoters, rounds: ballotRounds, log, fail: (m) => fail(`${dialect} ${m}`) });
    } catch (e) {
      run.ballotsError = (e as Error).stack ?? String(e);
      fail(`${dialect} ballots: ${(e as Error).message}`);
    }
  }

  if (!a['skip-import']) {
    // Each layout goes to its own branch of district 1 (files differ in their ID numbers).
    const importBranches = seed.city.branchIds.filter((id, i) => i % seed.city.committeeIds.length === 0 || id === branch).slice(0, layouts.length);
    for (const [i, layout] of layouts.entries()) {
      const f = files.get(layout)!;
      const orgId = importBranches[i] ?? branch;
      log(`import: ${fmtInt(importRows)} rows (${mb(f.bytes)} MB, layout ${layout}) into branch #${orgId}, child process`);
      const out = path.join(path.dirname(f.path), `import-${dialect}-${layout}.json`);
      const code = await runChild([
        '--data-dir',
        target.dataDir,
        '--xlsx',
        f.path,
        '--org-id',
        String(orgId),
        '--out',
        out,
        ...(target.databaseUrl ? ['--database-url', target.databaseUrl, '--schema', target.schema!] : []),
      ]);
      const r: ImportRun = { dialect, layout, rows: importRows, file: { bytes: f.bytes, entries: f.entries }, ok: code === 0 };
      if (code === 0) {
        r.child = JSON.parse(readFileSync(out, 'utf8'));
        const c = r.child;
        log(
          `  upload ${fmtS(c.seconds.upload)} s, preview ${fmtS(c.seconds.preview)} s, commit ${fmtS(c.seconds.commit)} s, total ${fmtS(c.seconds.total)} s (${fmtInt(c.rowsPerSecond)} rows/s); ` +
            `peak RSS ${c.memory.peakSampledRssMb} MB sampled (${c.memory.peakPhase}), VmHWM ${Math.round(c.memory.end.vmHwmKb / 1024)} MB; progress values seen ${c.progress.distinctPreviewProgress}`,
        );
        if (c.preview.totalRows !== importRows || c.commit.imported !== c.preview.validRows || c.checks.imported !== c.preview.validRows) {
          r.ok = false;
          fail(
            `${dialect} import (${layout}): ${c.preview.totalRows} rows read, ${c.preview.validRows} valid, ${c.commit.imported} imported, ${c.checks.imported} new members; expected ${importRows}`,
          );
        }
        if (c.preview.invalidRows > 0) {
          r.ok = false;
          fail(
            `${dialect} import (${layout}): the preview rejected ${c.preview.invalidRows} of ${importRows} valid rows (${c.issueSummary.map((x: any) => `${x.field} ${x.code} ×${x.n}`).join(', ')}; e.g. ${c.issueExamples
              .map((x: any) => `row ${x.row}: ${x.message}`)
              .slice(0, 2)
              .join(' | ')}); committed with valid_only`,
          );
        }
        if (c.checks.corruptedText > 0) {
          r.ok = false;
          fail(
            `${dialect} import (${layout}): ${c.checks.corruptedText} imported members have U+FFFD in their name/note (e.g. ${c.checks.corruptedExamples.join(', ')}) — the file has none`,
          );
        }
        if (c.checks.stagedRowsLeft !== 0) fail(`${dialect} import (${layout}): ${c.checks.stagedRowsLeft} staging rows left behind`);
        const peak = Math.max(c.memory.peakSampledRssMb, Math.round(c.memory.end.vmHwmKb / 1024));
        if (peak >= 300 || c.progress.updatesObserved < 2 || c.checks.stagedRowsLeft !== 0) r.ok = false;
        if (peak >= 300) fail(`${dialect} import (${layout}): peak RSS ${peak} MB is not under the 300 MB target`);
        if (c.progress.updatesObserved < 2)
          fail(
            `${dialect} import (${layout}): the progress bar moved ${c.progress.updatesObserved} time(s) during a ${fmtS(c.seconds.preview)} s preview (0 → ${c.progress.trace.map((t: number[]) => `${t[1]}%@${t[0]}ms`).join(' → ')})`,
          );
      } else {
        r.error = `child exited with ${code}`;
        fail(`${dialect} import (${layout}): the child process failed (exit ${code})`);
      }
      run.imports.push(r);
    }

    // The commit updates the roll-ups in its transaction: they must still agree with a recount.
    const db2 = open(target);
    try {
      const ids = [...targets, ...importBranches.filter((id) => id !== branch).map((id) => ({ label: `branch #${id}`, id }))];
      for (const t of ids) {
        const org = await db2.db.selectFrom('organization').select('path').where('id', '=', t.id).executeTakeFirstOrThrow();
        const ru = await rollup(db2.db, rootPath, t.id);
        const rc = await recount(db2.db, org.path);
        run.afterImport.push({ label: t.label, id: t.id, rollup: ru, recount: rc, ok: ru === rc });
        if (ru !== rc) fail(`${dialect} after import, ${t.label} #${t.id}: roll-up ${ru} != recount ${rc}`);
      }
      log(
        `after import: roll-up == recount for ${run.afterImport.filter((x) => x.ok).length}/${run.afterImport.length} organizations (city root now ${fmtInt(run.afterImport[0].rollup)})`,
      );
    } finally {
      await db2.destroy();
    }
  }
  return run;
}

function printTables(runs: DbRun[]): string {
  const lines: string[] = [];
  const subtreeRows = runs.flatMap((r) =>
    r.subtree.map((s) => [
      r.dialect,
      s.label,
      fmtInt(s.orgsInSubtree),
      fmtInt(s.rollup.value),
      fmtMs(s.rollup.ms.p50),
      fmtMs(s.rollup.ms.p95),
      fmtMs(s.recount.ms.p50),
      fmtMs(s.recount.ms.p95),
      s.ok ? 'ok' : 'FAIL',
    ]),
  );
  if (subtreeRows.length) {
    lines.push(`Subtree member count — ${fmtInt(scale.orgs)} orgs / ${fmtInt(scale.members)} members, ${reps} reps each (ms)`);
    lines.push(table(['db', 'target', 'orgs', 'members', 'roll-up p50', 'roll-up p95', 'recount p50', 'recount p95', '(i)=(ii)'], subtreeRows));
  }
  const importRowsT = runs.flatMap((r) =>
    r.imports.map((i) => {
      const c = i.child;
      if (!c) return [r.dialect, i.layout, fmtInt(i.rows), '—', '—', '—', '—', '—', '—', '—', '—', '—', '—', 'FAIL'];
      return [
        r.dialect,
        i.layout,
        fmtInt(i.rows),
        `${mb(i.file.bytes)}`,
        fmtS(c.seconds.upload),
        fmtS(c.seconds.preview),
        fmtS(c.seconds.commit),
        fmtS(c.seconds.total),
        fmtInt(c.rowsPerSecond),
        String(c.memory.peakSampledRssMb),
        String(Math.round(c.memory.end.vmHwmKb / 1024)),
        `${c.progress.updatesObserved}`,
        String(c.preview.invalidRows + c.checks.corruptedText),
        i.ok ? 'ok' : 'FAIL',
      ];
    }),
  );
  if (importRowsT.length) {
    lines.push('');
    lines.push(
      `Roster import — ${fmtInt(importRows)} rows through upload → preview job → commit job (child process; city of ${fmtInt(scale.members)} members)`,
    );
    lines.push(
      table(
        [
          'db',
          'layout',
          'rows',
          'MB',
          'upload s',
          'preview s',
          'commit s',
          'total s',
          'rows/s',
          'peak RSS MB',
          'VmHWM MB',
          'progress updates',
          'damaged rows',
          'check',
        ],
        importRowsT,
      ),
    );
    const stall = (c: any, p: string) => `${fmtInt(c.eventLoopMaxStallMs[p] ?? 0)} ms (net of CPU wait ${fmtInt(c.eventLoopMaxStallNetMs?.[p] ?? 0)})`;
    const lag = runs.flatMap((r) =>
      r.imports.filter((i) => i.child).map((i) => `${r.dialect}/${i.layout}: preview ${stall(i.child, 'preview')}, commit ${stall(i.child, 'commit')}`),
    );
    lines.push(`Longest event-loop stall (every other request waits this long): ${lag.join('; ')}`);
    const polled = runs.flatMap((r) =>
      r.imports
        .filter((i) => i.child?.slowestPollMs)
        .map((i) => `${r.dialect}/${i.layout}: preview ${fmtInt(i.child.slowestPollMs.preview)} ms, commit ${fmtInt(i.child.slowestPollMs.commit)} ms`),
    );
    if (polled.length) lines.push(`Slowest progress poll, GET /jobs/:id (a request that needs the database): ${polled.join('; ')}`);
    lines.push('damaged rows = rows the preview rejected + imported names/notes holding U+FFFD (the file has neither)');
  }
  const dash = dashboardTables(runs, scale, reps);
  if (dash.length) lines.push('', ...dash);
  const ballots = ballotTables(runs);
  if (ballots.length) lines.push('', ...ballots);
  const seeds = runs.map((r) => `${r.dialect} ${fmtS(r.seed.seconds.total)} s (${fmtInt(r.seed.membersPerSecond)} members/s)`);
  lines.push('');
  lines.push(`City generation: ${seeds.join(', ')}`);
  return lines.join('\n');
}

async function main() {
  const started = new Date();
  const loadAtStart = os.loadavg().map((x) => Math.round(x * 100) / 100);
  const workDir = a['work-dir'] ? path.resolve(a['work-dir']) : mkdtempSync(path.join(os.tmpdir(), 'zx-bench-'));
  mkdirSync(workDir, { recursive: true });
  if (!a['work-dir'] && !a.keep) workDirToRemove = workDir;
  log(
    `zhengxian bench (${mode}): ${fmtInt(scale.orgs)} orgs / ${fmtInt(scale.members)} members, ${reps} reps, ${fmtInt(activities)} activities, ${fmtInt(importRows)}-row import; work dir ${workDir}`,
  );

  // One field key for every database of this run (the child and the seeder read it from dataDir).
  const fieldKey = process.env.ZX_FIELD_KEY;
  if (!fieldKey) process.env.ZX_FIELD_KEY = randomBytes(32).toString('hex');

  const runs: DbRun[] = [];
  const pgSchemas: string[] = [];
  let pgUrl = a['pg-url'] ?? null;
  let pgNote: string | null = null;
  let throwaway = false;
  try {
    const files = new Map<XlsxLayout, { path: string; bytes: number; entries: string[] }>();
    if (!a['skip-import']) {
      for (const [i, layout] of layouts.entries()) {
        const f = path.join(workDir, `roster-${importRows}-${layout}.xlsx`);
        log(`writing ${f} (${fmtInt(importRows)} rows, layout ${layout})`);
        const r = await writeRosterXlsx(f, importRows, { layout, seed: 7 + i, idOffset: i * 1_000_000 });
        files.set(layout, { path: f, bytes: r.bytes, entries: r.entries });
        log(`  ${mb(r.bytes)} MB in ${fmtS(r.seconds)} s; zip order: ${r.entries.join(', ')}`);
      }
    }

    if (!a['no-sqlite']) {
      const dataDir = path.join(workDir, 'sqlite');
      runs.push(await runDatabase('sqlite', { databaseUrl: null, dataDir, schema: null }, files));
    }

    if (!a['no-pg']) {
      if (!pgUrl) {
        if (findPgBin()) {
          log('\nstarting a throwaway PostgreSQL (bench/pg.sh)');
          pgServer = startThrowawayPg();
          throwaway = true;
          pgUrl = pgServer.url;
        } else {
          pgNote =
            'PostgreSQL skipped: no --pg-url and no PostgreSQL >= 15 server binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql, or pass --pg-url)';
          log(`\n${pgNote}`);
        }
      }
      if (pgUrl) {
        const schema = `zx_bench_${randomBytes(4).toString('hex')}`;
        pgSchemas.push(schema);
        runs.push(await runDatabase('postgres', { databaseUrl: pgUrl, dataDir: path.join(workDir, 'pg'), schema }, files));
      }
    }
  } finally {
    if (!a.keep) {
      for (const s of pgSchemas) await dropSchema(pgUrl!, s).catch((e) => log(`could not drop schema ${s}: ${e}`));
      removeWorkDir();
    }
    stopPg();
  }

  const machine = machineInfo({
    sqlite: runs.find((r) => r.dialect === 'sqlite')?.version ?? null,
    postgres: runs.find((r) => r.dialect === 'postgres')?.version ?? null,
  });
  const resultsDir = path.join(REPO_ROOT, 'bench/results');
  mkdirSync(resultsDir, { recursive: true });
  const suffix = `${mode === 'quick' ? 'quick-' : ''}${stamp(started)}`;
  const common = {
    mode,
    scale,
    childNodeOptions: a['child-node-options'] ?? SERVER_NODE_FLAGS,
    loadAverageAtStart: loadAtStart,
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    machine,
    notes: pgNote ? [pgNote] : [],
    fails,
  };
  const written: string[] = [];
  if (!a['skip-subtree']) {
    const f = path.join(resultsDir, `subtree-count-${suffix}.json`);
    writeFileSync(
      f,
      JSON.stringify(
        { name: 'subtree-count', reps, ...common, runs: runs.map((r) => ({ dialect: r.dialect, version: r.version, seed: r.seed, results: r.subtree })) },
        null,
        2,
      ),
    );
    written.push(f);
  }
  if (!a['skip-dashboard']) {
    const f = path.join(resultsDir, `dashboard-${suffix}.json`);
    writeFileSync(
      f,
      JSON.stringify(
        {
          name: 'dashboard',
          reps,
          activities,
          loadSeconds,
          vus,
          targets: DASHBOARD_TARGETS,
          ...common,
          runs: runs.map((r) => ({ dialect: r.dialect, version: r.version, dashboard: r.dashboard, error: r.dashboardError ?? null })),
        },
        null,
        2,
      ),
    );
    written.push(f);
  }
  if (!a['skip-ballots']) {
    const f = path.join(resultsDir, `ballots-${suffix}.json`);
    writeFileSync(
      f,
      JSON.stringify(
        {
          name: 'ballots',
          voters: ballotVoters,
          rounds: ballotRounds,
          targets: BALLOT_TARGETS,
          ...common,
          runs: runs.map((r) => ({ dialect: r.dialect, version: r.version, ballots: r.ballots, error: r.ballotsError ?? null })),
        },
        null,
        2,
      ),
    );
    written.push(f);
  }
  if (!a['skip-import']) {
    const f = path.join(resultsDir, `roster-import-${suffix}.json`);
    writeFileSync(
      f,
      JSON.stringify(
        {
          name: 'roster-import',
          rows: importRows,
          target: { peakRssMb: 300 },
          ...common,
          runs: runs.map((r) => ({ dialect: r.dialect, version: r.version, imports: r.imports, afterImport: r.afterImport })),
        },
        null,
        2,
      ),
    );
    written.push(f);
  }

  log('');
  log(printTables(runs));
  log(
    `\nMachine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, Node ${machine.node}, SQLite ${machine.sqlite ?? '—'}, PostgreSQL ${machine.postgres ?? '—'}${throwaway ? ' (throwaway server, fsync off)' : ''}; load average ${loadAtStart[0]} at start, ${machine.loadAverage[0]} at end`,
  );
  for (const f of written) log(`wrote ${path.relative(REPO_ROOT, f)}`);
  if (pgNote) log(pgNote);
  if (fails.length) {
    log(`\n${fails.length} check(s) FAILED:`);
    for (const f of fails) log(`  FAIL ${f}`);
    return 1;
  }
  log('\nall checks passed');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);

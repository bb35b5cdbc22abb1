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
 *  4. the public campaign portal (bench/lib/portal.ts): --portal-readers anonymous readers of
 *     the portal's campaign and post-list answers over HTTP for --portal-seconds; p50/p95/p99, errors;
 *  5. QR check-in (bench/lib/checkin.ts): --checkin-members members with sessions prepared beforehand
 *     check in to one activity through the HTTP API; total time, check-ins/s, p50/p95/p99, errors
 *     and the server's longest event-loop stall;
 *  6. a roster import of --import-rows rows (.xlsx) through the real pipeline (upload →
 *     preview job → commit → commit job) in a child process whose memory is sampled.
 *
 * Writes bench/results/subtree-count-<date>.json, dashboard-<date>.json, ballots-<date>.json, portal-<date>.json, checkin-<date>.json and
 * roster-import-<date>.json (…-quick-… with --quick) and prints the tables. Exit status 1 when a
 * check FAILs.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { dropSchema } from './lib/city.ts';
import { findPgBin, startThrowawayPg, type ThrowawayPg } from './lib/pg.ts';
import { writeRosterXlsx, type XlsxLayout } from './lib/roster.ts';
import { DASHBOARD_TARGETS } from './lib/dashboard.ts';
import { BALLOT_TARGETS } from './lib/ballots.ts';
import { PORTAL_TARGETS } from './lib/portal.ts';
import { CHECKIN_TARGETS } from './lib/checkin.ts';
import { fmtInt, fmtS, machineInfo, mb, REPO_ROOT, stamp } from './lib/util.ts';
import {
  a,
  activities,
  ballotRounds,
  ballotVoters,
  checkinConcurrency,
  checkinMembers,
  importRows,
  layouts,
  loadSeconds,
  mode,
  portal,
  reps,
  scale,
  SERVER_NODE_FLAGS,
  vus,
} from './lib/run-options.ts';
import { fails, log } from './lib/run-log.ts';
import { type DbRun, runDatabase } from './lib/run-database.ts';
import { printTables } from './lib/run-tables.ts';

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
  if (!a['skip-portal']) {
    const f = path.join(resultsDir, `portal-${suffix}.json`);
    writeFileSync(
      f,
      JSON.stringify(
        {
          name: 'portal',
          ...portal,
          targets: PORTAL_TARGETS,
          ...common,
          runs: runs.map((r) => ({ dialect: r.dialect, version: r.version, portal: r.portal, error: r.portalError ?? null })),
        },
        null,
        2,
      ),
    );
    written.push(f);
  }
  if (!a['skip-checkin']) {
    const f = path.join(resultsDir, `checkin-${suffix}.json`);
    writeFileSync(
      f,
      JSON.stringify(
        {
          name: 'checkin',
          members: checkinMembers,
          concurrency: checkinConcurrency,
          targets: CHECKIN_TARGETS,
          ...common,
          runs: runs.map((r) => ({ dialect: r.dialect, version: r.version, checkin: r.checkin, error: r.checkinError ?? null })),
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

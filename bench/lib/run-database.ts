/** One database's benchmark run: seed the city, subtree counts, dashboard, ballots and the roster import in a child process. */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describeTarget, open, seedCity, type SeedResult, type Target } from './city.ts';
import type { XlsxLayout } from './roster.ts';
import { measureSubtrees, recount, rollup, versionOf, type SubtreeResult } from './subtree.ts';
import { runDashboardBench, type DashboardResult } from './dashboard.ts';
import { runBallotBench, type BallotResult } from './ballots.ts';
import { runPortalBench, type PortalResult } from './portal.ts';
import { runCheckinBench, type CheckinResult } from './checkin.ts';
import { fmtInt, fmtMs, fmtS, mb, REPO_ROOT } from './util.ts';
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
  portal,
  reps,
  scale,
  SERVER_NODE_FLAGS,
  vus,
} from './run-options.ts';
import { fail, log } from './run-log.ts';

export interface ImportRun {
  dialect: string;
  layout: XlsxLayout;
  rows: number;
  file: { bytes: number; entries: string[] };
  ok: boolean;
  error?: string;
  child?: any;
}

export interface DbRun {
  dialect: 'sqlite' | 'postgres';
  version: string;
  target: string;
  seed: SeedResult;
  subtree: SubtreeResult[];
  dashboard: DashboardResult | null;
  dashboardError?: string;
  ballots: BallotResult | null;
  ballotsError?: string;
  portal: PortalResult | null;
  portalError?: string;
  checkin: CheckinResult | null;
  checkinError?: string;
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

export async function runDatabase(
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
    portal: null,
    checkin: null,
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

  if (!a['skip-portal']) {
    log(`\nportal: ${portal.readers} anonymous readers of the public campaign portal for ${portal.seconds} s`);
    try {
      run.portal = await runPortalBench(target, seed.city, { ...portal, log, fail: (m) => fail(`${dialect} ${m}`) });
    } catch (e) {
      run.portalError = (e as Error).stack ?? String(e);
      fail(`${dialect} portal: ${(e as Error).message}`);
    }
  }

  if (!a['skip-checkin']) {
    log(`\ncheck-in: ${checkinMembers} members checking in by QR code to one activity through the HTTP API`);
    try {
      run.checkin = await runCheckinBench(target, seed.city, {
        members: checkinMembers,
        concurrency: checkinConcurrency,
        log,
        fail: (m) => fail(`${dialect} ${m}`),
      });
    } catch (e) {
      run.checkinError = (e as Error).stack ?? String(e);
      fail(`${dialect} check-in: ${(e as Error).message}`);
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

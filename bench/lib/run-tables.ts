/** The printed result tables of a bench run. */
import { dashboardTables } from './dashboard.ts';
import { ballotTables } from './ballots.ts';
import { fmtInt, fmtMs, fmtS, mb, table } from './util.ts';
import { importRows, reps, scale } from './run-options.ts';
import type { DbRun } from './run-database.ts';

export function printTables(runs: DbRun[]): string {
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

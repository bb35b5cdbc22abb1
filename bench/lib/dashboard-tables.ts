/** The printed tables of the dashboard section. */
import { fmtInt, fmtMs, fmtS, table } from './util.ts';
import { DASHBOARD_TARGETS, type DashboardResult, type Stall } from './dashboard-results.ts';

/** A stall and how its interval (stall + the 10 ms tick) was spent: on a CPU, runnable waiting for one, the rest off CPU (I/O such as fsync, or idle). */
export const describeStall = (s: Stall) => {
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

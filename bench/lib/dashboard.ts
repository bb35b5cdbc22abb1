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
import { sql } from 'kysely';
import { ACTIVITY_TYPES, PARTY_EDUCATION_FORMS, SHUANG_ZHENG_XIAN_TEMPLATE, isoToday } from '@zx/domain';
import { buildBenchApp } from './server.ts';
import { pathInSubtree } from '../../packages/server/src/access/repository/subtree.ts';
import { rng, type CitySummary } from '../../packages/server/src/demo/generator.ts';
import { loadActivities, loadPlans, refreshAll, yearPhases } from '../../packages/server/src/demo/campaign-activity.ts';
import { TestClient } from '../../packages/server/test/client.ts';
import { createUser, TEST_PASSWORD } from '../../packages/server/test/factories.ts';
import type { Target } from './city.ts';
import { fmtInt, fmtMs, fmtS, nowMs } from './util.ts';
import { DASHBOARD_TARGETS, type DashboardOptions, type DashboardResult } from './dashboard-results.ts';
import { checkFigures } from './dashboard-figures.ts';
import { timeDashboard } from './dashboard-latency.ts';
import { mixedLoad } from './dashboard-mixed-load.ts';
import { describeStall } from './dashboard-tables.ts';

export { DASHBOARD_TARGETS, type DashboardOptions, type DashboardResult, type LatencyResult, type LoadRow, type Stall } from './dashboard-results.ts';
export { dashboardTables } from './dashboard-tables.ts';

export async function runDashboardBench(target: Target, city: CitySummary, opts: DashboardOptions): Promise<DashboardResult> {
  const { log, fail } = opts;
  const { app, ctx } = await buildBenchApp(target);
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

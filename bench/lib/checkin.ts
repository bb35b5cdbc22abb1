/**
 * The check-in bench (issue 13): on a seeded city, `members` active members of the first district
 * (sessions prepared beforehand, not timed) check in by QR code to one activity of the district
 * held today, through the real HTTP API, `concurrency` at a time. Reported: total time,
 * check-ins/s, p50/p95/p99 latency, errors (must be 0), attendance rows written (must equal the
 * members), and the longest event-loop stall of the server (perf_hooks monitorEventLoopDelay in
 * this process, where the app runs; the load is in a worker thread).
 * Targets: all within 60 s, 0 errors, no stall over 50 ms.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import { isoToday } from '../../packages/domain/src/common/dates.ts';
import { buildBenchApp, startTsWorker } from './server.ts';
import { login } from '../../packages/server/src/auth/service.ts';
import { pathInSubtree } from '../../packages/server/src/access/repository/subtree.ts';
import type { CitySummary } from '../../packages/server/src/demo/generator.ts';
import { createUser, TEST_PASSWORD } from '../../packages/server/test/factories.ts';
import type { Target } from './city.ts';
import type { CheckinLoadResult, CheckinLoadSpec } from './checkin-load.ts';
import { fmtInt, fmtMs, fmtS, stats, type Stats } from './util.ts';

export const CHECKIN_TARGETS = { seconds: 60, errors: 0, maxStallMs: 50 } as const;

export interface CheckinOptions {
  members: number;
  concurrency: number;
  log: (line: string) => void;
  fail: (msg: string) => void;
}

export interface CheckinResult {
  members: number;
  concurrency: number;
  seconds: number;
  checkinsPerSecond: number;
  latencyMs: Stats;
  errors: { total: number; samples: CheckinLoadResult['errors'] };
  attendanceRows: number;
  maxStallMs: number;
  stallP99Ms: number;
  ok: boolean;
}

const startWorker = (spec: CheckinLoadSpec) => startTsWorker('checkin-load.ts', spec);

export async function runCheckinBench(target: Target, city: CitySummary, opts: CheckinOptions): Promise<CheckinResult> {
  const { log, fail } = opts;
  const { app, ctx } = await buildBenchApp(target);
  try {
    const district = await ctx.db
      .selectFrom('organization')
      .select(['id', 'path', 'name', 'code'])
      .where('id', '=', city.districtIds[0])
      .executeTakeFirstOrThrow();
    const members = await ctx.db
      .selectFrom('member as m')
      .innerJoin('organization as o', 'o.id', 'm.org_id')
      .select(['m.id', 'o.id as org_id', 'o.path', 'o.name', 'o.code'])
      .where(pathInSubtree('o.path', district.path))
      .where('m.status', '=', 'active')
      .where((eb) => eb.not(eb.exists(eb.selectFrom('user_account as u').select('u.id').whereRef('u.member_id', '=', 'm.id'))))
      .orderBy('m.id')
      .limit(opts.members + 1)
      .execute();
    if (members.length < opts.members + 1) throw new Error(`district #${district.id} has only ${members.length} members without an account`);

    // The activity, its campaign and the open check-in: set up directly, not timed.
    const at = new Date().toISOString();
    const tpl = await ctx.db.selectFrom('campaign_template').selectAll().orderBy('id').executeTakeFirstOrThrow();
    const year = Number(isoToday().slice(0, 4));
    const campaign = await ctx.db
      .insertInto('campaign')
      .values({
        template_id: tpl.id,
        org_id: district.id,
        org_path: district.path,
        name: '签到基准测试',
        slogan: null,
        definition: tpl.definition,
        phase_dates: JSON.stringify([{ key: 'mobilization', startsOn: `${year}-01-01`, endsOn: `${year}-12-31` }]),
        manual_phase_key: null,
        cloned_from_id: null,
        created_at: at,
        created_by: null,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const activity = await ctx.db
      .insertInto('activity')
      .values({
        campaign_id: campaign.id,
        org_id: district.id,
        org_path: district.path,
        type: 'party_education',
        form: 'oath_renewal',
        title: '全区团员重温入团誓词',
        held_on: isoToday(),
        place: '体育馆',
        summary: '扫码签到基准测试',
        minutes: null,
        task_keys: '[]',
        photo_ids: '[]',
        created_at: at,
        created_by: null,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await ctx.db
      .insertInto('activity_checkin')
      .values({ activity_id: activity.id, margin_hours: 2, opened_at: at, opened_by: null, closed_at: null, closed_by: null })
      .execute();

    // Sessions prepared beforehand: one login per member, each from its own address (the per-address login limit is not what is measured).
    const sessionOf = async (u: { username: string }, i: number) => {
      const r = await login(ctx, { login: u.username, password: TEST_PASSWORD, ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, userAgent: 'bench' });
      return { token: r.token, csrf: r.csrfToken };
    };
    const secretaryUser = await createUser(ctx, [{ role: 'org_admin', org: district }]);
    const secretary = await sessionOf(secretaryUser, 0);
    const sessions: CheckinLoadSpec['members'] = [];
    for (const [i, m] of members.entries()) {
      // The last one is the warm-up member (checkin-load.ts), not timed.
      const u = await createUser(ctx, [{ role: 'member', org: { id: m.org_id, path: m.path, name: m.name, code: m.code } }], { memberId: m.id });
      sessions.push(await sessionOf(u, i + 1));
    }
    log(
      `check-in: ${fmtInt(opts.members)} members (sessions prepared, one more checked in first to warm up) checking in to activity #${activity.id} of district #${district.id}, ${opts.concurrency} at a time`,
    );

    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const warmup = sessions.pop()!;
    const worker = startWorker({
      baseUrl: `http://127.0.0.1:${port}`,
      activityId: activity.id,
      concurrency: opts.concurrency,
      secretary,
      warmup,
      members: sessions,
    });
    const loop = monitorEventLoopDelay({ resolution: 5 });
    const result = await new Promise<CheckinLoadResult>((resolve, reject) => {
      worker.on('message', (m: { kind: string; result?: CheckinLoadResult; message?: string }) => {
        if (m.kind === 'ready') {
          loop.enable();
          worker.postMessage({ kind: 'go' });
        } else if (m.kind === 'done') resolve(m.result!);
        else if (m.kind === 'error') reject(new Error(m.message));
      });
      worker.on('error', reject);
    });
    loop.disable();
    await worker.terminate();

    const attendanceRows = Number(
      (
        await ctx.db
          .selectFrom('activity_attendance')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('activity_id', '=', activity.id)
          .where('source', '=', 'qr')
          .executeTakeFirstOrThrow()
      ).n,
    );
    const latencyMs = stats(result.latenciesMs);
    const maxStallMs = loop.max / 1e6;
    const r: CheckinResult = {
      members: opts.members,
      concurrency: opts.concurrency,
      seconds: result.seconds,
      checkinsPerSecond: Math.round(result.accepted / result.seconds),
      latencyMs,
      errors: { total: result.errors.length, samples: result.errors.filter((e) => e.body).slice(0, 5) },
      attendanceRows,
      maxStallMs,
      stallP99Ms: loop.percentile(99) / 1e6,
      ok: true,
    };
    log(
      `  ${fmtInt(result.accepted)} check-ins in ${fmtS(r.seconds)} s (${fmtInt(r.checkinsPerSecond)}/s) | p50 ${fmtMs(latencyMs.p50)} ms p95 ${fmtMs(latencyMs.p95)} ms p99 ${fmtMs(latencyMs.p99)} ms | errors ${r.errors.total} | rows ${fmtInt(attendanceRows)} | event-loop stall max ${fmtMs(maxStallMs)} ms (p99 ${fmtMs(r.stallP99Ms)} ms)`,
    );
    for (const e of r.errors.samples) log(`    error ${e.status}: ${e.body}`);
    const problems = [
      r.seconds > CHECKIN_TARGETS.seconds && `took ${fmtS(r.seconds)} s > ${CHECKIN_TARGETS.seconds} s`,
      r.errors.total > 0 && `${r.errors.total} errors`,
      attendanceRows !== opts.members + 1 && `${attendanceRows} attendance rows for ${opts.members} members and the warm-up`,
      maxStallMs > CHECKIN_TARGETS.maxStallMs && `event-loop stall ${fmtMs(maxStallMs)} ms > ${CHECKIN_TARGETS.maxStallMs} ms`,
    ].filter((p): p is string => !!p);
    if (problems.length) {
      r.ok = false;
      fail(`check-in: ${problems.join('; ')}`);
    }
    return r;
  } finally {
    await app.close();
  }
}

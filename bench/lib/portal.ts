/**
 * The public portal bench (issue 13): a campaign at the city root with `posts` approved posts
 * spread over the city's branches; `readers` anonymous readers read the portal's campaign and
 * post-list answers at once for `seconds` through the real HTTP API (a worker thread,
 * ./portal-load.ts), each reading an answer for `thinkMs` before the next and revalidating with
 * the ETag it holds. Reported: requests/s, p50/p95/p99 per answer, 304s, errors, the answers'
 * Cache-Control — target p95 ≤ 20 ms at 200 readers, 0 errors — and then, for capacity, the same
 * readers with no think time and no ETag (saturation: requests/s and p95, no target).
 */
import type { AddressInfo } from 'node:net';
import { buildBenchApp, startTsWorker } from './server.ts';
import type { CitySummary } from '../../packages/server/src/demo/generator.ts';
import { yearPhases } from '../../packages/server/test/factories.ts';
import type { Target } from './city.ts';
import type { PortalLoadResult, PortalLoadSpec } from './portal-load.ts';
import { fmtInt, fmtMs, stats, table, type Stats } from './util.ts';

export const PORTAL_TARGETS = { p95Ms: 20, errors: 0 } as const;

export interface PortalOptions {
  readers: number;
  seconds: number;
  posts: number;
  thinkMs: number;
  log: (line: string) => void;
  fail: (msg: string) => void;
}

export interface PortalResult {
  readers: number;
  posts: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { all: Stats; campaign: Stats; posts: Stats };
  errors: { total: number; samples: PortalLoadResult['errors'] };
  cacheControl: string | null;
  thinkMs: number;
  notModified: number;
  /** The same readers with no think time and no ETag: what the server answers flat out. */
  saturation: { requests: number; requestsPerSecond: number; latencyMs: Stats; errors: number };
  ok: boolean;
}

function runLoad(spec: PortalLoadSpec): Promise<PortalLoadResult> {
  const worker = startWorker(spec);
  return new Promise<PortalLoadResult>((resolve, reject) => {
    worker.on('message', (m: { kind: string; result?: PortalLoadResult }) => {
      if (m.kind === 'ready') worker.postMessage({ kind: 'go' });
      if (m.kind === 'done') resolve(m.result!);
    });
    worker.on('error', reject);
  }).finally(() => worker.terminate());
}

const startWorker = (spec: PortalLoadSpec) => startTsWorker('portal-load.ts', spec);

/** Rows written directly: the bench measures reading the portal, not writing posts. */
async function seedPortal(ctx: Awaited<ReturnType<typeof buildBenchApp>>['ctx'], city: CitySummary, posts: number): Promise<number> {
  const root = await ctx.db.selectFrom('organization').select(['id', 'path']).where('id', '=', city.rootId).executeTakeFirstOrThrow();
  const tpl = await ctx.db.selectFrom('campaign_template').selectAll().orderBy('id').executeTakeFirstOrThrow();
  const at = new Date().toISOString();
  const { id } = await ctx.db
    .insertInto('campaign')
    .values({
      template_id: tpl.id,
      org_id: root.id,
      org_path: root.path,
      name: '“双争先”主题实践活动（门户基准）',
      slogan: '青春建功新时代',
      definition: tpl.definition,
      phase_dates: JSON.stringify(yearPhases(new Date().getUTCFullYear())),
      manual_phase_key: null,
      cloned_from_id: null,
      created_at: at,
      created_by: null,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const branches = await ctx.db.selectFrom('organization').select(['id', 'path']).where('id', 'in', city.branchIds.slice(0, 200)).execute();
  const rows = Array.from({ length: posts }, (_, i) => {
    const b = branches[i % branches.length];
    const t = new Date(Date.now() - i * 3_600_000).toISOString();
    return {
      campaign_id: id,
      org_id: b.id,
      org_path: b.path,
      title: `青春宣讲进社区（第 ${i + 1} 期）`,
      body: '团支部组织团员走进社区，围绕“青春心向党、建功新时代”开展宣讲，服务群众，展示新时代团员风采。'.repeat(4),
      photo_ids: '[]',
      activity_ids: '[]',
      video_url: null,
      status: 'approved' as const,
      submitted_at: t,
      published_at: t,
      created_by: null,
      created_at: t,
      updated_at: t,
    };
  });
  for (let i = 0; i < rows.length; i += 200)
    await ctx.db
      .insertInto('post')
      .values(rows.slice(i, i + 200))
      .execute();
  return id;
}

export async function runPortalBench(target: Target, city: CitySummary, opts: PortalOptions): Promise<PortalResult> {
  const { app, ctx } = await buildBenchApp(target);
  try {
    const campaignId = await seedPortal(ctx, city, opts.posts);
    opts.log(
      `portal: campaign #${campaignId} with ${fmtInt(opts.posts)} approved posts; ${opts.readers} anonymous readers for ${opts.seconds} s, reading each answer ~${opts.thinkMs} ms`,
    );
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const baseUrl = `http://127.0.0.1:${port}`;
    // Untimed warm-up, as a server that has been answering for a while: every answer rendered once, the code paths compiled.
    await runLoad({ baseUrl, campaignId, readers: 20, seconds: 2, thinkMs: 0, conditional: false });
    const load = await runLoad({ baseUrl, campaignId, readers: opts.readers, seconds: opts.seconds, thinkMs: opts.thinkMs, conditional: true });
    const flat = await runLoad({ baseUrl, campaignId, readers: opts.readers, seconds: Math.min(opts.seconds, 5), thinkMs: 0, conditional: false });
    const flatAll = [...flat.latenciesMs.campaign, ...flat.latenciesMs.posts];
    const all = [...load.latenciesMs.campaign, ...load.latenciesMs.posts];
    const result: PortalResult = {
      readers: opts.readers,
      posts: opts.posts,
      seconds: load.seconds,
      requests: all.length,
      requestsPerSecond: Math.round(all.length / load.seconds),
      latencyMs: { all: stats(all), campaign: stats(load.latenciesMs.campaign), posts: stats(load.latenciesMs.posts) },
      errors: { total: load.errors.length, samples: load.errors.slice(0, 5) },
      cacheControl: load.cacheControl,
      thinkMs: opts.thinkMs,
      notModified: load.notModified,
      saturation: {
        requests: flatAll.length,
        requestsPerSecond: Math.round(flatAll.length / flat.seconds),
        latencyMs: stats(flatAll),
        errors: flat.errors.length,
      },
      ok: false,
    };
    result.ok = result.latencyMs.all.p95 <= PORTAL_TARGETS.p95Ms && result.errors.total === PORTAL_TARGETS.errors;
    opts.log(
      table(
        ['answer', 'requests', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
        (['all', 'campaign', 'posts'] as const).map((k) => {
          const s = result.latencyMs[k];
          return [k, fmtInt(s.n), fmtMs(s.p50), fmtMs(s.p95), fmtMs(s.p99), fmtMs(s.max)];
        }),
      ),
    );
    opts.log(
      `portal: ${fmtInt(result.requestsPerSecond)} requests/s (${fmtInt(result.notModified)} answered 304), ${result.errors.total} errors, Cache-Control: ${result.cacheControl}`,
    );
    opts.log(
      `portal saturation (no think time, no ETag): ${fmtInt(result.saturation.requestsPerSecond)} requests/s, p50 ${fmtMs(result.saturation.latencyMs.p50)} ms, p95 ${fmtMs(result.saturation.latencyMs.p95)} ms, ${result.saturation.errors} errors`,
    );
    if (result.latencyMs.all.p95 > PORTAL_TARGETS.p95Ms)
      opts.fail(`portal: p95 ${fmtMs(result.latencyMs.all.p95)} ms is over the ${PORTAL_TARGETS.p95Ms} ms target`);
    if (result.errors.total) opts.fail(`portal: ${result.errors.total} errors (e.g. ${JSON.stringify(result.errors.samples[0])})`);
    return result;
  } finally {
    await app.close();
  }
}

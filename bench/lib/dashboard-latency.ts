/** Timing dashboard GETs through app.inject. */
import type { App } from '../../packages/server/src/app.ts';
import { nowMs, stats, type Stats } from './util.ts';

/** 20 warm-up + `reps` timed GETs of one dashboard through app.inject (the body is not parsed). */
export async function timeDashboard(app: App, cookie: string, url: string, reps: number, warmup = 20): Promise<{ ms: Stats; bytes: number; body: any }> {
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

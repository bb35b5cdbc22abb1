import { createHash } from 'node:crypto';
import type { AppContext } from '../context.ts';

/** How long a rendered portal answer is reused at most (the phase of the day and view counts move on their own). */
const TTL_MS = 30_000;
const MAX_ENTRIES = 2_000;

/** A rendered answer: its JSON bytes, sent as they are, and their ETag. */
export interface PortalEntry {
  at: number;
  etag: string;
  json: Buffer;
}

/**
 * The rendered answers of the public portal, per campaign and URL, so 200 readers of one
 * campaign cost one render per 30 s: concurrent misses of one key wait for the same render, and
 * the answer is kept as JSON bytes, so a hit neither queries nor serializes. Approving,
 * returning or withdrawing a post drops the campaign's entries (after its transaction
 * committed), so a withdrawn post leaves the portal at once.
 */
export class PortalCache {
  private entries = new Map<number, Map<string, PortalEntry>>();
  private pending = new Map<string, Promise<PortalEntry>>();
  private size = 0;

  get(campaignId: number, key: string, render: () => Promise<unknown>): Promise<PortalEntry> {
    const hit = this.entries.get(campaignId)?.get(key);
    if (hit && Date.now() - hit.at < TTL_MS) return Promise.resolve(hit);
    const flight = `${campaignId}:${key}`;
    const running = this.pending.get(flight);
    if (running) return running;
    const generation = this.entries.get(campaignId);
    const p = render()
      .then((body) => {
        const json = Buffer.from(JSON.stringify(body));
        const entry = { at: Date.now(), etag: `W/"${createHash('sha1').update(json).digest('base64url')}"`, json };
        // An invalidation while rendering wins: the answer is sent but not kept.
        if (this.entries.get(campaignId) === generation) this.keep(campaignId, key, entry);
        return entry;
      })
      .finally(() => this.pending.delete(flight));
    this.pending.set(flight, p);
    return p;
  }

  private keep(campaignId: number, key: string, entry: PortalEntry) {
    if (this.size >= MAX_ENTRIES) this.clear();
    let m = this.entries.get(campaignId);
    if (!m) this.entries.set(campaignId, (m = new Map()));
    if (!m.has(key)) this.size++;
    m.set(key, entry);
  }

  invalidate(campaignId: number): void {
    const m = this.entries.get(campaignId);
    if (m) this.size -= m.size;
    this.entries.set(campaignId, new Map());
    for (const k of this.pending.keys()) if (k.startsWith(`${campaignId}:`)) this.pending.delete(k);
  }

  clear(): void {
    this.entries.clear();
    this.size = 0;
  }
}

const caches = new WeakMap<AppContext, PortalCache>();
export function portalCache(ctx: AppContext): PortalCache {
  let c = caches.get(ctx);
  if (!c) caches.set(ctx, (c = new PortalCache()));
  return c;
}

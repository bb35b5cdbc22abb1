import { createHash } from 'node:crypto';
import type { AppContext } from '../context.ts';

/** How long a rendered portal answer is reused at most (the phase of the day and view counts move on their own). */
const TTL_MS = 30_000;
const MAX_ENTRIES = 2_000;

interface Entry {
  at: number;
  etag: string;
  body: unknown;
}

/**
 * The rendered answers of the public portal, per campaign and URL, so 200 readers of one
 * campaign cost one query round per 30 s. Approving, returning or withdrawing a post drops the
 * campaign's entries (after its transaction committed), so a withdrawn post leaves the portal at once.
 */
export class PortalCache {
  private entries = new Map<number, Map<string, Entry>>();
  private size = 0;

  async get<T>(campaignId: number, key: string, render: () => Promise<T>): Promise<{ etag: string; body: T }> {
    const now = Date.now();
    const hit = this.entries.get(campaignId)?.get(key);
    if (hit && now - hit.at < TTL_MS) return hit as { etag: string; body: T };
    const generation = this.entries.get(campaignId);
    const body = await render();
    const etag = `W/"${createHash('sha1').update(JSON.stringify(body)).digest('base64url')}"`;
    const entry = { at: now, etag, body };
    // An invalidation while rendering wins: the answer is sent but not kept.
    if (this.entries.get(campaignId) === generation) {
      if (this.size >= MAX_ENTRIES) this.clear();
      let m = this.entries.get(campaignId);
      if (!m) this.entries.set(campaignId, (m = new Map()));
      if (!m.has(key)) this.size++;
      m.set(key, entry);
    }
    return entry;
  }

  invalidate(campaignId: number): void {
    const m = this.entries.get(campaignId);
    if (m) this.size -= m.size;
    this.entries.set(campaignId, new Map());
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

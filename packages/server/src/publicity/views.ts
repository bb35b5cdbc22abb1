import type { AppContext } from '../context.ts';
import { publicRepository as repo } from './public-repository.ts';

/** How often counted views are written (and at shutdown). */
export const VIEW_FLUSH_MS = 5_000;

/**
 * View counts without personal data: a read adds one to an in-memory number per post and per
 * portal — no IP, cookie or account is looked at or stored — and the numbers are written every
 * few seconds as one `views = views + n` per counter. 200 readers at once therefore never queue
 * on one row's lock; the price is that a crash loses at most the last few seconds of counts.
 */
export class ViewCounter {
  private posts = new Map<number, number>();
  private portals = new Map<number, number>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private ctx: AppContext) {}

  post(id: number) {
    this.posts.set(id, (this.posts.get(id) ?? 0) + 1);
    this.arm();
  }

  portal(campaignId: number) {
    this.portals.set(campaignId, (this.portals.get(campaignId) ?? 0) + 1);
    this.arm();
  }

  private arm() {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush().catch((e: unknown) => console.error('publicity: view counts not written', e));
    }, VIEW_FLUSH_MS);
    this.timer.unref();
  }

  /** Writes what was counted so far (tests call it; the timer and shutdown do too). */
  flush(): Promise<void> {
    this.flushing = this.flushing
      .catch(() => undefined)
      .then(async () => {
        const posts = [...this.posts];
        const portals = [...this.portals];
        this.posts.clear();
        this.portals.clear();
        if (!posts.length && !portals.length) return;
        await this.ctx.db.transaction().execute(async (trx) => {
          for (const [id, n] of posts) await repo.addPostViews(trx, id, n);
          for (const [id, n] of portals) await repo.addPortalViews(trx, id, n);
        });
      });
    return this.flushing;
  }

  async close() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flush();
  }
}

const counters = new WeakMap<AppContext, ViewCounter>();
export function viewCounter(ctx: AppContext): ViewCounter {
  let c = counters.get(ctx);
  if (!c) counters.set(ctx, (c = new ViewCounter(ctx)));
  return c;
}

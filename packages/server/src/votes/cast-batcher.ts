import type { Insertable } from 'kysely';
import type { ScaleCode } from '@zx/domain';
import type { AppContext } from '../context.ts';
import type { AuditLogTable } from '../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { auditRow } from '../audit/service.ts';
import { voteRepository as repo } from './repository.ts';
import { castRepository, type CastOutcome, type CastRow } from './cast-repository.ts';
import { newBallotId } from './engine.ts';

/**
 * The hot path of casting (ballots/s is benchmarked): what a cast is validated against, kept in
 * memory, and the group commit that writes casts arriving together in one batch. The rules of a
 * cast are voteService.cast's (votes/voter.ts); see decision 0007.
 */

export type { CastOutcome };
export type PendingCast = CastRow;

/** Casting validates against the subjects of an open session, which never change: kept in memory. */
export interface BallotMeta {
  scale: ScaleCode;
  onBallot: number[];
  orgPath: string;
}
const ballotMetas = new WeakMap<AppContext, Map<number, Promise<BallotMeta | null>>>();
export function metaOf(ctx: AppContext, id: number): Promise<BallotMeta | null> {
  let ballotMeta = ballotMetas.get(ctx);
  if (!ballotMeta) ballotMetas.set(ctx, (ballotMeta = new Map()));
  const cache = ballotMeta;
  const hit = cache.get(id);
  if (hit) return hit;
  // Voters who open a ballot together share one read (the promise is cached while it runs).
  const load = (async () => {
    const s = await repo.session(ctx.db, id);
    if (!s) return null;
    const subjects = await repo.subjects(ctx.db, id);
    return { status: s.status, meta: { scale: s.scale as ScaleCode, onBallot: subjects.filter((x) => x.exempt !== 1).map((x) => x.id), orgPath: s.org_path } };
  })();
  if (cache.size > 2000) cache.clear();
  const meta = load.then((r) => r?.meta ?? null);
  cache.set(id, meta);
  // Kept only once voting started: a draft's subjects may still change.
  load.then(
    (r) => {
      if (!r || (r.status !== 'open' && r.status !== 'closed')) cache.delete(id);
    },
    () => cache.delete(id),
  );
  return meta;
}

/** The audit row of a cast, as audit() writes it: who voted in which session, never what. */
export const castAudit = (actor: Actor, sessionId: number): Insertable<AuditLogTable> =>
  auditRow(actor, { action: 'vote.cast', targetType: 'vote_session', targetId: sessionId });

/**
 * Group commit: a cast waits while the batch in flight is written; then every cast that queued
 * meanwhile goes in the next batch — one transaction and one disk sync on SQLite, one statement
 * (one round trip) on PostgreSQL. Each cast is still checked on its own (session open, its roll
 * flag flipped 0 → 1) and a refused one writes nothing. A voter's second cast in the same batch
 * is answered as a repeat of the first without being written.
 */
const batches = new WeakMap<AppContext, { queue: QueuedCast[]; running: boolean }>();
interface QueuedCast {
  cast: PendingCast;
  done: (o: CastOutcome) => void;
  fail: (e: unknown) => void;
}

export function castBatched(ctx: AppContext, cast: PendingCast): Promise<CastOutcome> {
  let state = batches.get(ctx);
  if (!state) batches.set(ctx, (state = { queue: [], running: false }));
  const st = state;
  return new Promise((done, fail) => {
    st.queue.push({ cast, done, fail });
    if (!st.running) void drain(ctx, st);
  });
}

async function drain(ctx: AppContext, st: { queue: QueuedCast[]; running: boolean }) {
  st.running = true;
  try {
    while (st.queue.length) {
      // Collect: while casts keep arriving (other requests are still reading their sessions), wait a little, ≤ 10 ms.
      const since = Date.now();
      let seen = -1;
      while (st.queue.length !== seen && st.queue.length < 500 && Date.now() - since < 10) {
        seen = st.queue.length;
        await new Promise((r) => setTimeout(r, 1));
      }
      const batch = st.queue.splice(0, 500);
      try {
        const outcomes = await writeBatch(
          ctx,
          batch.map((b) => b.cast),
        );
        for (const [i, b] of batch.entries()) b.done(outcomes[i]);
      } catch (e) {
        for (const b of batch) b.fail(e);
      }
    }
  } finally {
    st.running = false;
  }
}

async function writeBatch(ctx: AppContext, casts: PendingCast[]): Promise<CastOutcome[]> {
  const firstOf = new Map<string, number>();
  const distinct: PendingCast[] = [];
  const slot = casts.map((c) => {
    const key = `${c.sessionId}:${c.memberId}`;
    let i = firstOf.get(key);
    if (i === undefined) {
      firstOf.set(key, (i = distinct.length));
      distinct.push(c);
      return { i, repeat: false };
    }
    return { i, repeat: true };
  });
  const written = await castRepository.writeCasts(ctx.db, distinct, newBallotId);
  return slot.map(({ i, repeat }) => (repeat && written[i] === 'ok' ? 'ALREADY_VOTED' : written[i]));
}

import type { AppContext } from '../context.ts';
import { nowIso, type Executor } from '../db/database.ts';
import { notifyMany } from '../inbox/service.ts';
import { AppError } from '../http/errors.ts';
import { voteRepository as repo, type SessionRow } from './repository.ts';
import { closeSession, openSession, scrubAfterClose } from './engine.ts';

/** Tells each person on the (now frozen) roll that voting has started — nobody else. */
export async function announceOpen(ex: Executor, s: SessionRow) {
  const roll = await repo.rollMembers(ex, s.id);
  await notifyMany(
    ex,
    roll.map((r) => ({
      member: { id: r.member_id, orgId: r.org_id, orgPath: r.org_path },
      kind: 'vote_opened' as const,
      link: `/votes/ballot/${s.id}`,
      dedupeKey: `vote-opened:${s.id}:${r.member_id}`,
      titleZh: `${s.title_zh}已开始投票，请在“我的投票”中投票`,
      titleEn: `Voting has started: ${s.title_en ?? s.title_zh}. Vote under "My votes"`,
    })),
  );
}

export async function closeDue(ctx: AppContext, id: number) {
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const s = await repo.sessionForChange(trx, id);
      if (s?.status !== 'open' || !s.closes_at || s.closes_at > nowIso()) return;
      await closeSession(trx, null, id);
    });
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
  }
  await scrubAfterClose(ctx);
}

/**
 * The scheduler's pass (jobs/runner.ts, every 30 s): drafts whose opening time has come open (the
 * roll freezes then), open sessions whose closing time has passed close. Safe on several app
 * instances: each change re-checks the status under the row lock.
 */
export async function runVoteSchedule(ctx: AppContext, now = nowIso()): Promise<{ opened: number; closed: number }> {
  let opened = 0;
  let closed = 0;
  for (const { id } of await repo.dueToClose(ctx.db, now)) {
    await closeDue(ctx, id);
    closed++;
  }
  for (const { id } of await repo.dueToOpen(ctx.db, now)) {
    try {
      await ctx.db.transaction().execute(async (trx) => {
        const s = await repo.sessionForChange(trx, id);
        if (s?.status !== 'draft' || !s.opens_at || s.opens_at > now) return;
        if (s.closes_at && s.closes_at <= now) return; // missed its whole window: left as a draft for the organizer
        await openSession(trx, null, id);
        if (!s.ref_type) await announceOpen(trx, s);
        opened++;
      });
    } catch (e) {
      if (!(e instanceof AppError)) throw e; // e.g. no representatives yet: stays a draft, shown as such
    }
  }
  return { opened, closed };
}

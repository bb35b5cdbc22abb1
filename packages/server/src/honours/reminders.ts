import type { Executor } from '../db/database.ts';
import { notifyMany } from '../inbox/service.ts';
import { honourRepository as repo } from './repository.ts';

/**
 * Rounds whose public notice (公示) is over but not yet finalized (jobs/reminders.ts calls this in
 * its hourly pass): the round's organization gets one notice — handle the objections, then fix
 * the final list. The dedupe key `honour-notice-ended:<roundId>` makes every later pass, on this
 * or another instance, write nothing.
 */
export async function remindNoticeEnded(trx: Executor, today: string): Promise<number> {
  const rounds = await repo.roundsPastNotice(trx, today);
  return notifyMany(
    trx,
    rounds.map((r) => {
      const pending = Number(r.pending ?? 0);
      return {
        org: { id: r.org_id, path: r.org_path },
        kind: 'honour_notice_ended' as const,
        link: `/honours/${r.id}`,
        dedupeKey: `honour-notice-ended:${r.id}`,
        titleZh: pending
          ? `“${r.name}”公示期已于${r.notice_ends_on}结束，尚有 ${pending} 条异议待处理，处理后即可确定最终名单`
          : `“${r.name}”公示期已于${r.notice_ends_on}结束，可以确定最终名单`,
        titleEn: pending
          ? `The public notice of "${r.name}" ended on ${r.notice_ends_on}; ${pending} objection(s) await handling before the final list`
          : `The public notice of "${r.name}" ended on ${r.notice_ends_on}; the final list can be fixed now`,
      };
    }),
  );
}

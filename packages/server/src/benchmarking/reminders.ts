import type { Executor } from '../db/database.ts';
import { nowIso } from '../db/database.ts';
import { notifyMany } from '../inbox/service.ts';
import { benchmarkRepository } from './repository.ts';

/**
 * Catch-up measures due soon (jobs/reminders.ts calls this in its hourly pass): an open measure
 * due between `today` and `until` gives its unit one inbox notice. `reminded_at` and the dedupe
 * key `measure-due:<id>` make a second pass, on this or another instance, write nothing.
 */
export async function remindMeasures(trx: Executor, today: string, until: string): Promise<number> {
  const due = await benchmarkRepository.dueUnreminded(trx, today, until);
  const sent = await notifyMany(
    trx,
    due.map((m) => ({
      org: { id: m.org_id, path: m.org_path },
      kind: 'measure_due' as const,
      link: `/benchmarking?campaignId=${m.campaign_id}&orgId=${m.org_id}`,
      dedupeKey: `measure-due:${m.id}`,
      titleZh: `赶超措施将于${m.due_on}到期：${m.content.slice(0, 40)}`,
      titleEn: `A catch-up measure is due on ${m.due_on}: ${m.content.slice(0, 60)}`,
    })),
  );
  await benchmarkRepository.markReminded(
    trx,
    due.map((m) => m.id),
    nowIso(),
  );
  return sent;
}

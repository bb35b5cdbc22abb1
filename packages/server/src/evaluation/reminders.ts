import type { Executor } from '../db/database.ts';
import { nowIso } from '../db/database.ts';
import { notifyMany } from '../inbox/service.ts';
import { evaluationRepository as repo } from './repository.ts';

/**
 * Re-evaluation reminders (jobs/reminders.ts calls this in its hourly pass): an 不合格 member
 * whose re-evaluation falls due by `until` and is not recorded yet gives the branch one inbox
 * notice. `reevaluation_reminded_at` and the dedupe key `reevaluation-due:<round>:<member>` make
 * a second pass, on this or another instance, write nothing.
 */
export async function remindReevaluations(trx: Executor, until: string): Promise<number> {
  const due = await repo.reevaluationsDue(trx, until);
  const sent = await notifyMany(
    trx,
    due.map((d) => ({
      org: { id: d.org_id, path: d.org_path },
      kind: 'evaluation_reevaluation_due' as const,
      link: `/evaluations/${d.evaluation_id}`,
      dedupeKey: `reevaluation-due:${d.evaluation_id}:${d.member_id}`,
      titleZh: `${d.member_name}在 ${d.year} 年度评议中被评为不合格，应于${d.reevaluation_due_on}前后重新评议`,
      titleEn: `${d.member_name} (不合格 in ${d.year}) is due for re-evaluation around ${d.reevaluation_due_on}`,
    })),
  );
  const at = nowIso();
  for (const d of due) await repo.updateParticipant(trx, d.evaluation_id, d.member_id, { reevaluation_reminded_at: at });
  return sent;
}

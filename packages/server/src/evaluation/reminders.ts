import type { Executor } from '../db/database.ts';
import { nowIso } from '../db/database.ts';
import { notifyMany } from '../inbox/service.ts';

/**
 * Re-evaluation reminders (jobs/reminders.ts calls this in its hourly pass): an 不合格 member
 * whose re-evaluation falls due by `until` and is not recorded yet gives the branch one inbox
 * notice. `reevaluation_reminded_at` and the dedupe key `reevaluation-due:<round>:<member>` make
 * a second pass, on this or another instance, write nothing.
 */
export async function remindReevaluations(trx: Executor, until: string): Promise<number> {
  const due = await trx
    .selectFrom('member_evaluation_participant as p')
    .innerJoin('member_evaluation as e', 'e.id', 'p.evaluation_id')
    .innerJoin('organization as o', 'o.id', 'e.org_id')
    .select(['p.evaluation_id', 'p.member_id', 'p.member_name', 'p.reevaluation_due_on', 'e.year', 'o.id as org_id', 'o.path as org_path'])
    .where('e.stage', '=', 'approved')
    .where('p.final_grade', '=', 'unqualified')
    .where('p.reevaluation_grade', 'is', null)
    .where('p.reevaluation_reminded_at', 'is', null)
    .where('p.reevaluation_due_on', '<=', until)
    .orderBy('p.evaluation_id')
    .execute();
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
  for (const d of due) {
    await trx
      .updateTable('member_evaluation_participant')
      .set({ reevaluation_reminded_at: at })
      .where('evaluation_id', '=', d.evaluation_id)
      .where('member_id', '=', d.member_id)
      .execute();
  }
  return sent;
}

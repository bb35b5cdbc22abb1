import { isoToday } from '@zx/domain';
import type { AppContext } from '../context.ts';
import { nowIso } from '../db/database.ts';
import { notifyMany } from '../inbox/service.ts';
import { reportRepository } from '../reports/repository.ts';

/** How many days before a deadline the unit gets its notice (the deadline day included). */
export const REMINDER_DAYS = 3;

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The deadline reminder pass (inbox item 9): a notice to each unit with a pending written report
 * or an open / answered-but-not-closed rectification item due between `today` and `today + 3`.
 * Each item is reminded once: `reminded_at` marks it and the notice's dedupe key
 * (`report-due:<submissionId>`, `rectification-due:<id>`) makes a second pass — on this or any
 * other app instance — write nothing. Past-due items get no "due soon" notice.
 */
export async function runReminders(ctx: AppContext, today = isoToday()): Promise<{ reports: number; rectifications: number }> {
  const until = addDays(today, REMINDER_DAYS);
  return ctx.db.transaction().execute(async (trx) => {
    const at = nowIso();
    const reports = await reportRepository.dueSoon(trx, today, until);
    const sentReports = await notifyMany(trx, reports.map((s) => ({
      org: { id: s.org_id, path: s.org_path }, kind: 'report_deadline', link: `/reports/${s.request_id}`, dedupeKey: `report-due:${s.id}`,
      titleZh: `书面汇报“${s.title}”将于${s.due_on}截止，请及时提交`,
      titleEn: `The written report "${s.title}" is due on ${s.due_on}`,
    })));
    await reportRepository.markReminded(trx, reports.map((s) => s.id), at);

    const items = await trx
      .selectFrom('rectification')
      .select(['id', 'inspection_id', 'org_id', 'org_path', 'description', 'due_on'])
      .where('status', 'in', ['open', 'answered'])
      .where('due_on', '>=', today)
      .where('due_on', '<=', until)
      .where('reminded_at', 'is', null)
      .orderBy('id')
      .execute();
    const sentItems = await notifyMany(trx, items.map((r) => ({
      org: { id: r.org_id, path: r.org_path }, kind: 'rectification_due', link: `/inspections/${r.inspection_id}`, dedupeKey: `rectification-due:${r.id}`,
      titleZh: `整改事项将于${r.due_on}到期：${r.description.slice(0, 40)}`,
      titleEn: `A rectification item is due on ${r.due_on}: ${r.description.slice(0, 60)}`,
    })));
    for (let i = 0; i < items.length; i += 500) {
      await trx.updateTable('rectification').set({ reminded_at: at }).where('id', 'in', items.slice(i, i + 500).map((r) => r.id)).execute();
    }
    return { reports: sentReports, rectifications: sentItems };
  });
}

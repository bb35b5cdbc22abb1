import { dueDate, isoToday, planTasks } from '@zx/domain';
import type { Executor } from '../db/database.ts';
import type { AppContext } from '../context.ts';
import { nowIso } from '../db/database.ts';
import { notifyMany } from '../inbox/service.ts';
import { campaignRepository } from '../campaigns/repository.ts';
import { reportRepository } from '../reports/repository.ts';
import { inspectionRepository } from '../inspections/repository.ts';
import { planRepository } from '../plans/repository.ts';
import { remindCadreReports } from '../commitments/reminders.ts';
import { remindReevaluations } from '../evaluation/reminders.ts';
import { remindMeasures } from '../benchmarking/reminders.ts';
import { remindNoticeEnded } from '../honours/reminders.ts';

/** How many days before a deadline the unit gets its notice (the deadline day included). */
export const REMINDER_DAYS = 3;

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The deadline reminder pass (inbox item 9): a notice to each unit with a pending written report,
 * an open / answered-but-not-closed rectification item, or a plan not yet submitted, due
 * between `today` and `today + 3`.
 * Each item is reminded once: `reminded_at` marks it and the notice's dedupe key
 * (`report-due:<submissionId>`, `rectification-due:<id>`, `plan-due:<campaignId>:<orgId>`) makes a second pass — on this or any
 * other app instance — write nothing. Past-due items get no "due soon" notice.
 */
export async function runReminders(ctx: AppContext, today = isoToday()): Promise<{ reports: number; rectifications: number; plans: number }> {
  const until = addDays(today, REMINDER_DAYS);
  return ctx.db.transaction().execute(async (trx) => {
    const at = nowIso();
    const reports = await reportRepository.dueSoon(trx, today, until);
    const sentReports = await notifyMany(
      trx,
      reports.map((s) => ({
        org: { id: s.org_id, path: s.org_path },
        kind: 'report_deadline',
        link: `/reports/${s.request_id}`,
        dedupeKey: `report-due:${s.id}`,
        titleZh: `书面汇报“${s.title}”将于${s.due_on}截止，请及时提交`,
        titleEn: `The written report "${s.title}" is due on ${s.due_on}`,
      })),
    );
    await reportRepository.markReminded(
      trx,
      reports.map((s) => s.id),
      at,
    );

    const items = await inspectionRepository.dueSoon(trx, today, until);
    const sentItems = await notifyMany(
      trx,
      items.map((r) => ({
        org: { id: r.org_id, path: r.org_path },
        kind: 'rectification_due',
        link: `/inspections/${r.inspection_id}`,
        dedupeKey: `rectification-due:${r.id}`,
        titleZh: `整改事项将于${r.due_on}到期：${r.description.slice(0, 40)}`,
        titleEn: `A rectification item is due on ${r.due_on}: ${r.description.slice(0, 60)}`,
      })),
    );
    await inspectionRepository.markReminded(
      trx,
      items.map((r) => r.id),
      at,
    );
    const plans = await remindPlans(trx, today, until);
    await remindCadreReports(trx, today); // December: cadres' year-end reports (承诺 → 述职)
    await remindReevaluations(trx, until); // 不合格 members due for re-evaluation (团员教育评议)
    await remindMeasures(trx, today, until); // catch-up measures (赶超措施) due soon
    await remindNoticeEnded(trx, today); // honours whose public notice (公示) is over
    return { reports: sentReports, rectifications: sentItems, plans };
  });
}

/**
 * Units that still have to submit their plan (no plan, a draft, or a returned one) when the
 * campaign's plan task falls due within the window.
 */
async function remindPlans(trx: Executor, today: string, until: string): Promise<number> {
  let sent = 0;
  for (const c of await campaignRepository.all(trx)) {
    const { definition, dates } = c;
    for (const { phaseKey, task } of planTasks(definition)) {
      const phase = dates.find((d) => d.key === phaseKey);
      const due = phase && dueDate(task.due, phase);
      if (!due || due < today || due > until) continue;
      const units = await planRepository.unitsOwingPlan(trx, c, task.orgTypes);
      sent += await notifyMany(
        trx,
        units.map((u) => ({
          org: { id: u.id, path: u.path },
          kind: 'plan_deadline',
          link: `/plans/${c.id}/${u.id}`,
          dedupeKey: `plan-due:${c.id}:${u.id}`,
          titleZh: `实施方案须于${due}前提交上级审核，请抓紧完成`,
          titleEn: `Submit your implementation plan for review by ${due}`,
        })),
      );
    }
  }
  return sent;
}

import { dueDate, isoToday, planTasks } from '@zx/domain';
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import { pathInSubtree } from '../access/repository/subtree.ts';
import type { AppContext } from '../context.ts';
import { nowIso } from '../db/database.ts';
import { notifyMany } from '../inbox/service.ts';
import { campaignRepository } from '../campaigns/repository.ts';
import { reportRepository } from '../reports/repository.ts';
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

    const items = await trx
      .selectFrom('rectification')
      .select(['id', 'inspection_id', 'org_id', 'org_path', 'description', 'due_on'])
      .where('status', 'in', ['open', 'answered'])
      .where('due_on', '>=', today)
      .where('due_on', '<=', until)
      .where('reminded_at', 'is', null)
      .orderBy('id')
      .execute();
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
    for (let i = 0; i < items.length; i += 500) {
      await trx
        .updateTable('rectification')
        .set({ reminded_at: at })
        .where(
          'id',
          'in',
          items.slice(i, i + 500).map((r) => r.id),
        )
        .execute();
    }
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
      const units = await trx
        .selectFrom('organization as o')
        .leftJoin('unit_plan as p', (j) => j.onRef('p.org_id', '=', 'o.id').on('p.campaign_id', '=', c.id))
        .select(['o.id', 'o.path'])
        .where(pathInSubtree('o.path', c.orgPath))
        .where('o.status', '=', 'active')
        .where('o.type_code', 'in', task.orgTypes)
        .where(sql<boolean>`coalesce(p.status, 'draft') in ('draft', 'returned')`)
        .execute();
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

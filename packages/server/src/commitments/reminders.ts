import type { Executor } from '../db/database.ts';
import { notifyMany } from '../inbox/service.ts';
import { commitmentRepository as repo } from './repository.ts';
import { commitmentRules } from './rules.ts';

/**
 * December (the rules' `reminderMonth`): every cadre who published commitments for this year and
 * has not submitted the year-end report gets one notice of their own (not the organization's
 * other accounts). The dedupe key `cadre-report-due:<planId>` makes every later pass (hourly, on any
 * app instance) write nothing. Returns how many notices were written.
 */
export async function remindCadreReports(trx: Executor, today: string): Promise<number> {
  const rules = await commitmentRules(trx);
  if (Number(today.slice(5, 7)) !== rules.reminderMonth) return 0;
  const year = Number(today.slice(0, 4));
  const plans = await repo.reportsOutstanding(trx, year);
  return notifyMany(
    trx,
    plans.map((p) => ({
      member: { id: p.member_id, orgId: p.org_id, orgPath: p.org_path },
      kind: 'cadre_report_due' as const,
      link: `/commitments/cadre/${p.member_id}/${p.year}`,
      dedupeKey: `cadre-report-due:${p.id}`,
      titleZh: `${p.name}：请对照公开的承诺撰写并提交 ${p.year} 年度述职报告`,
      titleEn: `${p.name}: write and submit the year-end report for ${p.year} against the published commitments`,
    })),
  );
}

import type { Executor } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import type { TodoItem } from '../home/registry.ts';
import { reportTodoRepository as repo } from './todos-repository.ts';
import { todoPolicy } from '../home/policy.ts';

/** Home to-dos of 书面汇报: reports the unit owes; submissions to the unit's own requests to review. */
export async function reportTodos(ex: Executor, actor: Actor): Promise<TodoItem[]> {
  const items: TodoItem[] = [];
  if (todoPolicy.acts(actor, 'report.submit')) {
    for (const s of await repo.toSubmit(ex, actor.grant.orgId)) {
      items.push({
        kind: 'report_submit',
        key: `report-submit:${s.id}`,
        titleZh: `提交书面汇报：${s.title}`,
        titleEn: `Submit the written report: ${s.title}`,
        dueAt: s.due_on,
        link: `/reports/${s.request_id}`,
        ...(s.campaign_id != null ? { campaignId: s.campaign_id } : {}),
      });
    }
  }
  if (todoPolicy.acts(actor, 'report.request')) {
    for (const r of await repo.toReview(ex, actor.grant.orgId)) {
      items.push({
        kind: 'report_review',
        key: `report-review:${r.id}`,
        titleZh: `审阅书面汇报：${r.title}（${Number(r.n)}份待审阅）`,
        titleEn: `Review written reports: ${r.title} (${Number(r.n)} waiting)`,
        dueAt: null,
        link: `/reports/${r.id}`,
        ...(r.campaign_id != null ? { campaignId: r.campaign_id } : {}),
      });
    }
  }
  return items;
}

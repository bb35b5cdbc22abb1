import { isoToday } from '@zx/domain';
import type { Executor } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import type { TodoItem } from '../home/registry.ts';
import { honourTodoRepository as repo } from './todos-repository.ts';
import { todoPolicy } from '../home/policy.ts';

/**
 * Home to-dos of 评优表彰: a public notice covering the actor's organization is open for
 * objections; objections to the organization's own rounds wait for an answer.
 */
export async function honourTodos(ex: Executor, actor: Actor): Promise<TodoItem[]> {
  const items: TodoItem[] = [];
  if (todoPolicy.acts(actor, 'honour.notice')) {
    for (const r of await repo.openNotices(ex, todoPolicy.pathsAbove(actor), isoToday())) {
      items.push({
        kind: 'honour_notice',
        key: `honour-notice:${r.id}`,
        titleZh: `评优公示：${r.name}（可提出异议）`,
        titleEn: `Public notice: ${r.name} (objections open)`,
        detailZh: `公示期至${r.notice_ends_on}`,
        detailEn: `Open until ${r.notice_ends_on}`,
        dueAt: r.notice_ends_on,
        link: `/honours/${r.id}`,
      });
    }
  }
  if (todoPolicy.acts(actor, 'honour.manage')) {
    for (const r of await repo.pendingObjections(ex, actor.grant.orgId)) {
      items.push({
        kind: 'honour_objections',
        key: `honour-objections:${r.id}`,
        titleZh: `处理评优异议：${r.name}（${Number(r.n)}条待处理）`,
        titleEn: `Handle objections: ${r.name} (${Number(r.n)} pending)`,
        dueAt: null,
        link: `/honours/${r.id}`,
      });
    }
  }
  return items;
}

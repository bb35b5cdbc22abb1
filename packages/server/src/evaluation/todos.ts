import type { Executor } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import type { TodoItem } from '../home/registry.ts';
import { evaluationTodoRepository as repo } from './todos-repository.ts';
import { todoPolicy } from '../home/policy.ts';

/** Home to-dos of 团员教育评议: the member's self-assessment and peer comments; evaluations below to approve. */
export async function evaluationTodos(ex: Executor, actor: Actor): Promise<TodoItem[]> {
  const items: TodoItem[] = [];
  if (actor.memberId != null && todoPolicy.acts(actor, 'evaluation.participate')) {
    for (const e of await repo.participating(ex, actor.memberId)) {
      if (e.stage === 'self_assessment' && e.self_assessment == null)
        items.push({
          kind: 'evaluation_self',
          key: `evaluation-self:${e.id}`,
          titleZh: `${e.year}年度团员教育评议：请提交个人自评`,
          titleEn: `${e.year} member evaluation: write your self-assessment`,
          dueAt: null,
          link: `/evaluations/${e.id}`,
        });
      if (e.stage === 'peer_review')
        items.push({
          kind: 'evaluation_peer',
          key: `evaluation-peer:${e.id}`,
          titleZh: `${e.year}年度团员教育评议：请为其他团员写互评意见`,
          titleEn: `${e.year} member evaluation: comment on your fellow members`,
          dueAt: null,
          link: `/evaluations/${e.id}`,
        });
    }
  }
  if (todoPolicy.acts(actor, 'evaluation.approve')) {
    for (const e of await repo.toApprove(ex, actor.grant.orgId)) {
      items.push({
        kind: 'evaluation_approve',
        key: `evaluation-approve:${e.id}`,
        titleZh: `审批${e.org_name}${e.year}年度团员教育评议`,
        titleEn: `Approve the ${e.year} member evaluation of ${e.org_name}`,
        dueAt: null,
        link: `/evaluations/${e.id}`,
      });
    }
  }
  return items;
}

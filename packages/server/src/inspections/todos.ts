import type { Executor } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import type { TodoItem } from '../home/registry.ts';
import { inspectionTodoRepository as repo } from './todos-repository.ts';
import { todoPolicy } from '../home/policy.ts';

/** Home to-dos of 检查指导: the unit's rectification items to answer. */
export async function inspectionTodos(ex: Executor, actor: Actor): Promise<TodoItem[]> {
  if (!todoPolicy.acts(actor, 'rectification.answer')) return [];
  return (await repo.toAnswer(ex, actor.grant.orgId)).map((r) => ({
    kind: 'rectification',
    key: `rectification:${r.id}`,
    titleZh: `整改事项待答复：${r.description.slice(0, 40)}`,
    titleEn: `Rectification to answer: ${r.description.slice(0, 60)}`,
    dueAt: r.due_on,
    link: `/inspections/${r.inspection_id}`,
  }));
}

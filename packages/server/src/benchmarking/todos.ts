import { isoToday } from '@zx/domain';
import type { Executor } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import type { TodoItem } from '../home/registry.ts';
import { measureTodoRepository as repo } from './todos-repository.ts';
import { todoPolicy } from '../home/policy.ts';

const HORIZON_DAYS = 14;
const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Home to-dos of 对标定位: the unit's catch-up measures (赶超措施) overdue or due within two weeks. */
export async function measureTodos(ex: Executor, actor: Actor, today = isoToday()): Promise<TodoItem[]> {
  if (!todoPolicy.acts(actor, 'benchmark.write')) return [];
  return (await repo.dueBy(ex, actor.grant.orgId, addDays(today, HORIZON_DAYS))).map((m) => ({
    kind: 'measure_due',
    key: `measure:${m.id}`,
    titleZh: `赶超措施：${m.content.slice(0, 40)}`,
    titleEn: `Catch-up measure: ${m.content.slice(0, 60)}`,
    dueAt: m.due_on,
    link: `/benchmarking?campaignId=${m.campaign_id}&orgId=${actor.grant.orgId}`,
    campaignId: m.campaign_id,
  }));
}

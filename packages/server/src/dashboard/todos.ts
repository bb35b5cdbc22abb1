import { dueDate, isoToday } from '@zx/domain';
import type { Executor } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { campaignRepository } from '../campaigns/repository.ts';
import { METRIC, tasksOf } from '../campaigns/rollup.ts';
import type { TodoItem } from '../home/registry.ts';
import { taskTodoRepository as repo } from './todos-repository.ts';
import { todoPolicy } from '../home/policy.ts';

/** A task enters the list this many days before it is due (and stays while overdue). */
export const TASK_HORIZON_DAYS = 14;

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Home to-dos of the campaign tasks: the actor's own unit's tasks, not done, overdue or due
 * within TASK_HORIZON_DAYS, in the campaigns running today. The plan task is the plans' to-do.
 */
export async function taskTodos(ex: Executor, actor: Actor, today = isoToday()): Promise<TodoItem[]> {
  if (!todoPolicy.acts(actor, 'task.confirm') && !todoPolicy.acts(actor, 'plan.write')) return [];
  const org = await repo.org(ex, actor.grant.orgId);
  if (!org) return [];
  const running = (await campaignRepository.covering(ex, todoPolicy.unitPath(actor))).filter(
    (c) => c.dates.length && c.dates[0].startsOn <= today && today <= c.dates[c.dates.length - 1].endsOn,
  );
  const done = new Set(
    (
      await repo.doneTasks(
        ex,
        running.map((c) => c.id),
        org.id,
      )
    ).map((r) => `${r.campaign_id}|${r.metric}`),
  );
  const horizon = addDays(today, TASK_HORIZON_DAYS);
  const items: TodoItem[] = [];
  for (const c of running) {
    for (const t of tasksOf(c.definition)) {
      if (!t.orgTypes.includes(org.type_code) || t.evidence.kind === 'plan_approved') continue;
      const phase = c.dates.find((d) => d.key === t.phaseKey);
      const due = phase ? dueDate(t.due, phase) : null;
      if (!due || due > horizon || done.has(`${c.id}|${METRIC.taskDone(t.key)}`)) continue;
      const overdue = due < today;
      items.push({
        kind: overdue ? 'task_overdue' : 'task_due',
        key: `task:${c.id}:${t.key}`,
        titleZh: t.nameZh,
        titleEn: t.nameEn,
        detailZh: c.name,
        detailEn: c.name,
        dueAt: due,
        link: `/campaigns/${c.id}/tasks`,
        campaignId: c.id,
      });
    }
  }
  return items;
}

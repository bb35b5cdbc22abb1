import { dueDate, isoToday, planTaskFor } from '@zx/domain';
import type { Executor } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { campaignRepository } from '../campaigns/repository.ts';
import type { TodoItem } from '../home/registry.ts';
import { planTodoRepository as repo } from './todos-repository.ts';
import { todoPolicy } from '../home/policy.ts';

/**
 * Home to-dos of 实施方案: the unit's own plan to write, finish or rework (returned) in a running
 * campaign; the plans of the units directly below waiting for review.
 */
export async function planTodos(ex: Executor, actor: Actor, today = isoToday()): Promise<TodoItem[]> {
  const items: TodoItem[] = [];
  if (todoPolicy.acts(actor, 'plan.write')) {
    const org = await repo.org(ex, actor.grant.orgId);
    const running = (await campaignRepository.covering(ex, todoPolicy.unitPath(actor))).filter(
      (c) => c.dates.length && c.dates[0].startsOn <= today && today <= c.dates[c.dates.length - 1].endsOn,
    );
    const plans = new Map(
      (
        await repo.ownPlans(
          ex,
          running.map((c) => c.id),
          actor.grant.orgId,
        )
      ).map((p) => [p.campaign_id, p.status]),
    );
    for (const c of running) {
      const task = org && planTaskFor(c.definition, org.type_code);
      if (!task) continue;
      const status = plans.get(c.id) ?? 'none';
      if (status === 'submitted' || status === 'approved') continue;
      const phase = c.dates.find((d) => d.key === task.phaseKey);
      const returned = status === 'returned';
      items.push({
        kind: returned ? 'plan_returned' : 'plan_write',
        key: `plan:${c.id}:${actor.grant.orgId}`,
        titleZh: returned ? '实施方案被退回，请按审核意见修改后重新提交' : '请制定并提交本单位的活动主题、实施方案和争创目标',
        titleEn: returned ? 'Your plan was returned: revise it as the reviewer asks and submit again' : "Write and submit your unit's theme, plan and targets",
        detailZh: c.name,
        detailEn: c.name,
        dueAt: phase ? dueDate(task.task.due, phase) : null,
        link: `/plans/${c.id}/${actor.grant.orgId}`,
        campaignId: c.id,
      });
    }
  }
  if (todoPolicy.acts(actor, 'plan.review')) {
    for (const p of await repo.toReview(ex, actor.grant.orgId)) {
      items.push({
        kind: 'plan_review',
        key: `plan-review:${p.campaign_id}:${p.org_id}`,
        titleZh: `审核${p.org_name}的实施方案`,
        titleEn: `Review the plan of ${p.org_name}`,
        dueAt: null,
        link: `/plans/${p.campaign_id}/${p.org_id}`,
        campaignId: p.campaign_id,
      });
    }
  }
  return items;
}

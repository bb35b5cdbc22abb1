import type { Executor } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import type { TodoItem } from '../home/registry.ts';
import { assessmentTodoRepository as repo } from './todos-repository.ts';
import { todoPolicy } from '../home/policy.ts';

/** Home to-dos of 对标定级: self-assessments below to verify; the unit's own returned one to rework. */
export async function assessmentTodos(ex: Executor, actor: Actor): Promise<TodoItem[]> {
  const items: TodoItem[] = [];
  if (todoPolicy.acts(actor, 'assessment.verify')) {
    for (const a of await repo.toVerify(ex, actor.grant.orgId)) {
      items.push({
        kind: 'assessment_verify',
        key: `assessment-verify:${a.campaign_id}:${a.org_id}`,
        titleZh: `核验${a.org_name}的自评`,
        titleEn: `Verify the self-assessment of ${a.org_name}`,
        dueAt: null,
        link: `/assessment/${a.campaign_id}/${a.org_id}`,
        campaignId: a.campaign_id,
      });
    }
  }
  if (todoPolicy.acts(actor, 'assessment.write')) {
    for (const a of await repo.returned(ex, actor.grant.orgId)) {
      items.push({
        kind: 'assessment_returned',
        key: `assessment-returned:${a.campaign_id}:${a.org_id}`,
        titleZh: '自评被退回，请修改后重新提交',
        titleEn: 'Your self-assessment was returned: revise and submit again',
        dueAt: null,
        link: `/assessment/${a.campaign_id}/${a.org_id}`,
        campaignId: a.campaign_id,
      });
    }
  }
  return items;
}

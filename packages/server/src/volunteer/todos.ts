import { chinaDay } from '@zx/domain';
import type { Executor } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { checkinRepository } from '../checkin/repository.ts';
import type { TodoItem } from '../home/registry.ts';
import { volunteerRepository } from './repository.ts';
import { todoScope } from './policy.ts';

/**
 * The service slice's to-dos: entries waiting for this organization's verification; a member's
 * rejected entries (correct and resubmit); for a secretary, today's activities of their own unit
 * whose check-in was never opened.
 */
export async function serviceTodos(ex: Executor, actor: Actor, nowMs: number = Date.now()): Promise<TodoItem[]> {
  const items: TodoItem[] = [];
  const scope = todoScope(actor);
  if (scope.verifyUnder) {
    const w = await volunteerRepository.waiting(ex, scope.verifyUnder);
    if (w.n > 0)
      items.push({
        kind: 'volunteer_verify',
        key: `volunteer_verify:${scope.verifyUnder}`,
        titleZh: `${w.n} 条志愿服务记录待审核`,
        titleEn: `${w.n} volunteer service entr${w.n === 1 ? 'y' : 'ies'} to verify`,
        dueAt: null,
        link: '/volunteer/verify',
      });
  }
  if (scope.checkinAt) {
    for (const a of await checkinRepository.todayWithoutCheckin(ex, scope.checkinAt, chinaDay(nowMs)))
      items.push({
        kind: 'checkin_open',
        key: `checkin_open:${a.id}`,
        titleZh: `今天的「${a.title}」可以开启扫码签到`,
        titleEn: `Open QR check-in for today's "${a.title}"`,
        dueAt: a.held_on,
        link: `/activities/${a.id}/check-in`,
        campaignId: a.campaign_id,
      });
  }
  if (scope.ownMemberId) {
    for (const e of await volunteerRepository.rejected(ex, scope.ownMemberId))
      items.push({
        kind: 'volunteer_rejected',
        key: `volunteer_rejected:${e.id}`,
        titleZh: `志愿服务记录（${e.served_on}）被退回，请修改后重新提交`,
        titleEn: `Your volunteer service of ${e.served_on} was returned: correct and resubmit it`,
        detailZh: e.reason ?? undefined,
        detailEn: e.reason ?? undefined,
        dueAt: null,
        link: '/volunteer',
      });
  }
  return items;
}

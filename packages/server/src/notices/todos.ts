import type { Executor } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { todoPolicy } from '../home/policy.ts';
import type { TodoItem } from '@zx/contract/home';
import { noticeRepository as repo } from './repository.ts';

/**
 * The notices the actor's member has not yet done: one to read and acknowledge, or a quiz to
 * pass (while attempts remain). Due on the notice's deadline, if it has one.
 */
export async function noticeTodos(ex: Executor, actor: Actor): Promise<TodoItem[]> {
  if (actor.memberId == null || !todoPolicy.acts(actor, 'notice.receive')) return [];
  const rows = await repo.pendingFor(ex, actor.memberId);
  return rows
    .filter((r) => !(r.has_quiz === 1 && r.max_attempts != null && r.attempts >= r.max_attempts))
    .map((r) =>
      r.has_quiz === 1
        ? {
            kind: 'notice_quiz',
            key: `notice:${r.id}`,
            titleZh: `完成知晓测试：${r.title}`,
            titleEn: `Pass the quiz: ${r.title}`,
            ...(r.max_attempts != null
              ? { detailZh: `剩余 ${r.max_attempts - r.attempts} 次机会`, detailEn: `${r.max_attempts - r.attempts} attempts left` }
              : {}),
            dueAt: r.due_on,
            link: `/my/notices/${r.id}`,
            campaignId: r.campaign_id,
          }
        : {
            kind: 'notice_read',
            key: `notice:${r.id}`,
            titleZh: `${r.read_at ? '确认已知晓' : '阅读通知'}：${r.title}`,
            titleEn: `${r.read_at ? 'Acknowledge' : 'Read'}: ${r.title}`,
            dueAt: r.due_on,
            link: `/my/notices/${r.id}`,
            campaignId: r.campaign_id,
          },
    );
}

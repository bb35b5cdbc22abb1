import type { Executor } from '../db/database.ts';
import { nowIso } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import type { TodoItem } from '../home/registry.ts';
import { voteTodoRepository as repo } from './todos-repository.ts';
import { todoPolicy } from '../home/policy.ts';

/** Home to-dos of 评议投票: a ballot waiting for the member; a session of the cadre's unit to open or close by hand. */
export async function voteTodos(ex: Executor, actor: Actor): Promise<TodoItem[]> {
  const at = nowIso();
  const items: TodoItem[] = [];
  if (actor.memberId != null && todoPolicy.acts(actor, 'vote.cast')) {
    for (const s of await repo.ballotsToCast(ex, actor.memberId, at)) {
      items.push({
        kind: 'ballot',
        key: `ballot:${s.id}`,
        titleZh: `请投票：${s.title_zh}`,
        titleEn: `Vote: ${s.title_en ?? s.title_zh}`,
        dueAt: s.closes_at,
        link: `/votes/ballot/${s.id}`,
      });
    }
  }
  if (todoPolicy.acts(actor, 'vote.manage')) {
    for (const s of await repo.sessionsToRun(ex, actor.grant.orgId)) {
      const toOpen = s.status === 'draft';
      items.push({
        kind: toOpen ? 'vote_open' : 'vote_close',
        key: `vote-${toOpen ? 'open' : 'close'}:${s.id}`,
        titleZh: toOpen ? `开始投票：${s.title_zh}` : `结束投票并计票：${s.title_zh}`,
        titleEn: toOpen ? `Open the vote: ${s.title_en ?? s.title_zh}` : `Close and tally: ${s.title_en ?? s.title_zh}`,
        dueAt: toOpen ? s.opens_at : s.closes_at,
        link: `/votes/sessions/${s.id}`,
      });
    }
  }
  return items;
}

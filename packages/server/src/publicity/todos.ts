import type { Executor } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import type { TodoItem } from '../home/registry.ts';
import { todoPolicy } from '../home/policy.ts';
import { postRepository } from './repository.ts';

/** What publicity asks of this actor now: posts of units below waiting for their review, and their own returned posts. */
export async function publicityTodos(ex: Executor, actor: Actor): Promise<TodoItem[]> {
  const items: TodoItem[] = [];
  if (todoPolicy.acts(actor, 'publicity.review')) {
    for (const p of await postRepository.waitingBelow(ex, todoPolicy.unitPath(actor), 50)) {
      items.push({
        kind: 'post_review',
        key: `post_review:${p.id}`,
        titleZh: `审核宣传稿件：${p.title}`,
        titleEn: `Review the post "${p.title}"`,
        detailZh: p.org_name,
        detailEn: p.org_name,
        dueAt: null,
        link: `/publicity/posts/${p.id}`,
        campaignId: p.campaign_id,
      });
    }
  }
  if (todoPolicy.acts(actor, 'publicity.write')) {
    for (const p of await postRepository.returnedOf(ex, actor.userId, todoPolicy.unitPath(actor), 50)) {
      items.push({
        kind: 'post_returned',
        key: `post_returned:${p.id}`,
        titleZh: `修改被退回的稿件：${p.title}`,
        titleEn: `Revise the returned post "${p.title}"`,
        detailZh: p.review_comment ?? undefined,
        detailEn: p.review_comment ?? undefined,
        dueAt: null,
        link: `/publicity/posts/${p.id}`,
        campaignId: p.campaign_id,
      });
    }
  }
  return items;
}

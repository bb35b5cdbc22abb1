import type { Executor } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { can, hasSubtree } from '../access/index.ts';
import { postRepository } from './repository.ts';

/** The home to-do list's item (the registry in home/ declares the same shape). */
type TodoItem = {
  kind: string;
  key: string;
  titleZh: string;
  titleEn: string;
  detailZh?: string;
  detailEn?: string;
  dueAt: string | null;
  link: string;
  campaignId?: number;
};

/** What publicity asks of this actor now: posts of units below waiting for their review, and their own returned posts. */
export async function publicityTodos(ex: Executor, actor: Actor): Promise<TodoItem[]> {
  if (!hasSubtree(actor)) return [];
  const items: TodoItem[] = [];
  if (can(actor, 'publicity.review')) {
    for (const p of await postRepository.waitingBelow(ex, actor.grant.orgPath, 50)) {
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
  if (can(actor, 'publicity.write')) {
    for (const p of await postRepository.returnedOf(ex, actor.userId, actor.grant.orgPath, 50)) {
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

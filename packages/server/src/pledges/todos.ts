import type { Executor } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { todoPolicy } from '../home/policy.ts';
import type { TodoItem } from '@zx/contract/home';
import { campaignRepository } from '../campaigns/repository.ts';
import { pledgeRepository as repo } from './repository.ts';
import { isRunning } from './service.ts';

/** A running campaign covering the actor's member that has no pledge of theirs yet; due on the campaign's last day. */
export async function pledgeTodos(ex: Executor, actor: Actor): Promise<TodoItem[]> {
  if (actor.memberId == null || !todoPolicy.acts(actor, 'pledge.write')) return [];
  const m = await repo.member(ex, actor.memberId);
  if (!m || m.status !== 'active') return [];
  const pledged = new Set((await repo.byMember(ex, m.id)).map((p) => p.campaign_id));
  return (await campaignRepository.covering(ex, m.org_path))
    .filter((c) => isRunning(c) && !pledged.has(c.id))
    .map((c) => ({
      kind: 'pledge',
      key: `pledge:${c.id}`,
      titleZh: `亮明身份·岗位承诺：${c.name}`,
      titleEn: `State your post and pledge: ${c.name}`,
      dueAt: c.dates.reduce((last, d) => (d.endsOn > last ? d.endsOn : last), ''),
      link: '/my/pledge',
      campaignId: c.id,
    }));
}

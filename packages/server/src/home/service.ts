import { currentPhase, isoToday } from '@zx/domain';
import type { Home } from '@zx/contract/home';
import type { AppContext } from '../context.ts';
import type { Actor } from '../auth/actor.ts';
import { notFound } from '../http/errors.ts';
import { campaignRepository } from '../campaigns/repository.ts';
import { todoProviders, type TodoItem } from './registry.ts';
import { memberRecord } from './record.ts';
import { todoPolicy } from './policy.ts';

/** How many to-dos home shows; `total` says how many there were. */
export const TODO_CAP = 50;

/**
 * The order of the list: items with a deadline first, the nearest deadline first (so what is
 * overdue or due today leads), then items without one; ties by key, so the order is stable.
 */
export function byDeadline(a: TodoItem, b: TodoItem): number {
  if (a.dueAt && b.dueAt) return a.dueAt.slice(0, 10).localeCompare(b.dueAt.slice(0, 10)) || a.dueAt.localeCompare(b.dueAt) || a.key.localeCompare(b.key);
  if (a.dueAt) return -1;
  if (b.dueAt) return 1;
  return a.key.localeCompare(b.key);
}

export const homeService = {
  /** The campaigns covering the actor's organization that run today, the actor's to-dos, and a member's own record in figures. */
  async home(ctx: AppContext, actor: Actor, today = isoToday()): Promise<Home> {
    const covering = await campaignRepository.covering(ctx.db, todoPolicy.unitPath(actor));
    const campaigns = covering
      .filter((c) => c.dates.length && (c.manualPhaseKey || (c.dates[0].startsOn <= today && today <= c.dates[c.dates.length - 1].endsOn)))
      .map((c) => {
        const byDate = currentPhase(c.dates, today);
        const key = c.manualPhaseKey ?? byDate?.key ?? null;
        const phase = c.definition.phases.find((p) => p.key === key);
        const dates = c.dates.find((d) => d.key === key);
        return {
          id: c.id,
          name: c.name,
          slogan: c.slogan,
          orgName: c.orgName ?? '',
          phaseKey: key,
          phaseNameZh: phase?.nameZh ?? null,
          phaseNameEn: phase?.nameEn ?? null,
          daysLeft: dates ? Math.max(0, Math.round((Date.parse(dates.endsOn) - Date.parse(today)) / 86_400_000)) : null,
        };
      });
    const lists = await Promise.all(todoProviders().map((p) => p(ctx.db, actor)));
    const seen = new Set<string>();
    const todos = lists.flat().filter((t) => !seen.has(t.key) && !!seen.add(t.key));
    todos.sort(byDeadline);
    const record = actor.memberId != null ? await memberRecord(ctx.db, actor.memberId) : null;
    return {
      campaigns,
      todos: todos.slice(0, TODO_CAP),
      total: todos.length,
      record: record && {
        activities: record.activityCount,
        latestGrade: record.evaluations[0] ? { year: record.evaluations[0].year, grade: record.evaluations[0].grade } : null,
        honours: record.honours.length,
        volunteerHours: record.volunteer?.years.find((y) => y.year === Number(today.slice(0, 4)))?.hours ?? null,
      },
    };
  },

  /** 我的记录: the signed-in account's member (404 for an account linked to no member). */
  async record(ctx: AppContext, actor: Actor) {
    const r = actor.memberId != null ? await memberRecord(ctx.db, actor.memberId) : null;
    if (!r) throw notFound({ zh: '团员档案', en: 'Member record' });
    return r;
  },
};

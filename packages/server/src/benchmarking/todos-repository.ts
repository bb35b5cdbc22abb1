import type { Executor } from '../db/database.ts';

/** The queries behind the catch-up measures' to-dos (benchmarking/todos.ts). */
export const measureTodoRepository = {
  /** The unit's own open measures due by `until` (overdue ones included). */
  dueBy: (ex: Executor, orgId: number, until: string) =>
    ex
      .selectFrom('catch_up_measure as m')
      .innerJoin('benchmark as b', 'b.id', 'm.benchmark_id')
      .select(['m.id', 'm.content', 'm.due_on', 'b.campaign_id'])
      .where('m.org_id', '=', orgId)
      .where('m.status', '=', 'open')
      .where('m.due_on', '<=', until)
      .orderBy('m.due_on')
      .limit(30)
      .execute(),
};

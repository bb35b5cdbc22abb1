import type { Executor } from '../db/database.ts';

/** The queries behind the honours' to-dos (honours/todos.ts). */
export const honourTodoRepository = {
  /** Rounds whose public notice (公示) covers these organizations' paths and is open today. */
  openNotices: (ex: Executor, paths: string[], today: string) =>
    ex
      .selectFrom('honour_round')
      .select(['id', 'name', 'notice_ends_on'])
      .where('org_path', 'in', paths)
      .where('status', '=', 'notice')
      .where('notice_starts_on', '<=', today)
      .where('notice_ends_on', '>=', today)
      .limit(10)
      .execute(),

  /** Rounds of the organization itself with objections waiting for an answer, and how many. */
  pendingObjections: (ex: Executor, orgId: number) =>
    ex
      .selectFrom('honour_objection as x')
      .innerJoin('honour_round as r', 'r.id', 'x.round_id')
      .select(['r.id', 'r.name', (eb) => eb.fn.countAll<number>().as('n')])
      .where('r.org_id', '=', orgId)
      .where('x.status', '=', 'pending')
      .groupBy(['r.id', 'r.name'])
      .limit(10)
      .execute(),
};

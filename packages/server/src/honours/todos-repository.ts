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
};

import type { Executor } from '../db/database.ts';

/** The queries behind a unit's task to-dos (dashboard/todos.ts). */
export const taskTodoRepository = {
  org: (ex: Executor, orgId: number) => ex.selectFrom('organization').select(['id', 'type_code']).where('id', '=', orgId).executeTakeFirst(),

  /** The unit's own done-task metrics in these campaigns. */
  doneTasks: (ex: Executor, campaignIds: number[], orgId: number) =>
    campaignIds.length
      ? ex
          .selectFrom('campaign_stat')
          .select(['campaign_id', 'metric'])
          .where('campaign_id', 'in', campaignIds)
          .where('org_id', '=', orgId)
          .where('metric', 'like', 'task:%')
          .where('own', '>', 0)
          .execute()
      : Promise.resolve([]),
};

import type { Executor } from '../db/database.ts';

/** The queries behind the plans' to-dos (plans/todos.ts). */
export const planTodoRepository = {
  org: (ex: Executor, orgId: number) => ex.selectFrom('organization').select(['id', 'type_code']).where('id', '=', orgId).executeTakeFirst(),

  /** The unit's own plans in these campaigns, with the last reviewer's comment. */
  ownPlans: (ex: Executor, campaignIds: number[], orgId: number) =>
    campaignIds.length
      ? ex.selectFrom('unit_plan').select(['campaign_id', 'status']).where('campaign_id', 'in', campaignIds).where('org_id', '=', orgId).execute()
      : Promise.resolve([]),

  /** Plans of the units directly below, submitted and waiting for review. */
  toReview: (ex: Executor, orgId: number) =>
    ex
      .selectFrom('unit_plan as p')
      .innerJoin('organization as o', 'o.id', 'p.org_id')
      .select(['p.campaign_id', 'p.org_id', 'p.submitted_at', 'o.name as org_name'])
      .where('o.parent_id', '=', orgId)
      .where('p.status', '=', 'submitted')
      .orderBy('p.submitted_at')
      .limit(50)
      .execute(),
};

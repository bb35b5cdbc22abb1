import type { Executor } from '../db/database.ts';

/** The queries behind the assessment's to-dos (assessment/todos.ts). */
export const assessmentTodoRepository = {
  /** Self-assessments of the units directly below, submitted and waiting for verification. */
  toVerify: (ex: Executor, orgId: number) =>
    ex
      .selectFrom('assessment as a')
      .innerJoin('organization as o', 'o.id', 'a.org_id')
      .select(['a.campaign_id', 'a.org_id', 'o.name as org_name'])
      .where('o.parent_id', '=', orgId)
      .where('a.status', '=', 'submitted')
      .orderBy('a.submitted_at')
      .limit(50)
      .execute(),

  /** The unit's own self-assessments returned for rework. */
  returned: (ex: Executor, orgId: number) =>
    ex.selectFrom('assessment').select(['campaign_id', 'org_id']).where('org_id', '=', orgId).where('status', '=', 'returned').limit(10).execute(),
};

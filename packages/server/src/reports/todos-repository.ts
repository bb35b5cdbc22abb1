import type { Executor } from '../db/database.ts';

/** The queries behind the written reports' to-dos (reports/todos.ts). */
export const reportTodoRepository = {
  /** The unit's own written reports still to submit. */
  toSubmit: (ex: Executor, orgId: number) =>
    ex
      .selectFrom('report_submission as s')
      .innerJoin('report_request as r', 'r.id', 's.request_id')
      .select(['s.id', 's.request_id', 'r.title', 'r.due_on', 'r.campaign_id'])
      .where('s.org_id', '=', orgId)
      .where('s.status', '=', 'pending')
      .orderBy('r.due_on')
      .limit(30)
      .execute(),

  /** Submissions to the unit's own requests that nobody has reviewed yet, per request. */
  toReview: (ex: Executor, orgId: number) =>
    ex
      .selectFrom('report_request as r')
      .innerJoin('report_submission as s', 's.request_id', 'r.id')
      .select(['r.id', 'r.title', 'r.campaign_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('r.org_id', '=', orgId)
      .where('s.status', '=', 'submitted')
      .where('s.reviewed_at', 'is', null)
      .groupBy(['r.id', 'r.title', 'r.campaign_id'])
      .limit(30)
      .execute(),
};

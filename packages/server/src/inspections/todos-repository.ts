import type { Executor } from '../db/database.ts';

/** The queries behind the inspections' to-dos (inspections/todos.ts). */
export const inspectionTodoRepository = {
  /** The unit's own rectification items still to answer. */
  toAnswer: (ex: Executor, orgId: number) =>
    ex
      .selectFrom('rectification')
      .select(['id', 'inspection_id', 'description', 'due_on'])
      .where('org_id', '=', orgId)
      .where('status', '=', 'open')
      .orderBy('due_on')
      .limit(30)
      .execute(),
};

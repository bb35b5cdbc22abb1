import type { Executor } from '../db/database.ts';

/** The queries behind the member evaluation's to-dos (evaluation/todos.ts). */
export const evaluationTodoRepository = {
  /** Evaluations where the member takes part and that wait for their self-assessment or peer comments. */
  participating: (ex: Executor, memberId: number) =>
    ex
      .selectFrom('member_evaluation_participant as p')
      .innerJoin('member_evaluation as e', 'e.id', 'p.evaluation_id')
      .select(['e.id', 'e.year', 'e.stage', 'p.self_assessment'])
      .where('p.member_id', '=', memberId)
      .where('e.stage', 'in', ['self_assessment', 'peer_review'])
      .limit(10)
      .execute(),

  /** Evaluations of the units directly below, submitted for approval. */
  toApprove: (ex: Executor, orgId: number) =>
    ex
      .selectFrom('member_evaluation as e')
      .innerJoin('organization as o', 'o.id', 'e.org_id')
      .select(['e.id', 'e.year', 'e.submitted_at', 'o.name as org_name'])
      .where('o.parent_id', '=', orgId)
      .where('e.stage', '=', 'submitted')
      .orderBy('e.submitted_at')
      .limit(30)
      .execute(),
};

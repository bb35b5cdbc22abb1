import type { Executor } from '../db/database.ts';

/** The queries behind the votes' to-dos (votes/todos.ts). */
export const voteTodoRepository = {
  /** Open sessions whose roll holds the member and where they have not voted yet. */
  ballotsToCast: (ex: Executor, memberId: number, at: string) =>
    ex
      .selectFrom('vote_roll as r')
      .innerJoin('vote_session as s', 's.id', 'r.session_id')
      .select(['s.id', 's.title_zh', 's.title_en', 's.closes_at'])
      .where('r.member_id', '=', memberId)
      .where('r.voted', '=', 0)
      .where('s.status', '=', 'open')
      .where((eb) => eb.or([eb('s.opens_at', 'is', null), eb('s.opens_at', '<=', at)]))
      .where((eb) => eb.or([eb('s.closes_at', 'is', null), eb('s.closes_at', '>', at)]))
      .limit(20)
      .execute(),

  /**
   * The organization's own sessions a person must open or close: drafts without an opening time
   * and open sessions without a closing time (the schedule opens and closes timed ones; sessions
   * of other areas, such as a member evaluation's vote, are run from their own pages).
   */
  sessionsToRun: (ex: Executor, orgId: number) =>
    ex
      .selectFrom('vote_session')
      .select(['id', 'title_zh', 'title_en', 'status', 'opens_at', 'closes_at'])
      .where('org_id', '=', orgId)
      .where('ref_type', 'is', null)
      .where((eb) =>
        eb.or([eb.and([eb('status', '=', 'draft'), eb('opens_at', 'is', null)]), eb.and([eb('status', '=', 'open'), eb('closes_at', 'is', null)])]),
      )
      .limit(20)
      .execute(),
};

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

  /** The organization's own sessions still to open (drafts) or to close (open, no closing time or past it). */
  sessionsToRun: (ex: Executor, orgId: number, at: string) =>
    ex
      .selectFrom('vote_session')
      .select(['id', 'title_zh', 'title_en', 'status', 'opens_at', 'closes_at'])
      .where('org_id', '=', orgId)
      .where((eb) => eb.or([eb('status', '=', 'draft'), eb.and([eb('status', '=', 'open'), eb.or([eb('closes_at', 'is', null), eb('closes_at', '<=', at)])])]))
      .limit(20)
      .execute(),
};

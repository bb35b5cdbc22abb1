import type { AppContext } from '../context.ts';
import { nowIso, type Executor } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { requireAccess, requireRole } from '../access/index.ts';
import { audit } from '../audit/service.ts';
import { conflict, notFound } from '../http/errors.ts';
import { closeSession, createSession, openSession, scrubAfterClose, sessionResult, sessionSummary } from '../votes/engine.ts';
import { exemplarRepository as repo } from './repository.ts';
import { decided, exemplarPolicy as policy, selectAboveOnly } from './policy.ts';

/** The representative vote on a nomination (同意/不同意/弃权), held with the ballot engine before the committee decides. */
export const exemplarVotes = {
  /**
   * A representative vote (同意/不同意/弃权) on a pending nomination, held by the deciding
   * organization with the ballot engine: its representatives are the roll (frozen now), the
   * ballots are anonymous, and the committee decides after the vote closes (看票不唯票).
   */
  async startVote(ctx: AppContext, actor: Actor, id: number, closesAt: string | null) {
    requireRole(actor, 'vote.manage');
    await ctx.db.transaction().execute(async (trx) => {
      const e = await requireAccess(trx, actor, 'exemplar.select', 'exemplar', id);
      if (!policy.aboveNominee(actor, e)) throw selectAboveOnly();
      if (e.status !== 'nominated') throw decided();
      if (e.vote_session_id) throw conflict('EXEMPLAR_VOTE_EXISTS', '该推荐已发起过代表投票', 'A representative vote was already held on this nomination');
      const name = e.kind === 'person' ? (e.nominee_member_name ?? '') : e.nominee_org_name;
      const { id: sessionId } = await createSession(trx, actor, {
        orgId: actor.grant.orgId,
        kind: 'exemplar',
        scale: 'approve3',
        rollSource: 'representatives',
        closesAt,
        titleZh: `先进典型评选：${name}（${e.title}）`,
        titleEn: `Exemplar selection: ${name} (${e.title})`,
        subjects: [{ label: name, detail: e.title, refType: 'exemplar', refId: e.id }],
        refType: 'exemplar',
        refId: e.id,
      });
      await openSession(trx, actor, sessionId);
      await repo.update(trx, id, { vote_session_id: sessionId, updated_at: nowIso() });
      await audit(trx, actor, { action: 'exemplar.vote_open', targetType: 'exemplar', targetId: id, summary: { sessionId, closesAt } });
    });
  },

  async closeVote(ctx: AppContext, actor: Actor, id: number) {
    requireRole(actor, 'vote.manage');
    await ctx.db.transaction().execute(async (trx) => {
      const e = await requireAccess(trx, actor, 'exemplar.select', 'exemplar', id);
      if (!policy.aboveNominee(actor, e)) throw selectAboveOnly();
      if (!e.vote_session_id) throw notFound({ zh: '投票', en: 'Voting session' });
      await closeSession(trx, actor, e.vote_session_id);
      await audit(trx, actor, { action: 'exemplar.vote_close', targetType: 'exemplar', targetId: id, summary: { sessionId: e.vote_session_id } });
    });
    await scrubAfterClose(ctx);
  },
};

/** The vote's progress (turnout is not secret) and, once closed, its tally (or why it is withheld). */
export async function voteOf(ex: Executor, sessionId: number) {
  const s = await sessionSummary(ex, sessionId);
  let result = null;
  if (s.status === 'closed') {
    const r = await sessionResult(ex, sessionId);
    const subject = r.subjects[0];
    result = {
      ballots: r.ballots,
      turnout: r.turnout,
      quorumMet: r.quorum.met,
      withheld: r.withheld,
      counts: subject?.counts ?? {},
      approveRate: subject?.satisfactionRate ?? null,
    };
  }
  return {
    id: s.id,
    status: s.status,
    closesAt: s.closesAt,
    openedAt: s.openedAt,
    closedAt: s.closedAt,
    rollSize: s.rollSize,
    votedCount: s.votedCount,
    result,
  };
}

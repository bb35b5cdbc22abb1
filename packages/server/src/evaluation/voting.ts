import {
  EVALUATION_GRADES,
  MIN_REPORTABLE_BALLOTS,
  evaluationQuorumMet,
  evaluationQuorumMinimum,
  evaluationVotesReportable,
  type FieldError,
  type GradeVoteCounts,
} from '@zx/domain';
import type { AppContext } from '../context.ts';
import type { Executor } from '../db/database.ts';
import { nowIso } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { audit } from '../audit/service.ts';
import { conflict, validationFailed } from '../http/errors.ts';
import { notify } from '../inbox/service.ts';
import { evaluationRepository as repo } from './repository.ts';
import { assertStage, managedRound, orgName, type Round } from './rounds.ts';
import { getRound } from './round-view.ts';
import { finishBallot, startBallot, type VoteTally } from './vote.ts';
import { scrubAfterClose } from '../votes/engine.ts';

/**
 * The vote step of a round (民主测评): online through the ballot engine, or the paper count from
 * the branch meeting; both end in applyTally. Quorum: more than 2/3 of the participants.
 */
/**
 * Writes a counted vote into the round: per-participant counts, present, quorum; on quorum the
 * committee may propose. The counts are kept only from MIN_REPORTABLE_BALLOTS ballots on: with
 * fewer (a paper count in a small branch) a member's counts would say who voted how, so none are
 * kept and every proposed grade needs its written reason.
 */
async function applyTally(trx: Executor, r: Round, tally: VoteTally, participants: number[]) {
  const s = r.settings;
  const met = !tally.withheld && evaluationQuorumMet(tally.present, participants.length, s.quorum);
  const keep = met && evaluationVotesReportable(tally.present);
  const at = nowIso();
  for (const id of participants) {
    await repo.updateParticipant(trx, r.id, id, { votes: keep ? (tally.counts.get(id) ?? {}) : null });
  }
  await repo.updateRound(trx, r.id, {
    vote_present: tally.present,
    vote_quorum_met: met ? 1 : 0,
    vote_closed_at: at,
    stage: met ? 'proposal' : 'voting',
    updated_at: at,
  });
  return met;
}

export const evaluationVoteService = {
  /** Opens the online vote (ballot engine) for the participants. */
  async openVote(ctx: AppContext, actor: Actor, id: number, input: { closesAt: string | null }) {
    await ctx.db.transaction().execute(async (trx) => {
      const r = await managedRound(trx, actor, id);
      assertStage(r, 'peer_review', 'voting');
      if (r.stage === 'voting' && r.vote_mode === 'ballot' && r.vote_session_id && !r.vote_closed_at) {
        throw conflict('EVALUATION_VOTE_OPEN', '投票正在进行中', 'The vote is already open');
      }
      if (input.closesAt && Date.parse(input.closesAt) <= Date.now()) {
        throw validationFailed([
          { field: 'closesAt', code: 'EVALUATION_CLOSES_IN_PAST', message: { zh: '截止时间应晚于现在', en: 'The closing time must be in the future' } },
        ]);
      }
      const rows = await repo.participants(trx, r.id);
      // Under the anonymity floor an online vote can never report (nor move the round on): the
      // branch meeting counts on paper instead, keeping no per-member counts.
      if (rows.length < MIN_REPORTABLE_BALLOTS) {
        throw validationFailed([
          {
            field: 'mode',
            code: 'EVALUATION_TOO_FEW_FOR_ONLINE_VOTE',
            message: {
              zh: `参评团员少于 ${MIN_REPORTABLE_BALLOTS} 人，网上投票无法在不暴露投票人的前提下计票，请在支部大会上表决后录入纸质计票结果`,
              en: `With fewer than ${MIN_REPORTABLE_BALLOTS} participants an online vote cannot be counted without exposing the voters: vote at the branch meeting and enter the paper count`,
            },
          },
        ]);
      }
      const org = (await orgName(trx, r.org_id))!;
      const sessionId = await startBallot(trx, actor, {
        evaluationId: r.id,
        orgId: r.org_id,
        titleZh: `${org.name}${r.year}年度团员民主测评`,
        titleEn: `${org.name} member evaluation ${r.year}`,
        participants: rows.map((p) => ({ memberId: p.member_id, name: p.member_name })),
        closesAt: input.closesAt,
        quorum: r.settings.quorum,
      });
      await repo.updateRound(trx, r.id, {
        stage: 'voting',
        vote_mode: 'ballot',
        vote_session_id: sessionId,
        vote_present: null,
        vote_quorum_met: null,
        vote_closed_at: null,
        updated_at: nowIso(),
      });
      await notify(trx, {
        org: { id: org.id, path: org.path },
        kind: 'evaluation_step',
        link: `/votes/ballot/${sessionId}`,
        titleZh: `${r.year} 年度团员民主测评已开始，请在“我的投票”中投票`,
        titleEn: `The ${r.year} member evaluation vote is open: cast your ballot under "My votes"`,
      });
      await audit(trx, actor, {
        action: 'evaluation.vote_open',
        targetType: 'member_evaluation',
        targetId: r.id,
        summary: { sessionId, closesAt: input.closesAt },
      });
    });
    return getRound(ctx, actor, id);
  },

  /** Closes the online vote and counts it; without a quorum the round stays at the vote (vote again, or enter the paper count). */
  async closeVote(ctx: AppContext, actor: Actor, id: number) {
    const outcome = await ctx.db.transaction().execute(async (trx) => {
      const r = await managedRound(trx, actor, id);
      assertStage(r, 'voting');
      if (r.vote_mode !== 'ballot' || !r.vote_session_id || r.vote_closed_at)
        throw conflict('EVALUATION_NO_OPEN_VOTE', '没有进行中的网上投票', 'There is no open online vote');
      const tally = await finishBallot(trx, actor, r.vote_session_id);
      const participants = (await repo.participants(trx, r.id)).map((p) => p.member_id);
      const met = await applyTally(trx, r, tally, participants);
      await audit(trx, actor, {
        action: 'evaluation.vote_close',
        targetType: 'member_evaluation',
        targetId: r.id,
        summary: { present: tally.present, participants: participants.length, quorumMet: met, withheld: tally.withheld?.code ?? null },
      });
      return { met, withheld: tally.withheld };
    });
    await scrubAfterClose(ctx);
    return { ...(await getRound(ctx, actor, id)), outcome };
  },

  /**
   * The vote held on paper at the branch meeting: the committee enters how many were present and
   * the counts per grade for each participant. Refused, with nothing written, without a quorum.
   */
  async recordPaperTally(ctx: AppContext, actor: Actor, id: number, input: { present: number; counts: Array<{ memberId: number } & GradeVoteCounts> }) {
    await ctx.db.transaction().execute(async (trx) => {
      const r = await managedRound(trx, actor, id);
      assertStage(r, 'peer_review', 'voting');
      if (r.vote_mode === 'ballot' && r.vote_session_id && !r.vote_closed_at) {
        throw conflict('EVALUATION_VOTE_OPEN', '网上投票正在进行中，请先结束投票', 'An online vote is open; close it first');
      }
      const participants = (await repo.participants(trx, r.id)).map((p) => p.member_id);
      const s = r.settings;
      const errors: FieldError[] = [];
      if (input.present > participants.length) {
        errors.push({
          field: 'present',
          code: 'EVALUATION_PRESENT_TOO_MANY',
          message: { zh: `到会人数不能超过参评人数 ${participants.length}`, en: `At most ${participants.length} participants can be present` },
        });
      } else if (!evaluationQuorumMet(input.present, participants.length, s.quorum)) {
        const min = evaluationQuorumMinimum(participants.length, s.quorum);
        errors.push({
          field: 'present',
          code: 'EVALUATION_QUORUM_NOT_MET',
          message: {
            zh: `到会人数须${s.quorum.strict ? '超过' : '达到'}参评人数的 ${s.quorum.num}/${s.quorum.den}（本次至少 ${min} 人），投票无效`,
            en: `${s.quorum.strict ? 'More than' : 'At least'} ${s.quorum.num}/${s.quorum.den} of the participants must be present (${min} here); the vote is not valid`,
          },
        });
      }
      const known = new Set(participants);
      const seen = new Set<number>();
      input.counts.forEach((c, i) => {
        const total = EVALUATION_GRADES.reduce((a, g) => a + (c[g] ?? 0), 0);
        if (!known.has(c.memberId) || seen.has(c.memberId))
          errors.push({
            field: `counts.${i}.memberId`,
            code: 'EVALUATION_NOT_PARTICIPANT',
            message: { zh: '该团员不是本次评议的参评人员或重复出现', en: 'Not a participant, or listed twice' },
          });
        else if (total > input.present)
          errors.push({
            field: `counts.${i}`,
            code: 'EVALUATION_TALLY_EXCEEDS_PRESENT',
            message: { zh: `票数合计 ${total} 超过到会人数 ${input.present}`, en: `${total} votes exceed the ${input.present} present` },
          });
        seen.add(c.memberId);
      });
      const missing = participants.filter((m) => !seen.has(m));
      if (missing.length)
        errors.push({
          field: 'counts',
          code: 'EVALUATION_TALLY_INCOMPLETE',
          message: { zh: `还有 ${missing.length} 名团员没有录入票数`, en: `${missing.length} participant(s) have no counts` },
        });
      if (errors.length) throw validationFailed(errors);
      const counts = new Map(input.counts.map((c) => [c.memberId, Object.fromEntries(EVALUATION_GRADES.map((g) => [g, c[g] ?? 0])) as GradeVoteCounts]));
      await repo.updateRound(trx, r.id, { vote_mode: 'paper', vote_session_id: r.vote_mode === 'ballot' ? r.vote_session_id : null });
      await applyTally(trx, { ...r, vote_mode: 'paper' }, { present: input.present, counts, withheld: null }, participants);
      await audit(trx, actor, {
        action: 'evaluation.vote_paper',
        targetType: 'member_evaluation',
        targetId: r.id,
        summary: { present: input.present, participants: participants.length },
      });
    });
    return getRound(ctx, actor, id);
  },
};

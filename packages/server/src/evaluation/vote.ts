import { EVALUATION_GRADES, type EvaluationQuorum, type GradeVoteCounts } from '@zx/domain';
import type { Executor } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { closeSession, createSession, openSession, sessionResult, sessionSummary } from '../votes/engine.ts';

/**
 * The evaluation's vote, whichever way it was held: online through the ballot engine (anonymous,
 * one ballot per participant; docs/votes.md) or on paper at the branch meeting, counted by the
 * committee and entered as a tally. Both end as the same thing: how many were present and the
 * counts per grade for each participant.
 */
export interface VoteTally {
  present: number;
  counts: Map<number, GradeVoteCounts>;
  /** Set when the engine withheld the result (too few ballots for anonymity, or no quorum). */
  withheld: { code: string; message: { zh: string; en: string } } | null;
}

export interface VoteStatus {
  status: 'draft' | 'open' | 'closed' | 'cancelled';
  rollSize: number;
  votedCount: number;
  opensAt: string | null;
  closesAt: string | null;
  closedAt: string | null;
}

/** Opens an online vote: subjects and roll = the participants; options 优秀/合格/基本合格/不合格. */
export async function startBallot(
  ex: Executor,
  actor: Actor,
  input: {
    evaluationId: number;
    orgId: number;
    titleZh: string;
    titleEn: string;
    participants: { memberId: number; name: string }[];
    closesAt: string | null;
    quorum: EvaluationQuorum;
  },
): Promise<number> {
  const { id } = await createSession(ex, actor, {
    orgId: input.orgId,
    kind: 'member_evaluation',
    titleZh: input.titleZh,
    titleEn: input.titleEn,
    scale: 'member_grade4',
    subjects: input.participants.map((p) => ({ label: p.name, memberId: p.memberId, refType: 'member', refId: p.memberId })),
    voterMemberIds: input.participants.map((p) => p.memberId),
    rollSource: 'explicit',
    opensAt: null,
    closesAt: input.closesAt,
    settings: { quorum: input.quorum },
    refType: 'member_evaluation',
    refId: input.evaluationId,
  });
  await openSession(ex, actor, id);
  return id;
}

export async function ballotStatus(ex: Executor, sessionId: number): Promise<VoteStatus> {
  const s = await sessionSummary(ex, sessionId);
  return { status: s.status, rollSize: s.rollSize, votedCount: s.votedCount, opensAt: s.opensAt, closesAt: s.closesAt, closedAt: s.closedAt };
}

/** Closes the online vote (if the scheduler has not already) and reads its tally. */
export async function finishBallot(ex: Executor, actor: Actor, sessionId: number): Promise<VoteTally> {
  const summary = await sessionSummary(ex, sessionId);
  const result = summary.status === 'open' ? await closeSession(ex, actor, sessionId) : await sessionResult(ex, sessionId);
  const counts = new Map<number, GradeVoteCounts>();
  for (const s of result.subjects) {
    if (s.memberId == null) continue;
    counts.set(s.memberId, Object.fromEntries(EVALUATION_GRADES.map((g) => [g, Number(s.counts[g] ?? 0)])) as GradeVoteCounts);
  }
  return { present: result.ballots, counts, withheld: result.withheld };
}

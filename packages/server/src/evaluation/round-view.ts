import { EVALUATION_GRADES, departsFromVote, evaluationQuorumMinimum, excellentCap, leadingGrades, type EvaluationGrade } from '@zx/domain';
import type { AppContext } from '../context.ts';
import type { Actor } from '../auth/actor.ts';
import { evaluationRepository as repo } from './repository.ts';
import { approves, manages, orgName, reportableCounts, visibleRound, voteOf } from './rounds.ts';

/** One round. The committee and the levels above see everything but the peer comments (GET …/comments); a participant sees their own part. */
export async function getRound(ctx: AppContext, actor: Actor, id: number) {
  const { round: r, full, participant } = await visibleRound(ctx.db, actor, id);
  const s = r.settings;
  const [org, rows, commentCounts, vote] = await Promise.all([
    orgName(ctx.db, r.org_id),
    repo.participants(ctx.db, r.id),
    repo.commentCounts(ctx.db, r.id),
    voteOf(ctx.db, r),
  ]);
  const parent = await orgName(ctx.db, org?.parent_id ?? null);
  const [submittedBy, decidedBy] = await Promise.all([r.submitted_by, r.decided_by].map((u) => (u ? repo.userName(ctx.db, u) : null)));
  const mine = participant && actor.memberId ? rows.find((p) => p.member_id === actor.memberId)! : null;
  const myComments = mine ? await repo.commentsBy(ctx.db, r.id, actor.memberId!) : [];
  const graded = (p: (typeof rows)[number]) => (p.final_grade ?? p.proposed_grade) as EvaluationGrade | null;
  const cap = excellentCap(rows.length, s.excellentCapPercent);
  return {
    id: r.id,
    year: r.year,
    stage: r.stage,
    settings: s,
    org: { id: r.org_id, name: org?.name ?? '', parentName: parent?.name ?? null },
    study: { heldOn: r.study_held_on, note: r.study_note },
    figures: {
      participants: rows.length,
      selfAssessed: rows.filter((p) => p.self_assessed_at).length,
      commented: rows.filter((p) => (commentCounts.get(p.member_id) ?? 0) > 0).length,
      quorumMinimum: evaluationQuorumMinimum(rows.length, s.quorum),
      excellentCap: cap,
      // How many were graded what is the committee's and the levels above's: not shown to the participants.
      ...(full
        ? {
            excellent: rows.filter((p) => graded(p) === 'excellent').length,
            byGrade: Object.fromEntries(EVALUATION_GRADES.map((g) => [g, rows.filter((p) => graded(p) === g).length])) as Record<EvaluationGrade, number>,
          }
        : {}),
    },
    vote: {
      mode: r.vote_mode,
      sessionId: r.vote_session_id,
      present: r.vote_present,
      quorumMet: r.vote_quorum_met == null ? null : !!r.vote_quorum_met,
      closedAt: r.vote_closed_at,
      session: vote && vote.mode === 'ballot' ? { status: vote.status, rollSize: vote.rollSize, votedCount: vote.votedCount, closesAt: vote.closesAt } : null,
      myVoted: mine && r.vote_mode === 'ballot' && r.vote_session_id ? await repo.hasVoted(ctx.db, r.vote_session_id, mine.member_id) : null,
    },
    // The level above's return comment names members and grades: the committee's, not the participants'.
    review: {
      submittedAt: r.submitted_at,
      submittedBy,
      decidedAt: r.decided_at,
      decidedBy: full ? decidedBy : null,
      returnComment: full ? r.return_comment : null,
    },
    participants: full
      ? rows.map((p) => {
          // Per-member counts only from MIN_REPORTABLE_BALLOTS ballots on (stored earlier or not).
          const votes = reportableCounts(r, p.votes);
          return {
            memberId: p.member_id,
            name: p.member_name,
            position: p.position,
            memberStatus: p.member_status,
            selfAssessment: p.self_assessment,
            selfAssessedAt: p.self_assessed_at,
            selfAssessmentByMember: !!p.self_assessment_by_member,
            commentsReceived: commentCounts.get(p.member_id) ?? 0,
            votes,
            leading: leadingGrades(votes),
            proposedGrade: p.proposed_grade as EvaluationGrade | null,
            overrideReason: p.override_reason,
            departs: p.proposed_grade ? departsFromVote(p.proposed_grade as EvaluationGrade, votes) : false,
            finalGrade: p.final_grade as EvaluationGrade | null,
            reevaluation: p.reevaluation_due_on
              ? {
                  dueOn: p.reevaluation_due_on,
                  grade: p.reevaluation_grade as EvaluationGrade | null,
                  heldOn: p.reevaluation_held_on,
                  note: p.reevaluation_note,
                }
              : null,
          };
        })
      : // A participant sees who takes part and who has written a self-assessment, nothing of the others' texts or grades.
        rows.map((p) => ({
          memberId: p.member_id,
          name: p.member_name,
          position: p.position,
          selfAssessedAt: p.self_assessed_at ? p.self_assessed_at : null,
        })),
    me: mine
      ? {
          memberId: mine.member_id,
          selfAssessment: mine.self_assessment,
          selfAssessedAt: mine.self_assessed_at,
          comments: myComments.map((c) => ({ memberId: c.member_id, text: c.text, updatedAt: c.updated_at })),
          finalGrade: r.stage === 'approved' ? (mine.final_grade as EvaluationGrade | null) : null,
          reevaluationDueOn: r.stage === 'approved' ? mine.reevaluation_due_on : null,
        }
      : null,
    canManage: manages(actor, r),
    canApprove: r.stage === 'submitted' && approves(actor, r),
    canReadComments: manages(actor, r) || approves(actor, r),
    full,
  };
}

import { evaluationVotesReportable, type EvaluationStage, type GradeVoteCounts } from '@zx/domain';
import type { Executor } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { requireAccess, scopeRoot } from '../access/index.ts';
import { conflict, notFound } from '../http/errors.ts';
import { refreshUnitsInAllCampaigns } from '../campaigns/rollup.ts';
import { evaluationRepository as repo, toRound, type Round } from './repository.ts';
import { ballotStatus, type VoteStatus } from './vote.ts';
import { evaluationPolicy } from './policy.ts';

/** What every step of a round needs: the row, its rules, and who may see or change it. */
export const EVALUATION = { zh: '团员教育评议', en: 'Member evaluation' };
export const MEMBER = { zh: '参评团员', en: 'Participant' };

export type { Round };

/** A participant's vote counts, when they may be shown at all: never from fewer than MIN_REPORTABLE_BALLOTS ballots. */
export const reportableCounts = (r: { vote_present: number | null }, counts: GradeVoteCounts | null) =>
  evaluationVotesReportable(r.vote_present) ? counts : null;

export function stageConflict(expected: string) {
  return conflict(
    'EVALUATION_WRONG_STAGE',
    `当前评议环节不能进行此操作（需在“${expected}”环节）`,
    `This cannot be done at the current step (it belongs to "${expected}")`,
  );
}
export const STAGE_NAMES: Record<EvaluationStage, string> = {
  study: '学习教育',
  self_assessment: '个人自评',
  peer_review: '团员互评',
  voting: '民主测评',
  proposal: '支委会拟定等次',
  submitted: '上级审核',
  approved: '已审定',
};
export function assertStage(r: Round, ...stages: EvaluationStage[]) {
  if (!stages.includes(r.stage)) throw stageConflict(stages.map((s) => STAGE_NAMES[s]).join('/'));
}

/** The subtree a list reads: below `orgId` (which must be in the actor's evaluation.read scope), or the whole scope. */
export const readRoot = async (ex: Executor, actor: Actor, orgId: number | undefined): Promise<string> =>
  orgId ? (await requireAccess(ex, actor, 'evaluation.read', 'org', orgId)).path : scopeRoot(actor, 'evaluation.read');

/** A round the actor manages: evaluation.manage and the round's organization in its subtree (else 403 / 404). */
export const managedRound = async (ex: Executor, actor: Actor, id: number): Promise<Round> =>
  toRound(await requireAccess(ex, actor, 'evaluation.manage', 'evaluation', id));

/** A round the actor approves: evaluation.approve and the round's organization in its subtree (else 403 / 404). */
export const roundToApprove = async (ex: Executor, actor: Actor, id: number): Promise<Round> =>
  toRound(await requireAccess(ex, actor, 'evaluation.approve', 'evaluation', id));

export const { readsAll, approves, manages } = evaluationPolicy;

/** The round, readable by its committee and the levels above, or by a participant (their own view). Otherwise 404. */
export async function visibleRound(ex: Executor, actor: Actor, id: number): Promise<{ round: Round; full: boolean; participant: boolean }> {
  // The kind reaches the rounds of the subtree (evaluation.read) and those the actor's member takes part in.
  const r = toRound(await requireAccess(ex, actor, null, 'evaluation', id));
  const full = readsAll(actor, r);
  const participant = !!actor.memberId && !!(await repo.participant(ex, r.id, actor.memberId));
  if (!full && !participant) throw notFound(EVALUATION);
  return { round: r, full, participant };
}

export async function orgName(ex: Executor, id: number | null) {
  return id == null ? null : repo.org(ex, id);
}

export async function voteOf(ex: Executor, r: Round): Promise<(VoteStatus & { mode: 'ballot' }) | { mode: 'paper' } | null> {
  if (r.vote_mode === 'ballot' && r.vote_session_id) return { mode: 'ballot', ...(await ballotStatus(ex, r.vote_session_id)) };
  if (r.vote_mode === 'paper') return { mode: 'paper' };
  return null;
}

/** The roll-ups count graded members where they are now: the round's unit and wherever a participant has moved since. */
export async function refreshFacts(trx: Executor, r: Round) {
  const now = await repo.participantOrgIds(trx, r.id);
  await refreshUnitsInAllCampaigns(trx, [...new Set([r.org_id, ...now])]);
}

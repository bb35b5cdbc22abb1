import type { Actor } from '../auth/actor.ts';
import { AppError } from '../http/errors.ts';
import { atTop, can, covers, isBelow } from '../access/index.ts';

interface RoundPlace {
  org_path: string;
}

/** Who may do what in a branch's annual member evaluation (the round is already in the actor's reach). */
export const evaluationPolicy = {
  /** The committee and the levels above read the whole round (every self-assessment, the counts, the proposal). */
  readsAll: (actor: Actor, r: RoundPlace) => can(actor, 'evaluation.read') && covers(actor, r.org_path),
  /** The branch committee (or an admin above on its behalf) runs the round. */
  manages: (actor: Actor, r: RoundPlace) => can(actor, 'evaluation.manage') && covers(actor, r.org_path),
  /** The level above approves or returns the grades; an organization never approves its own. */
  approves: (actor: Actor, r: RoundPlace) => can(actor, 'evaluation.approve') && isBelow(actor, r.org_path),
  /** Peer comments are for the committee and the level above only, never the members. */
  readsComments: (actor: Actor, r: RoundPlace) => evaluationPolicy.manages(actor, r) || evaluationPolicy.approves(actor, r),
  /** A participant writes their own self-assessment; the committee may record one for a participant. */
  writesSelfAssessment: (actor: Actor, r: RoundPlace, memberId: number, participant: boolean) =>
    (participant && actor.memberId === memberId) || evaluationPolicy.manages(actor, r),
  /** The deployment's numbers (quorum, 优秀 cap, re-evaluation window) are set at the top of the tree. */
  editSettings: (actor: Actor) => can(actor, 'evaluation.approve') && atTop(actor),
  /** The rules every round follows: for those who run rounds and those who take part. */
  readsSettings: (actor: Actor) => can(actor, 'evaluation.read') || can(actor, 'evaluation.participate'),
  /** The negative list of a member is kept by evaluation.manage over the member's current organization. */
  managesNegative: (actor: Actor, member: { org_path: string }) => can(actor, 'evaluation.manage') && covers(actor, member.org_path),
};

export const selfApproval = () =>
  new AppError(403, 'EVALUATION_SELF_APPROVAL', {
    zh: '不能审核本组织的评议结果，应由上级团组织审核',
    en: 'An organization cannot approve its own evaluation; the level above does',
  });

import type { Actor } from '../auth/actor.ts';
import { AppError } from '../http/errors.ts';
import { atTop, can, covers, hasSubtree } from '../access/index.ts';
import { isInSubtree } from '../access/paths.ts';

/** The actor's own member as the commitments area sees it: where they belong and whether they are active. */
export interface OwnMember {
  org_path: string;
  status: string;
}

/**
 * Who may read and write a cadre's commitments and year-end report. `org` is the organization the
 * commitments belong to for that year (the plan's, or — before there is one — the cadre's own).
 */
export const commitmentPolicy = {
  /**
   * Readers (承诺公示): accounts whose scope covers the organization, and the active members of
   * the organization or of a unit below it — through any account, whatever its role.
   */
  read: (actor: Actor, org: { path: string }, me: OwnMember | null) =>
    (can(actor, 'commitment.read') && covers(actor, org.path)) || (!!me && me.status === 'active' && isInSubtree(org.path, me.org_path)),

  /**
   * Writers: the cadre themself, or an organization admin whose scope covers the organization,
   * writing on the cadre's behalf (audited as such). A secretary does not write for another cadre.
   */
  write: (actor: Actor, cadre: { memberId: number }, org: { path: string }) =>
    can(actor, 'commitment.write') && (actor.memberId === cadre.memberId || commitmentPolicy.onBehalf(actor, org)),

  /** An organization admin above the cadre writes on their behalf. */
  onBehalf: (actor: Actor, org: { path: string }) => can(actor, 'commitment.write') && actor.grant.role === 'org_admin' && covers(actor, org.path),

  /** The actor reads cadres through a scope of its own (its lists start at its grant's organization, a member's at their organization). */
  readsScope: (actor: Actor) => hasSubtree(actor) && can(actor, 'commitment.read'),

  /** A list of the cadres of a whole subtree: only of a subtree the actor's scope covers (members read single organizations). */
  listSubtree: (actor: Actor, org: { path: string }) => covers(actor, org.path),

  /** The area's rules hold for the whole deployment: set at the top of the tree. */
  editRules: (actor: Actor) => can(actor, 'campaign.manage') && atTop(actor),
};

export const notYours = () =>
  new AppError(403, 'COMMITMENT_NOT_YOURS', {
    zh: '只能填写本人的承诺和述职报告（组织管理员可代为填写）',
    en: 'Only the cadre (or an organization admin on their behalf) may write these',
  });

import type { Actor } from '../auth/actor.ts';
import { AppError, conflict } from '../http/errors.ts';
import { can, covers, isBelow } from '../access/index.ts';

interface ExemplarFacts {
  kind: string;
  status: string;
  nominee_org_path: string;
  nominator_org_path: string;
  selector_org_path: string | null;
}

/** Who may do what to an exemplar record the actor sees (seeing it is the access module's). */
export const exemplarPolicy = {
  /** Sees the queue of nominations to decide (exemplar.select). */
  decidesNominations: (actor: Actor) => can(actor, 'exemplar.select'),
  /** Only an organization strictly above the nominee selects it (a unit never selects itself). */
  aboveNominee: (actor: Actor, e: Pick<ExemplarFacts, 'nominee_org_path'>) => isBelow(actor, e.nominee_org_path),
  /** Decide on a pending nomination: exemplar.select, strictly above the nominee. */
  decide: (actor: Actor, e: Pick<ExemplarFacts, 'status' | 'nominee_org_path'>) =>
    can(actor, 'exemplar.select') && e.status === 'nominated' && exemplarPolicy.aboveNominee(actor, e),
  /** Hold the representative vote before deciding: a decider who also runs votes. */
  holdVote: (actor: Actor, e: Pick<ExemplarFacts, 'status' | 'nominee_org_path'>) => exemplarPolicy.decide(actor, e) && can(actor, 'vote.manage'),
  /** The nominating organization, or one above it, speaks for the nomination. */
  nominatorSide: (actor: Actor, e: Pick<ExemplarFacts, 'nominator_org_path'>) => can(actor, 'exemplar.nominate') && covers(actor, e.nominator_org_path),
  /** Withdraw a pending nomination: the nominating side. */
  withdraw: (actor: Actor, e: Pick<ExemplarFacts, 'status' | 'nominator_org_path'>) => exemplarPolicy.nominatorSide(actor, e) && e.status === 'nominated',
  /** The selecting organization, or one above it, designates a selected unit a demonstration site (or ends that). */
  manageSite: (actor: Actor, e: Pick<ExemplarFacts, 'status' | 'kind' | 'selector_org_path'>) =>
    can(actor, 'exemplar.select') && e.status === 'selected' && e.kind === 'unit' && !!e.selector_org_path && covers(actor, e.selector_org_path),
  /** A 示范点参观 activity opens for those who read the visiting unit's activities. */
  openVisit: (actor: Actor, activity: { org_path: string }) => can(actor, 'activity.read') && covers(actor, activity.org_path),
};

export const selectAboveOnly = () =>
  new AppError(403, 'EXEMPLAR_SELECT_ABOVE_ONLY', { zh: '先进典型由被推荐对象的上级组织评选', en: 'Only an organization above the nominee selects it' });

export const decided = () => conflict('EXEMPLAR_ALREADY_DECIDED', '该推荐已有结论或已撤回', 'This nomination has already been decided or withdrawn');

import type { Actor } from '../auth/actor.ts';
import { atTop, can, covers, hasSubtree } from '../access/index.ts';
import { isInSubtree } from '../access/paths.ts';

interface Round {
  org_path: string;
  status: string;
}

/** The round's organization lies strictly above the actor's: the actor may recommend to it. */
const roundAbove = (actor: Actor, r: { org_path: string }) =>
  hasSubtree(actor) && isInSubtree(r.org_path, actor.grant.orgPath) && r.org_path !== actor.grant.orgPath;

/** Who may do what in an honour round the actor reaches (reaching it is the access module's). */
export const honourPolicy = {
  /** Honours pages are read in scope (honour.read) or, for a plain member, through a public notice covering them (honour.notice). */
  readAction: (actor: Actor) => (can(actor, 'honour.read') ? ('honour.read' as const) : ('honour.notice' as const)),
  /** Reads the honours of an organization (its awards): honour.read in scope. */
  readsOrgHonours: (actor: Actor) => can(actor, 'honour.read'),
  /** Raises an objection while the public notice runs. */
  objects: (actor: Actor) => can(actor, 'honour.notice'),
  /** The deployment-wide rules are set at the top of the tree. */
  editSettings: (actor: Actor) => can(actor, 'honour.manage') && atTop(actor),
  /** New rounds: at the actor's organization or one below (the organization is checked to be in scope). */
  create: (actor: Actor) => can(actor, 'honour.manage') && hasSubtree(actor),
  /** The round's organization, or one above it, runs the round. */
  manage: (actor: Actor, r: Pick<Round, 'org_path'>) => can(actor, 'honour.manage') && covers(actor, r.org_path),
  /** An organization strictly below the round's, with honour.manage: sees and recommends its own subtree. */
  recommender: (actor: Actor, r: Pick<Round, 'org_path'>) => can(actor, 'honour.manage') && roundAbove(actor, r),
  /** … while the round is open for recommendations. */
  recommend: (actor: Actor, r: Round) => honourPolicy.recommender(actor, r) && r.status === 'recommending',
  /** The recommending organization (or one above it) takes back its own pending recommendation. */
  withdrawRecommendation: (actor: Actor, r: Round, c: { status: string; recommender_org_path: string }) =>
    c.status === 'recommended' && honourPolicy.recommend(actor, r) && covers(actor, c.recommender_org_path),
  /** Rule values and recommendation notes: the managers, and recommenders for their own subtree. */
  details: (actor: Actor, r: Pick<Round, 'org_path'>, c: { org_path: string }) =>
    honourPolicy.manage(actor, r) || (honourPolicy.recommender(actor, r) && covers(actor, c.org_path)),
  /** Eligibility is listed under an organization of the actor's subtree only. */
  listUnder: (actor: Actor, path: string) => covers(actor, path),
  /** The award went to the actor's own member record. */
  ownAward: (actor: Actor, a: { member_id: number | null }) => actor.memberId != null && a.member_id === actor.memberId,
  /** A certificate: the member it went to, the organizations above the honoured unit or member, the round's managers. */
  certificate: (actor: Actor, r: Pick<Round, 'org_path'>, a: { member_id: number | null; org_path: string }) =>
    honourPolicy.ownAward(actor, a) || honourPolicy.manage(actor, r) || (can(actor, 'honour.read') && covers(actor, a.org_path)),
  /** Another member's honours are read with member.read (a member's own, always). */
  memberHistory: (actor: Actor, memberId: number) => actor.memberId === memberId || can(actor, 'member.read'),
};

/** The data pages the honour rules read (volunteer hours, dues): the organization is already in scope. */
export const honourDataPolicy = {
  editHours: (actor: Actor, org: { path: string }) => can(actor, 'member.write') && covers(actor, org.path),
  editDues: (actor: Actor, org: { path: string }) => can(actor, 'org.write') && covers(actor, org.path),
};

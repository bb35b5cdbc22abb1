import type { Actor } from '../auth/actor.ts';
import { AppError } from '../http/errors.ts';
import { can, covers, isBelow } from '../access/index.ts';

interface SessionPlace {
  org_path: string;
  kind: string;
  ref_type: string | null;
}
interface Subject {
  member_id: number | null;
}

/** Who may do what to a rating or voting session (the session is already in the actor's scope). */
export const votePolicy = {
  /** vote.manage over the session's organization: the branch itself or a level above. */
  manage: (actor: Actor, s: { org_path: string }) => can(actor, 'vote.manage') && covers(actor, s.org_path),

  /** The signed-in account's member is one of the cadres this rating rates. */
  ratedIn: (actor: Actor, s: SessionPlace, subjects: readonly Subject[]) =>
    actor.memberId != null && s.kind === 'cadre_rating' && subjects.some((x) => x.member_id === actor.memberId),

  /**
   * Open, close or delete it: a manager of the session who is not rated in it (a rated secretary
   * may draft the session; the level above or another manager runs it). Sessions of other areas
   * (a member evaluation, an exemplar vote) are run from their own pages.
   */
  run: (actor: Actor, s: SessionPlace, subjects: readonly Subject[]) => votePolicy.manage(actor, s) && !s.ref_type && !votePolicy.ratedIn(actor, s, subjects),

  /**
   * A rating's opening and closing times schedule it to run by itself: setting them is running
   * it, so a cadre it would rate drafts it without them and someone else schedules or opens it.
   */
  schedule: (actor: Actor, cadreIds: readonly number[]) => actor.memberId == null || !cadreIds.includes(actor.memberId),

  /**
   * The representatives become the roll of the organization's cadre ratings: a cadre of that
   * organization does not pick who rates them (the level above, or a manager who is not one of
   * its cadres, does).
   */
  pickRepresentatives: (actor: Actor, cadreIds: readonly number[]) => actor.memberId == null || !cadreIds.includes(actor.memberId),

  /** The level above the session's organization enters the upper score of a weighted rating. */
  scoreUpper: (actor: Actor, s: { org_path: string }) => can(actor, 'vote.manage') && isBelow(actor, s.org_path),
};

export const ratedCadre = () =>
  new AppError(403, 'RATED_CADRE_CANNOT_MANAGE', {
    zh: '您是本次评议的对象，不能开始、结束或删除本次评议，请由上级团组织或其他管理人员操作',
    en: 'You are rated in this session: someone else (e.g. the level above) opens, closes or deletes it',
  });
export const upperLevelOnly = () =>
  new AppError(403, 'UPPER_LEVEL_ONLY', { zh: '上级评分由上级团组织录入', en: "The upper level's score is entered by the level above" });
export const cadrePicksOwnRaters = () =>
  new AppError(403, 'CADRE_PICKS_OWN_RATERS', {
    zh: '您是本组织的团干部，团员代表应由上级团组织或其他管理人员确定',
    en: 'You are a cadre of this organization: the representatives who rate you are set by the level above or another manager',
  });
export const ratedCadreSchedules = () =>
  new AppError(403, 'RATED_CADRE_CANNOT_MANAGE', {
    zh: '您是本次评议的对象，可以起草，但开始和截止时间由上级团组织或其他管理人员设定',
    en: 'You are rated in this session: you may draft it, but its opening and closing times are set by someone else',
  });

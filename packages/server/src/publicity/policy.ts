import { postAllows, type PostStatusCode } from '@zx/domain';
import type { Actor } from '../auth/actor.ts';
import { AppError } from '../http/errors.ts';
import { can, covers, isBelow } from '../access/index.ts';

type PostRef = { org_path: string; status: string; created_by: number | null };
const status = (p: PostRef) => p.status as PostStatusCode;

/** Who may do what to a unit's post and coverage record (the row is already in the actor's scope). */
export const publicityPolicy = {
  /** The unit's own cadres (or an admin above, for it) write a draft, a returned or a withdrawn post. */
  edit: (actor: Actor, p: PostRef) => can(actor, 'publicity.write') && covers(actor, p.org_path) && postAllows(status(p), 'edit'),
  /**
   * The level above decides a submitted post: never the unit itself, and never the account that
   * wrote it — an admin above who wrote a post for a unit below cannot then approve it.
   */
  review: (actor: Actor, p: PostRef) =>
    can(actor, 'publicity.review') && isBelow(actor, p.org_path) && p.created_by !== actor.userId && postAllows(status(p), 'approve'),
  /** The unit takes an approved post off the portal (unpublish). */
  withdraw: (actor: Actor, p: PostRef) => can(actor, 'publicity.write') && covers(actor, p.org_path) && postAllows(status(p), 'withdraw'),
  editMedia: (actor: Actor, m: { org_path: string }) => can(actor, 'publicity.write') && covers(actor, m.org_path),
};

export const selfReview = () =>
  new AppError(403, 'POST_SELF_REVIEW', {
    zh: '不能审核本组织或本人撰写的宣传稿件，应由上级团组织审核',
    en: 'A unit cannot review its own post, nor an author their own; the level above does',
  });

import type { Actor } from '../auth/actor.ts';
import { AppError } from '../http/errors.ts';
import { can, covers, hasSubtree } from '../access/index.ts';

interface EntryFacts {
  member_id: number;
  org_path: string;
  status: string;
  source: string;
  created_by: number | null;
}

/** Who may do what to a volunteer service entry already in the actor's reach (the `volunteer_entry` kind). */
export const volunteerPolicy = {
  /**
   * The member edits their own entry until it is verified; a secretary who logged it for a member
   * of their subtree may too. A verified entry is corrected by asking for it to be rejected.
   */
  edit: (actor: Actor, e: EntryFacts) =>
    e.status !== 'verified' && e.source !== 'entered' && (actor.memberId === e.member_id || (e.source === 'secretary' && covers(actor, e.org_path))),
  /** Verification is by the branch (or above), never by the member nor by whoever wrote the entry. */
  review: (actor: Actor, e: EntryFacts) =>
    can(actor, 'volunteer.verify') && covers(actor, e.org_path) && actor.memberId !== e.member_id && actor.userId !== e.created_by,
};

/** Where the actor's service to-dos come from: the subtree they verify, the unit whose activities they open check-in for, their own entries. */
export function todoScope(actor: Actor) {
  return {
    verifyUnder: hasSubtree(actor) && can(actor, 'volunteer.verify') ? actor.grant.orgPath : null,
    checkinAt: hasSubtree(actor) && can(actor, 'activity.write') ? actor.grant.orgPath : null,
    ownMemberId: actor.memberId && can(actor, 'volunteer.log') ? actor.memberId : null,
  };
}

export const ownEntry = () =>
  new AppError(403, 'VOLUNTEER_OWN_ENTRY', {
    zh: '不能审核本人的志愿服务记录，也不能审核自己代为登记的记录',
    en: 'You cannot verify your own volunteer service, nor an entry you logged yourself',
  });
export const notEditable = () =>
  new AppError(409, 'VOLUNTEER_ENTRY_LOCKED', {
    zh: '已审核通过的记录不能修改；如需更正，请联系支部退回后再修改',
    en: 'A verified entry cannot be edited; ask the branch to reject it, then correct it',
  });
export const notPending = () =>
  new AppError(409, 'VOLUNTEER_ENTRY_NOT_PENDING', { zh: '该记录不在待审核状态', en: 'This entry is not waiting for verification' });

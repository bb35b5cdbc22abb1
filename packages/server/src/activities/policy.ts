import type { Actor } from '../auth/actor.ts';
import { AppError } from '../http/errors.ts';
import { can, covers, isBelow } from '../access/index.ts';

/** Who may do what to an activity already in the actor's reach (the reach is the access module's `activity` kind). */
export const activityPolicy = {
  /** Record, edit or delete the activities of the actor's organization or of one below it. */
  edit: (actor: Actor, unit: { path: string }) => can(actor, 'activity.write') && covers(actor, unit.path),
  /** A 亮点 (notable activity) is picked by an organization strictly above the activity's: never by the unit itself. */
  markNotable: (actor: Actor, unit: { path: string }) => can(actor, 'activity.write') && isBelow(actor, unit.path),
};

export const notableByLevelAbove = () =>
  new AppError(403, 'NOTABLE_BY_LEVEL_ABOVE', { zh: '亮点活动由上级组织评选', en: 'Notable activities are picked by the level above' });

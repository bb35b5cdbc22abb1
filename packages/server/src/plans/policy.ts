import type { PlanListStatus } from '@zx/domain';
import type { Actor } from '../auth/actor.ts';
import { AppError } from '../http/errors.ts';
import { can, covers, isBelow } from '../access/index.ts';

/** Who may do what to a unit's plan (the unit and campaign are already in the actor's scope). */
export const planPolicy = {
  /** The unit's own cadres, or an admin above, write the plan while it is a draft or was returned. */
  edit: (actor: Actor, unit: { path: string }, status: PlanListStatus) =>
    can(actor, 'plan.write') && covers(actor, unit.path) && status !== 'submitted' && status !== 'approved',
  /** The level above approves or returns a submitted plan; a unit never reviews its own. */
  review: (actor: Actor, unit: { path: string }, status: PlanListStatus) => can(actor, 'plan.review') && isBelow(actor, unit.path) && status === 'submitted',
};

export const selfReview = () =>
  new AppError(403, 'PLAN_SELF_REVIEW', {
    zh: '不能审核本组织的实施方案，应由上级团组织审核',
    en: 'An organization cannot review its own plan; the level above does',
  });

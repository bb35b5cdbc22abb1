import type { Actor } from '../auth/actor.ts';
import { can, covers } from '../access/index.ts';

/**
 * Who may do what with a written report already in the actor's reach (the `reportRequest` kind:
 * its requesting side and the units it was sent to).
 */
export const reportPolicy = {
  /** The requesting side: the request was made by the actor's organization or one below it. It sees the board and exports it. */
  requester: (actor: Actor, r: { org_path: string }) => covers(actor, r.org_path),
  /** The requesting side comments on submitted reports. */
  review: (actor: Actor, r: { org_path: string }) => can(actor, 'report.request') && covers(actor, r.org_path),
  /** A unit that was asked writes its report — its own cadres, or an organization above it. */
  submit: (actor: Actor, unit: { path: string }) => can(actor, 'report.submit') && covers(actor, unit.path),
};

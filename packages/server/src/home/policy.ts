import type { Action } from '@zx/domain';
import type { Actor } from '../auth/actor.ts';
import { can } from '../access/index.ts';
import { pathsUpTo } from '../access/paths.ts';

/**
 * What a to-do provider (home/registry.ts) asks of the actor's grant, in one place: whether the
 * active role acts for an action, and where its own unit sits. Providers never read the grant
 * themselves (access/boundaries.test.ts).
 */
export const todoPolicy = {
  /** The active role holds the action: the provider lists what that action has to do. */
  acts: (actor: Actor, action: Action) => can(actor, action),
  /** The path of the actor's own unit (campaigns covering it, home's campaign card). */
  unitPath: (actor: Actor) => actor.grant.orgPath,
  /** The actor's unit and every organization above it (public notices covering the unit). */
  pathsAbove: (actor: Actor) => pathsUpTo(actor.grant.orgPath),
};

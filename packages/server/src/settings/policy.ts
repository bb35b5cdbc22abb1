import type { Actor } from '../auth/actor.ts';
import { atTop, can } from '../access/index.ts';

/** The security settings are deployment-wide: the security admin sets them, at the top of the tree. */
export const settingsPolicy = {
  editSecurity: (actor: Actor) => can(actor, 'settings.write') && atTop(actor),
};

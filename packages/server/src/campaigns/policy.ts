import type { Actor } from '../auth/actor.ts';
import { atTop, can, covers } from '../access/index.ts';

/** Templates are read by whoever launches a campaign from one (campaign.manage) and by the system admin who edits them. */
export const TEMPLATE_READERS = ['campaign.manage', 'template.write'] as const;

/** Who may do what to a campaign or a template already in the actor's reach (the reach is the access module's). */
export const campaignPolicy = {
  /** The action the actor reads templates with (launching campaigns or editing templates), or null. */
  templateReader: (actor: Actor) => TEMPLATE_READERS.find((a) => can(actor, a)) ?? null,
  /** Reschedule, switch the phase, clone: launched at the actor's organization or below it. */
  manage: (actor: Actor, c: { orgPath: string }) => can(actor, 'campaign.manage') && covers(actor, c.orgPath),
  /** Templates are shared by the whole deployment: the system admin edits them, at the top of the tree only (三员分立). */
  editTemplate: (actor: Actor) => can(actor, 'template.write') && atTop(actor),
};

import type { Actor } from '../auth/actor.ts';
import { can, covers } from '../access/index.ts';

/** What a role sees of a member in scope. */
export const memberPolicy = {
  /**
   * The birth date (and sorting by it) only with member.reveal, like the full ID number: beside
   * the masked ID and the gender it narrows the ID to a few thousand people. Everyone else sees
   * the age in years (domain id-mask.test.ts counts what is left: over 10,000 candidates).
   */
  seesBirthDate: (actor: Actor) => can(actor, 'member.reveal'),
  /** Looking a person up by a full ID or mobile number confirms the number: reveal-level too. */
  searchesByNumber: (actor: Actor) => can(actor, 'member.reveal'),
  edit: (actor: Actor, m: { org_path: string }) => can(actor, 'member.write') && covers(actor, m.org_path),
  reveal: (actor: Actor, m: { org_path: string }) => can(actor, 'member.reveal') && covers(actor, m.org_path),

  abilities: (actor: Actor, m: { org_path: string }) => ({ edit: memberPolicy.edit(actor, m), reveal: memberPolicy.reveal(actor, m) }),
};

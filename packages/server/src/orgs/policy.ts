import type { Actor } from '../auth/actor.ts';
import { can, covers, isBelow } from '../access/index.ts';
import { AppError } from '../http/errors.ts';

/** Who may do what to an organization in scope (the scope itself is the access module's). */
export const orgPolicy = {
  /** Details (responsible person, contact, founding date) of the actor's own organization or one below. */
  edit: (actor: Actor, org: { path: string }) => can(actor, 'org.write') && covers(actor, org.path),
  /** Renaming, retyping, moving, deactivating, merging: strictly below the actor's organization (its own is the level above's business). */
  restructure: (actor: Actor, org: { path: string }) => can(actor, 'org.structure') && isBelow(actor, org.path),
  /** New organizations go under the actor's own organization or one below it. */
  addChild: (actor: Actor, parent: { path: string }) => can(actor, 'org.structure') && covers(actor, parent.path),
  revealContact: (actor: Actor, org: { path: string }) => can(actor, 'member.reveal') && covers(actor, org.path),

  abilities: (actor: Actor, org: { path: string }) => ({
    edit: orgPolicy.edit(actor, org),
    restructure: orgPolicy.restructure(actor, org),
    addChild: orgPolicy.addChild(actor, org),
    revealContact: orgPolicy.revealContact(actor, org),
  }),
};

export const structureRefused = () =>
  new AppError(403, 'ORG_IS_SCOPE_ROOT', {
    zh: '不能对本级组织执行此操作，请联系上级组织',
    en: 'This cannot be done to your own organization; ask the level above',
  });

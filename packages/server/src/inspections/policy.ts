import type { Actor } from '../auth/actor.ts';
import { AppError } from '../http/errors.ts';
import { can, covers, isBelow, isOwnOrg } from '../access/index.ts';

/** Who may do what with a visit or a rectification item already in the actor's reach (the `inspection` / `rectification` kinds). */
export const inspectionPolicy = {
  /** A visit is recorded at an organization below the inspecting one, never at the inspector's own. */
  inspectsOwnOrg: (actor: Actor, unit: { path: string }) => isOwnOrg(actor, unit.path),
  /** The unit (its cadres, or an organization above it) answers its items. */
  answer: (actor: Actor, item: { org_path: string }) => can(actor, 'rectification.answer') && covers(actor, item.org_path),
  /**
   * The inspecting side accepts (销号) or sends back an item: inspection.write at the inspecting
   * organization or above it, strictly above the unit. An organization between the two (which may
   * also answer for the unit) does not close what it answered.
   */
  review: (actor: Actor, item: { org_path: string; inspector_org_path: string }) =>
    can(actor, 'inspection.write') && isBelow(actor, item.org_path) && covers(actor, item.inspector_org_path),
};

export const ownUnit = () =>
  new AppError(403, 'RECTIFICATION_OWN_UNIT', {
    zh: '整改事项由提出检查的上级组织销号或退回',
    en: 'Only the inspecting organization (or one above it) closes or reopens the items',
  });

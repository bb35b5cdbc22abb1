import type { Actor } from '../auth/actor.ts';
import { AppError } from '../http/errors.ts';
import { atTop, can, covers, isBelow } from '../access/index.ts';

/** Who may do what to a unit's self-assessment, its tier and titles (the unit is already in the actor's scope). */
export const assessmentPolicy = {
  /** The unit's own cadres, or an admin above, read the whole sheet. */
  read: (actor: Actor, unit: { path: string }) => can(actor, 'assessment.read') && covers(actor, unit.path),
  /** …and write and sign it (the secretary's signature). */
  write: (actor: Actor, unit: { path: string }) => can(actor, 'assessment.write') && covers(actor, unit.path),
  /** The level above verifies or returns it; a unit never verifies its own. */
  verify: (actor: Actor, unit: { path: string }) => can(actor, 'assessment.verify') && isBelow(actor, unit.path),
  /** The one who signed a self-assessment as its secretary does not verify it too. */
  signedIt: (actor: Actor, a: { secretary_user_id: number | null }) => a.secretary_user_id === actor.userId,
  /** A member representative of the unit confirms it — not the person who signed it as secretary. */
  confirm: (actor: Actor, a: { secretary_user_id: number | null }, isRepresentative: boolean) => isRepresentative && !assessmentPolicy.signedIt(actor, a),
  /** Titles are awarded and withdrawn by the level above, following the ladder. */
  award: (actor: Actor, unit: { path: string }) => can(actor, 'assessment.verify') && isBelow(actor, unit.path),
};

/** Rubrics are shared by the whole deployment, like templates: only the top of the tree edits them. */
export const rubricPolicy = {
  edit: (actor: Actor) => can(actor, 'rubric.write') && atTop(actor),
  read: (actor: Actor) => can(actor, 'assessment.read') || can(actor, 'rubric.write'),
};

export const selfVerify = () =>
  new AppError(403, 'ASSESSMENT_SELF_VERIFY', {
    zh: '不能核定本组织的自评，应由上级团组织核定',
    en: 'An organization cannot verify its own self-assessment; the level above does',
  });
export const signerVerifies = () =>
  new AppError(403, 'ASSESSMENT_SELF_VERIFY', {
    zh: '您已作为书记签字确认该自评，须由其他人员核定',
    en: 'You signed this self-assessment as its secretary; someone else verifies it',
  });
export const selfAward = () =>
  new AppError(403, 'TITLE_SELF_AWARD', {
    zh: '不能给本组织授予称号，应由上级团组织授予',
    en: 'An organization cannot award itself a title; the level above does',
  });
export const awardAboveOnly = () =>
  new AppError(403, 'TITLE_SELF_AWARD', { zh: '称号由上级团组织授予和撤销', en: 'Titles are awarded and withdrawn by the level above' });

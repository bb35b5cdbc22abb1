import { isCadrePosition, type Action } from '@zx/domain';
import type { Actor } from '../auth/actor.ts';
import { can, hasSubtree } from '../access/index.ts';

/** Anyone who writes something that carries files may upload them (the route's access rule says the same). */
export const UPLOADERS: readonly Action[] = [
  'plan.write',
  'activity.write',
  'report.submit',
  'inspection.write',
  'rectification.answer',
  'commitment.write',
  'exemplar.nominate',
  'assessment.write',
  'benchmark.write',
  'publicity.write',
];

/**
 * A member (no subtree) uploads only as a serving cadre, for their own year-end report, and at
 * most this many files a day: a plain member has no file to attach anywhere, and thousands of
 * member accounts must not be able to fill the disk.
 */
export const MEMBER_DAILY_UPLOADS = 50;

export const attachmentPolicy = {
  upload: (actor: Actor) => UPLOADERS.some((a) => can(actor, a)),
  /** The files land in a subtree the actor chooses, or — for the member role — their own organization, as a cadre. */
  uploadsAnywhereInScope: (actor: Actor) => hasSubtree(actor),
  memberMayUpload: (m: { status: string; position: string }) => m.status === 'active' && isCadrePosition(m.position),
};

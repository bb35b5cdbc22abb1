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
  'volunteer.log',
];

/**
 * A member (no subtree) uploads files only as a serving cadre, for their own year-end report, and
 * a photo as proof of their volunteer service; at most this many a day: thousands of member
 * accounts must not be able to fill the disk.
 */
export const MEMBER_DAILY_UPLOADS = 50;

export const attachmentPolicy = {
  upload: (actor: Actor) => UPLOADERS.some((a) => can(actor, a)),
  /** The files land in a subtree the actor chooses, or — for the member role — their own organization, as a cadre. */
  uploadsAnywhereInScope: (actor: Actor) => hasSubtree(actor),
  memberMayUpload: (m: { status: string; position: string }, kind: 'file' | 'photo') =>
    m.status === 'active' && (isCadrePosition(m.position) || kind === 'photo'),
};

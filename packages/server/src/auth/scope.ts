import { roleAllows, type Action } from '@zx/domain';
import type { Actor } from './actor.ts';
import { forbidden } from '../http/errors.ts';

/** @deprecated TRANSITION (issue 11): call requireRole / requireAccess from access/index.ts. */
export function assertAllowed(actor: Actor, action: Action): void {
  if (!roleAllows(actor.grant.role, action)) throw forbidden();
}

/** @deprecated TRANSITION (issue 11): access/index.ts hasSubtree. */
export const hasSubtreeScope = (actor: Actor) => actor.grant.role !== 'member';

import { sql } from 'kysely';
import { roleAllows, type Action } from '@zx/domain';
import type { Actor } from './actor.ts';
import { forbidden } from '../http/errors.ts';

/**
 * Subtree of a materialized path as a half-open range: every descendant path starts with
 * `path` and sorts below the path whose trailing '/' is replaced by '0' (the next byte).
 * Paths hold only digits and '/', compared bytewise (COLLATE "C" on PostgreSQL).
 */
export function subtreeRange(path: string): [string, string] {
  return [path, path.slice(0, -1) + '0'];
}

export const isInSubtree = (rootPath: string, path: string) => path.startsWith(rootPath);

/** The top of the tree ('/1/'): deployment-wide settings and templates are set only there. */
export const isRootPath = (path: string) => /^\/\d+\/$/.test(path);

export function assertAllowed(actor: Actor, action: Action): void {
  if (!roleAllows(actor.grant.role, action)) throw forbidden();
}

/** Roles whose scope is their grant organization's subtree (everything but 'member'). */
export const hasSubtreeScope = (actor: Actor) => actor.grant.role !== 'member';

/** SQL predicate: the path column `column` lies in the subtree rooted at `path`. */
export function pathInSubtree(column: string, path: string) {
  const [lo, hi] = subtreeRange(path);
  return sql<boolean>`(${sql.ref(column)} >= ${lo} and ${sql.ref(column)} < ${hi})`;
}

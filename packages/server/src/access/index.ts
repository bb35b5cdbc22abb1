import { roleActions, roleAllows, type Action, type FieldError, type Message } from '@zx/domain';
import type { Executor } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { AppError, forbidden, notFound } from '../http/errors.ts';
import { KINDS, hasSubtree, type ResourceKind, type ResourceRow } from './repository/index.ts';
import { isInSubtree, isRootPath } from './paths.ts';

/**
 * The one room for "who may". A request is allowed in two steps, both here:
 * 1. the active role holds the action (else 403 FORBIDDEN);
 * 2. every id it names lies in the actor's scope for that kind (else 404 NOT_FOUND — the same
 *    answer as a missing row, so nothing outside the scope is confirmed to exist).
 * Rules about a row beyond its scope (who may review, sign, close …) are declared per
 * capability in its policy.ts, built from the predicates at the bottom of this file.
 */

export { hasSubtree, type ResourceKind, type ResourceRow };

const label = (kind: ResourceKind): Message => KINDS[kind].label;

const find = <K extends ResourceKind>(ex: Executor, actor: Actor, action: Action | null, kind: K, ids: number[]) =>
  (KINDS[kind].find as (ex: Executor, actor: Actor, action: Action | null, ids: number[]) => Promise<ResourceRow<K>[]>)(ex, actor, action, ids);

export const can = (actor: Actor, action: Action) => roleAllows(actor.grant.role, action);

/** 403 unless the active role holds the action. */
export function requireRole(actor: Actor, action: Action): void {
  if (!can(actor, action)) throw forbidden();
}

/**
 * The root of the actor's subtree for list queries (repositories put it in their predicate).
 * The member role has no subtree: it answers 403 here, so a list never falls back to "all".
 */
export function scopeRoot(actor: Actor, action: Action): string {
  requireRole(actor, action);
  if (!hasSubtree(actor)) throw forbidden();
  return actor.grant.orgPath;
}

/**
 * The row of `kind` with this id, when the role holds `action` and the row is in scope: else
 * 403 / 404. `action` null: the kind is the actor's own (a notice, a job) and any session will do.
 */
export async function requireAccess<K extends ResourceKind>(ex: Executor, actor: Actor, action: Action | null, kind: K, id: number): Promise<ResourceRow<K>> {
  if (action) requireRole(actor, action);
  const [row] = await find(ex, actor, action, kind, [id]);
  if (!row) throw notFound(label(kind));
  return row;
}

/** The same as requireAccess, but null instead of a 404 (the caller decides what absence means). */
export async function findAccessible<K extends ResourceKind>(ex: Executor, actor: Actor, action: Action, kind: K, id: number): Promise<ResourceRow<K> | null> {
  if (!can(actor, action)) return null;
  const [row] = await find(ex, actor, action, kind, [id]);
  return row ?? null;
}

/**
 * Ids in, the rows the actor may reach out (any order; unknown and foreign ids are simply absent).
 * `action` null: any signed-in account (kinds such as a notification or a job are the actor's own).
 */
export async function accessibleRows<K extends ResourceKind>(
  ex: Executor,
  actor: Actor,
  action: Action | null,
  kind: K,
  ids: readonly number[],
): Promise<ResourceRow<K>[]> {
  const unique = [...new Set(ids)].filter((id) => Number.isSafeInteger(id) && id > 0);
  if (!unique.length || (action && !can(actor, action))) return [];
  const rows: ResourceRow<K>[] = [];
  for (let i = 0; i < unique.length; i += 500) {
    rows.push(...(await find(ex, actor, action, kind, unique.slice(i, i + 500))));
  }
  return rows;
}

/**
 * Every id of a body field must be reachable: else 404 with a field error for each refused
 * position (`attachmentIds.2`), and nothing is written. Returns the rows in the ids' order.
 */
export async function requireAll<K extends ResourceKind>(
  ex: Executor,
  actor: Actor,
  action: Action | null,
  kind: K,
  ids: readonly number[],
  field: string,
): Promise<ResourceRow<K>[]> {
  if (action) requireRole(actor, action);
  const rows = await accessibleRows(ex, actor, action, kind, ids);
  const byId = new Map(rows.map((r) => [(r as { id: number }).id, r]));
  const refused: FieldError[] = [];
  ids.forEach((id, i) => {
    if (!byId.has(id)) refused.push(outOfScope(`${field}.${i}`, kind));
  });
  if (refused.length) throw notFoundIn(kind, refused);
  return ids.map((id) => byId.get(id)!);
}

export const outOfScope = (field: string, kind: ResourceKind): FieldError => ({
  field,
  code: 'NOT_FOUND',
  message: { zh: `${label(kind).zh}不存在或不在您的管理范围内`, en: `${label(kind).en} not found or outside your scope` },
});

export const notFoundIn = (kind: ResourceKind, errors: FieldError[]) => {
  const e = notFound(label(kind));
  return new AppError(e.status, e.code, e.msg, errors);
};

// Predicates for the policies (capability/policy.ts): facts about the actor's place, never a query.

/** The actor's subtree holds `path` (its own organization included). */
export const covers = (actor: Actor, path: string) => hasSubtree(actor) && isInSubtree(actor.grant.orgPath, path);

/** `path` lies strictly below the actor's organization: the level above acts on it. */
export const isBelow = (actor: Actor, path: string) => covers(actor, path) && path !== actor.grant.orgPath;

/** The actor acts for this very organization. */
export const isOwnOrg = (actor: Actor, path: string) => hasSubtree(actor) && path === actor.grant.orgPath;

/** The active grant sits at the top of the tree: deployment-wide settings are set only there. */
export const atTop = (actor: Actor) => hasSubtree(actor) && isRootPath(actor.grant.orgPath);

/** The actions the web app receives as `permissions`: it shows a page or button only when the active role holds its action. */
export const permissionsOf = (actor: Actor) => roleActions(actor.grant.role);

import { sql } from 'kysely';
import type { Action, Message } from '@zx/domain';
import type { Executor } from '../../db/database.ts';
import type { Actor } from '../../auth/actor.ts';
import { pathsUpTo } from '../paths.ts';

/**
 * A resource kind: its name in messages and its one scoped query — ids in, the rows the actor
 * may reach out. `action` is the action the request acts with (null: any session), for the few
 * kinds whose scope differs by action (a campaign is read where it covers the actor but managed
 * only inside the actor's subtree).
 */
export interface KindDef<R extends { id: number }> {
  label: Message;
  find: (ex: Executor, actor: Actor, action: Action | null, ids: number[]) => Promise<R[]>;
}

export const defineKind = <R extends { id: number }>(label: Message, find: KindDef<R>['find']): KindDef<R> => ({ label, find });

/** Roles whose scope is their grant organization's subtree (everything but 'member'). */
export const hasSubtree = (actor: Actor) => actor.grant.role !== 'member';

/** No rows: a kind the actor's role never reaches. */
export const none = (): Promise<never[]> => Promise.resolve([]);

/** SQL: `column` (a path) is the actor's organization or one above it (the thing covers the actor). */
export const coversActorOrg = (column: string, actor: Actor) => sql<boolean>`${sql.ref(column)} in (${sql.join(pathsUpTo(actor.grant.orgPath))})`;

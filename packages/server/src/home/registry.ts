import type { TodoItem } from '@zx/contract/home';
import type { Executor } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';

export type { TodoItem };

/**
 * What one capability asks of the actor now. A provider lives in its capability's folder
 * (`votes/todos.ts` …), answers only what the actor's active grant is for, and is bounded: it
 * reads indexed rows of the actor's own unit, the units directly below it or the actor's own
 * member record — never a scan of a subtree's members.
 */
export type TodoProvider = (ex: Executor, actor: Actor) => Promise<TodoItem[]>;

const providers: TodoProvider[] = [];

/** Called by src/capabilities.ts (wireCapabilities); registering a provider twice changes nothing. */
export function registerTodoProviders(list: readonly TodoProvider[]): void {
  for (const p of list) if (!providers.includes(p)) providers.push(p);
}

export const todoProviders = (): readonly TodoProvider[] => providers;

import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { NotificationTable } from '../db/schema.ts';
import type { Insertable } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import { noticeAudience } from '../access/repository/index.ts';

/** Notices an actor sees (the audience rule lives with the other scopes in the access module). */
const visible = (ex: Executor, actor: Actor) => ex.selectFrom('notification as n').where(noticeAudience(actor));

const unreadBy = (userId: number) => sql<boolean>`not exists (select 1 from notification_read r where r.notification_id = n.id and r.user_id = ${userId})`;

export const inboxRepository = {
  /** Inserts notices; one whose dedupe key was already used is skipped. Returns how many were written. */
  async insert(ex: Executor, rows: Insertable<NotificationTable>[]): Promise<number> {
    const res = await ex
      .insertInto('notification')
      .values(rows)
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0);
  },

  /** One page of the actor's notices, newest first, with when the actor read each; and how many there are. */
  async page(ex: Executor, actor: Actor, q: { unreadOnly: boolean; limit: number; offset: number }) {
    let base = visible(ex, actor);
    if (q.unreadOnly) base = base.where(unreadBy(actor.userId));
    const [rows, total] = await Promise.all([
      base
        .selectAll('n')
        .select((eb) =>
          eb
            .selectFrom('notification_read as r')
            .select('r.read_at')
            .whereRef('r.notification_id', '=', 'n.id')
            .where('r.user_id', '=', actor.userId)
            .as('read_at'),
        )
        .orderBy('n.created_at', 'desc')
        .orderBy('n.id', 'desc')
        .limit(q.limit)
        .offset(q.offset)
        .execute(),
      base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(total.n) };
  },

  async unreadCount(ex: Executor, actor: Actor): Promise<number> {
    const r = await visible(ex, actor)
      .where(unreadBy(actor.userId))
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },

  /** Ids of the actor's unread notices (at most `limit`). */
  unreadIds: async (ex: Executor, actor: Actor, limit: number) =>
    (await visible(ex, actor).where(unreadBy(actor.userId)).select('n.id').limit(limit).execute()).map((r) => r.id),

  /** Marks notices read by one account (already read ones keep their first reading). */
  markRead: (ex: Executor, userId: number, ids: number[], at: string) =>
    ex
      .insertInto('notification_read')
      .values(ids.map((id) => ({ notification_id: id, user_id: userId, read_at: at })))
      .onConflict((oc) => oc.columns(['notification_id', 'user_id']).doNothing())
      .execute(),
};

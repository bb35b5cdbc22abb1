import { sql } from 'kysely';
import type { AppContext } from '../context.ts';
import type { Executor } from '../db/database.ts';
import { nowIso } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { requireAccess } from '../access/index.ts';
import { noticeAudience } from '../access/repository.ts';
import { NOTICE_AUDIENCE, type MemberNoticeKind, type OrgNoticeKind, type UserNoticeKind } from './audiences.ts';

export type { NotificationKind } from './audiences.ts';

interface NoticeContent {
  titleZh: string;
  titleEn: string;
  body?: string | null;
  /** Route in the web app, e.g. '/plans/12'. */
  link?: string | null;
  /** Reminders: a second notice with the same key is silently skipped. */
  dedupeKey?: string | null;
}

/** A notice to an organization's accounts (and, for subtree kinds, those below): who among them is the kind's business. */
export interface OrgNotice extends NoticeContent {
  kind: OrgNoticeKind;
  org: { id: number; path: string };
}

/** A notice to one League member (their organization is kept so the row follows a move). */
export interface MemberNotice extends NoticeContent {
  kind: MemberNoticeKind;
  member: { id: number; orgId: number; orgPath: string };
}

/** A notice to one account (e.g. the one that raised an objection). */
export interface UserNotice extends NoticeContent {
  kind: UserNoticeKind;
  user: { id: number; orgId: number; orgPath: string };
}

export type NewNotification = OrgNotice | MemberNotice | UserNotice;

function row(n: NewNotification, at: string) {
  const audience = NOTICE_AUDIENCE[n.kind];
  const base = {
    kind: n.kind,
    title_zh: n.titleZh,
    title_en: n.titleEn,
    body: n.body ?? null,
    link: n.link ?? null,
    dedupe_key: n.dedupeKey ?? null,
    created_at: at,
  };
  if (audience.to === 'member') {
    if (!('member' in n) || !n.member) throw new Error(`notice ${n.kind} is personal: give the member it is for`);
    return { ...base, org_id: n.member.orgId, org_path: n.member.orgPath, audience: 'member' as const, action: null, member_id: n.member.id, user_id: null };
  }
  if (audience.to === 'user') {
    if (!('user' in n) || !n.user) throw new Error(`notice ${n.kind} is personal: give the account it is for`);
    return { ...base, org_id: n.user.orgId, org_path: n.user.orgPath, audience: 'user' as const, action: null, member_id: null, user_id: n.user.id };
  }
  if (!('org' in n) || !n.org) throw new Error(`notice ${n.kind} goes to an organization: give the organization`);
  return { ...base, org_id: n.org.id, org_path: n.org.path, audience: audience.to, action: audience.action, member_id: null, user_id: null };
}

/**
 * Writes a notice in the caller's transaction, so it exists exactly when the fact it announces
 * does. Its audience comes from its kind (audiences.ts). Returns false when a notice with the
 * same dedupe key was already sent.
 */
export async function notify(ex: Executor, n: NewNotification): Promise<boolean> {
  const res = await ex
    .insertInto('notification')
    .values(row(n, nowIso()))
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * The same as `notify` for many notices at once (a report request to thousands of units):
 * inserted in batches of 500 in the caller's transaction. Returns how many were written.
 */
export async function notifyMany(ex: Executor, list: NewNotification[]): Promise<number> {
  let written = 0;
  const at = nowIso();
  for (let i = 0; i < list.length; i += 500) {
    const res = await ex
      .insertInto('notification')
      .values(list.slice(i, i + 500).map((n) => row(n, at)))
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .executeTakeFirst();
    written += Number(res.numInsertedOrUpdatedRows ?? 0);
  }
  return written;
}

/** Notices an actor sees (the audience rule lives with the other scopes in the access module). */
const visible = (ex: Executor, actor: Actor) => ex.selectFrom('notification as n').where(noticeAudience(actor));

const unreadBy = (userId: number) => sql<boolean>`not exists (select 1 from notification_read r where r.notification_id = n.id and r.user_id = ${userId})`;

export const inboxService = {
  async list(ctx: AppContext, actor: Actor, q: { unreadOnly: boolean; page: number; pageSize: number }) {
    let base = visible(ctx.db, actor);
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
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute(),
      base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    ]);
    return {
      items: rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        titleZh: r.title_zh,
        titleEn: r.title_en,
        body: r.body,
        link: r.link,
        createdAt: r.created_at,
        readAt: r.read_at ?? null,
      })),
      total: Number(total.n),
      page: q.page,
      pageSize: q.pageSize,
    };
  },

  async unreadCount(ctx: AppContext, actor: Actor) {
    const r = await visible(ctx.db, actor)
      .where(unreadBy(actor.userId))
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return { unread: Number(r.n) };
  },

  async markRead(ctx: AppContext, actor: Actor, id: number) {
    await requireAccess(ctx.db, actor, null, 'notification', id);
    await ctx.db
      .insertInto('notification_read')
      .values({ notification_id: id, user_id: actor.userId, read_at: nowIso() })
      .onConflict((oc) => oc.columns(['notification_id', 'user_id']).doNothing())
      .execute();
  },

  async markAllRead(ctx: AppContext, actor: Actor) {
    const ids = await visible(ctx.db, actor).where(unreadBy(actor.userId)).select('n.id').limit(5000).execute();
    const at = nowIso();
    for (let i = 0; i < ids.length; i += 500) {
      await ctx.db
        .insertInto('notification_read')
        .values(ids.slice(i, i + 500).map((r) => ({ notification_id: r.id, user_id: actor.userId, read_at: at })))
        .onConflict((oc) => oc.columns(['notification_id', 'user_id']).doNothing())
        .execute();
    }
    return { marked: ids.length };
  },
};

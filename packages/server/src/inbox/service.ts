import type { AppContext } from '../context.ts';
import type { Executor } from '../db/database.ts';
import { nowIso } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { requireAccess } from '../access/index.ts';
import { inboxRepository } from './repository.ts';
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
  return (await inboxRepository.insert(ex, [row(n, nowIso())])) > 0;
}

/**
 * The same as `notify` for many notices at once (a report request to thousands of units):
 * inserted in batches of 500 in the caller's transaction. Returns how many were written.
 */
export async function notifyMany(ex: Executor, list: NewNotification[]): Promise<number> {
  let written = 0;
  const at = nowIso();
  for (let i = 0; i < list.length; i += 500)
    written += await inboxRepository.insert(
      ex,
      list.slice(i, i + 500).map((n) => row(n, at)),
    );
  return written;
}

export const inboxService = {
  async list(ctx: AppContext, actor: Actor, q: { unreadOnly: boolean; page: number; pageSize: number }) {
    const { rows, total } = await inboxRepository.page(ctx.db, actor, { unreadOnly: q.unreadOnly, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
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
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  },

  async unreadCount(ctx: AppContext, actor: Actor) {
    return { unread: await inboxRepository.unreadCount(ctx.db, actor) };
  },

  async markRead(ctx: AppContext, actor: Actor, id: number) {
    await requireAccess(ctx.db, actor, null, 'notification', id);
    await inboxRepository.markRead(ctx.db, actor.userId, [id], nowIso());
  },

  async markAllRead(ctx: AppContext, actor: Actor) {
    const ids = await inboxRepository.unreadIds(ctx.db, actor, 5000);
    const at = nowIso();
    for (let i = 0; i < ids.length; i += 500) await inboxRepository.markRead(ctx.db, actor.userId, ids.slice(i, i + 500), at);
    return { marked: ids.length };
  },
};

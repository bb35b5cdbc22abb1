import { sql } from 'kysely';
import type { AppContext } from '../context.ts';
import type { Executor } from '../db/database.ts';
import { nowIso } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { notFound } from '../http/errors.ts';

export type NotificationKind =
  | 'plan_submitted'
  | 'plan_returned'
  | 'plan_approved'
  | 'report_requested'
  | 'report_deadline'
  | 'plan_deadline'
  | 'report_reviewed'
  | 'bulletin_published'
  | 'rectification_assigned'
  | 'rectification_due'
  | 'rectification_answered'
  | 'rectification_reopened'
  | 'activity_notable'
  | 'assessment_to_confirm' | 'assessment_submitted' | 'assessment_verified' | 'assessment_returned' | 'title_awarded'
  | 'commitments_published'
  | 'cadre_report_submitted'
  | 'cadre_report_due'
  | 'exemplar_nominated'
  | 'exemplar_decided'
  | 'measure_commented'
  | 'measure_reopened'
  | 'measure_due'
  | 'evaluation_opened' | 'evaluation_step' | 'evaluation_submitted' | 'evaluation_approved' | 'evaluation_returned' | 'evaluation_reevaluation_due'
  | 'vote_opened'
  | 'honour_notice_published' | 'honour_objection_received' | 'honour_objection_handled' | 'honour_notice_ended' | 'honour_final_published';

export interface NewNotification {
  /** The organization whose accounts see it; with audience 'subtree', every account below too. */
  org: { id: number; path: string };
  audience?: 'org' | 'subtree';
  kind: NotificationKind;
  titleZh: string;
  titleEn: string;
  body?: string | null;
  /** Route in the web app, e.g. '/plans/12'. */
  link?: string | null;
  /** Reminders: a second notice with the same key is silently skipped. */
  dedupeKey?: string | null;
}

/**
 * Writes a notice in the caller's transaction, so it exists exactly when the fact it announces
 * does. Returns false when a notice with the same dedupe key was already sent.
 */
export async function notify(ex: Executor, n: NewNotification): Promise<boolean> {
  const res = await ex
    .insertInto('notification')
    .values({
      org_id: n.org.id, org_path: n.org.path, audience: n.audience ?? 'org', kind: n.kind, title_zh: n.titleZh, title_en: n.titleEn,
      body: n.body ?? null, link: n.link ?? null, dedupe_key: n.dedupeKey ?? null, created_at: nowIso(),
    })
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
      .values(list.slice(i, i + 500).map((n) => ({
        org_id: n.org.id, org_path: n.org.path, audience: n.audience ?? 'org', kind: n.kind, title_zh: n.titleZh, title_en: n.titleEn,
        body: n.body ?? null, link: n.link ?? null, dedupe_key: n.dedupeKey ?? null, created_at: at,
      })))
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .executeTakeFirst();
    written += Number(res.numInsertedOrUpdatedRows ?? 0);
  }
  return written;
}

/**
 * Notices an actor sees: those addressed to its grant organization, and broadcasts to a subtree
 * that contains it. (Ancestor paths of '/1/23/456/' are '/1/', '/1/23/', '/1/23/456/'.)
 */
function visible(ex: Executor, actor: Actor) {
  const ancestors = actor.grant.orgPath.split('/').filter(Boolean).map((_, i, ids) => `/${ids.slice(0, i + 1).join('/')}/`);
  return ex
    .selectFrom('notification as n')
    .where((eb) => eb.or([
      eb.and([eb('n.audience', '=', 'org'), eb('n.org_id', '=', actor.grant.orgId)]),
      eb.and([eb('n.audience', '=', 'subtree'), eb('n.org_path', 'in', ancestors)]),
    ]));
}

const unreadBy = (userId: number) => sql<boolean>`not exists (select 1 from notification_read r where r.notification_id = n.id and r.user_id = ${userId})`;

export const inboxService = {
  async list(ctx: AppContext, actor: Actor, q: { unreadOnly: boolean; page: number; pageSize: number }) {
    let base = visible(ctx.db, actor);
    if (q.unreadOnly) base = base.where(unreadBy(actor.userId));
    const [rows, total] = await Promise.all([
      base
        .selectAll('n')
        .select((eb) => eb.selectFrom('notification_read as r').select('r.read_at').whereRef('r.notification_id', '=', 'n.id').where('r.user_id', '=', actor.userId).as('read_at'))
        .orderBy('n.created_at', 'desc')
        .orderBy('n.id', 'desc')
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute(),
      base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    ]);
    return {
      items: rows.map((r) => ({ id: r.id, kind: r.kind, titleZh: r.title_zh, titleEn: r.title_en, body: r.body, link: r.link, createdAt: r.created_at, readAt: r.read_at ?? null })),
      total: Number(total.n),
      page: q.page,
      pageSize: q.pageSize,
    };
  },

  async unreadCount(ctx: AppContext, actor: Actor) {
    const r = await visible(ctx.db, actor).where(unreadBy(actor.userId)).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    return { unread: Number(r.n) };
  },

  async markRead(ctx: AppContext, actor: Actor, id: number) {
    const n = await visible(ctx.db, actor).select('n.id').where('n.id', '=', id).executeTakeFirst();
    if (!n) throw notFound({ zh: '通知', en: 'Notification' });
    await ctx.db.insertInto('notification_read').values({ notification_id: id, user_id: actor.userId, read_at: nowIso() }).onConflict((oc) => oc.columns(['notification_id', 'user_id']).doNothing()).execute();
  },

  async markAllRead(ctx: AppContext, actor: Actor) {
    const ids = await visible(ctx.db, actor).where(unreadBy(actor.userId)).select('n.id').limit(5000).execute();
    const at = nowIso();
    for (let i = 0; i < ids.length; i += 500) {
      await ctx.db.insertInto('notification_read').values(ids.slice(i, i + 500).map((r) => ({ notification_id: r.id, user_id: actor.userId, read_at: at }))).onConflict((oc) => oc.columns(['notification_id', 'user_id']).doNothing()).execute();
    }
    return { marked: ids.length };
  },
};

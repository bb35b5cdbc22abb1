import { sql, type Selectable } from 'kysely';
import type { Quiz, QuizAnswers } from '@zx/domain';
import type { Executor } from '../db/database.ts';
import type { NoticeTable } from '../db/schema.ts';
import { pathInSubtree } from '../access/repository/subtree.ts';

/** A notice as the capability reads it: JSON columns parsed. */
export interface NoticeModel {
  id: number;
  campaignId: number;
  orgId: number;
  orgPath: string;
  title: string;
  body: string;
  attachmentIds: number[];
  targetOrgIds: number[] | null;
  quiz: Quiz | null;
  maxAttempts: number | null;
  dueOn: string | null;
  status: 'draft' | 'sent';
  recipientCount: number;
  sentAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export function noticeFromRow(r: Selectable<NoticeTable>): NoticeModel {
  return {
    id: r.id,
    campaignId: r.campaign_id,
    orgId: r.org_id,
    orgPath: r.org_path,
    title: r.title,
    body: r.body,
    attachmentIds: JSON.parse(r.attachment_ids) as number[],
    targetOrgIds: r.target_org_ids ? (JSON.parse(r.target_org_ids) as number[]) : null,
    quiz: r.quiz ? (JSON.parse(r.quiz) as Quiz) : null,
    maxAttempts: r.max_attempts,
    dueOn: r.due_on,
    status: r.status,
    recipientCount: Number(r.recipient_count),
    sentAt: r.sent_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export interface NoticeContent {
  title: string;
  body: string;
  attachmentIds: number[];
  targetOrgIds: number[] | null;
  quiz: Quiz | null;
  maxAttempts: number | null;
  dueOn: string | null;
}

const contentColumns = (c: NoticeContent) => ({
  title: c.title,
  body: c.body,
  attachment_ids: JSON.stringify(c.attachmentIds),
  target_org_ids: c.targetOrgIds ? JSON.stringify(c.targetOrgIds) : null,
  quiz: c.quiz ? JSON.stringify(c.quiz) : null,
  has_quiz: c.quiz ? 1 : 0,
  max_attempts: c.quiz ? c.maxAttempts : null,
  due_on: c.dueOn,
});

/**
 * A recipient counts as aware of a notice when they acknowledged it — or, when it carries a quiz,
 * passed the quiz (acknowledging alone does not count then). Aliases: `n` notice, `r` recipient.
 */
const awareOf = sql<boolean>`((n.has_quiz = 0 and r.acknowledged_at is not null) or (n.has_quiz = 1 and r.passed_at is not null))`;

export const noticeRepository = {
  async insert(ex: Executor, v: NoticeContent & { campaignId: number; orgId: number; orgPath: string; at: string; by: number }) {
    const { id } = await ex
      .insertInto('notice')
      .values({
        campaign_id: v.campaignId,
        org_id: v.orgId,
        org_path: v.orgPath,
        ...contentColumns(v),
        status: 'draft',
        created_at: v.at,
        created_by: v.by,
        updated_at: v.at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(id);
  },

  async byId(ex: Executor, id: number): Promise<NoticeModel | undefined> {
    const row = await ex.selectFrom('notice').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? noticeFromRow(row) : undefined;
  },

  /** Changes a draft; answers false when it was sent meanwhile (the content of a sent notice is frozen). */
  async updateDraft(ex: Executor, id: number, c: NoticeContent, at: string): Promise<boolean> {
    const r = await ex
      .updateTable('notice')
      .set({ ...contentColumns(c), updated_at: at })
      .where('id', '=', id)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  async deleteDraft(ex: Executor, id: number): Promise<boolean> {
    const r = await ex.deleteFrom('notice').where('id', '=', id).where('status', '=', 'draft').executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  },

  /** Draft → sent (the gate: a second send changes no row). */
  async markSent(ex: Executor, id: number, count: number, at: string, by: number): Promise<boolean> {
    const r = await ex
      .updateTable('notice')
      .set({ status: 'sent', recipient_count: count, sent_at: at, sent_by: by, updated_at: at })
      .where('id', '=', id)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  /** Active members of active organizations in any of these subtrees (the audience at sending). */
  audience(ex: Executor, roots: string[]) {
    return ex
      .selectFrom('member as m')
      .innerJoin('organization as o', 'o.id', 'm.org_id')
      .select(['m.id', 'm.org_id'])
      .where('m.status', '=', 'active')
      .where('o.status', '=', 'active')
      .where((eb) => eb.or(roots.map((p) => pathInSubtree('o.path', p))))
      .execute();
  },

  async insertRecipients(ex: Executor, noticeId: number, members: Array<{ id: number; org_id: number }>) {
    for (let i = 0; i < members.length; i += 500) {
      await ex
        .insertInto('notice_recipient')
        .values(members.slice(i, i + 500).map((m) => ({ notice_id: noticeId, member_id: m.id, org_id: m.org_id })))
        .execute();
    }
  },

  /** Notices written in a subtree, newest first, with their receipt counts. */
  list(ex: Executor, root: string, f: { campaignId?: number }) {
    let q = ex
      .selectFrom('notice as n')
      .innerJoin('organization as o', 'o.id', 'n.org_id')
      .selectAll('n')
      .select('o.name as org_name')
      .select((eb) => [
        eb.selectFrom('notice_recipient as r').select(sql<number>`count(r.read_at)`.as('c')).whereRef('r.notice_id', '=', 'n.id').as('read_count'),
        eb.selectFrom('notice_recipient as r').select(sql<number>`count(*)`.as('c')).whereRef('r.notice_id', '=', 'n.id').where(awareOf).as('aware_count'),
      ])
      .where(pathInSubtree('n.org_path', root));
    if (f.campaignId) q = q.where('n.campaign_id', '=', f.campaignId);
    return q.orderBy('n.id', 'desc').limit(500).execute();
  },

  /** Per addressed organization (as it is now): recipients, read, acknowledged, passed, aware. */
  receiptsByOrg(ex: Executor, noticeId: number) {
    return ex
      .selectFrom('notice_recipient as r')
      .innerJoin('notice as n', 'n.id', 'r.notice_id')
      .innerJoin('organization as o', 'o.id', 'r.org_id')
      .select([
        'o.id as org_id',
        'o.path',
        sql<number>`count(*)`.as('sent'),
        sql<number>`count(r.read_at)`.as('read'),
        sql<number>`count(r.acknowledged_at)`.as('acknowledged'),
        sql<number>`count(r.passed_at)`.as('passed'),
        sql<number>`sum(case when ${awareOf} then 1 else 0 end)`.as('aware'),
      ])
      .where('r.notice_id', '=', noticeId)
      .groupBy(['o.id', 'o.path'])
      .execute();
  },

  /** The members addressed at `orgId` who are not yet aware of the notice (names only). */
  notYet(ex: Executor, noticeId: number, orgId: number) {
    return ex
      .selectFrom('notice_recipient as r')
      .innerJoin('notice as n', 'n.id', 'r.notice_id')
      .innerJoin('member as m', 'm.id', 'r.member_id')
      .select(['m.id', 'm.name', 'r.read_at'])
      .where('r.notice_id', '=', noticeId)
      .where('r.org_id', '=', orgId)
      .where(sql<boolean>`not ${awareOf}`)
      .orderBy('m.name')
      .orderBy('m.id')
      .execute();
  },

  organizations: (ex: Executor, ids: number[]) =>
    ids.length ? ex.selectFrom('organization').select(['id', 'name', 'path', 'parent_id']).where('id', 'in', ids).execute() : Promise.resolve([]),

  childrenOf: (ex: Executor, orgId: number) =>
    ex.selectFrom('organization').select(['id', 'name', 'path']).where('parent_id', '=', orgId).where('status', '=', 'active').orderBy('path').execute(),

  // The member's side.

  /** A stored file named by a notice (served to its recipients through the notice). */
  file: (ex: Executor, id: number) => ex.selectFrom('attachment').select(['id', 'name', 'mime', 'hash', 'thumb_hash']).where('id', '=', id).executeTakeFirst(),

  recipient: (ex: Executor, noticeId: number, memberId: number) =>
    ex.selectFrom('notice_recipient').selectAll().where('notice_id', '=', noticeId).where('member_id', '=', memberId).executeTakeFirst(),

  /** The sent notices addressed to a member, newest first, with what they did. */
  async mine(ex: Executor, memberId: number) {
    const rows = await ex
      .selectFrom('notice_recipient as r')
      .innerJoin('notice as n', 'n.id', 'r.notice_id')
      .innerJoin('organization as o', 'o.id', 'n.org_id')
      .innerJoin('campaign as c', 'c.id', 'n.campaign_id')
      .selectAll('n')
      .select(['o.name as org_name', 'c.name as campaign_name', 'r.read_at', 'r.acknowledged_at', 'r.passed_at', 'r.attempts', 'r.best_score'])
      .select(awareOf.as('aware'))
      .where('r.member_id', '=', memberId)
      .where('n.status', '=', 'sent')
      .orderBy('n.sent_at', 'desc')
      .orderBy('n.id', 'desc')
      .limit(200)
      .execute();
    return rows.map((r) => ({ ...r, notice: noticeFromRow(r), aware: Boolean(Number(r.aware)) }));
  },

  async markRead(ex: Executor, noticeId: number, memberId: number, at: string) {
    await ex
      .updateTable('notice_recipient')
      .set({ read_at: at })
      .where('notice_id', '=', noticeId)
      .where('member_id', '=', memberId)
      .where('read_at', 'is', null)
      .execute();
  },

  /** First acknowledgement only (idempotent): answers whether this call set it. */
  async acknowledge(ex: Executor, noticeId: number, memberId: number, at: string): Promise<boolean> {
    await this.markRead(ex, noticeId, memberId, at);
    const r = await ex
      .updateTable('notice_recipient')
      .set({ acknowledged_at: at })
      .where('notice_id', '=', noticeId)
      .where('member_id', '=', memberId)
      .where('acknowledged_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  /** One graded submission; `attemptsBefore` guards a concurrent one (no row changes when it raced). */
  async recordAttempt(
    ex: Executor,
    v: { noticeId: number; memberId: number; answers: QuizAnswers; score: number; passed: boolean; at: string; attemptsBefore: number },
  ): Promise<boolean> {
    const r = await ex
      .updateTable('notice_recipient')
      .set((eb) => ({
        attempts: v.attemptsBefore + 1,
        best_score: sql<number>`case when best_score is null or best_score < ${v.score} then ${v.score} else best_score end`,
        read_at: eb.fn.coalesce('read_at', sql<string>`${v.at}`),
        ...(v.passed ? { passed_at: v.at, acknowledged_at: eb.fn.coalesce('acknowledged_at', sql<string>`${v.at}`) } : {}),
      }))
      .where('notice_id', '=', v.noticeId)
      .where('member_id', '=', v.memberId)
      .where('attempts', '=', v.attemptsBefore)
      .where('passed_at', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
    await ex
      .insertInto('notice_attempt')
      .values({ notice_id: v.noticeId, member_id: v.memberId, answers: JSON.stringify(v.answers), score: v.score, passed: v.passed ? 1 : 0, at: v.at })
      .execute();
    return true;
  },

  /** The signed-in account's member: where they are now. */
  member: (ex: Executor, memberId: number) =>
    ex
      .selectFrom('member as m')
      .innerJoin('organization as o', 'o.id', 'm.org_id')
      .select(['m.id', 'm.name', 'm.org_id', 'm.status', 'o.path as org_path', 'o.name as org_name'])
      .where('m.id', '=', memberId)
      .executeTakeFirst(),

  /** Roll-up fact: the unit's own active members aware in the campaign (at least one notice). */
  async membersAware(ex: Executor, campaignId: number, orgId: number): Promise<number> {
    const row = await ex
      .selectFrom('member as m')
      .select(sql<number>`count(*)`.as('n'))
      .where('m.org_id', '=', orgId)
      .where('m.status', '=', 'active')
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('notice_recipient as r')
            .innerJoin('notice as n', 'n.id', 'r.notice_id')
            .select('r.member_id')
            .whereRef('r.member_id', '=', 'm.id')
            .where('n.campaign_id', '=', campaignId)
            .where('n.status', '=', 'sent')
            .where(awareOf),
        ),
      )
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  },

  /** Notices a member has not yet done (to-dos). */
  pendingFor: (ex: Executor, memberId: number) =>
    ex
      .selectFrom('notice_recipient as r')
      .innerJoin('notice as n', 'n.id', 'r.notice_id')
      .select(['n.id', 'n.title', 'n.campaign_id', 'n.due_on', 'n.has_quiz', 'n.max_attempts', 'r.attempts', 'r.read_at'])
      .where('r.member_id', '=', memberId)
      .where('n.status', '=', 'sent')
      .where(sql<boolean>`not ${awareOf}`)
      .orderBy('n.id', 'desc')
      .limit(100)
      .execute(),
};

import { gradeQuiz, quizForMember, type QuizAnswers } from '@zx/domain';
import type { AppContext } from '../context.ts';
import type { Executor } from '../db/database.ts';
import { nowIso } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { requireAccess } from '../access/index.ts';
import { presentAttachments } from '../attachments/service.ts';
import { refreshUnits } from '../campaigns/rollup.ts';
import { AppError, conflict, notFound } from '../http/errors.ts';
import { noticeRepository as repo, type NoticeModel } from './repository.ts';
import { notAMember } from './policy.ts';

/**
 * The member's side: their notices, the reader (first read recorded), acknowledgement and the
 * quiz. Only the signed-in account's own member acts here — nobody acknowledges or answers for
 * someone else; a cadre has no endpoint that would.
 */

const memberOf = (actor: Actor) => {
  if (actor.memberId == null) throw notAMember();
  return actor.memberId;
};

type Recipient = NonNullable<Awaited<ReturnType<typeof repo.recipient>>>;

const isAware = (n: NoticeModel, r: Recipient) => (n.quiz ? r.passed_at != null : r.acknowledged_at != null);
const attemptsLeft = (n: NoticeModel, r: Recipient) => (n.maxAttempts == null ? null : Math.max(0, n.maxAttempts - r.attempts));

async function detail(ex: Executor, n: NoticeModel, r: Recipient, names: { org: string; campaign: string }) {
  const finished = r.passed_at != null || attemptsLeft(n, r) === 0;
  return {
    id: n.id,
    campaignId: n.campaignId,
    campaignName: names.campaign,
    orgName: names.org,
    title: n.title,
    sentAt: n.sentAt,
    dueOn: n.dueOn,
    hasQuiz: n.quiz != null,
    read: r.read_at != null,
    acknowledged: r.acknowledged_at != null,
    passed: r.passed_at != null,
    aware: isAware(n, r),
    body: n.body,
    attachments: (await presentAttachments(ex, n.attachmentIds)).map((a) => ({
      ...a,
      url: `/api/v1/notices/mine/${n.id}/files/${a.id}`,
      thumbUrl: a.thumbUrl ? `/api/v1/notices/mine/${n.id}/files/${a.id}?thumb=1` : null,
    })),
    readAt: r.read_at,
    acknowledgedAt: r.acknowledged_at,
    passedAt: r.passed_at,
    quiz: n.quiz
      ? {
          ...quizForMember(n.quiz),
          maxAttempts: n.maxAttempts,
          attempts: r.attempts,
          bestScore: r.best_score,
          // The correct options only once the member has passed or used every attempt.
          review: finished ? n.quiz.questions.map((q) => ({ correct: q.correct })) : null,
        }
      : null,
  };
}

async function namesOf(ex: Executor, memberId: number, noticeId: number) {
  const row = (await repo.mine(ex, memberId)).find((r) => r.id === noticeId);
  return { org: row?.org_name ?? '', campaign: row?.campaign_name ?? '' };
}

/** Refreshes the roll-up of the unit where the member is now (the figure counts them there). */
async function refreshWhereMemberIs(ex: Executor, campaignId: number, memberId: number) {
  const m = await repo.member(ex, memberId);
  if (m) await refreshUnits(ex, campaignId, [m.org_id]);
}

export const receiveService = {
  async mine(ctx: AppContext, actor: Actor) {
    if (actor.memberId == null) return { unread: 0, pending: 0, items: [] };
    const rows = await repo.mine(ctx.db, actor.memberId);
    const items = rows.map((r) => ({
      id: r.id,
      campaignId: r.campaign_id,
      campaignName: r.campaign_name,
      orgName: r.org_name,
      title: r.title,
      sentAt: r.sent_at,
      dueOn: r.due_on,
      hasQuiz: r.has_quiz === 1,
      read: r.read_at != null,
      acknowledged: r.acknowledged_at != null,
      passed: r.passed_at != null,
      aware: r.aware,
    }));
    return { unread: items.filter((i) => !i.read).length, pending: items.filter((i) => !i.aware).length, items };
  },

  /** Opens a notice addressed to the member; the first opening is the read receipt. */
  async open(ctx: AppContext, actor: Actor, id: number) {
    const memberId = memberOf(actor);
    return ctx.db.transaction().execute(async (trx) => {
      const n = await requireAccess(trx, actor, 'notice.receive', 'receivedNotice', id);
      await repo.markRead(trx, id, memberId, nowIso());
      return detail(trx, n, (await repo.recipient(trx, id, memberId))!, await namesOf(trx, memberId, id));
    });
  },

  /** 确认已知晓: once (a repeat changes nothing); a notice with a quiz is acknowledged by passing it. */
  async acknowledge(ctx: AppContext, actor: Actor, id: number) {
    const memberId = memberOf(actor);
    return ctx.db.transaction().execute(async (trx) => {
      const n = await requireAccess(trx, actor, 'notice.receive', 'receivedNotice', id);
      if (n.quiz) throw conflict('QUIZ_REQUIRED', '本通知附有知晓测试，通过测试即视为已知晓', 'This notice has a quiz: passing it is the acknowledgement');
      if (await repo.acknowledge(trx, id, memberId, nowIso())) await refreshWhereMemberIs(trx, n.campaignId, memberId);
      return detail(trx, n, (await repo.recipient(trx, id, memberId))!, await namesOf(trx, memberId, id));
    });
  },

  /** Grades one submission on the server; passing marks the member aware (and acknowledged). */
  async answer(ctx: AppContext, actor: Actor, id: number, answers: QuizAnswers) {
    const memberId = memberOf(actor);
    return ctx.db.transaction().execute(async (trx) => {
      const n = await requireAccess(trx, actor, 'notice.receive', 'receivedNotice', id);
      if (!n.quiz) throw conflict('NO_QUIZ', '本通知没有知晓测试', 'This notice has no quiz');
      const r = await repo.recipient(trx, id, memberId);
      if (!r) throw notFound({ zh: '通知', en: 'Notice' });
      if (r.passed_at) throw conflict('QUIZ_ALREADY_PASSED', '您已通过本测试', 'You have already passed this quiz');
      if (attemptsLeft(n, r) === 0) throw new AppError(409, 'QUIZ_NO_ATTEMPTS_LEFT', { zh: '答题次数已用完', en: 'No attempts left' });
      const result = gradeQuiz(n.quiz, answers);
      const at = nowIso();
      const recorded = await repo.recordAttempt(trx, {
        noticeId: id,
        memberId,
        answers,
        score: result.score,
        passed: result.passed,
        at,
        attemptsBefore: r.attempts,
      });
      if (!recorded)
        throw conflict('QUIZ_ATTEMPT_RACE', '答卷已在另一处提交，请刷新后重试', 'An answer was submitted elsewhere at the same time; reload and try again');
      if (result.passed) await refreshWhereMemberIs(trx, n.campaignId, memberId);
      const after = (await repo.recipient(trx, id, memberId))!;
      return {
        ...result,
        attempts: after.attempts,
        attemptsLeft: attemptsLeft(n, after),
        notice: await detail(trx, n, after, await namesOf(trx, memberId, id)),
      };
    });
  },

  /** A file of a notice addressed to the member: only one the notice holds. */
  async file(ctx: AppContext, actor: Actor, id: number, attachmentId: number) {
    memberOf(actor);
    const n = await requireAccess(ctx.db, actor, 'notice.receive', 'receivedNotice', id);
    const file = n.attachmentIds.includes(attachmentId) ? await repo.file(ctx.db, attachmentId) : undefined;
    if (!file) throw notFound({ zh: '附件', en: 'Attachment' });
    return file;
  },
};

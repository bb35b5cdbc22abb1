import { z } from 'zod';
import { attachment } from './attachments.ts';
import { binary, id, isoDate, timestamp } from './common.ts';

/** 通知与知晓率 (docs/notices.md): what the notice operations answer. */

const quizQuestion = z.object({
  text: z.string(),
  kind: z.enum(['single', 'multiple']),
  options: z.array(z.string()),
  correct: z.array(z.number().int()),
});
const passMark = z.object({ kind: z.enum(['count', 'percent']), value: z.number().int() });
/** The quiz as its sender wrote it, correct options included (never sent to a member before they pass). */
export const quiz = z.object({ questions: z.array(quizQuestion), passMark });
export type Quiz = z.infer<typeof quiz>;

const receiptCounts = {
  sent: z.number().int(),
  read: z.number().int(),
  acknowledged: z.number().int(),
  passed: z.number().int(),
  /** Acknowledged, or passed when there is a quiz. */
  aware: z.number().int(),
};

/** A notice as its sender's units see it. */
export const campaignNotice = z.object({
  id,
  campaignId: id,
  orgId: id,
  orgName: z.string(),
  title: z.string(),
  body: z.string(),
  attachments: z.array(attachment),
  targetOrgs: z.array(z.object({ id, name: z.string() })).nullable(),
  quiz: quiz.nullable(),
  maxAttempts: z.number().int().nullable(),
  dueOn: isoDate.nullable(),
  status: z.enum(['draft', 'sent']),
  sentAt: timestamp.nullable(),
  recipientCount: z.number().int(),
  createdAt: timestamp,
  updatedAt: timestamp,
  canEdit: z.boolean(),
});
export type CampaignNotice = z.infer<typeof campaignNotice>;

export const noticeListItem = z.object({
  id,
  campaignId: id,
  orgId: id,
  orgName: z.string(),
  title: z.string(),
  status: z.enum(['draft', 'sent']),
  hasQuiz: z.boolean(),
  dueOn: isoDate.nullable(),
  sentAt: timestamp.nullable(),
  recipientCount: z.number().int(),
  readCount: z.number().int(),
  awareCount: z.number().int(),
});
export const noticeList = z.array(noticeListItem);
export type NoticeListItem = z.infer<typeof noticeListItem>;

/** Receipts of a sent notice: totals, per unit directly below the sender (and the sender itself), and — for the cadres of the members' own unit — who has not yet. */
export const noticeReceipts = z.object({
  id,
  hasQuiz: z.boolean(),
  totals: z.object(receiptCounts),
  units: z.array(z.object({ orgId: id, name: z.string(), ...receiptCounts })),
  notYet: z.array(z.object({ memberId: id, name: z.string(), read: z.boolean() })).nullable(),
});
export type NoticeReceipts = z.infer<typeof noticeReceipts>;

/** A notice in the member's own list. */
export const myNotice = z.object({
  id,
  campaignId: id,
  campaignName: z.string(),
  orgName: z.string(),
  title: z.string(),
  sentAt: timestamp.nullable(),
  dueOn: isoDate.nullable(),
  hasQuiz: z.boolean(),
  read: z.boolean(),
  acknowledged: z.boolean(),
  passed: z.boolean(),
  aware: z.boolean(),
});
export const myNoticeList = z.object({ unread: z.number().int(), pending: z.number().int(), items: z.array(myNotice) });
export type MyNotice = z.infer<typeof myNotice>;

/** The member's quiz: questions and options; `review` (the correct options) only once passed or out of attempts. */
export const memberQuiz = z.object({
  questions: z.array(z.object({ text: z.string(), kind: z.enum(['single', 'multiple']), options: z.array(z.string()) })),
  passingScore: z.number().int(),
  maxAttempts: z.number().int().nullable(),
  attempts: z.number().int(),
  bestScore: z.number().int().nullable(),
  review: z.array(z.object({ correct: z.array(z.number().int()) })).nullable(),
});

export const myNoticeDetail = myNotice.extend({
  body: z.string(),
  attachments: z.array(attachment),
  readAt: timestamp.nullable(),
  acknowledgedAt: timestamp.nullable(),
  passedAt: timestamp.nullable(),
  quiz: memberQuiz.nullable(),
});
export type MyNoticeDetail = z.infer<typeof myNoticeDetail>;

export const quizResult = z.object({
  score: z.number().int(),
  total: z.number().int(),
  passed: z.boolean(),
  attempts: z.number().int(),
  attemptsLeft: z.number().int().nullable(),
  notice: myNoticeDetail,
});
export type QuizResult = z.infer<typeof quizResult>;

export const noticeFile = binary('application/octet-stream');

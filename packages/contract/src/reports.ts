import { z } from 'zod';
import { attachment } from './attachments.ts';
import { isoDate, page, timestamp } from './common.ts';

/** 书面汇报: a unit asks the units below it for a written report; each answers, the asking side reviews. */

/** Disjoint: on time, after the deadline, not submitted and overdue, not submitted and not yet due. */
export const REPORT_BOARD_STATUSES = ['submitted', 'late', 'missing', 'pending'] as const;
export const reportBoardStatus = z.enum(REPORT_BOARD_STATUSES);
export const reportSubmissionStatus = z.enum(['pending', 'submitted']);

export const reportRequest = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string(),
  campaignId: z.number().int().nullable(),
  campaignName: z.string().nullable(),
  taskKey: z.string().nullable(),
  title: z.string(),
  guidance: z.string(),
  dueOn: isoDate,
  /** Days from today to the deadline (negative once past). */
  daysLeft: z.number().int(),
  filter: z.object({ types: z.array(z.string()).optional(), depth: z.number().int().optional() }),
  createdAt: timestamp,
});

/** A request sent by the actor's subtree, with how many units were asked and have submitted. */
export const sentReportRequest = reportRequest.extend({ targets: z.number().int(), submittedCount: z.number().int() });

/** A request addressed to the actor's unit, with that unit's submission. */
export const receivedReportRequest = reportRequest.extend({
  submission: z.object({
    status: reportSubmissionStatus,
    boardStatus: reportBoardStatus,
    submittedAt: timestamp.nullable(),
    late: z.boolean(),
    reviewComment: z.string().nullable(),
    reviewedAt: timestamp.nullable(),
  }),
});

export const reportList = page(z.union([sentReportRequest, receivedReportRequest]));

/** One unit's report: its text and files, and the requesting side's comment. */
export const reportSubmission = z.object({
  orgId: z.number().int(),
  orgName: z.string(),
  status: reportSubmissionStatus,
  boardStatus: reportBoardStatus,
  late: z.boolean(),
  content: z.string(),
  attachments: z.array(attachment),
  submittedAt: timestamp.nullable(),
  reviewComment: z.string().nullable(),
  reviewedAt: timestamp.nullable(),
});

export const reportBoardRow = z.object({
  orgId: z.number().int(),
  orgName: z.string(),
  typeCode: z.string(),
  parentName: z.string().nullable(),
  responsiblePerson: z.string().nullable(),
  status: reportBoardStatus,
  submittedAt: timestamp.nullable(),
  late: z.boolean(),
  reviewComment: z.string().nullable(),
  reviewedAt: timestamp.nullable(),
});

export const reportBoardCounts = z.object({
  total: z.number().int(),
  submitted: z.number().int(),
  late: z.number().int(),
  missing: z.number().int(),
  pending: z.number().int(),
});

/** The requesting side gets the progress board; a unit that was asked, its own reportSubmission. */
export const reportDetail = z.discriminatedUnion('side', [
  z.object({
    side: z.literal('requester'),
    request: reportRequest,
    canReview: z.boolean(),
    board: z.object({ counts: reportBoardCounts, rows: page(reportBoardRow) }),
  }),
  z.object({ side: z.literal('target'), request: reportRequest, submission: reportSubmission }),
]);

export type ReportBoardStatus = z.infer<typeof reportBoardStatus>;
export type ReportRequest = z.infer<typeof reportRequest>;
export type SentReportRequest = z.infer<typeof sentReportRequest>;
export type ReceivedReportRequest = z.infer<typeof receivedReportRequest>;
export type ReportList = z.infer<typeof reportList>;
export type ReportSubmission = z.infer<typeof reportSubmission>;
export type ReportBoardRow = z.infer<typeof reportBoardRow>;
export type ReportBoardCounts = z.infer<typeof reportBoardCounts>;
export type ReportDetail = z.infer<typeof reportDetail>;

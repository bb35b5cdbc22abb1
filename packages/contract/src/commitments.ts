import { z } from 'zod';
import { COMMITMENT_OUTCOME_CODES } from '@zx/domain/assessment/commitment';
import { binary, isoDate, ok, timestamp } from './common.ts';

/** 承诺与述职: a cadre's yearly commitments (published in frozen versions) and the year-end report on them. */

const int = z.number().int();
export const commitmentOutcome = z.enum(COMMITMENT_OUTCOME_CODES);

/** The deployment's rules: lengths, number of commitments, the reminder month. */
export const commitmentRules = z.object({
  maxItems: int,
  itemMaxLength: int,
  reportRecommendedLength: int,
  reportMinLength: int,
  reportMaxLength: int,
  noteMaxLength: int,
  evidenceMax: int,
  reminderMonth: int,
});

export const commitmentItem = z.object({
  id: int,
  seq: int,
  text: z.string(),
  category: z.string().nullable(),
  dueOn: isoDate.nullable(),
  state: z.enum(['draft', 'published', 'superseded']),
  revisesId: int.nullable(),
  version: int.nullable(),
  updatedAt: timestamp,
});

/** A published version: the commitments as they stood, each marked added or revised in it. */
export const commitmentVersion = z.object({
  version: int,
  publishedAt: timestamp,
  publishedByName: z.string(),
  onBehalf: z.boolean(),
  note: z.string().nullable(),
  items: z.array(
    z.object({
      id: int,
      seq: int,
      text: z.string(),
      category: z.string().nullable(),
      dueOn: isoDate.nullable(),
      change: z.enum(['added', 'revised']).nullable(),
    }),
  ),
});

/** A cadre's year: the commitments (drafts only for writers), the publication history, the report's state. */
export const cadreYear = z.object({
  cadre: z.object({ memberId: int, name: z.string(), position: z.string(), active: z.boolean(), orgId: int, orgName: z.string() }),
  year: int,
  plan: z.object({ version: int, firstPublishedAt: timestamp.nullable(), lastPublishedAt: timestamp.nullable() }).nullable(),
  items: z.array(commitmentItem),
  revisions: z.array(commitmentItem),
  versions: z.array(commitmentVersion),
  report: z.object({ id: int, status: z.enum(['draft', 'submitted']), submittedAt: timestamp.nullable(), updatedAt: timestamp, readCount: int }).nullable(),
  can: z.object({ writer: z.boolean(), write: z.boolean(), report: z.boolean() }),
  rules: commitmentRules,
});

/** A cadre in the 承诺公示 list. */
export const cadreRow = z.object({
  memberId: int,
  name: z.string(),
  position: z.string(),
  orgId: int,
  orgName: z.string(),
  current: z.boolean(),
  version: int,
  publishedCount: int,
  lastPublishedAt: timestamp.nullable(),
  reportStatus: z.enum(['none', 'draft', 'submitted']),
  submittedAt: timestamp.nullable(),
  readCount: int,
  canWrite: z.boolean(),
});

export const cadreList = z.object({
  org: z.object({ id: int, name: z.string() }),
  year: int,
  totals: z.object({ cadres: int, published: int, submitted: int }),
  items: z.array(cadreRow),
  /** Cadres who kept commitments here this year and have since moved on (first page of one organization only). */
  former: z.array(cadreRow),
  total: int,
  page: int,
  pageSize: int,
});

/** A file given as evidence, downloaded through the report. */
export const reportFile = z.object({
  id: int,
  name: z.string(),
  mime: z.string(),
  size: int,
  kind: z.enum(['file', 'photo']),
  url: z.string(),
  thumbUrl: z.string().nullable(),
});

/** A cadre's year-end report (the rating page shows it too). */
export const cadreReportView = z.object({
  id: int,
  memberId: int,
  cadreName: z.string(),
  position: z.string(),
  orgId: int,
  orgName: z.string(),
  year: int,
  status: z.enum(['draft', 'submitted']),
  content: z.string(),
  submittedAt: timestamp.nullable(),
  readCount: int,
  summary: z.object({ total: int, done: int, partly: int, notDone: int }),
  items: z.array(
    z.object({
      commitmentId: int,
      text: z.string(),
      category: z.string().nullable(),
      dueOn: isoDate.nullable(),
      status: commitmentOutcome.nullable(),
      note: z.string().nullable(),
      activities: z.array(z.object({ id: int, title: z.string(), heldOn: isoDate, type: z.string() })),
      attachments: z.array(reportFile),
    }),
  ),
});

export const commitmentItemRemoved = ok;
/** The evidence file itself (its own media type: an image, a PDF, an office document …). */
export const reportFileDownload = binary('application/octet-stream');

export type CommitmentOutcome = z.infer<typeof commitmentOutcome>;
export type CommitmentRules = z.infer<typeof commitmentRules>;
export type CommitmentItem = z.infer<typeof commitmentItem>;
export type CommitmentVersion = z.infer<typeof commitmentVersion>;
export type CadreYear = z.infer<typeof cadreYear>;
export type CadreRow = z.infer<typeof cadreRow>;
export type CadreList = z.infer<typeof cadreList>;
export type ReportFile = z.infer<typeof reportFile>;
export type CadreReportView = z.infer<typeof cadreReportView>;

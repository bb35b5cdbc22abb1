import { z } from 'zod';
import { isoDate, page, timestamp } from './common.ts';

/** 通报: a bulletin drafted from the campaign's figures, edited, numbered (〔YYYY〕N号) and published to the subtree. */

export const bulletinStatus = z.enum(['draft', 'published']);

/** How a unit's completion score weighs its parts (frozen in the draft). */
export const scoreWeights = z.object({ tasks: z.number(), plans: z.number(), participation: z.number(), activities: z.number(), activityTarget: z.number() });

const rate = z.number().nullable();

/** Overview figures frozen when the draft is generated (a bulletin reports a moment). */
export const bulletinOverview = z.object({
  orgName: z.string(),
  campaignName: z.string(),
  currentPhaseNameZh: z.string().nullable(),
  members: z.number().int(),
  participants: z.number().int(),
  participationRate: rate,
  plans: z.object({ required: z.number().int(), submitted: z.number().int(), approved: z.number().int(), submissionRate: rate, approvalRate: rate }),
  activities: z.object({
    total: z.number().int(),
    byType: z.array(z.object({ type: z.string(), nameZh: z.string(), nameEn: z.string(), count: z.number().int() })),
  }),
  tasks: z.array(z.object({ key: z.string(), nameZh: z.string(), nameEn: z.string(), required: z.number().int(), done: z.number().int(), rate })),
  /** 知晓率, 覆盖面, pledges, media (absent in bulletins drafted before they were counted). */
  reach: z
    .object({
      aware: z.number().int(),
      awarenessRate: rate,
      pledged: z.number().int(),
      pledgeRate: rate,
      branches: z.number().int(),
      branchesWithActivity: z.number().int(),
      branchCoverageRate: rate,
      memberCoverageRate: rate,
      media: z.number().int(),
      postsPublished: z.number().int(),
    })
    .optional(),
});

export const bulletinRankingRow = z.object({
  rank: z.number().int().nullable(),
  orgId: z.number().int(),
  name: z.string(),
  responsiblePerson: z.string().nullable(),
  score: z.number().nullable(),
  tasksDone: z.number().int(),
  tasksRequired: z.number().int(),
  plansApproved: z.number().int(),
  plansRequired: z.number().int(),
  participationRate: rate,
  activities: z.number().int(),
  awarenessRate: rate.optional(),
});

export const bulletinHighlight = z.object({
  activityId: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string(),
  title: z.string(),
  heldOn: isoDate,
  typeNameZh: z.string(),
  excerpt: z.string(),
  /** Editors untick highlights they do not want in the document. */
  included: z.boolean(),
});

export const bulletinLaggingUnit = z.object({
  orgId: z.number().int(),
  name: z.string(),
  parentName: z.string().nullable(),
  responsiblePerson: z.string().nullable(),
  overdueTasks: z.array(z.object({ key: z.string(), nameZh: z.string(), nameEn: z.string() })),
});

/** The editable body of a bulletin. */
export const bulletinBody = z.object({
  issuer: z.string(),
  addressee: z.string(),
  opening: z.string(),
  overview: bulletinOverview,
  overviewText: z.string(),
  ranking: z.array(bulletinRankingRow),
  highlights: z.array(bulletinHighlight),
  lagging: z.array(bulletinLaggingUnit),
  requirements: z.array(z.string()),
  closing: z.string(),
  signature: z.string(),
  dateLine: z.string(),
});

export const bulletinSummary = z.object({
  id: z.number().int(),
  campaignId: z.number().int(),
  campaignName: z.string(),
  orgId: z.number().int(),
  orgName: z.string(),
  periodFrom: isoDate,
  periodTo: isoDate,
  title: z.string(),
  /** 发文字号, e.g. 示团通〔2026〕3号; null until numbered. */
  number: z.string().nullable(),
  numberPrefix: z.string().nullable(),
  numberYear: z.number().int().nullable(),
  numberSeq: z.number().int().nullable(),
  status: bulletinStatus,
  publishedAt: timestamp.nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
  /** Issued inside the actor's subtree and the actor holds bulletin.write: it may edit, number, publish. */
  canEdit: z.boolean(),
});

export const bulletinList = page(bulletinSummary);
export const bulletin = bulletinSummary.extend({ body: bulletinBody, weights: scoreWeights });

export type BulletinStatus = z.infer<typeof bulletinStatus>;
export type BulletinSummary = z.infer<typeof bulletinSummary>;
export type BulletinList = z.infer<typeof bulletinList>;
export type Bulletin = z.infer<typeof bulletin>;

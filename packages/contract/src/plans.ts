import { z } from 'zod';
import { TARGET_KINDS, type TargetKind } from '@zx/domain/campaign/activity-types';
import { PLAN_STATUSES } from '@zx/domain/campaign/plan';
import { attachment } from './attachments.ts';
import { isoDate, timestamp } from './common.ts';

/** 实施方案: a unit's theme, plan and targets, reviewed by the level above. */

export const planListStatus = z.enum([...PLAN_STATUSES, 'missing']);

export const planTarget = z.object({
  kind: z.enum(TARGET_KINDS.map((k) => k.code) as [TargetKind, ...TargetKind[]]),
  value: z.number().nullable(),
  unit: z.string().nullable(),
  label: z.string().nullable(),
  goalTag: z.string().nullable(),
});

const reviewer = z.string().nullable();

export const planVersion = z.object({
  version: z.number().int(),
  theme: z.string(),
  contentHtml: z.string(),
  targets: z.array(planTarget),
  attachments: z.array(attachment),
  submittedAt: timestamp,
  submittedBy: reviewer,
  decision: z.enum(['approved', 'returned']).nullable(),
  reviewComment: z.string().nullable(),
  reviewedAt: timestamp.nullable(),
  reviewedBy: reviewer,
});

/** One unit's plan (an empty skeleton before its first save) with every submitted version. */
export const plan = z.object({
  campaignId: z.number().int(),
  campaignName: z.string(),
  org: z.object({
    id: z.number().int(),
    name: z.string(),
    typeCode: z.string(),
    parentId: z.number().int().nullable(),
    parentName: z.string().nullable(),
    responsiblePerson: z.string().nullable(),
  }),
  required: z.boolean(),
  status: planListStatus,
  theme: z.string(),
  contentHtml: z.string(),
  targets: z.array(planTarget),
  attachments: z.array(attachment),
  version: z.number().int(),
  submittedAt: timestamp.nullable(),
  decidedAt: timestamp.nullable(),
  updatedAt: timestamp.nullable(),
  dueOn: isoDate.nullable(),
  overdue: z.boolean(),
  lastReview: z
    .object({
      version: z.number().int(),
      decision: z.enum(['approved', 'returned']),
      comment: z.string().nullable(),
      reviewedAt: timestamp.nullable(),
      reviewedBy: reviewer,
    })
    .nullable(),
  versions: z.array(planVersion),
  canEdit: z.boolean(),
  canSubmit: z.boolean(),
  canReview: z.boolean(),
});

/** A unit that must register a plan, with its status (missing = not yet written). */
export const planRow = z.object({
  orgId: z.number().int(),
  name: z.string(),
  typeCode: z.string(),
  parentId: z.number().int().nullable(),
  parentName: z.string().nullable(),
  responsiblePerson: z.string().nullable(),
  status: planListStatus,
  theme: z.string().nullable(),
  version: z.number().int(),
  submittedAt: timestamp.nullable(),
  decidedAt: timestamp.nullable(),
  updatedAt: timestamp.nullable(),
  dueOn: isoDate.nullable(),
  overdue: z.boolean(),
  canReview: z.boolean(),
});

export const planList = z.object({
  items: z.array(planRow),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  counts: z.record(z.enum([...PLAN_STATUSES, 'missing', 'all']), z.number().int()),
});

export type PlanListStatus = z.infer<typeof planListStatus>;
export type PlanTarget = z.infer<typeof planTarget>;
export type PlanVersion = z.infer<typeof planVersion>;
export type Plan = z.infer<typeof plan>;
export type PlanRow = z.infer<typeof planRow>;
export type PlanList = z.infer<typeof planList>;

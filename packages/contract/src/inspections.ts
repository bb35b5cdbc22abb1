import { z } from 'zod';
import { isoDate, page, timestamp } from './common.ts';

/** 检查指导: visits by the level above, with rectification items the unit answers and the inspecting side closes. */

export const rectificationStatus = z.enum(['open', 'answered', 'closed']);

export const rectification = z.object({
  id: z.number().int(),
  inspectionId: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string(),
  description: z.string(),
  owner: z.string(),
  dueOn: isoDate,
  status: rectificationStatus,
  /** Not closed and past its deadline. */
  overdue: z.boolean(),
  answer: z.string().nullable(),
  answeredAt: timestamp.nullable(),
  closedAt: timestamp.nullable(),
  reviewComment: z.string().nullable(),
  visitedOn: isoDate,
  inspectorName: z.string(),
  inspectorOrgId: z.number().int(),
  inspectorOrgName: z.string().nullable(),
  canAnswer: z.boolean(),
  canClose: z.boolean(),
  canReopen: z.boolean(),
});

export const rectificationList = page(rectification);

export const inspection = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string(),
  campaignId: z.number().int().nullable(),
  campaignName: z.string().nullable(),
  visitedOn: isoDate,
  findings: z.string(),
  score: z.number().int().nullable(),
  inspectorName: z.string(),
  inspectorOrgId: z.number().int(),
  inspectorOrgName: z.string().nullable(),
  createdAt: timestamp,
});

export const inspectionItemCounts = z.object({
  total: z.number().int(),
  open: z.number().int(),
  answered: z.number().int(),
  closed: z.number().int(),
  overdue: z.number().int(),
});

export const inspectionSummary = inspection.extend({ itemCounts: inspectionItemCounts });
export const inspectionList = page(inspectionSummary);
export const inspectionDetail = inspection.extend({ items: z.array(rectification) });

export type RectificationStatus = z.infer<typeof rectificationStatus>;
export type Rectification = z.infer<typeof rectification>;
export type RectificationList = z.infer<typeof rectificationList>;
export type Inspection = z.infer<typeof inspection>;
export type InspectionItemCounts = z.infer<typeof inspectionItemCounts>;
export type InspectionSummary = z.infer<typeof inspectionSummary>;
export type InspectionList = z.infer<typeof inspectionList>;
export type InspectionDetail = z.infer<typeof inspectionDetail>;

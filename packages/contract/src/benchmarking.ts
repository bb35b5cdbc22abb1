import { z } from 'zod';
import { BENCHMARK_STEP_KEYS } from '@zx/domain/assessment/benchmark';
import { TIER_CODES } from '@zx/domain/assessment/rubric';
import { attachment } from './attachments.ts';
import { isoDate, timestamp } from './common.ts';

/** 对标定位: a unit's exercise against exemplar units (gaps per rubric dimension) and its catch-up measures. */

export const benchmarkStep = z.enum(BENCHMARK_STEP_KEYS);
const tier = z.enum(TIER_CODES);

/** A catch-up measure (赶超措施) with its evidence, the supervisors' comments and what the actor may do. */
export const measure = z.object({
  id: z.number().int(),
  benchmarkId: z.number().int(),
  campaignId: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string(),
  dimensionKey: z.string(),
  dimensionNameZh: z.string(),
  dimensionNameEn: z.string(),
  content: z.string(),
  ownerMemberId: z.number().int(),
  ownerName: z.string(),
  dueOn: isoDate,
  status: z.enum(['open', 'closed']),
  overdue: z.boolean(),
  evidence: z.object({
    /** `deleted`: the activity was removed since (its title and date are then empty). */
    activity: z.object({ id: z.number().int(), title: z.string(), heldOn: z.string(), deleted: z.boolean() }).nullable(),
    attachments: z.array(attachment),
  }),
  closingNote: z.string().nullable(),
  closedAt: timestamp.nullable(),
  createdAt: timestamp,
  comments: z.array(z.object({ id: z.number().int(), authorName: z.string(), orgName: z.string(), body: z.string(), createdAt: timestamp })),
  canEdit: z.boolean(),
  canClose: z.boolean(),
  canComment: z.boolean(),
  canReopen: z.boolean(),
});

export const measureList = z.object({ items: z.array(measure), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

/** One dimension of the standard: the unit's verified score against its exemplars' and full marks. */
export const gapRow = z.object({
  key: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  max: z.number(),
  own: z.number().nullable(),
  exemplars: z.array(z.number().nullable()),
  benchmark: z.number().nullable(),
  gapToExemplar: z.number().nullable(),
  gapToFull: z.number().nullable(),
});

/** The unit's exercise in a campaign (id and step null before it starts). */
export const benchmark = z.object({
  campaign: z.object({ id: z.number().int(), name: z.string() }),
  org: z.object({ id: z.number().int(), name: z.string() }),
  id: z.number().int().nullable(),
  step: benchmarkStep.nullable(),
  steps: z.array(z.object({ key: benchmarkStep, nameZh: z.string(), nameEn: z.string() })),
  reflection: z.string().nullable(),
  /** The campaign's rubric: the standard the unit measures itself against. */
  standardName: z.object({ zh: z.string(), en: z.string() }),
  standard: z.array(z.object({ key: z.string(), nameZh: z.string(), nameEn: z.string(), max: z.number() })),
  own: z.object({ total: z.number(), max: z.number(), tier: tier.nullable(), verifiedAt: timestamp }).nullable(),
  exemplars: z.array(
    z.object({
      id: z.number().int(),
      title: z.string(),
      orgId: z.number().int(),
      orgName: z.string(),
      selectorOrgName: z.string().nullable(),
      levelZh: z.string().nullable(),
      levelEn: z.string().nullable(),
      total: z.number().nullable(),
      tier: tier.nullable(),
    }),
  ),
  gaps: z.object({
    rows: z.array(gapRow),
    totals: z.object({
      max: z.number(),
      own: z.number().nullable(),
      exemplars: z.array(z.number().nullable()),
      benchmark: z.number().nullable(),
      gapToExemplar: z.number().nullable(),
      gapToFull: z.number().nullable(),
    }),
    behind: z.array(z.string()),
  }),
  measures: z.array(measure),
  canWrite: z.boolean(),
  canSupervise: z.boolean(),
});

export type BenchmarkStepCode = z.infer<typeof benchmarkStep>;
export type Measure = z.infer<typeof measure>;
export type MeasureList = z.infer<typeof measureList>;
export type GapRow = z.infer<typeof gapRow>;
export type Benchmark = z.infer<typeof benchmark>;

import { z } from 'zod';
import { ACTIVITY_TYPES, type ActivityTypeCode } from '@zx/domain/campaign/activity-types';
import { TIER_CODES, TITLE_CODES, type tierChange } from '@zx/domain/assessment/rubric';
import { attachment } from './attachments.ts';
import { isoDate, timestamp } from './common.ts';

/** 达标争先: rubrics, a unit's self-assessment and its verification, tiers by year and titles. */

export const tierCode = z.enum(TIER_CODES);
export const titleCode = z.enum(TITLE_CODES);
export const assessmentStatus = z.enum(['missing', 'draft', 'submitted', 'returned', 'verified']);
export const tierChangeCode = z.enum(['up', 'down', 'same', 'new', 'none'] satisfies ReturnType<typeof tierChange>[]);

/** Why a rule moved a tier away from the score's (or why a title may not be given). */
export const tierReason = z.object({ code: z.string(), zh: z.string(), en: z.string() });

export const rubricItem = z.object({
  key: z.string(),
  textZh: z.string(),
  textEn: z.string(),
  points: z.number(),
  evidenceHintZh: z.string(),
  evidenceHintEn: z.string(),
});

export const rubricSettings = z.object({
  totalPoints: z.number(),
  bands: z.object({ star5: z.number(), star4: z.number(), star3: z.number(), lagging: z.number() }),
  minAgeMonths: z.number(),
  topTierMinAgeMonths: z.number(),
  unknownFoundedOn: z.enum(['eligible', 'ineligible']),
  caps: z.array(z.object({ tier: z.enum(['star5', 'star4']), maxPercent: z.number() })),
  generalBranchTypes: z.array(z.string()),
  ladder: z.object({
    requirePrevious: z.boolean(),
    minTier: z.object({ standard: tierCode, four_good: tierCode, distinctive: tierCode, red_flag: tierCode }),
  }),
});

export const rubricDefinition = z.object({
  key: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  dimensions: z.array(z.object({ key: z.string(), nameZh: z.string(), nameEn: z.string(), items: z.array(rubricItem) })),
  vetoes: z.array(z.object({ key: z.string(), textZh: z.string(), textEn: z.string() })),
  settings: rubricSettings,
});

/** A stored rubric (考评标准) with its full marks. */
export const rubricRecord = z.object({
  id: z.number().int(),
  key: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  builtin: z.boolean(),
  updatedAt: timestamp,
  maxPoints: z.number(),
  definition: rubricDefinition,
});

/** What the rules give a total: the tier (null = not rated), the score's own tier, and the rules applied. */
export const tierOutcome = z.object({ total: z.number(), tier: tierCode.nullable(), tierByScore: tierCode, reasons: z.array(tierReason) });

export const assessmentDimensionScore = z.object({ key: z.string(), nameZh: z.string(), nameEn: z.string(), score: z.number(), max: z.number() });

export const assessmentEvidenceActivity = z.object({
  id: z.number().int(),
  title: z.string(),
  heldOn: isoDate,
  type: z.enum(ACTIVITY_TYPES.map((t) => t.code) as [ActivityTypeCode, ...ActivityTypeCode[]]),
});

export const sheetItem = rubricItem.extend({
  selfScore: z.number().nullable(),
  verifiedScore: z.number().nullable(),
  reason: z.string().nullable(),
  note: z.string().nullable(),
  activities: z.array(assessmentEvidenceActivity),
  attachments: z.array(attachment),
});

export const sheetVeto = z.object({
  key: z.string(),
  textZh: z.string(),
  textEn: z.string(),
  selfFailed: z.boolean().nullable(),
  verifiedFailed: z.boolean().nullable(),
  reason: z.string().nullable(),
  note: z.string().nullable(),
});

const signature = z.object({ name: z.string().nullable(), signedAt: timestamp }).nullable();
const assessmentCampaign = z.object({ id: z.number().int(), name: z.string(), year: z.number().int() });

/** One unit's self-assessment sheet (a blank one on the current rubric before it starts). */
export const assessmentSheet = z.object({
  campaign: assessmentCampaign,
  org: z.object({
    id: z.number().int(),
    name: z.string(),
    typeCode: z.string(),
    foundedOn: isoDate.nullable(),
    parentId: z.number().int().nullable(),
    parentName: z.string().nullable(),
    responsiblePerson: z.string().nullable(),
  }),
  required: z.boolean(),
  status: assessmentStatus,
  rubric: z.object({ key: z.string(), nameZh: z.string(), nameEn: z.string(), maxPoints: z.number(), settings: rubricSettings }),
  dimensions: z.array(z.object({ key: z.string(), nameZh: z.string(), nameEn: z.string(), max: z.number(), items: z.array(sheetItem) })),
  vetoes: z.array(sheetVeto),
  summary: z.string(),
  selfTotal: z.number(),
  secretary: signature,
  representative: signature,
  submittedAt: timestamp.nullable(),
  verification: z
    .object({
      total: z.number(),
      tier: tierCode.nullable(),
      tierByScore: tierCode,
      reasons: z.array(tierReason),
      dimensions: z.array(assessmentDimensionScore),
      verifiedBy: z.string().nullable(),
      verifiedAt: timestamp.nullable(),
    })
    .nullable(),
  returned: z.object({ comment: z.string(), at: timestamp.nullable() }).nullable(),
  preview: tierOutcome.nullable(),
  updatedAt: timestamp.nullable(),
  canEdit: z.boolean(),
  canSign: z.boolean(),
  canConfirm: z.boolean(),
  canVerify: z.boolean(),
});

/** A verification with `dryRun` answers only the outcome the rules would give. */
export const verifyPreview = z.object({ preview: tierOutcome });

export const assessmentQueueRow = z.object({
  orgId: z.number().int(),
  name: z.string(),
  typeCode: z.string(),
  parentName: z.string().nullable(),
  responsiblePerson: z.string().nullable(),
  foundedOn: isoDate.nullable(),
  status: assessmentStatus,
  selfTotal: z.number().nullable(),
  verifiedTotal: z.number().nullable(),
  tier: tierCode.nullable(),
  secretarySigned: z.boolean(),
  representativeSigned: z.boolean(),
  submittedAt: timestamp.nullable(),
  verifiedAt: timestamp.nullable(),
  updatedAt: timestamp.nullable(),
  canVerify: z.boolean(),
});

/** The units that self-assess in a campaign with their status: the verification queue. */
export const assessmentQueue = z.object({
  campaign: assessmentCampaign,
  items: z.array(assessmentQueueRow),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  counts: z.record(z.enum([...assessmentStatus.options, 'all']), z.number().int()),
});

export const toConfirm = z.object({
  items: z.array(
    z.object({
      campaignId: z.number().int(),
      campaignName: z.string(),
      orgId: z.number().int(),
      orgName: z.string(),
      selfTotal: z.number(),
      secretaryName: z.string().nullable(),
      signedAt: timestamp.nullable(),
    }),
  ),
});

export const titleOption = z.object({
  title: titleCode,
  nameZh: z.string(),
  nameEn: z.string(),
  held: z.boolean(),
  problems: z.array(tierReason),
  canAward: z.boolean(),
});

export const titleRow = z.object({
  id: z.number().int(),
  year: z.number().int(),
  title: titleCode,
  nameZh: z.string(),
  nameEn: z.string(),
  note: z.string().nullable(),
  awardedBy: z.string().nullable(),
  awarderOrgName: z.string(),
  awardedAt: timestamp,
  canRevoke: z.boolean(),
});

/** A title in a subtree's list names its unit. */
export const titleListRow = titleRow.extend({ orgId: z.number().int(), orgName: z.string() });
export const titleList = z.object({ items: z.array(titleListRow), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const tierHistory = z.object({
  org: z.object({ id: z.number().int(), name: z.string(), typeCode: z.string(), foundedOn: isoDate.nullable() }),
  tiers: z.array(
    z.object({
      year: z.number().int(),
      tier: tierCode.nullable(),
      score: z.number().nullable(),
      campaignId: z.number().int().nullable(),
      campaignName: z.string().nullable(),
      decidedAt: timestamp,
      change: tierChangeCode,
    }),
  ),
  titles: z.array(titleRow),
  year: z.number().int(),
  titleOptions: z.array(titleOption),
});

export const upgradeRow = z.object({
  orgId: z.number().int(),
  name: z.string(),
  typeCode: z.string(),
  parentName: z.string().nullable(),
  last: tierCode.nullable(),
  now: tierCode.nullable(),
  lastScore: z.number().nullable(),
  nowScore: z.number().nullable(),
  change: tierChangeCode,
});

/** 晋档升级: tiers this year against last year in a subtree. */
export const upgradeReport = z.object({
  org: z.object({ id: z.number().int(), name: z.string() }),
  year: z.number().int(),
  counts: z.record(tierChangeCode, z.number().int()),
  byTier: z.partialRecord(tierCode, z.object({ last: z.number().int(), now: z.number().int() })),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  items: z.array(upgradeRow),
});

export const titleAwarded = z.object({ id: z.number().int() });

export type AssessmentStatusCode = z.infer<typeof assessmentStatus>;
export type TierChangeCode = z.infer<typeof tierChangeCode>;
export type TierReason = z.infer<typeof tierReason>;
export type RubricRecord = z.infer<typeof rubricRecord>;
export type TierOutcome = z.infer<typeof tierOutcome>;
export type AssessmentEvidenceActivity = z.infer<typeof assessmentEvidenceActivity>;
export type SheetItem = z.infer<typeof sheetItem>;
export type SheetVeto = z.infer<typeof sheetVeto>;
export type AssessmentSheet = z.infer<typeof assessmentSheet>;
export type VerifyPreview = z.infer<typeof verifyPreview>;
export type AssessmentQueueRow = z.infer<typeof assessmentQueueRow>;
export type AssessmentQueue = z.infer<typeof assessmentQueue>;
export type ToConfirm = z.infer<typeof toConfirm>;
export type TitleOption = z.infer<typeof titleOption>;
export type TitleRow = z.infer<typeof titleRow>;
export type TitleListRow = z.infer<typeof titleListRow>;
export type TitleList = z.infer<typeof titleList>;
export type TierHistory = z.infer<typeof tierHistory>;
export type UpgradeRow = z.infer<typeof upgradeRow>;
export type UpgradeReport = z.infer<typeof upgradeReport>;

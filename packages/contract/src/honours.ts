import { z } from 'zod';
import { HONOUR_KINDS, HONOUR_RULES } from '@zx/domain/assessment/honour';
import { TIER_CODES } from '@zx/domain/assessment/rubric';
import { isoDate, timestamp } from './common.ts';

/** 两红两优: honour rounds (quotas, candidates, the public notice, objections, awards) and the data their rules read. */

export const honourKind = z.enum(HONOUR_KINDS);
export const honourRoundStatus = z.enum(['draft', 'recommending', 'notice', 'final']);
export const honourCandidateStatus = z.enum(['recommended', 'candidate', 'rejected', 'withdrawn', 'awarded']);
export const honourObjectionStatus = z.enum(['pending', 'upheld', 'dismissed']);

/** The deployment's honour rules (a round freezes a copy when it is created). */
export const honourSettings = z.object({
  maxAge: z.number().int(),
  minMembershipYears: z.number().int(),
  excellentWindow: z.number().int(),
  minExcellent: z.number().int(),
  minVolunteerHours: z.number(),
  minTier: z.enum(TIER_CODES),
  minTaskCompletionPercent: z.number(),
  maxArrearsPercent: z.number(),
  minUnitAgeMonths: z.number().int(),
  quotaPercent: z.object(Object.fromEntries(HONOUR_KINDS.map((k) => [k, z.number()])) as Record<(typeof HONOUR_KINDS)[number], z.ZodNumber>),
  noticeDays: z.number().int(),
  objectionMinChars: z.number().int(),
  committeeTypes: z.array(z.string()),
  branchTypes: z.array(z.string()),
});

export const honourSettingsPage = z.object({ settings: honourSettings, defaults: honourSettings, canEdit: z.boolean() });

/** One rule's outcome for one subject: the value seen (null = no data) and what the rule needs. */
export const ruleCheck = z.object({
  rule: z.enum(HONOUR_RULES),
  passed: z.boolean(),
  value: z.union([z.number(), z.string(), z.boolean()]).nullable(),
  required: z.union([z.number(), z.string(), z.boolean()]),
});

export const roundSummary = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string(),
  name: z.string(),
  year: z.number().int(),
  status: honourRoundStatus,
  kinds: z.array(honourKind),
  noticeStartsOn: isoDate.nullable(),
  noticeEndsOn: isoDate.nullable(),
  finalizedAt: timestamp.nullable(),
  canManage: z.boolean(),
});

export const roundList = z.object({ items: z.array(roundSummary), canCreate: z.boolean() });

/** A name on the list; rule values and the note are empty for the public (the notice). */
export const honourCandidate = z.object({
  id: z.number().int(),
  kind: honourKind,
  subjectKey: z.string(),
  subject: z.enum(['unit', 'person']),
  name: z.string(),
  orgId: z.number().int(),
  orgName: z.string(),
  memberId: z.number().int().nullable(),
  status: honourCandidateStatus,
  recommenderOrgId: z.number().int(),
  recommenderOrgName: z.string(),
  note: z.string().nullable(),
  checks: z.array(ruleCheck),
  objectionCount: z.number().int().nullable(),
  updatedAt: timestamp,
});

/** An objection as the objector sees their own. */
export const myHonourObjection = z.object({
  id: z.number().int(),
  candidateId: z.number().int(),
  candidateName: z.string(),
  kind: honourKind,
  reason: z.string(),
  status: honourObjectionStatus,
  reply: z.string().nullable(),
  handledAt: timestamp.nullable(),
  createdAt: timestamp,
});

/** An objection as the round's managers see it: with who raised it (real-name) and how to reach them. */
export const honourObjection = myHonourObjection.extend({
  contact: z.string().nullable(),
  objectorName: z.string(),
  objectorOrgName: z.string(),
});

export const honourQuotaRow = z.object({
  kind: honourKind,
  nameZh: z.string(),
  nameEn: z.string(),
  percent: z.number(),
  base: z.number().int(),
  quota: z.number().int(),
  used: z.number().int(),
});

export const roundAward = z.object({
  id: z.number().int(),
  candidateId: z.number().int(),
  kind: honourKind,
  name: z.string(),
  certificateNo: z.string(),
  awardedOn: isoDate,
  certificateUrl: z.string().nullable(),
});

/** The round page: quotas, the candidate list, objections, the final list, and what the actor may do. */
export const honourRound = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string(),
  name: z.string(),
  year: z.number().int(),
  referenceDate: isoDate,
  kinds: z.array(honourKind),
  settings: honourSettings,
  requireLowerTitle: z.boolean(),
  campaignId: z.number().int().nullable(),
  campaignName: z.string().nullable(),
  status: honourRoundStatus,
  noticeStartsOn: isoDate.nullable(),
  noticeEndsOn: isoDate.nullable(),
  noticeOpen: z.boolean(),
  publishedAt: timestamp.nullable(),
  finalizedAt: timestamp.nullable(),
  quotas: z.array(honourQuotaRow),
  candidates: z.array(honourCandidate),
  objections: z.array(honourObjection),
  myObjections: z.array(myHonourObjection),
  awards: z.array(roundAward),
  can: z.object({
    manage: z.boolean(),
    edit: z.boolean(),
    openRecommendations: z.boolean(),
    recommend: z.boolean(),
    publish: z.boolean(),
    object: z.boolean(),
    finalize: z.boolean(),
    certificates: z.boolean(),
  }),
  finalizeBlockers: z.array(z.enum(['notice_open', 'objections_pending'])),
  pendingObjections: z.number().int().nullable(),
});

/** A candidate just added (or recommended) and the round as it now stands. */
export const candidateAdded = z.object({ id: z.number().int(), round: honourRound });
export const objectionRaised = z.object({ id: z.number().int() });

export const eligibleSubject = z.object({
  subjectKey: z.string(),
  kind: honourKind,
  orgId: z.number().int(),
  orgName: z.string(),
  memberId: z.number().int().nullable(),
  name: z.string(),
  position: z.string().nullable(),
  eligible: z.boolean(),
  checks: z.array(ruleCheck),
  candidateStatus: honourCandidateStatus.nullable(),
});

export const eligibleList = z.object({ kind: honourKind, orgId: z.number().int(), truncated: z.boolean(), items: z.array(eligibleSubject) });

/** An honour a member or a unit holds (their history page). */
export const heldHonour = z.object({
  id: z.number().int(),
  roundId: z.number().int(),
  roundName: z.string(),
  kind: honourKind,
  year: z.number().int(),
  name: z.string(),
  issuerOrgName: z.string(),
  certificateNo: z.string(),
  awardedOn: isoDate,
  certificateUrl: z.string(),
});
export const heldHonours = z.array(heldHonour);

const orgRef = z.object({ id: z.number().int(), name: z.string() });

/** 志愿服务时长 of a unit's active members for a year. */
export const volunteerHoursList = z.object({
  org: orgRef,
  year: z.number().int(),
  canEdit: z.boolean(),
  items: z.array(
    z.object({ memberId: z.number().int(), name: z.string(), position: z.string(), hours: z.number().nullable(), updatedAt: timestamp.nullable() }),
  ),
});
export const volunteerHoursSaved = z.object({ changed: z.number().int() });

/** 团费收缴 of a unit and its direct children for a year. */
export const duesList = z.object({
  org: orgRef,
  year: z.number().int(),
  items: z.array(
    z.object({
      orgId: z.number().int(),
      name: z.string(),
      typeCode: z.string(),
      self: z.boolean(),
      activeMembers: z.number().int(),
      membersDue: z.number().int().nullable(),
      membersInArrears: z.number().int().nullable(),
      updatedAt: timestamp.nullable(),
      canEdit: z.boolean(),
    }),
  ),
});

export type HonourKind = z.infer<typeof honourKind>;
export type HonourRoundStatus = z.infer<typeof honourRoundStatus>;
export type HonourCandidateStatus = z.infer<typeof honourCandidateStatus>;
export type HonourSettings = z.infer<typeof honourSettings>;
export type HonourSettingsPage = z.infer<typeof honourSettingsPage>;
export type RuleCheck = z.infer<typeof ruleCheck>;
export type RoundSummary = z.infer<typeof roundSummary>;
export type RoundList = z.infer<typeof roundList>;
export type HonourCandidate = z.infer<typeof honourCandidate>;
export type HonourObjection = z.infer<typeof honourObjection>;
export type MyHonourObjection = z.infer<typeof myHonourObjection>;
export type HonourRound = z.infer<typeof honourRound>;
export type CandidateAdded = z.infer<typeof candidateAdded>;
export type EligibleSubject = z.infer<typeof eligibleSubject>;
export type EligibleList = z.infer<typeof eligibleList>;
export type HeldHonour = z.infer<typeof heldHonour>;
export type VolunteerHoursList = z.infer<typeof volunteerHoursList>;
export type DuesList = z.infer<typeof duesList>;

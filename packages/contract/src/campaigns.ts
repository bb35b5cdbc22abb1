import { z } from 'zod';
import { ACTIVITY_TYPES, PARTY_EDUCATION_FORMS, type ActivityTypeCode, type PartyEducationForm } from '@zx/domain/campaign/activity-types';
import { isoDate, timestamp } from './common.ts';

/** 主题实践活动: templates (phases and tasks) and the campaigns launched from them. */

const activityType = z.enum(ACTIVITY_TYPES.map((t) => t.code) as [ActivityTypeCode, ...ActivityTypeCode[]]);
const partyEducationForm = z.enum(PARTY_EDUCATION_FORMS.map((f) => f.code) as [PartyEducationForm, ...PartyEducationForm[]]);

export const evidenceRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('plan_approved') }),
  z.object({ kind: z.literal('activities'), activityType, min: z.number().int(), form: partyEducationForm.optional() }),
  z.object({ kind: z.literal('report_submitted') }),
  z.object({ kind: z.literal('self_assessment_verified') }),
  z.object({ kind: z.literal('confirmation') }),
]);

export const dueRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('phase_end') }),
  z.object({ kind: z.literal('days_after_start'), days: z.number().int() }),
]);

export const templateTask = z.object({
  key: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  descriptionZh: z.string(),
  orgTypes: z.array(z.string()),
  evidence: evidenceRule,
  due: dueRule,
});

export const templatePhase = z.object({ key: z.string(), nameZh: z.string(), nameEn: z.string(), descriptionZh: z.string(), tasks: z.array(templateTask) });

/** A template's definition (the domain's CampaignTemplate), also the definition a campaign was launched with. */
export const campaignDefinition = z.object({
  key: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  phases: z.array(templatePhase),
  rubricKey: z.string(),
});

export const template = z.object({
  id: z.number().int(),
  key: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  builtin: z.boolean(),
  definition: campaignDefinition,
  updatedAt: timestamp,
});

export const campaignPhase = z.object({
  key: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  descriptionZh: z.string(),
  taskCount: z.number().int(),
  /** Every phase of a campaign is dated (validatePhaseDates). */
  startsOn: isoDate.optional(),
  endsOn: isoDate.optional(),
});

/** A campaign as the actor sees it, with the phase in force today. */
export const campaign = z.object({
  id: z.number().int(),
  name: z.string(),
  slogan: z.string().nullable(),
  orgId: z.number().int(),
  orgName: z.string().nullable(),
  templateId: z.number().int(),
  phases: z.array(campaignPhase),
  currentPhase: z.string().nullable(),
  phaseMode: z.enum(['dates', 'manual']),
  daysLeft: z.number().int().nullable(),
  status: z.enum(['upcoming', 'running', 'finished']),
  clonedFromId: z.number().int().nullable(),
  createdAt: timestamp,
  /** Launched at the actor's organization or below it: the actor may reschedule and clone it. */
  canManage: z.boolean(),
});

export type EvidenceRule = z.infer<typeof evidenceRule>;
export type DueRule = z.infer<typeof dueRule>;
export type CampaignDefinition = z.infer<typeof campaignDefinition>;
export type Template = z.infer<typeof template>;
export type CampaignPhase = z.infer<typeof campaignPhase>;
export type Campaign = z.infer<typeof campaign>;

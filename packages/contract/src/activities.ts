import { z } from 'zod';
import { ACTIVITY_TYPES, PARTY_EDUCATION_FORMS, type ActivityTypeCode, type PartyEducationForm } from '@zx/domain/campaign/activity-types';
import { attachment } from './attachments.ts';
import { isoDate, page, timestamp } from './common.ts';

/** 活动记录: what a unit did (date, place, attendance, photos), linked to its campaign's tasks. */

export const activityType = z.enum(ACTIVITY_TYPES.map((t) => t.code) as [ActivityTypeCode, ...ActivityTypeCode[]]);
export const partyEducationForm = z.enum(PARTY_EDUCATION_FORMS.map((f) => f.code) as [PartyEducationForm, ...PartyEducationForm[]]);

/** One activity as lists show it. */
export const activitySummary = z.object({
  id: z.number().int(),
  campaignId: z.number().int(),
  campaignName: z.string(),
  orgId: z.number().int(),
  orgName: z.string(),
  type: activityType,
  form: partyEducationForm.nullable(),
  title: z.string(),
  heldOn: isoDate,
  place: z.string(),
  attendeeCount: z.number().int(),
  notable: z.boolean(),
  photoCount: z.number().int(),
  coverThumbUrl: z.string().nullable(),
  createdAt: timestamp,
});

export const activityList = page(activitySummary);

export const activityAttendee = z.object({
  id: z.number().int(),
  name: z.string(),
  orgId: z.number().int(),
  orgName: z.string(),
  active: z.boolean(),
  /** 'hand': picked by the secretary; 'qr': checked in by scanning the activity's QR code. */
  source: z.enum(['hand', 'qr']),
  checkedInAt: timestamp.nullable(),
});

/** An activity with its text, attendees, photos and the tasks it counts for. */
export const activity = activitySummary.extend({
  summary: z.string(),
  minutes: z.string().nullable(),
  updatedAt: timestamp,
  campaign: z.object({ id: z.number().int(), name: z.string() }),
  tasks: z.array(z.object({ key: z.string(), nameZh: z.string(), nameEn: z.string(), phaseKey: z.string().nullable() })),
  photoIds: z.array(z.number().int()),
  photos: z.array(attachment),
  attendees: z.array(activityAttendee),
  canEdit: z.boolean(),
  canMarkNotable: z.boolean(),
  /** 示范点参观: the demonstration site visited. */
  demoSite: z.object({ id: z.number().int(), title: z.string(), orgName: z.string() }).nullable(),
});

export const activityCalendarEntry = z.object({
  id: z.number().int(),
  title: z.string(),
  type: activityType,
  form: partyEducationForm.nullable(),
  heldOn: isoDate,
  orgName: z.string(),
  notable: z.boolean(),
});

export const activityCalendar = z.array(activityCalendarEntry);

export type ActivitySummary = z.infer<typeof activitySummary>;
export type ActivityList = z.infer<typeof activityList>;
export type ActivityAttendee = z.infer<typeof activityAttendee>;
export type Activity = z.infer<typeof activity>;
export type ActivityCalendarEntry = z.infer<typeof activityCalendarEntry>;

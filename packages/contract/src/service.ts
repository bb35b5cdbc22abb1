import { z } from 'zod';
import { attachment } from './attachments.ts';
import { isoDate, page, timestamp } from './common.ts';

/** Issue 13's QR check-in (签到) and 为青年服务 volunteer service. */

/** The secretary's check-in screen: state, the current token and who checked in. */
export const checkinState = z.object({
  activityId: z.number().int(),
  title: z.string(),
  heldOn: isoDate,
  orgName: z.string(),
  open: z.boolean(),
  openedAt: timestamp.nullable(),
  closedAt: timestamp.nullable(),
  marginHours: z.number().int(),
  window: z.object({ from: timestamp, to: timestamp }),
  inWindow: z.boolean(),
  /** The web path the QR code encodes (`/checkin/<id>?t=<token>`), while check-in is open and in its window. */
  path: z.string().nullable(),
  /** When the token in `path` stops being the current one (the screen fetches a new one then). */
  rotatesAt: timestamp.nullable(),
  slotSeconds: z.number().int(),
  checkedIn: z.number().int(),
  attendeeCount: z.number().int(),
  recent: z.array(z.object({ memberId: z.number().int(), name: z.string(), orgName: z.string(), checkedInAt: timestamp })),
});

/** What a member's scan landing page shows before and after checking in. */
export const checkinInfo = z.object({
  activityId: z.number().int(),
  title: z.string(),
  heldOn: isoDate,
  orgName: z.string(),
  open: z.boolean(),
  checkedIn: z.boolean(),
  checkedInAt: timestamp.nullable(),
});

export const checkinResult = z.object({
  activityId: z.number().int(),
  title: z.string(),
  /** True when this member was already on the attendance (by an earlier scan or picked by hand). */
  alreadyCheckedIn: z.boolean(),
  source: z.enum(['hand', 'qr']),
  checkedInAt: timestamp.nullable(),
});

export const volunteerEntryStatus = z.enum(['pending', 'verified', 'rejected']);

export const volunteerEntry = z.object({
  id: z.number().int(),
  memberId: z.number().int(),
  memberName: z.string(),
  orgId: z.number().int(),
  orgName: z.string(),
  servedOn: isoDate,
  year: z.number().int(),
  hours: z.number(),
  description: z.string(),
  photo: attachment.nullable(),
  activity: z.object({ id: z.number().int(), title: z.string() }).nullable(),
  status: volunteerEntryStatus,
  reason: z.string().nullable(),
  source: z.enum(['member', 'secretary', 'entered']),
  createdAt: timestamp,
  updatedAt: timestamp,
  reviewedAt: timestamp.nullable(),
  canEdit: z.boolean(),
  canReview: z.boolean(),
});

export const myVolunteerEntries = z.object({
  year: z.number().int(),
  verifiedHours: z.number(),
  pendingHours: z.number(),
  items: z.array(volunteerEntry),
});

export const volunteerEntryList = page(volunteerEntry);

export type CheckinState = z.infer<typeof checkinState>;
export type CheckinInfo = z.infer<typeof checkinInfo>;
export type VolunteerEntry = z.infer<typeof volunteerEntry>;

import { z } from 'zod';
import { id, isoDate, timestamp } from './common.ts';

/**
 * 首页 as a to-do list (docs/home.md). `kind` is a plain string: a capability adds a kind of
 * to-do without a contract change (the web app has a label and icon per kind and a fallback).
 */
export const todoItem = z.object({
  kind: z.string(),
  /** Stable per item (the same thing to do keeps its key between visits). */
  key: z.string(),
  titleZh: z.string(),
  titleEn: z.string(),
  detailZh: z.string().optional(),
  detailEn: z.string().optional(),
  /** The deadline (an ISO date or timestamp), or null when the item has none. */
  dueAt: z.string().nullable(),
  /** Where the web app does it. */
  link: z.string(),
  campaignId: id.optional(),
});
export type TodoItem = z.infer<typeof todoItem>;

export const homeCampaign = z.object({
  id,
  name: z.string(),
  slogan: z.string().nullable(),
  orgName: z.string(),
  phaseKey: z.string().nullable(),
  phaseNameZh: z.string().nullable(),
  phaseNameEn: z.string().nullable(),
  daysLeft: z.number().int().nullable(),
});

/** A member's own record in figures (the full record: GET /me/record). */
export const recordSummary = z.object({
  activities: z.number().int(),
  latestGrade: z.object({ year: z.number().int(), grade: z.string() }).nullable(),
  honours: z.number().int(),
  /** Hours in the honours register this year; null until volunteer service is wired (docs/home.md). */
  volunteerHours: z.number().nullable(),
});

export const home = z.object({
  campaigns: z.array(homeCampaign),
  todos: z.array(todoItem),
  /** Every to-do found, of which `todos` shows the first (at most 50). */
  total: z.number().int(),
  record: recordSummary.nullable(),
});
export type Home = z.infer<typeof home>;

/** 我的记录: what a member did and received. */
export const myRecord = z.object({
  memberId: id,
  name: z.string(),
  orgName: z.string(),
  activities: z.array(z.object({ id, title: z.string(), heldOn: isoDate, type: z.string(), orgName: z.string(), campaignId: id, campaignName: z.string() })),
  activityCount: z.number().int(),
  evaluations: z.array(z.object({ year: z.number().int(), grade: z.string(), orgName: z.string() })),
  honours: z.array(z.object({ kind: z.string(), year: z.number().int(), awardedOn: isoDate, issuerOrgName: z.string(), certificateNo: z.string() })),
  /**
   * Volunteer hours by year. Today read from the honours register (hours entered by the branch);
   * the verified service log replaces the source when it lands: `source` says which.
   */
  volunteer: z
    .object({
      source: z.enum(['honours_register', 'verified_service']),
      years: z.array(z.object({ year: z.number().int(), hours: z.number() })),
      total: z.number(),
    })
    .nullable(),
  generatedAt: timestamp,
});
export type MyRecord = z.infer<typeof myRecord>;

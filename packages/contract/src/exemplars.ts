import { z } from 'zod';
import { EXEMPLAR_KINDS, type ExemplarKind } from '@zx/domain/assessment/exemplar';
import { attachment } from './attachments.ts';
import { isoDate, localizedText, page, timestamp } from './common.ts';

/** 先进典型: units and people nominated, selected by the level above, and demonstration sites (示范点). */

export const exemplarKind = z.enum(EXEMPLAR_KINDS.map((k) => k.code) as [ExemplarKind, ...ExemplarKind[]]);
export const exemplarStatus = z.enum(['nominated', 'selected', 'not_selected', 'withdrawn']);
export const exemplarDecisionMethod = z.enum(['committee', 'vote']);

/** One exemplar or nomination as lists show it. */
export const exemplarSummary = z.object({
  id: z.number().int(),
  campaignId: z.number().int().nullable(),
  kind: exemplarKind,
  status: exemplarStatus,
  title: z.string(),
  nomineeOrgId: z.number().int(),
  nomineeOrgName: z.string(),
  nomineeOrgType: z.string(),
  nomineeMemberId: z.number().int().nullable(),
  nomineeMemberName: z.string().nullable(),
  nomineeName: z.string(),
  nominatorOrgId: z.number().int(),
  nominatorOrgName: z.string(),
  nominatedOn: isoDate,
  selectorOrgId: z.number().int().nullable(),
  selectorOrgName: z.string().nullable(),
  level: z.object({ typeCode: z.string(), nameZh: z.string(), nameEn: z.string() }).nullable(),
  decisionMethod: exemplarDecisionMethod.nullable(),
  decidedOn: isoDate.nullable(),
  demoSite: z.boolean(),
  demoSiteSince: isoDate.nullable(),
  photoCount: z.number().int(),
  coverUrl: z.string().nullable(),
  visitCount: z.number().int(),
  updatedAt: timestamp,
});

export const exemplarList = page(exemplarSummary);

/** The representative vote held on a nomination (ballot engine): its progress and, once closed, the tally or why it is withheld. */
export const exemplarVote = z.object({
  id: z.number().int(),
  status: z.enum(['draft', 'open', 'closed', 'cancelled']),
  closesAt: timestamp.nullable(),
  openedAt: timestamp.nullable(),
  closedAt: timestamp.nullable(),
  rollSize: z.number().int(),
  votedCount: z.number().int(),
  result: z
    .object({
      ballots: z.number().int(),
      turnout: z.number(),
      quorumMet: z.boolean(),
      withheld: z.object({ code: z.enum(['QUORUM_NOT_MET', 'TOO_FEW_VOTERS']), message: localizedText }).nullable(),
      counts: z.record(z.string(), z.number().int()),
      approveRate: z.number().nullable(),
    })
    .nullable(),
});

export const exemplarDetail = exemplarSummary.extend({
  materials: z.string(),
  decisionNote: z.string().nullable(),
  campaignName: z.string().nullable(),
  photos: z.array(attachment),
  /** 示范点参观 activities linked to the site. */
  visits: z.array(
    z.object({ id: z.number().int(), title: z.string(), heldOn: isoDate, orgName: z.string(), attendeeCount: z.number().int(), canOpen: z.boolean() }),
  ),
  vote: exemplarVote.nullable(),
  canStartVote: z.boolean(),
  canCloseVote: z.boolean(),
  canDecide: z.boolean(),
  canWithdraw: z.boolean(),
  canManageSite: z.boolean(),
});

export type ExemplarStatus = z.infer<typeof exemplarStatus>;
export type ExemplarDecisionMethod = z.infer<typeof exemplarDecisionMethod>;
export type ExemplarSummary = z.infer<typeof exemplarSummary>;
export type ExemplarList = z.infer<typeof exemplarList>;
export type ExemplarVote = z.infer<typeof exemplarVote>;
export type ExemplarDetail = z.infer<typeof exemplarDetail>;

import { z } from 'zod';
import { isoDate, page, timestamp } from './common.ts';

/** 团员: the roster, one member's record and transfers, and a member's own record (我的). */

export const gender = z.enum(['male', 'female']);

export const member = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string(),
  name: z.string(),
  gender,
  /** Only for accounts that may reveal the ID number (member.reveal); others see the age. */
  birthDate: isoDate.nullable(),
  age: z.number().int(),
  idCardMasked: z.string(),
  phoneMasked: z.string().nullable(),
  joinedOn: isoDate.nullable(),
  position: z.string(),
  positionSince: isoDate.nullable(),
  status: z.string(),
  note: z.string().nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const memberTransfer = z.object({
  id: z.number().int(),
  fromOrgId: z.number().int(),
  fromOrgName: z.string(),
  toOrgId: z.number().int(),
  toOrgName: z.string(),
  reason: z.string(),
  transferredAt: timestamp,
  actorName: z.string().nullable(),
});

export const memberDetail = member.extend({
  abilities: z.object({ edit: z.boolean(), reveal: z.boolean() }),
  transfers: z.array(memberTransfer),
});

export const memberPage = page(member);

export type Gender = z.infer<typeof gender>;
export type Member = z.infer<typeof member>;
export type MemberTransfer = z.infer<typeof memberTransfer>;
export type MemberDetail = z.infer<typeof memberDetail>;
export type MemberPage = z.infer<typeof memberPage>;

import { z } from 'zod';
import { id, timestamp } from './common.ts';

/** 亮明身份·岗位承诺 (docs/pledges.md): what the pledge operations answer. */

export const pledge = z.object({ post: z.string(), pledge: z.string(), updatedAt: timestamp });
export type Pledge = z.infer<typeof pledge>;

/** A campaign covering the member's organization, and their pledge in it. */
export const myPledge = z.object({
  campaignId: id,
  campaignName: z.string(),
  running: z.boolean(),
  pledge: pledge.nullable(),
});
export const myPledges = z.array(myPledge);
export type MyPledge = z.infer<typeof myPledge>;

/** The pledges of a branch's members (names and what they pledged: public within the branch). */
export const branchPledges = z.object({
  campaignId: id,
  orgId: id,
  orgName: z.string(),
  members: z.number().int(),
  items: z.array(z.object({ memberId: id, name: z.string(), post: z.string(), pledge: z.string(), updatedAt: timestamp })),
});
export type BranchPledges = z.infer<typeof branchPledges>;

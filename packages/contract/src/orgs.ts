import { z } from 'zod';
import { isoDate, page, timestamp } from './common.ts';

/** 组织: the organization tree, its types, and one organization's detail. */

export const orgStatus = z.enum(['active', 'inactive', 'merged']);

export const orgType = z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string(), rank: z.number().int(), holdsMembers: z.boolean() });

export const orgNode = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  name: z.string(),
  code: z.string(),
  typeCode: z.string(),
  depth: z.number().int(),
  path: z.string(),
  status: orgStatus,
  hasChildren: z.boolean(),
  directMemberCount: z.number().int(),
  subtreeMemberCount: z.number().int(),
  foundedOn: isoDate.nullable(),
  responsiblePerson: z.string().nullable(),
  contactPhoneMasked: z.string().nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

/** A search hit, with the names of its ancestors below the actor's scope ('临江区团委 / 城关街道团工委'). */
export const orgSearchHit = orgNode.extend({ ancestry: z.string() });

export const orgDetail = orgNode.extend({
  ancestors: z.array(z.object({ id: z.number().int(), name: z.string() })),
  childCount: z.number().int(),
  /** What this account may do to this organization (the server's orgs/policy.ts). */
  abilities: z.object({ edit: z.boolean(), restructure: z.boolean(), addChild: z.boolean(), revealContact: z.boolean() }),
});

export const orgPage = page(orgNode);

/** A revealed value (audited): the full contact number, or null when none is stored. */
export const revealed = z.object({ value: z.string().nullable() });

export type OrgStatus = z.infer<typeof orgStatus>;
export type OrgType = z.infer<typeof orgType>;
export type OrgNode = z.infer<typeof orgNode>;
export type OrgSearchHit = z.infer<typeof orgSearchHit>;
export type OrgDetail = z.infer<typeof orgDetail>;
export type OrgPage = z.infer<typeof orgPage>;
export type Revealed = z.infer<typeof revealed>;

import { z } from 'zod';
import { MEDIA_KIND_CODES, MEDIA_LEVEL_CODES, POST_STATUSES } from '@zx/domain';
import { attachment } from './attachments.ts';
import { id, isoDate, page, timestamp } from './common.ts';

/** A unit's post as its unit and the levels above read it (signed in). */
export const postItem = z.object({
  id,
  campaignId: id,
  campaignName: z.string(),
  orgId: id,
  orgName: z.string(),
  title: z.string(),
  status: z.enum(POST_STATUSES),
  photoCount: z.number().int(),
  coverThumbUrl: z.string().nullable(),
  views: z.number().int(),
  submittedAt: timestamp.nullable(),
  publishedAt: timestamp.nullable(),
  updatedAt: timestamp,
});
export type PostItem = z.infer<typeof postItem>;
export const postList = page(postItem);

export const post = postItem.extend({
  body: z.string(),
  videoUrl: z.string().nullable(),
  photos: z.array(attachment),
  activities: z.array(z.object({ id, title: z.string(), heldOn: isoDate })),
  reviewComment: z.string().nullable(),
  reviewedAt: timestamp.nullable(),
  canEdit: z.boolean(),
  canReview: z.boolean(),
  canWithdraw: z.boolean(),
});
export type Post = z.infer<typeof post>;

export const mediaCoverage = z.object({
  id,
  campaignId: id,
  orgId: id,
  orgName: z.string(),
  kind: z.enum(MEDIA_KIND_CODES),
  level: z.enum(MEDIA_LEVEL_CODES),
  outlet: z.string(),
  publishedOn: isoDate,
  title: z.string(),
  url: z.string().nullable(),
  clipping: attachment.nullable(),
  postId: id.nullable(),
  activityId: id.nullable(),
  canEdit: z.boolean(),
  createdAt: timestamp,
});
export type MediaCoverage = z.infer<typeof mediaCoverage>;
export const mediaCoverageList = page(mediaCoverage);

/** A photo as the public portal serves it: no file name, no uploader. */
export const publicPhoto = z.object({ url: z.string(), thumbUrl: z.string(), width: z.number().int().nullable(), height: z.number().int().nullable() });

/** An approved post on the public portal: only what the post itself says, and its unit's name. */
export const publicPostItem = z.object({
  id,
  title: z.string(),
  excerpt: z.string(),
  orgName: z.string(),
  publishedAt: timestamp,
  cover: publicPhoto.nullable(),
  views: z.number().int(),
});
export type PublicPostItem = z.infer<typeof publicPostItem>;
export const publicPostList = page(publicPostItem);

export const publicPost = publicPostItem.omit({ excerpt: true, cover: true }).extend({
  campaignId: id,
  body: z.string(),
  videoUrl: z.string().nullable(),
  photos: z.array(publicPhoto),
});
export type PublicPost = z.infer<typeof publicPost>;

export const publicCampaign = z.object({
  id,
  name: z.string(),
  slogan: z.string().nullable(),
  orgName: z.string(),
  phases: z.array(z.object({ key: z.string(), nameZh: z.string(), startsOn: isoDate, endsOn: isoDate })),
  currentPhase: z.string().nullable(),
  approvedPosts: z.number().int(),
  exemplars: z.array(z.object({ title: z.string(), name: z.string(), kind: z.enum(['unit', 'person']) })),
  highlights: z.array(publicPhoto.extend({ postId: id })),
  views: z.number().int(),
});
export type PublicCampaign = z.infer<typeof publicCampaign>;

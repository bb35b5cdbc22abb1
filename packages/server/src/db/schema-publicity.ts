import type { Generated } from 'kysely';

/** Table types of publicity: posts, the media coverage register, portal view counters; part of `DB` in schema.ts. */
export interface PublicityTables {
  post: PostTable;
  media_coverage: MediaCoverageTable;
  portal_view: PortalViewTable;
}

export type PostStatus = 'draft' | 'submitted' | 'approved' | 'returned' | 'withdrawn';

export interface PostTable {
  id: Generated<number>;
  campaign_id: number;
  org_id: number;
  org_path: string;
  title: string;
  body: string;
  /** JSON number[] of attachment ids. */
  photo_ids: string;
  /** JSON number[] of activity ids. */
  activity_ids: string;
  video_url: string | null;
  status: PostStatus;
  review_comment: string | null;
  reviewed_at: string | null;
  reviewed_by: number | null;
  submitted_at: string | null;
  published_at: string | null;
  views: Generated<number>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface MediaCoverageTable {
  id: Generated<number>;
  campaign_id: number;
  org_id: number;
  org_path: string;
  kind: string;
  level: string;
  outlet: string;
  published_on: string;
  title: string;
  url: string | null;
  attachment_id: number | null;
  post_id: number | null;
  activity_id: number | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface PortalViewTable {
  campaign_id: number;
  views: Generated<number>;
}

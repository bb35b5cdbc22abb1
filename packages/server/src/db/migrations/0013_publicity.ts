import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { idType, pathType, refType } from './column-types.ts';

/**
 * Publicity (宣传, issue 13): a unit's posts about its work in a campaign, reviewed by the level
 * above before the public portal shows them; the media coverage register (报刊、广播、电视、网络、
 * 新媒体); and view counters that hold numbers only — no IP, cookie or account.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = idType(dialect);
  const ref = refType(dialect);
  const path = pathType(dialect);

  await db.schema
    .createTable('post')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('campaign_id', ref, (c) => c.notNull().references('campaign.id'))
    .addColumn('org_id', ref, (c) => c.notNull().references('organization.id'))
    .addColumn('org_path', path, (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull()) // plain text
    .addColumn('photo_ids', 'text', (c) => c.notNull()) // JSON number[] of attachment ids
    .addColumn('activity_ids', 'text', (c) => c.notNull()) // JSON number[]
    .addColumn('video_url', 'text')
    .addColumn('status', 'text', (c) => c.notNull()) // draft | submitted | approved | returned | withdrawn
    .addColumn('review_comment', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('reviewed_by', ref, (c) => c.references('user_account.id'))
    .addColumn('submitted_at', 'text')
    .addColumn('published_at', 'text')
    .addColumn('views', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', ref, (c) => c.references('user_account.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('post_public_idx').on('post').columns(['campaign_id', 'status', 'published_at']).execute();
  await db.schema.createIndex('post_org_idx').on('post').columns(['org_path', 'campaign_id']).execute();

  await db.schema
    .createTable('media_coverage')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('campaign_id', ref, (c) => c.notNull().references('campaign.id'))
    .addColumn('org_id', ref, (c) => c.notNull().references('organization.id'))
    .addColumn('org_path', path, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // press | radio | tv | online | new_media
    .addColumn('level', 'text', (c) => c.notNull()) // central | province | city | county
    .addColumn('outlet', 'text', (c) => c.notNull())
    .addColumn('published_on', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('attachment_id', ref, (c) => c.references('attachment.id'))
    .addColumn('post_id', ref, (c) => c.references('post.id'))
    .addColumn('activity_id', ref, (c) => c.references('activity.id'))
    .addColumn('created_by', ref, (c) => c.references('user_account.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('media_coverage_unit_idx').on('media_coverage').columns(['campaign_id', 'org_id']).execute();
  await db.schema.createIndex('media_coverage_path_idx').on('media_coverage').columns(['org_path', 'published_on']).execute();

  /** The public portal's own counter, one row per campaign (a post's is post.views). */
  await db.schema
    .createTable('portal_view')
    .addColumn('campaign_id', ref, (c) => c.primaryKey().references('campaign.id'))
    .addColumn('views', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

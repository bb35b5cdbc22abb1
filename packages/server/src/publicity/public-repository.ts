import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import { postRecord } from './repository.ts';

/**
 * The public portal's queries. Every one of them reads approved posts only and selects only
 * columns the portal may show: no author, reviewer, comment or activity — so what is not here
 * cannot leak through a presenter mistake.
 */
export const publicRepository = {
  campaignOrgName: async (ex: Executor, orgId: number) =>
    (await ex.selectFrom('organization').select('name').where('id', '=', orgId).executeTakeFirst())?.name ?? '',

  approvedCount: async (ex: Executor, campaignId: number) =>
    Number(
      (
        await ex
          .selectFrom('post')
          .select(sql<number>`count(*)`.as('n'))
          .where('campaign_id', '=', campaignId)
          .where('status', '=', 'approved')
          .executeTakeFirst()
      )?.n ?? 0,
    ),

  posts: async (ex: Executor, campaignId: number, limit: number, offset: number) => {
    const rows = await ex
      .selectFrom('post as p')
      .innerJoin('organization as o', 'o.id', 'p.org_id')
      .select(['p.id', 'p.title', 'p.body', 'p.photo_ids', 'p.activity_ids', 'p.published_at', 'p.views', 'o.name as org_name'])
      .where('p.campaign_id', '=', campaignId)
      .where('p.status', '=', 'approved')
      .orderBy('p.published_at', 'desc')
      .orderBy('p.id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
    return rows.map(postRecord);
  },

  post: async (ex: Executor, campaignId: number, postId: number) => {
    const row = await ex
      .selectFrom('post as p')
      .innerJoin('organization as o', 'o.id', 'p.org_id')
      .select(['p.id', 'p.campaign_id', 'p.title', 'p.body', 'p.video_url', 'p.photo_ids', 'p.activity_ids', 'p.published_at', 'p.views', 'o.name as org_name'])
      .where('p.id', '=', postId)
      .where('p.campaign_id', '=', campaignId)
      .where('p.status', '=', 'approved')
      .executeTakeFirst();
    return row ? postRecord(row) : undefined;
  },

  /** An approved post's photo ids (any campaign): the public photo route serves only these. */
  approvedPhotoIds: async (ex: Executor, postId: number) => {
    const row = await ex.selectFrom('post').select(['photo_ids', 'activity_ids']).where('id', '=', postId).where('status', '=', 'approved').executeTakeFirst();
    return row ? postRecord(row).photo_ids : null;
  },

  /** Size and content of stored images (never their names or uploaders). */
  images: (ex: Executor, ids: number[]) =>
    ids.length
      ? ex.selectFrom('attachment').select(['id', 'hash', 'thumb_hash', 'mime', 'width', 'height']).where('id', 'in', ids).where('kind', '=', 'photo').execute()
      : Promise.resolve([]),

  /** Exemplars selected in the campaign, as their decision names them: the unit, or the person. */
  selectedExemplars: (ex: Executor, campaignId: number) =>
    ex
      .selectFrom('exemplar as e')
      .innerJoin('organization as o', 'o.id', 'e.nominee_org_id')
      .leftJoin('member as m', 'm.id', 'e.nominee_member_id')
      .select(['e.kind', 'e.title', 'o.name as org_name', 'm.name as member_name'])
      .where('e.campaign_id', '=', campaignId)
      .where('e.status', '=', 'selected')
      .orderBy('e.decided_on', 'desc')
      .orderBy('e.id', 'desc')
      .limit(30)
      .execute(),

  portalViews: async (ex: Executor, campaignId: number) =>
    Number((await ex.selectFrom('portal_view').select('views').where('campaign_id', '=', campaignId).executeTakeFirst())?.views ?? 0),

  /** Adds counted views: one statement per post or portal with views since the last flush. */
  addPostViews: (ex: Executor, postId: number, n: number) =>
    ex
      .updateTable('post')
      .set((eb) => ({ views: eb('views', '+', n) }))
      .where('id', '=', postId)
      .execute(),
  addPortalViews: (ex: Executor, campaignId: number, n: number) =>
    ex
      .insertInto('portal_view')
      .values({ campaign_id: campaignId, views: n })
      .onConflict((oc) => oc.column('campaign_id').doUpdateSet((eb) => ({ views: eb('portal_view.views', '+', n) })))
      .execute(),
};

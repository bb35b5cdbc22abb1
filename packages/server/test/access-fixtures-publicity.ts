import { nowIso } from '../src/db/database.ts';
import type { ResourceKind } from '../src/access/repository/index.ts';
import type { KindFixture } from './access-fixtures-types.ts';

/** Publicity for the access matrix: a draft post and a coverage record of the organization, in the city's campaign. */
export const PUBLICITY_FIXTURES: Partial<Record<ResourceKind, KindFixture>> = {
  post: {
    async make(w, org) {
      const at = nowIso();
      const { id } = await w.t.ctx.db
        .insertInto('post')
        .values({
          campaign_id: await w.cityCampaign(),
          org_id: org.id,
          org_path: org.path,
          title: '宣传稿件',
          body: '正文',
          photo_ids: '[]',
          activity_ids: '[]',
          video_url: null,
          status: 'submitted',
          submitted_at: at,
          created_by: await w.ownerAt(org),
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    },
  },
  mediaCoverage: {
    async make(w, org) {
      const at = nowIso();
      const { id } = await w.t.ctx.db
        .insertInto('media_coverage')
        .values({
          campaign_id: await w.cityCampaign(),
          org_id: org.id,
          org_path: org.path,
          kind: 'press',
          level: 'city',
          outlet: '示范日报',
          published_on: at.slice(0, 10),
          title: '报道',
          url: 'https://news.example.cn/1',
          attachment_id: null,
          post_id: null,
          activity_id: null,
          created_by: await w.ownerAt(org),
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    },
  },
};

import { nowIso } from '../src/db/database.ts';
import type { KindFixture } from './access-fixtures.ts';

/**
 * PROVISIONAL (issue 11, group 1): a fixture for the minimal `exemplar` kind (src/access/kinds/exemplars.ts)
 * that activities' `demoSiteId` names. The exemplars conversion owns the kind and replaces this file.
 * A demonstration site selected by `org` itself: read in the subtree of `org` and — a selector being the
 * reader's organization or one above it — from below too.
 */
export const exemplarFixtures: Record<'exemplar', KindFixture> = {
  exemplar: {
    visibleFromBelow: () => true,
    async make(w, org) {
      const at = nowIso();
      const { id } = await w.t.ctx.db.insertInto('exemplar').values({
        campaign_id: null, kind: 'unit', nominee_org_id: org.id, nominee_org_path: org.path, nominee_member_id: null, title: `${org.name}示范点`, materials: '事迹材料',
        photo_ids: '[]', nominator_org_id: org.id, nominator_org_path: org.path, nominated_by: await w.ownerAt(org), nominated_on: at.slice(0, 10), status: 'selected',
        selector_org_id: org.id, selector_org_path: org.path, level_type_code: null, decision_method: 'committee', decision_note: '评审', decided_on: at.slice(0, 10),
        decided_by: null, decided_at: at, vote_session_id: null, demo_site: 1, demo_site_since: at.slice(0, 10), created_at: at, updated_at: at,
      }).returning('id').executeTakeFirstOrThrow();
      return id;
    },
  },
};

import { nowIso } from '../src/db/database.ts';
import type { KindFixture } from './access-fixtures-types.ts';
import { campaignWorkFixtures } from './access-fixtures-campaigns.ts';
import { createMember } from './factories.ts';

/** Issue 13's service slice: activities one checks in to, volunteer service entries. */
export const serviceFixtures: Record<'checkin_activity' | 'volunteer_entry', KindFixture> = {
  checkin_activity: {
    make: (w, org) => campaignWorkFixtures.activity.make(w, org),
    // A member checks in to (and links service to) activities of their own organization or above.
    visibleFromBelow: (action) => action === 'activity.checkin' || action === 'volunteer.log',
  },
  volunteer_entry: {
    async make(w, org) {
      const m = await createMember(w.t.ctx, org, { name: '志愿者' });
      const at = nowIso();
      const { id } = await w.t.ctx.db
        .insertInto('volunteer_service')
        .values({
          member_id: m.id,
          served_on: at.slice(0, 10),
          year: Number(at.slice(0, 4)),
          hours_tenths: 20,
          description: '社区服务',
          photo_id: null,
          activity_id: null,
          status: 'pending',
          reason: null,
          source: 'member',
          created_at: at,
          created_by: null,
          updated_at: at,
          reviewed_at: null,
          reviewed_by: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    },
  },
};

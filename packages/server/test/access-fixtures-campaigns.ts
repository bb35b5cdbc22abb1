import { nowIso } from '../src/db/database.ts';
import type { KindFixture, MatrixWorld } from './access-fixtures-types.ts';
import type { OrgRef } from './factories.ts';

/**
 * Fixtures of the campaign work (issue 11, group 1): templates, activities, written reports,
 * inspections and rectification items, bulletins. Each row belongs to `org` and is owned by
 * its organization admin (never one of the probing actors).
 */

const inAMonth = () => new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

/** The active organizations directly below `org` (where a request from `org` goes). */
const childrenOf = (w: MatrixWorld, org: OrgRef) =>
  w.t.ctx.db.selectFrom('organization').select(['id', 'path']).where('parent_id', '=', org.id).where('status', '=', 'active').execute();

const parentPathOf = (path: string) => path.slice(0, path.slice(0, -1).lastIndexOf('/') + 1) || path;

/** One visit per organization (the item fixture hangs on it). */
const inspections = new WeakMap<MatrixWorld, Map<number, Promise<number>>>();
function inspectionAt(w: MatrixWorld, org: OrgRef): Promise<number> {
  const cache = inspections.get(w) ?? new Map<number, Promise<number>>();
  inspections.set(w, cache);
  if (!cache.has(org.id)) {
    cache.set(
      org.id,
      (async () => {
        const { id } = await w.t.ctx.db
          .insertInto('inspection')
          .values({
            campaign_id: await w.cityCampaign(),
            org_id: org.id,
            org_path: org.path,
            visited_on: nowIso().slice(0, 10),
            findings: '台账基本齐全',
            score: null,
            inspector_user_id: await w.ownerAt(org),
            inspector_name: '督查员',
            inspector_org_path: parentPathOf(org.path),
            created_at: nowIso(),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        return id;
      })(),
    );
  }
  return cache.get(org.id)!;
}

export const campaignWorkFixtures: Record<'template' | 'activity' | 'reportRequest' | 'inspection' | 'rectification' | 'bulletin', KindFixture> = {
  /** Deployment-wide: no organization owns a template, so there is nothing foreign to probe (only the role). */
  template: {
    deploymentWide: true,
    make: async (w) => (await w.t.ctx.db.selectFrom('campaign_template').select('id').orderBy('id').executeTakeFirstOrThrow()).id,
  },

  activity: {
    async make(w, org) {
      const at = nowIso();
      const { id } = await w.t.ctx.db
        .insertInto('activity')
        .values({
          campaign_id: await w.cityCampaign(),
          org_id: org.id,
          org_path: org.path,
          type: 'publicity',
          form: null,
          title: `${org.name}的活动`,
          held_on: at.slice(0, 10),
          place: '活动室',
          summary: '宣传',
          minutes: null,
          task_keys: '[]',
          photo_ids: '[]',
          created_at: at,
          created_by: await w.ownerAt(org),
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    },
  },

  /** A request made by `org` and sent to its direct children: a request from the parent reaches the unit below (not as its requester). */
  reportRequest: {
    visibleFromBelow: (action) => action !== 'report.request',
    async make(w, org) {
      const { id } = await w.t.ctx.db
        .insertInto('report_request')
        .values({
          campaign_id: null,
          task_key: null,
          org_id: org.id,
          org_path: org.path,
          title: `${org.name}的汇报要求`,
          guidance: '',
          due_on: inAMonth(),
          target_filter: '{}',
          created_at: nowIso(),
          created_by: await w.ownerAt(org),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const targets = await childrenOf(w, org);
      if (targets.length) {
        await w.t.ctx.db
          .insertInto('report_submission')
          .values(targets.map((t) => ({ request_id: id, org_id: t.id, org_path: t.path, status: 'pending' as const, content: null, attachment_ids: '[]' })))
          .execute();
      }
      return id;
    },
  },

  inspection: { make: inspectionAt },

  rectification: {
    async make(w, org) {
      const { id } = await w.t.ctx.db
        .insertInto('rectification')
        .values({
          inspection_id: await inspectionAt(w, org),
          org_id: org.id,
          org_path: org.path,
          description: '补齐台账',
          owner: '李四',
          due_on: inAMonth(),
          status: 'answered',
          answer: '已补齐',
          answered_at: nowIso(),
          answered_by: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    },
  },

  /** A published bulletin: what an organization above publishes is read below (not changed). */
  bulletin: {
    visibleFromBelow: (action) => action === 'bulletin.read',
    async make(w, org) {
      const at = nowIso();
      const owner = await w.ownerAt(org);
      const { id } = await w.t.ctx.db
        .insertInto('bulletin')
        .values({
          campaign_id: await w.cityCampaign(),
          org_id: org.id,
          org_path: org.path,
          period_from: at.slice(0, 10),
          period_to: at.slice(0, 10),
          title: `${org.name}的通报`,
          body: '{}',
          score_weights: '{}',
          number_prefix: null,
          number_year: null,
          number_seq: null,
          status: 'published',
          published_at: at,
          published_by: owner,
          created_at: at,
          created_by: owner,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    },
  },
};

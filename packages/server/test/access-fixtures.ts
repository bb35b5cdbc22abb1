import { randomBytes } from 'node:crypto';
import type { ResourceKind } from '../src/access/repository/index.ts';
import { nowIso } from '../src/db/database.ts';
import type { TestApp } from './setup.ts';
import type { KindFixture, MatrixWorld } from './access-fixtures-types.ts';
import { createMember, createUser, yearPhases, type Tree } from './factories.ts';
import { campaignWorkFixtures } from './access-fixtures-campaigns.ts';
import { EXEMPLAR_FIXTURES } from './access-fixtures-exemplars.ts';
import { HONOUR_FIXTURES } from './access-fixtures-honours.ts';
import { serviceFixtures } from './access-fixtures-service.ts';
import { assessmentFixtures } from './access-fixtures-assessment.ts';
import { reachFixtures } from './access-fixtures-reach.ts';
import { PUBLICITY_FIXTURES } from './access-fixtures-publicity.ts';

export type { KindFixture, MatrixWorld };

/**
 * One instance of every resource kind at any organization of the test tree, for the access
 * matrix (src/access/matrix.test.ts): "someone else's thing over there". Rows are written
 * directly and minimally — the matrix only needs them to exist where they belong, because a
 * refused request never reaches the service.
 */
export function createWorld(t: TestApp, tree: Tree): MatrixWorld {
  const owners = new Map<number, Promise<number>>();
  const campaigns = new Map<number, Promise<number>>();
  const w: MatrixWorld = {
    t,
    tree,
    ownerAt(org) {
      if (!owners.has(org.id))
        owners.set(
          org.id,
          createUser(t.ctx, [{ role: 'org_admin', org }]).then((u) => u.id),
        );
      return owners.get(org.id)!;
    },
    cityCampaign: () => w.campaignAt(tree.city),
    campaignAt(org) {
      if (!campaigns.has(org.id)) {
        campaigns.set(
          org.id,
          (async () => {
            const tpl = await t.ctx.db.selectFrom('campaign_template').selectAll().orderBy('id').executeTakeFirstOrThrow();
            const at = nowIso();
            const { id } = await t.ctx.db
              .insertInto('campaign')
              .values({
                template_id: tpl.id,
                org_id: org.id,
                org_path: org.path,
                name: `${org.name}的活动`,
                slogan: null,
                definition: tpl.definition,
                phase_dates: JSON.stringify(yearPhases(new Date().getUTCFullYear())),
                manual_phase_key: null,
                cloned_from_id: null,
                created_at: at,
                created_by: null,
                updated_at: at,
              })
              .returning('id')
              .executeTakeFirstOrThrow();
            return id;
          })(),
        );
      }
      return campaigns.get(org.id)!;
    },
  };
  return w;
}

export const FIXTURES: Partial<Record<ResourceKind, KindFixture>> = {
  org: { make: async (_w, org) => org.id },
  member: { make: async (w, org) => (await createMember(w.t.ctx, org, { name: '王芳' })).id },
  account: { make: async (w, org) => (await createUser(w.t.ctx, [{ role: 'branch_secretary', org }])).id },
  attachment: {
    async make(w, org) {
      const { id } = await w.t.ctx.db
        .insertInto('attachment')
        .values({
          hash: randomBytes(32).toString('hex'),
          name: '材料.pdf',
          mime: 'application/pdf',
          size: 10,
          kind: 'file',
          thumb_hash: null,
          width: null,
          height: null,
          org_id: org.id,
          org_path: org.path,
          uploaded_by: await w.ownerAt(org),
          created_at: nowIso(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    },
  },
  notification: {
    async make(w, org) {
      const { id } = await w.t.ctx.db
        .insertInto('notification')
        .values({
          org_id: org.id,
          org_path: org.path,
          audience: 'org',
          action: 'org.read',
          member_id: null,
          user_id: null,
          kind: 'plan_returned',
          title_zh: '通知',
          title_en: 'Notice',
          body: null,
          link: null,
          dedupe_key: null,
          created_at: nowIso(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    },
  },
  job: {
    async make(w, org) {
      const owner = await w.ownerAt(org);
      const grant = await w.t.ctx.db.selectFrom('role_grant').select('id').where('user_id', '=', owner).executeTakeFirstOrThrow();
      const { id } = await w.t.ctx.db
        .insertInto('job')
        .values({
          kind: 'member_import',
          status: 'succeeded',
          params: JSON.stringify({ phase: 'preview', orgId: org.id }),
          total: 0,
          result: JSON.stringify({ validRows: 1, invalidRows: 0 }),
          error: null,
          user_id: owner,
          grant_id: grant.id,
          org_id: org.id,
          created_at: nowIso(),
          started_at: null,
          finished_at: null,
          locked_by: null,
          heartbeat_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    },
  },
  campaign: { visibleFromBelow: (action) => action !== 'campaign.manage', make: (w, org) => w.campaignAt(org) },
  ...campaignWorkFixtures,
  ...EXEMPLAR_FIXTURES,
  ...HONOUR_FIXTURES,
  ...assessmentFixtures,
  ...reachFixtures,
  ...PUBLICITY_FIXTURES,
  ...serviceFixtures,
};

import { randomBytes } from 'node:crypto';
import { nowIso } from '../src/db/database.ts';
import type { ResourceKind } from '../src/access/repository/index.ts';
import type { KindFixture, MatrixWorld } from './access-fixtures-types.ts';
import { createMember, type OrgRef } from './factories.ts';

/**
 * Exemplars and benchmarking for the access matrix. An exemplar here is a pending nomination an
 * organization made of itself: seen from that organization up only, so nothing of the parent
 * is legitimately visible below.
 */
async function nomination(w: MatrixWorld, org: OrgRef, photoIds: number[] = []) {
  const at = nowIso();
  const { id } = await w.t.ctx.db
    .insertInto('exemplar')
    .values({
      campaign_id: await w.cityCampaign(),
      kind: 'unit',
      nominee_org_id: org.id,
      nominee_org_path: org.path,
      nominee_member_id: null,
      title: '推荐',
      materials: '材料',
      photo_ids: JSON.stringify(photoIds),
      nominator_org_id: org.id,
      nominator_org_path: org.path,
      nominated_by: await w.ownerAt(org),
      nominated_on: at.slice(0, 10),
      status: 'nominated',
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export const EXEMPLAR_FIXTURES: Partial<Record<ResourceKind, KindFixture>> = {
  exemplar: { make: (w, org) => nomination(w, org) },
  exemplarPhoto: {
    async make(w, org) {
      const { id } = await w.t.ctx.db
        .insertInto('attachment')
        .values({
          hash: randomBytes(32).toString('hex'),
          name: '事迹照片.jpg',
          mime: 'image/jpeg',
          size: 10,
          kind: 'photo',
          thumb_hash: null,
          width: 4,
          height: 3,
          org_id: org.id,
          org_path: org.path,
          uploaded_by: await w.ownerAt(org),
          created_at: nowIso(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await nomination(w, org, [id]);
      return id;
    },
  },
  measure: {
    async make(w, org) {
      const at = nowIso();
      const campaignId = await w.cityCampaign();
      const owner = (await createMember(w.t.ctx, org, { name: '刘洋' })).id;
      let b = await w.t.ctx.db.selectFrom('benchmark').select('id').where('campaign_id', '=', campaignId).where('org_id', '=', org.id).executeTakeFirst();
      b ??= await w.t.ctx.db
        .insertInto('benchmark')
        .values({
          campaign_id: campaignId,
          org_id: org.id,
          org_path: org.path,
          step: 'list',
          reflection: null,
          created_at: at,
          created_by: null,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const { id } = await w.t.ctx.db
        .insertInto('catch_up_measure')
        .values({
          benchmark_id: b.id,
          org_id: org.id,
          org_path: org.path,
          dimension_key: 'team',
          content: '措施',
          owner_member_id: owner,
          due_on: at.slice(0, 10),
          status: 'open',
          evidence_activity_id: null,
          evidence_attachment_ids: '[]',
          closing_note: null,
          closed_at: null,
          closed_by: null,
          created_at: at,
          created_by: null,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    },
  },
};

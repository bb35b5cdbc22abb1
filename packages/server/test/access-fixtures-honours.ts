import { DEFAULT_HONOUR_SETTINGS, type Action } from '@zx/domain';
import { nowIso } from '../src/db/database.ts';
import type { ResourceKind } from '../src/access/repository/index.ts';
import type { HonourRoundStatus } from '../src/db/schema-honours.ts';
import type { KindFixture, MatrixWorld } from './access-fixtures-types.ts';
import type { OrgRef } from './factories.ts';

/**
 * Honours for the access matrix. The round of an organization is on public notice (公示): the
 * parent's notice is legitimately read below (and objected to), never managed there.
 */
const rounds = new WeakMap<MatrixWorld, Map<string, Promise<number>>>();

function roundAt(w: MatrixWorld, org: OrgRef, status: HonourRoundStatus): Promise<number> {
  if (!rounds.has(w)) rounds.set(w, new Map());
  const cache = rounds.get(w)!;
  const key = `${org.id}:${status}`;
  if (!cache.has(key)) {
    cache.set(
      key,
      (async () => {
        const at = nowIso();
        const today = at.slice(0, 10);
        const y = Number(today.slice(0, 4));
        const { id } = await w.t.ctx.db
          .insertInto('honour_round')
          .values({
            org_id: org.id,
            org_path: org.path,
            name: `${org.name}评选`,
            year: y,
            reference_date: `${y}-12-31`,
            kinds: JSON.stringify(['red_flag_branch']),
            settings: JSON.stringify(DEFAULT_HONOUR_SETTINGS),
            require_lower_title: 0,
            campaign_id: null,
            status,
            notice_starts_on: today,
            notice_ends_on: today,
            published_at: at,
            finalized_at: status === 'final' ? at : null,
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
  return cache.get(key)!;
}

async function candidateAt(w: MatrixWorld, org: OrgRef, status: HonourRoundStatus, candidate: 'candidate' | 'awarded', kind = 'red_flag_branch') {
  const at = nowIso();
  const { id } = await w.t.ctx.db
    .insertInto('honour_candidate')
    .values({
      round_id: await roundAt(w, org, status),
      kind,
      subject_key: `o:${org.id}`,
      org_id: org.id,
      org_path: org.path,
      member_id: null,
      subject_name: org.name,
      status: candidate,
      recommender_org_id: org.id,
      recommender_org_path: org.path,
      note: null,
      checks: '[]',
      created_at: at,
      created_by: null,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Read where the notice covers the actor; never managed from below. */
const publicBelow = (action: Action | null) => action !== 'honour.manage';

export const HONOUR_FIXTURES: Partial<Record<ResourceKind, KindFixture>> = {
  honourRound: { visibleFromBelow: publicBelow, make: (w, org) => roundAt(w, org, 'notice') },
  honourCandidate: { visibleFromBelow: publicBelow, make: (w, org) => candidateAt(w, org, 'notice', 'candidate') },
  honourObjection: {
    async make(w, org) {
      const candidate = await candidateAt(w, org, 'notice', 'candidate', 'red_flag_committee');
      const { id } = await w.t.ctx.db
        .insertInto('honour_objection')
        .values({
          round_id: await roundAt(w, org, 'notice'),
          candidate_id: candidate,
          reason: '该对象材料与事实不符，请核实。',
          contact: null,
          objector_user_id: await w.ownerAt(org),
          objector_name: '异议人',
          objector_org_id: org.id,
          objector_org_path: org.path,
          status: 'pending',
          reply: null,
          handled_by: null,
          handled_at: null,
          created_at: nowIso(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    },
  },
  honourAward: {
    async make(w, org) {
      const final = await roundAt(w, org, 'final');
      const candidate = await candidateAt(w, org, 'final', 'awarded');
      const y = new Date().getUTCFullYear();
      const { id } = await w.t.ctx.db
        .insertInto('honour_award')
        .values({
          round_id: final,
          candidate_id: candidate,
          kind: 'red_flag_branch',
          year: y,
          subject_key: `o:${org.id}`,
          org_id: org.id,
          org_path: org.path,
          member_id: null,
          subject_name: org.name,
          issuer_org_id: org.id,
          issuer_org_name: org.name,
          issuer_depth: 2,
          certificate_no: `ZX-${y}-HQZB-${final}-${candidate}`,
          awarded_on: nowIso().slice(0, 10),
          created_at: nowIso(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    },
  },
};

import { defaultBallotSettings, DEFAULT_EVALUATION_SETTINGS } from '@zx/domain';
import type { ResourceKind } from '../src/access/repository/index.ts';
import { nowIso } from '../src/db/database.ts';
import type { KindFixture, MatrixWorld } from './access-fixtures-types.ts';
import { createMember, type OrgRef } from './factories.ts';

/**
 * Access-matrix fixtures (src/access/matrix.test.ts) for assessment, member evaluation, votes and
 * commitments (kinds in src/access/repository/assessment.ts): a minimal row of each kind at `org`,
 * owned by people other than the probing actors. Written directly; the matrix only needs them to
 * exist where they belong.
 */

const perWorld = <T>() => {
  const maps = new WeakMap<MatrixWorld, Map<number, Promise<T>>>();
  return (w: MatrixWorld, org: OrgRef, make: () => Promise<T>): Promise<T> => {
    let m = maps.get(w);
    if (!m) maps.set(w, (m = new Map()));
    if (!m.has(org.id)) m.set(org.id, make());
    return m.get(org.id)!;
  };
};

/** An open cadre rating at `org`: one cadre rated, another member on the roll (never a probing actor). */
const sessions = perWorld<{ sessionId: number; subjectId: number }>();
const sessionAt = (w: MatrixWorld, org: OrgRef) =>
  sessions(w, org, async () => {
    const db = w.t.ctx.db;
    const at = nowIso();
    const cadre = await createMember(w.t.ctx, org, { name: '被评干部', position: 'secretary' });
    const voter = await createMember(w.t.ctx, org, { name: '团员代表' });
    const { id: sessionId } = await db
      .insertInto('vote_session')
      .values({
        org_id: org.id,
        org_path: org.path,
        kind: 'cadre_rating',
        title_zh: `${org.name}述职评议`,
        title_en: null,
        scale: 'satisfaction3',
        settings: JSON.stringify(defaultBallotSettings('cadre_rating')),
        roll_source: 'explicit',
        status: 'open',
        report_year: null,
        opens_at: null,
        closes_at: null,
        opened_at: at,
        closed_at: null,
        roll_size: 1,
        ballot_count: null,
        result: null,
        ref_type: null,
        ref_id: null,
        created_at: at,
        created_by: await w.ownerAt(org),
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { id: subjectId } = await db
      .insertInto('vote_subject')
      .values({
        session_id: sessionId,
        ordinal: 1,
        label: '被评干部',
        detail: 'secretary',
        member_id: cadre.id,
        ref_type: null,
        ref_id: null,
        exempt: 0,
        exempt_reason: null,
        upper_score: null,
        upper_scored_by: null,
        upper_scored_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('vote_roll').values({ session_id: sessionId, member_id: voter.id, voted: 0 }).execute();
    return { sessionId, subjectId };
  });

/** A member evaluation round of this year at `org`, with one participant. */
const rounds = perWorld<{ roundId: number; memberId: number }>();
const roundAt = (w: MatrixWorld, org: OrgRef) =>
  rounds(w, org, async () => {
    const db = w.t.ctx.db;
    const at = nowIso();
    const m = await createMember(w.t.ctx, org, { name: '参评团员' });
    const { id: roundId } = await db
      .insertInto('member_evaluation')
      .values({
        org_id: org.id,
        org_path: org.path,
        year: new Date().getUTCFullYear(),
        stage: 'peer_review',
        settings: JSON.stringify(DEFAULT_EVALUATION_SETTINGS),
        study_held_on: null,
        study_note: null,
        vote_mode: null,
        vote_session_id: null,
        vote_present: null,
        vote_quorum_met: null,
        vote_closed_at: null,
        return_comment: null,
        submitted_at: null,
        submitted_by: null,
        decided_at: null,
        decided_by: null,
        created_at: at,
        created_by: await w.ownerAt(org),
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('member_evaluation_participant').values({ evaluation_id: roundId, member_id: m.id, member_name: '参评团员' }).execute();
    return { roundId, memberId: m.id };
  });

/** A cadre of `org` with a plan for this year holding one draft commitment. */
const plans = perWorld<{ memberId: number; itemId: number }>();
const planAt = (w: MatrixWorld, org: OrgRef) =>
  plans(w, org, async () => {
    const db = w.t.ctx.db;
    const at = nowIso();
    const cadre = await createMember(w.t.ctx, org, { name: '团干部', position: 'secretary' });
    const { id: planId } = await db
      .insertInto('commitment_plan')
      .values({ member_id: cadre.id, org_id: org.id, year: new Date().getUTCFullYear(), created_at: at, created_by: null, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { id: itemId } = await db
      .insertInto('commitment_item')
      .values({
        plan_id: planId,
        seq: 1,
        text: '每月开展一次主题团日',
        category: null,
        due_on: null,
        state: 'draft',
        revises_id: null,
        version: null,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { memberId: cadre.id, itemId };
  });

export const assessmentFixtures: Partial<Record<ResourceKind, KindFixture>> = {
  /** Deployment-wide: no organization is foreign to a rubric; only the role is probed. */
  rubric: { deploymentWide: true, make: async (w) => (await w.t.ctx.db.selectFrom('rubric').select('id').orderBy('id').executeTakeFirstOrThrow()).id },
  assessmentUnit: { make: async (_w, org) => org.id },
  /** A campaign launched above covers the units below it. */
  assessmentCampaign: { visibleFromBelow: () => true, make: (w, org) => w.campaignAt(org) },
  title: {
    async make(w, org) {
      const { id } = await w.t.ctx.db
        .insertInto('unit_title')
        .values({
          org_id: org.id,
          year: new Date().getUTCFullYear() - 1,
          title: 'standard',
          campaign_id: null,
          note: null,
          awarded_by: null,
          awarded_by_name: '上级',
          awarder_org_id: w.tree.city.id,
          awarded_at: nowIso(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    },
  },
  voteSession: { make: async (w, org) => (await sessionAt(w, org)).sessionId },
  voteSubject: { make: async (w, org) => (await sessionAt(w, org)).subjectId },
  evaluation: { make: async (w, org) => (await roundAt(w, org)).roundId },
  evaluationPeer: { make: async (w, org) => (await roundAt(w, org)).memberId },
  evaluatedMember: { make: async (w, org) => (await createMember(w.t.ctx, org, { name: '被查团员' })).id },
  negativeEntry: {
    async make(w, org) {
      const m = await createMember(w.t.ctx, org, { name: '负面清单团员' });
      const { id } = await w.t.ctx.db
        .insertInto('member_negative_entry')
        .values({
          member_id: m.id,
          org_id: org.id,
          reason: '受到团内警告处分',
          starts_on: `${new Date().getUTCFullYear()}-01-01`,
          ends_on: null,
          created_at: nowIso(),
          created_by: null,
          lifted_at: null,
          lifted_by: null,
          lift_reason: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    },
  },
  /** Members read the cadres of their own organization and of those above it. */
  cadre: { visibleFromBelow: (action) => action === 'commitment.read', make: async (w, org) => (await planAt(w, org)).memberId },
  commitmentOrg: { visibleFromBelow: (action) => action === 'commitment.read', make: async (_w, org) => org.id },
  commitmentItem: { make: async (w, org) => (await planAt(w, org)).itemId },
};

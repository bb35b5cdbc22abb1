import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Reason, Rubric, ScoreSheet } from '@zx/domain';
import type { Dialect, Executor } from '../db/database.ts';
import type { AssessmentItemTable, AssessmentStatus, AssessmentTable, RubricTable } from '../db/schema-assessment.ts';
import { pathInSubtree } from '../access/repository/subtree.ts';

/** A dimension's verified score, as stored at verification. */
export type DimensionScore = ScoreSheet['dimensions'][number];

/** The JSON columns of a self-assessment, typed: the rubric snapshot and what the verification recorded. */
interface AssessmentJson {
  rubric: Rubric;
  dimension_scores: DimensionScore[];
  tier_reasons: Reason[];
}
type JsonColumn = keyof AssessmentJson;

/** A self-assessment row, its JSON read (no verification yet: no dimensions and no reasons). */
export type Assessment = Omit<Selectable<AssessmentTable>, JsonColumn> & AssessmentJson;

/** What a self-assessment is written with: the JSON columns as values (null clears a verification's). */
export type AssessmentInsert = Omit<Insertable<AssessmentTable>, JsonColumn> & {
  rubric: Rubric;
  dimension_scores: DimensionScore[] | null;
  tier_reasons: Reason[] | null;
};
export type AssessmentPatch = Omit<Updateable<AssessmentTable>, JsonColumn> & {
  dimension_scores?: DimensionScore[] | null;
  tier_reasons?: Reason[] | null;
};

const json = (v: unknown) => (v == null ? null : JSON.stringify(v));

/** An item row as read: the activities and files offered as evidence, as ids. */
export type AssessmentItem = Omit<Selectable<AssessmentItemTable>, 'activity_ids' | 'attachment_ids'> & { activity_ids: number[]; attachment_ids: number[] };
export type AssessmentItemInsert = Omit<Insertable<AssessmentItemTable>, 'activity_ids' | 'attachment_ids'> & {
  activity_ids: number[];
  attachment_ids: number[];
};

function assessmentOf(row: Selectable<AssessmentTable>): Assessment {
  return {
    ...row,
    rubric: JSON.parse(row.rubric) as Rubric,
    dimension_scores: JSON.parse(row.dimension_scores ?? '[]') as DimensionScore[],
    tier_reasons: JSON.parse(row.tier_reasons ?? '[]') as Reason[],
  };
}

function patchOf(patch: AssessmentPatch): Updateable<AssessmentTable> {
  const { dimension_scores, tier_reasons, ...rest } = patch;
  return {
    ...rest,
    ...(dimension_scores !== undefined ? { dimension_scores: json(dimension_scores) } : {}),
    ...(tier_reasons !== undefined ? { tier_reasons: json(tier_reasons) } : {}),
  };
}

/** A rubric row with its definition read. */
export type RubricRow = Omit<Selectable<RubricTable>, 'definition'> & { definition: Rubric };
export type RubricWrite<T> = Omit<T, 'definition'> & { definition?: Rubric };

/** A rubric row read (also those the access module's `rubric` kind returns). */
export const toRubric = (row: Selectable<RubricTable>): RubricRow => ({ ...row, definition: JSON.parse(row.definition) as Rubric });

export interface QueueFilter {
  campaignId: number;
  /** The subtree listed: the inner of the actor's scope, the campaign's and the chosen organization's. */
  rootPath: string;
  /** Organization types that self-assess in the campaign. */
  types: string[];
  status?: AssessmentStatus | 'missing';
  q?: string;
  limit: number;
  offset: number;
}

const clean = (s: string) => s.replace(/[%_\\]/g, '');

/**
 * Self-assessments and their items. Every query names a campaign and a unit (or a subtree) the
 * service already checked to be in scope.
 */
export const assessmentRepository = {
  find: async (ex: Executor, campaignId: number, orgId: number): Promise<Assessment | undefined> => {
    const row = await ex.selectFrom('assessment').selectAll().where('campaign_id', '=', campaignId).where('org_id', '=', orgId).executeTakeFirst();
    return row && assessmentOf(row);
  },

  /** The unit's item rows, their evidence ids parsed. */
  async items(ex: Executor, assessmentId: number): Promise<AssessmentItem[]> {
    const rows = await ex.selectFrom('assessment_item').selectAll().where('assessment_id', '=', assessmentId).execute();
    return rows.map((r) => ({ ...r, activity_ids: JSON.parse(r.activity_ids) as number[], attachment_ids: JSON.parse(r.attachment_ids) as number[] }));
  },

  insert: (ex: Executor, row: AssessmentInsert) =>
    ex
      .insertInto('assessment')
      .values({ ...row, rubric: JSON.stringify(row.rubric), dimension_scores: json(row.dimension_scores), tier_reasons: json(row.tier_reasons) })
      .execute(),

  update: (ex: Executor, id: number, patch: AssessmentPatch) => ex.updateTable('assessment').set(patchOf(patch)).where('id', '=', id).execute(),

  /** The unit's item rows replaced by these. */
  async replaceItems(ex: Executor, assessmentId: number, rows: AssessmentItemInsert[]) {
    await ex.deleteFrom('assessment_item').where('assessment_id', '=', assessmentId).execute();
    const values = rows.map((r) => ({ ...r, activity_ids: JSON.stringify(r.activity_ids), attachment_ids: JSON.stringify(r.attachment_ids) }));
    if (values.length) await ex.insertInto('assessment_item').values(values).execute();
  },

  setVerifiedItem: (ex: Executor, assessmentId: number, itemKey: string, value: number | null, reason: string | null) =>
    ex
      .updateTable('assessment_item')
      .set({ verified_value: value, reason })
      .where('assessment_id', '=', assessmentId)
      .where('item_key', '=', itemKey)
      .execute(),

  /** The verification queue: active units of the assessed types in a subtree, each with its assessment (or none); a page, its total and the counts by status. */
  async queue(ex: Executor, dialect: Dialect, f: QueueFilter) {
    const like = dialect === 'postgres' ? 'ilike' : 'like';
    const units = () => {
      let b = ex
        .selectFrom('organization as o')
        .leftJoin('assessment as a', (j) => j.onRef('a.org_id', '=', 'o.id').on('a.campaign_id', '=', f.campaignId))
        .where(pathInSubtree('o.path', f.rootPath))
        .where('o.status', '=', 'active')
        .where('o.type_code', 'in', f.types.length ? f.types : ['\u0000']);
      if (f.q?.trim()) {
        const term = `%${clean(f.q.trim())}%`;
        b = b.where((eb) => eb.or([eb('o.name', like, term), eb('o.pinyin_initials', 'like', `${clean(f.q!.trim().toLowerCase())}%`)]));
      }
      return b;
    };
    let page = units();
    if (f.status === 'missing') page = page.where('a.id', 'is', null);
    else if (f.status) page = page.where('a.status', '=', f.status);
    const status = sql<string>`coalesce(a.status, 'missing')`;
    const [rows, total, counts] = await Promise.all([
      page
        .leftJoin('organization as par', 'par.id', 'o.parent_id')
        .select(['o.id', 'o.name', 'o.type_code', 'o.path', 'o.founded_on', 'o.responsible_person', 'par.name as parent_name'])
        .select([
          'a.status',
          'a.self_total',
          'a.verified_total',
          'a.tier',
          'a.secretary_signed_at',
          'a.secretary_user_id',
          'a.representative_signed_at',
          'a.submitted_at',
          'a.verified_at',
          'a.updated_at',
        ])
        .orderBy('o.depth')
        .orderBy('o.code')
        .limit(f.limit)
        .offset(f.offset)
        .execute(),
      page.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
      units()
        .select([status.as('status'), (eb) => eb.fn.countAll().as('n')])
        .groupBy(status)
        .execute(),
    ]);
    return { rows, total: Number(total.n), counts: new Map(counts.map((r) => [r.status, Number(r.n)])) };
  },

  /** Of these activities, the unit's own in the campaign (the evidence a sheet may hold). */
  unitActivities: async (ex: Executor, campaignId: number, orgId: number, ids: number[]) =>
    ids.length
      ? ex
          .selectFrom('activity')
          .select(['id', 'title', 'held_on', 'type'])
          .where('id', 'in', ids)
          .where('org_id', '=', orgId)
          .where('campaign_id', '=', campaignId)
          .execute()
      : [],

  /** Of these files, those stored under the unit or a unit below it. */
  filesInSubtree: async (ex: Executor, orgPath: string, ids: number[]) =>
    new Set(
      ids.length
        ? (await ex.selectFrom('attachment').select('id').where('id', 'in', ids).where(pathInSubtree('org_path', orgPath)).execute()).map((r) => r.id)
        : [],
    ),

  org: (ex: Executor, id: number) => ex.selectFrom('organization').selectAll().where('id', '=', id).executeTakeFirst(),

  memberName: async (ex: Executor, memberId: number) => (await ex.selectFrom('member').select('name').where('id', '=', memberId).executeTakeFirst())?.name,

  /** Verified tiers of a unit's direct sub-units in a campaign (the 团总支 rule). */
  subUnitTiers: async (ex: Executor, campaignId: number, orgId: number) =>
    (
      await ex
        .selectFrom('assessment as a')
        .innerJoin('organization as o', 'o.id', 'a.org_id')
        .select('a.tier')
        .where('a.campaign_id', '=', campaignId)
        .where('o.parent_id', '=', orgId)
        .where('a.status', '=', 'verified')
        .execute()
    ).map((r) => r.tier),

  /**
   * A cap's usage among a unit's peers (active units under the same parent): how many assessments
   * there are, how many of the others are verified into `tier`, and whether the unit has one.
   */
  async peerUsage(ex: Executor, campaignId: number, org: { id: number; parent_id: number }, tier: string) {
    const peers = ex
      .selectFrom('assessment as a')
      .innerJoin('organization as o', 'o.id', 'a.org_id')
      .where('a.campaign_id', '=', campaignId)
      .where('o.parent_id', '=', org.parent_id)
      .where('o.status', '=', 'active');
    const pool = await peers.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const taken = await peers
      .select((eb) => eb.fn.countAll().as('n'))
      .where('a.status', '=', 'verified')
      .where('a.tier', '=', tier)
      .where('a.org_id', '!=', org.id)
      .executeTakeFirstOrThrow();
    const own = await peers.select('a.id').where('a.org_id', '=', org.id).executeTakeFirst();
    return { pool: Number(pool.n), taken: Number(taken.n), hasOwn: !!own };
  },

  /** Signed self-assessments of these units awaiting a representative's confirmation. */
  awaitingConfirmation: (ex: Executor, orgIds: number[]) =>
    ex
      .selectFrom('assessment as a')
      .innerJoin('organization as o', 'o.id', 'a.org_id')
      .innerJoin('campaign as c', 'c.id', 'a.campaign_id')
      .select([
        'a.campaign_id',
        'a.org_id',
        'a.self_total',
        'a.secretary_name',
        'a.secretary_signed_at',
        'a.status',
        'o.name as org_name',
        'c.name as campaign_name',
      ])
      .where('a.org_id', 'in', orgIds)
      .where('a.status', 'in', ['draft', 'returned'])
      .where('a.secretary_signed_at', 'is not', null)
      .where('a.representative_signed_at', 'is', null)
      .orderBy('a.secretary_signed_at', 'desc')
      .execute(),

  /** Organizations where the (active) member is a representative. */
  representedOrgIds: async (ex: Executor, memberId: number) =>
    (
      await ex
        .selectFrom('org_representative as r')
        .innerJoin('member as m', 'm.id', 'r.member_id')
        .select('r.org_id')
        .where('r.member_id', '=', memberId)
        .where('m.status', '=', 'active')
        .execute()
    ).map((r) => r.org_id),

  /** Verified self-assessments of these units in a campaign, with their scores by dimension. */
  verified: async (ex: Executor, campaignId: number, orgIds: number[]) =>
    (
      await ex
        .selectFrom('assessment')
        .select(['org_id', 'verified_total', 'tier', 'verified_at', 'dimension_scores'])
        .where('campaign_id', '=', campaignId)
        .where('org_id', 'in', orgIds)
        .where('status', '=', 'verified')
        .execute()
    ).map((r) => ({ ...r, dimension_scores: JSON.parse(r.dimension_scores ?? '[]') as DimensionScore[] })),
};

/** Rubrics are shared by the whole deployment (no scope); the built-in one is the fallback. */
export const rubricRepository = {
  all: async (ex: Executor) => (await ex.selectFrom('rubric').selectAll().orderBy('id').execute()).map(toRubric),

  /** The definition stored under a key, else the first built-in rubric's. */
  definitionByKey: async (ex: Executor, key: string) =>
    JSON.parse(
      (
        (await ex.selectFrom('rubric').select('definition').where('key', '=', key).executeTakeFirst()) ??
        (await ex.selectFrom('rubric').select('definition').where('builtin', '=', 1).orderBy('id').executeTakeFirstOrThrow())
      ).definition,
    ) as Rubric,

  keyTaken: async (ex: Executor, key: string) => !!(await ex.selectFrom('rubric').select('id').where('key', '=', key).executeTakeFirst()),

  insert: (ex: Executor, row: RubricWrite<Insertable<RubricTable>> & { definition: Rubric }) =>
    ex
      .insertInto('rubric')
      .values({ ...row, definition: JSON.stringify(row.definition) })
      .returning('id')
      .executeTakeFirstOrThrow(),

  update: (ex: Executor, id: number, { definition, ...patch }: RubricWrite<Updateable<RubricTable>>) =>
    ex
      .updateTable('rubric')
      .set({ ...patch, ...(definition ? { definition: JSON.stringify(definition) } : {}) })
      .where('id', '=', id)
      .execute(),
};

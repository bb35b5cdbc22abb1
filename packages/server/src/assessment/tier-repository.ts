import type { Insertable } from 'kysely';
import type { Rubric } from '@zx/domain';
import type { Executor } from '../db/database.ts';
import type { UnitTierTable, UnitTitleTable } from '../db/schema-assessment.ts';
import { pathInSubtree } from '../access/repository/subtree.ts';

/** Tiers by year (unit_tier) and titles (unit_title) of units the service already checked to be in scope. */
export const tierRepository = {
  /** The unit's tier of a year (a later verification in the same year replaces it). */
  upsertTier: (ex: Executor, row: Insertable<UnitTierTable>) =>
    ex
      .insertInto('unit_tier')
      .values(row)
      .onConflict((oc) =>
        oc
          .columns(['org_id', 'year'])
          .doUpdateSet({ campaign_id: row.campaign_id, assessment_id: row.assessment_id, tier: row.tier, score: row.score, decided_at: row.decided_at }),
      )
      .execute(),

  tierOfYear: (ex: Executor, orgId: number, year: number) =>
    ex.selectFrom('unit_tier').select(['tier', 'campaign_id']).where('org_id', '=', orgId).where('year', '=', year).executeTakeFirst(),

  /** The rubric snapshot the unit's tier of a year came from (null: none, or a tier without an assessment). */
  rubricOfYear: async (ex: Executor, orgId: number, year: number): Promise<Rubric | null> => {
    const row = await ex
      .selectFrom('unit_tier as t')
      .leftJoin('assessment as a', 'a.id', 't.assessment_id')
      .select('a.rubric')
      .where('t.org_id', '=', orgId)
      .where('t.year', '=', year)
      .executeTakeFirst();
    return row?.rubric ? (JSON.parse(row.rubric) as Rubric) : null;
  },

  titlesOfYear: async (ex: Executor, orgId: number, year: number) =>
    (await ex.selectFrom('unit_title').select('title').where('org_id', '=', orgId).where('year', '=', year).execute()).map((r) => r.title),

  /** The unit's titles of a year with the organization that awarded each. */
  titlesWithAwarder: (ex: Executor, orgId: number, year: number) =>
    ex
      .selectFrom('unit_title as u')
      .innerJoin('organization as a', 'a.id', 'u.awarder_org_id')
      .select(['u.title', 'a.id as awarder_id', 'a.path as awarder_path'])
      .where('u.org_id', '=', orgId)
      .where('u.year', '=', year)
      .execute(),

  tierHistory: (ex: Executor, orgId: number) =>
    ex
      .selectFrom('unit_tier as t')
      .leftJoin('campaign as c', 'c.id', 't.campaign_id')
      .select(['t.year', 't.tier', 't.score', 't.campaign_id', 't.decided_at', 'c.name as campaign_name'])
      .where('t.org_id', '=', orgId)
      .orderBy('t.year', 'desc')
      .execute(),

  titleHistory: (ex: Executor, orgId: number) =>
    ex
      .selectFrom('unit_title as u')
      .innerJoin('organization as a', 'a.id', 'u.awarder_org_id')
      .select(['u.id', 'u.year', 'u.title', 'u.note', 'u.awarded_by_name', 'u.awarded_at', 'a.name as awarder_name'])
      .where('u.org_id', '=', orgId)
      .orderBy('u.year', 'desc')
      .execute(),

  /** Tiers of these years of the units strictly below a root, in path order. */
  tiersBelow: (ex: Executor, rootPath: string, years: number[]) =>
    ex
      .selectFrom('unit_tier as t')
      .innerJoin('organization as o', 'o.id', 't.org_id')
      .leftJoin('organization as p', 'p.id', 'o.parent_id')
      .select(['t.org_id', 't.year', 't.tier', 't.score', 'o.name', 'o.type_code', 'o.path', 'p.name as parent_name'])
      .where(pathInSubtree('o.path', rootPath))
      .where('o.path', '!=', rootPath)
      .where('t.year', 'in', years)
      .orderBy('o.path')
      .execute(),

  /** One page of the titles of a year in a subtree, and their total. */
  async titles(ex: Executor, f: { rootPath: string; year: number; title?: string; limit: number; offset: number }) {
    let base = ex
      .selectFrom('unit_title as u')
      .innerJoin('organization as o', 'o.id', 'u.org_id')
      .innerJoin('organization as a', 'a.id', 'u.awarder_org_id')
      .where(pathInSubtree('o.path', f.rootPath))
      .where('u.year', '=', f.year);
    if (f.title) base = base.where('u.title', '=', f.title);
    const [rows, total] = await Promise.all([
      base
        .select([
          'u.id',
          'u.org_id',
          'u.year',
          'u.title',
          'u.note',
          'u.awarded_by_name',
          'u.awarded_at',
          'o.name as org_name',
          'o.path as org_path',
          'a.name as awarder_name',
        ])
        .orderBy('o.path')
        .orderBy('u.title')
        .limit(f.limit)
        .offset(f.offset)
        .execute(),
      base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(total.n) };
  },

  insertTitle: (ex: Executor, row: Insertable<UnitTitleTable>) => ex.insertInto('unit_title').values(row).returning('id').executeTakeFirstOrThrow(),

  deleteTitle: (ex: Executor, id: number) => ex.deleteFrom('unit_title').where('id', '=', id).execute(),
};

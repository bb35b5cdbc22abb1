import { PostgresAdapter } from 'kysely';
import type { Executor } from '../db/database.ts';
import { pathInSubtree } from '../access/repository/subtree.ts';

/**
 * The SQL behind the honour rules (honours/eligibility.ts): the facts of a list of subjects, read
 * in batches of 500 ids so a page of candidates costs a few queries, and the subjects under an
 * organization.
 */

const chunks = <T>(xs: T[], n = 500) => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

/** Case-insensitive on both databases (SQLite's `like` already is for ASCII). */
const like = (ex: Executor) => (ex.getExecutor().adapter instanceof PostgresAdapter ? 'ilike' : 'like');

const memberColumns = [
  'm.id',
  'm.name',
  'm.org_id',
  'o.path as org_path',
  'o.name as org_name',
  'm.birth_date',
  'm.joined_on',
  'm.status',
  'm.position',
] as const;
const unitColumns = ['id', 'name', 'path', 'type_code', 'status', 'founded_on'] as const;

export type MemberSubjectRow = NonNullable<Awaited<ReturnType<typeof eligibilityRepository.memberSubject>>>;
export type UnitSubjectRow = NonNullable<Awaited<ReturnType<typeof eligibilityRepository.unitSubject>>>;

export const eligibilityRepository = {
  /** Of these subject keys, those holding `kind` from an organization deeper than `depth`, in a year before `year`. */
  async lowerTitleKeys(ex: Executor, f: { kind: string; year: number; depth: number }, keys: string[]): Promise<string[]> {
    const out: string[] = [];
    for (const part of chunks(keys)) {
      const rows = await ex
        .selectFrom('honour_award')
        .select('subject_key')
        .where('kind', '=', f.kind)
        .where('year', '<', f.year)
        .where('issuer_depth', '>', f.depth)
        .where('subject_key', 'in', part)
        .execute();
      out.push(...rows.map((r) => r.subject_key));
    }
    return out;
  },

  /** The members' facts for a person honour: years graded 优秀 in [from, to], the year's verified volunteer hours, open negative-list entries. */
  async memberFacts(ex: Executor, ids: number[], f: { from: number; year: number }) {
    const grades: { member_id: number; year: number }[] = [];
    const hours: { member_id: number; hours_tenths: number }[] = [];
    const negative: { member_id: number; starts_on: string; ends_on: string | null }[] = [];
    for (const part of chunks(ids)) {
      grades.push(
        ...(await ex
          .selectFrom('member_evaluation_participant as p')
          .innerJoin('member_evaluation as e', 'e.id', 'p.evaluation_id')
          .select(['p.member_id', 'e.year'])
          .where('p.member_id', 'in', part)
          .where('e.stage', '=', 'approved')
          .where('p.final_grade', '=', 'excellent')
          .where('e.year', '>=', f.from)
          .where('e.year', '<=', f.year)
          .execute()),
      );
      hours.push(
        ...(
          await ex.selectFrom('volunteer_year_hours').select(['member_id', 'hours_tenths']).where('member_id', 'in', part).where('year', '=', f.year).execute()
        ).map((r) => ({ member_id: r.member_id, hours_tenths: Number(r.hours_tenths) })),
      );
      negative.push(
        ...(await ex
          .selectFrom('member_negative_entry')
          .select(['member_id', 'starts_on', 'ends_on'])
          .where('member_id', 'in', part)
          .where('lifted_at', 'is', null)
          .execute()),
      );
    }
    return { grades, hours, negative };
  },

  /** The units' facts for a unit honour: the year's star tier and dues, and which of `metrics` (campaign tasks) they have done. */
  async unitFacts(ex: Executor, ids: number[], f: { year: number; campaignId: number | null; taskMetrics: string[] }) {
    const tiers: { org_id: number; tier: string | null }[] = [];
    const dues: { org_id: number; members_due: number; members_in_arrears: number }[] = [];
    const done: { org_id: number; metric: string }[] = [];
    for (const part of chunks(ids)) {
      tiers.push(...(await ex.selectFrom('unit_tier').select(['org_id', 'tier']).where('org_id', 'in', part).where('year', '=', f.year).execute()));
      dues.push(
        ...(await ex
          .selectFrom('dues_record')
          .select(['org_id', 'members_due', 'members_in_arrears'])
          .where('org_id', 'in', part)
          .where('year', '=', f.year)
          .execute()),
      );
      if (f.campaignId != null && f.taskMetrics.length) {
        done.push(
          ...(await ex
            .selectFrom('campaign_stat')
            .select(['org_id', 'metric'])
            .where('campaign_id', '=', f.campaignId)
            .where('org_id', 'in', part)
            .where('metric', 'in', f.taskMetrics)
            .where('own', '>', 0)
            .execute()),
        );
      }
    }
    return { tiers, dues, done };
  },

  memberSubject: (ex: Executor, memberId: number) =>
    ex.selectFrom('member as m').innerJoin('organization as o', 'o.id', 'm.org_id').select(memberColumns).where('m.id', '=', memberId).executeTakeFirst(),

  unitSubject: (ex: Executor, orgId: number) => ex.selectFrom('organization').select(unitColumns).where('id', '=', orgId).executeTakeFirst(),

  /**
   * Active members under `rootPath` (cadres only for 优秀团干部), by name; with `prefilter`, only
   * those the hard rules SQL can test would pass (age, membership years, volunteer hours).
   */
  members(
    ex: Executor,
    f: {
      rootPath: string;
      cadresOnly: boolean;
      q?: string;
      prefilter?: { bornOnOrAfter: string; joinedOnOrBefore: string; year: number; minHoursTenths: number };
      limit: number;
    },
  ) {
    let q = ex
      .selectFrom('member as m')
      .innerJoin('organization as o', 'o.id', 'm.org_id')
      .select(memberColumns)
      .where(pathInSubtree('o.path', f.rootPath))
      .where('m.status', '=', 'active');
    if (f.cadresOnly) q = q.where('m.position', '!=', 'none');
    if (f.q) q = q.where('m.name', like(ex), `%${f.q}%`);
    const p = f.prefilter;
    if (p) {
      q = q
        .where('m.birth_date', '>=', p.bornOnOrAfter)
        .where('m.joined_on', 'is not', null)
        .where('m.joined_on', '<=', p.joinedOnOrBefore)
        .where('m.id', 'in', (eb) =>
          eb.selectFrom('volunteer_year_hours').select('member_id').where('year', '=', p.year).where('hours_tenths', '>=', p.minHoursTenths),
        );
    }
    return q.orderBy('o.path').orderBy('m.id').limit(f.limit).execute();
  },

  /** Active units of these types under `rootPath`, by name. */
  units(ex: Executor, f: { rootPath: string; types: string[]; q?: string }) {
    let q = ex
      .selectFrom('organization')
      .select(unitColumns)
      .where(pathInSubtree('path', f.rootPath))
      .where('type_code', 'in', f.types)
      .where('status', '=', 'active');
    if (f.q) q = q.where('name', like(ex), `%${f.q}%`);
    return q.orderBy('path').limit(5000).execute();
  },

  /** Active members in the organization's subtree (the roll-up column). */
  subtreeMemberCount: async (ex: Executor, orgId: number) =>
    Number((await ex.selectFrom('organization').select('subtree_member_count').where('id', '=', orgId).executeTakeFirst())?.subtree_member_count ?? 0),

  activeCadresUnder: async (ex: Executor, path: string) =>
    Number(
      (
        await ex
          .selectFrom('member as m')
          .innerJoin('organization as o', 'o.id', 'm.org_id')
          .select((eb) => eb.fn.countAll().as('n'))
          .where(pathInSubtree('o.path', path))
          .where('m.status', '=', 'active')
          .where('m.position', '!=', 'none')
          .executeTakeFirstOrThrow()
      ).n,
    ),

  activeUnitsUnder: async (ex: Executor, path: string, types: string[]) =>
    Number(
      (
        await ex
          .selectFrom('organization')
          .select((eb) => eb.fn.countAll().as('n'))
          .where(pathInSubtree('path', path))
          .where('type_code', 'in', types)
          .where('status', '=', 'active')
          .executeTakeFirstOrThrow()
      ).n,
    ),
};

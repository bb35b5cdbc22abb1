import type { Expression, Insertable, Selectable, SqlBool, Updateable } from 'kysely';
import { DEFAULT_HONOUR_SETTINGS, type HonourKind, type HonourSettings, type RuleCheck } from '@zx/domain';
import type { Executor } from '../db/database.ts';
import type {
  DuesRecordTable,
  HonourAwardTable,
  HonourCandidateTable,
  HonourObjectionTable,
  HonourRoundTable,
  HonourRoundStatus,
} from '../db/schema-honours.ts';
import { pathInSubtree } from '../access/repository/subtree.ts';
import { readSetting, writeSetting } from '../settings/store.ts';
import { honourSettingsSchema } from './settings.ts';

/** The same shapes as the access module's `honourRound` and `honourCandidate` rows. */
const roundNames = ['o.name as org_name', 'o.depth'] as const;
const candidateNames = ['o.name as org_name', 'ro.name as recommender_org_name'] as const;

type RoundJson = { kinds: HonourKind[]; settings: HonourSettings };

/** A round row with its honours and its frozen rules read (also the access module's `honourRound` rows). */
export const toHonourRound = <R extends Pick<Selectable<HonourRoundTable>, keyof RoundJson>>(r: R): Omit<R, keyof RoundJson> & RoundJson => ({
  ...r,
  kinds: JSON.parse(r.kinds) as HonourKind[],
  settings: JSON.parse(r.settings) as HonourSettings,
});

const roundPatch = <P extends Partial<RoundJson>>({ kinds, settings, ...rest }: P) => ({
  ...rest,
  ...(kinds ? { kinds: JSON.stringify(kinds) } : {}),
  ...(settings ? { settings: JSON.stringify(settings) } : {}),
});

/** A candidate row with its rule checks (as last evaluated) read. */
const withChecks = <R extends { checks: string }>(c: R): Omit<R, 'checks'> & { checks: RuleCheck[] } => ({ ...c, checks: JSON.parse(c.checks) as RuleCheck[] });

type CandidatePatch = Omit<Updateable<HonourCandidateTable>, 'checks'> & { checks?: RuleCheck[] };

const SETTINGS_KEY = 'honours';

export const honourRepository = {
  /** The deployment's honour rules (the `honours` setting) over the defaults; the defaults when nothing (or nothing readable) is stored. */
  settings: async (ex: Executor): Promise<HonourSettings> => {
    const text = await readSetting(ex, SETTINGS_KEY);
    if (text === undefined) return DEFAULT_HONOUR_SETTINGS;
    const parsed = honourSettingsSchema.partial().safeParse(JSON.parse(text));
    return parsed.success ? { ...DEFAULT_HONOUR_SETTINGS, ...parsed.data } : DEFAULT_HONOUR_SETTINGS;
  },

  saveSettings: (ex: Executor, value: HonourSettings, userId: number) => writeSetting(ex, SETTINGS_KEY, value, userId),

  insertRound: (ex: Executor, row: Omit<Insertable<HonourRoundTable>, keyof RoundJson> & RoundJson) =>
    ex
      .insertInto('honour_round')
      .values({ ...row, kinds: JSON.stringify(row.kinds), settings: JSON.stringify(row.settings) })
      .returning('id')
      .executeTakeFirstOrThrow(),
  updateRound: (ex: Executor, id: number, patch: Omit<Updateable<HonourRoundTable>, keyof RoundJson> & Partial<RoundJson>) =>
    ex.updateTable('honour_round').set(roundPatch(patch)).where('id', '=', id).execute(),

  /** `visible`: the access module's predicate over `r` (access/repository/honours.ts roundScope). */
  async listRounds(ex: Executor, visible: Expression<SqlBool>, f: { orgPath?: string; status?: HonourRoundStatus; year?: number }) {
    let q = ex.selectFrom('honour_round as r').innerJoin('organization as o', 'o.id', 'r.org_id').where(visible).selectAll('r').select(roundNames);
    if (f.orgPath) q = q.where(pathInSubtree('r.org_path', f.orgPath));
    if (f.status) q = q.where('r.status', '=', f.status);
    if (f.year) q = q.where('r.year', '=', f.year);
    return (await q.orderBy('r.year', 'desc').orderBy('r.id', 'desc').limit(200).execute()).map(toHonourRound);
  },

  candidates: async (ex: Executor, roundId: number) =>
    (
      await ex
        .selectFrom('honour_candidate as c')
        .innerJoin('organization as o', 'o.id', 'c.org_id')
        .innerJoin('organization as ro', 'ro.id', 'c.recommender_org_id')
        .selectAll('c')
        .select(candidateNames)
        .where('c.round_id', '=', roundId)
        .orderBy('c.kind')
        .orderBy('c.org_path')
        .orderBy('c.id')
        .execute()
    ).map(withChecks),

  candidate: async (ex: Executor, id: number) => {
    const row = await ex
      .selectFrom('honour_candidate as c')
      .innerJoin('organization as o', 'o.id', 'c.org_id')
      .innerJoin('organization as ro', 'ro.id', 'c.recommender_org_id')
      .selectAll('c')
      .select(candidateNames)
      .where('c.id', '=', id)
      .executeTakeFirst();
    return row && withChecks(row);
  },

  candidateBySubject: async (ex: Executor, roundId: number, kind: string, subjectKey: string) => {
    const row = await ex
      .selectFrom('honour_candidate')
      .selectAll()
      .where('round_id', '=', roundId)
      .where('kind', '=', kind)
      .where('subject_key', '=', subjectKey)
      .executeTakeFirst();
    return row && withChecks(row);
  },

  insertCandidate: (ex: Executor, row: Omit<Insertable<HonourCandidateTable>, 'checks'> & { checks: RuleCheck[] }) =>
    ex
      .insertInto('honour_candidate')
      .values({ ...row, checks: JSON.stringify(row.checks) })
      .returning('id')
      .executeTakeFirstOrThrow(),
  updateCandidate: (ex: Executor, id: number, { checks, ...patch }: CandidatePatch) =>
    ex
      .updateTable('honour_candidate')
      .set({ ...patch, ...(checks ? { checks: JSON.stringify(checks) } : {}) })
      .where('id', '=', id)
      .execute(),

  /** Candidates holding a place in the quota (accepted or awarded), per kind. */
  async used(ex: Executor, roundId: number): Promise<Map<string, number>> {
    const rows = await ex
      .selectFrom('honour_candidate')
      .select(['kind', (eb) => eb.fn.countAll().as('n')])
      .where('round_id', '=', roundId)
      .where('status', 'in', ['candidate', 'awarded'])
      .groupBy('kind')
      .execute();
    return new Map(rows.map((r) => [r.kind, Number(r.n)]));
  },

  objections: (ex: Executor, roundId: number) =>
    ex
      .selectFrom('honour_objection as j')
      .innerJoin('honour_candidate as c', 'c.id', 'j.candidate_id')
      .innerJoin('organization as oo', 'oo.id', 'j.objector_org_id')
      .selectAll('j')
      .select(['c.subject_name', 'c.kind', 'oo.name as objector_org_name'])
      .where('j.round_id', '=', roundId)
      .orderBy('j.id')
      .execute(),

  objectionsOf: (ex: Executor, roundId: number, userId: number) =>
    ex
      .selectFrom('honour_objection as j')
      .innerJoin('honour_candidate as c', 'c.id', 'j.candidate_id')
      .selectAll('j')
      .select(['c.subject_name', 'c.kind'])
      .where('j.round_id', '=', roundId)
      .where('j.objector_user_id', '=', userId)
      .orderBy('j.id')
      .execute(),

  insertObjection: (ex: Executor, row: Insertable<HonourObjectionTable>) =>
    ex.insertInto('honour_objection').values(row).returning('id').executeTakeFirstOrThrow(),
  updateObjection: (ex: Executor, id: number, patch: Updateable<HonourObjectionTable>) =>
    ex.updateTable('honour_objection').set(patch).where('id', '=', id).execute(),

  pendingObjections: async (ex: Executor, roundId: number) =>
    Number(
      (
        await ex
          .selectFrom('honour_objection')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('round_id', '=', roundId)
          .where('status', '=', 'pending')
          .executeTakeFirstOrThrow()
      ).n,
    ),

  insertAward: (ex: Executor, row: Insertable<HonourAwardTable>) => ex.insertInto('honour_award').values(row).execute(),

  roundName: async (ex: Executor, id: number) => (await ex.selectFrom('honour_round').select('name').where('id', '=', id).executeTakeFirstOrThrow()).name,

  /** Names of organizations by id (a member's unit on a certificate); never a scope check. */
  organizationNames: async (ex: Executor, ids: number[]) =>
    new Map(
      (ids.length
        ? await ex
            .selectFrom('organization')
            .select(['id', 'name'])
            .where('id', 'in', [...new Set(ids)])
            .execute()
        : []
      ).map((r) => [r.id, r.name]),
    ),

  awardsOfRound: (ex: Executor, roundId: number) =>
    ex.selectFrom('honour_award').selectAll().where('round_id', '=', roundId).orderBy('kind').orderBy('certificate_no').execute(),

  awardsOfSubject: (ex: Executor, subjectKey: string) =>
    ex
      .selectFrom('honour_award as a')
      .innerJoin('honour_round as r', 'r.id', 'a.round_id')
      .selectAll('a')
      .select(['r.name as round_name'])
      .where('a.subject_key', '=', subjectKey)
      .orderBy('a.year', 'desc')
      .orderBy('a.id', 'desc')
      .execute(),

  /** An organization by id, for the record (where an objector stood); never a scope check. */
  organization: (ex: Executor, id: number) => ex.selectFrom('organization').select(['id', 'path']).where('id', '=', id).executeTakeFirstOrThrow(),

  campaign: (ex: Executor, id: number) => ex.selectFrom('campaign').select(['id', 'name', 'org_path', 'phase_dates']).where('id', '=', id).executeTakeFirst(),

  /** Rounds whose public notice ended before `today` and that are not finalized, with their pending objections. */
  roundsPastNotice: (ex: Executor, today: string) =>
    ex
      .selectFrom('honour_round as r')
      .select(['r.id', 'r.org_id', 'r.org_path', 'r.name', 'r.notice_ends_on'])
      .select((eb) =>
        eb
          .selectFrom('honour_objection as x')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('x.round_id', '=', 'r.id')
          .where('x.status', '=', 'pending')
          .as('pending'),
      )
      .where('r.status', '=', 'notice')
      .where('r.notice_ends_on', '<', today)
      .orderBy('r.id')
      .execute(),
};

/** The data the honour rules read that nothing else records: volunteer hours per member and year, dues per unit and year. */
export const honourDataRepository = {
  /** The active members of an organization with their hours of the year. */
  volunteerHours: (ex: Executor, orgId: number, year: number) =>
    ex
      .selectFrom('member as m')
      .leftJoin('volunteer_year_hours as v', (j) => j.onRef('v.member_id', '=', 'm.id').on('v.year', '=', year))
      .select(['m.id', 'm.name', 'm.position', 'v.hours_tenths', 'v.updated_at'])
      .where('m.org_id', '=', orgId)
      .where('m.status', '=', 'active')
      .orderBy('m.name')
      .orderBy('m.id')
      .limit(1000)
      .execute(),

  /** Clears the yearly total a branch entered for a member (their own logged entries stay); the number of rows removed. */
  deleteVolunteerHours: async (ex: Executor, memberId: number, year: number) =>
    Number(
      (await ex.deleteFrom('volunteer_service').where('member_id', '=', memberId).where('year', '=', year).where('source', '=', 'entered').executeTakeFirst())
        .numDeletedRows ?? 0,
    ),

  /** The branch's yearly total for a member: one verified 'entered' entry per member and year, replaced on each save. */
  upsertVolunteerHours: async (ex: Executor, row: { member_id: number; year: number; hours_tenths: number; updated_at: string; updated_by: number | null }) => {
    await ex.deleteFrom('volunteer_service').where('member_id', '=', row.member_id).where('year', '=', row.year).where('source', '=', 'entered').execute();
    await ex
      .insertInto('volunteer_service')
      .values({
        member_id: row.member_id,
        served_on: `${row.year}-01-01`,
        year: row.year,
        hours_tenths: row.hours_tenths,
        description: '年度志愿服务时长（支部补录）',
        photo_id: null,
        activity_id: null,
        status: 'verified',
        reason: null,
        source: 'entered',
        created_at: row.updated_at,
        created_by: row.updated_by,
        updated_at: row.updated_at,
        reviewed_at: row.updated_at,
        reviewed_by: row.updated_by,
      })
      .execute();
  },

  /** The organization and its direct children (active), with their dues of the year. */
  dues: (ex: Executor, orgId: number, year: number) =>
    ex
      .selectFrom('organization as o')
      .leftJoin('dues_record as d', (j) => j.onRef('d.org_id', '=', 'o.id').on('d.year', '=', year))
      .select(['o.id', 'o.name', 'o.type_code', 'o.parent_id', 'o.direct_member_count', 'd.members_due', 'd.members_in_arrears', 'd.updated_at'])
      .where((eb) => eb.or([eb('o.id', '=', orgId), eb('o.parent_id', '=', orgId)]))
      .where('o.status', '=', 'active')
      .orderBy('o.path')
      .limit(500)
      .execute(),

  duesRecord: (ex: Executor, orgId: number, year: number) =>
    ex.selectFrom('dues_record').select(['members_due', 'members_in_arrears']).where('org_id', '=', orgId).where('year', '=', year).executeTakeFirst(),

  upsertDues: (ex: Executor, row: DuesRecordTable) =>
    ex
      .insertInto('dues_record')
      .values(row)
      .onConflict((oc) =>
        oc
          .columns(['org_id', 'year'])
          .doUpdateSet({ members_due: row.members_due, members_in_arrears: row.members_in_arrears, updated_at: row.updated_at, updated_by: row.updated_by }),
      )
      .execute(),
};

export type HonourRound = Awaited<ReturnType<typeof honourRepository.listRounds>>[number];
export type CandidateRow = NonNullable<Awaited<ReturnType<typeof honourRepository.candidate>>>;
export type ObjectionRow = Awaited<ReturnType<typeof honourRepository.objectionsOf>>[number];
export type AwardRow = Awaited<ReturnType<typeof honourRepository.awardsOfRound>>[number];

import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import { clampEvaluationSettings, DEFAULT_EVALUATION_SETTINGS, type EvaluationSettings, type GradeVoteCounts } from '@zx/domain';
import type { Dialect, Executor } from '../db/database.ts';
import type { MemberEvaluationParticipantTable, MemberEvaluationTable, MemberNegativeEntryTable } from '../db/schema-evaluation.ts';
import { pathInSubtree } from '../access/repository/subtree.ts';
import { readSetting, writeSetting } from '../settings/store.ts';
import { evaluationSettingsSchema } from './settings-schema.ts';

/** Case-insensitive LIKE on PostgreSQL; SQLite's LIKE already is for ASCII. */
const likeOf = (dialect: Dialect) => (dialect === 'postgres' ? 'ilike' : 'like') as 'like' | 'ilike';

/** A round with its frozen rules read — raised to the quorum floor if they were stored below it. */
export type Round = Omit<Selectable<MemberEvaluationTable>, 'settings'> & { settings: EvaluationSettings };

/** A round row read (also those the access module's `evaluation` kind returns). */
export const toRound = (row: Selectable<MemberEvaluationTable>): Round => ({
  ...row,
  settings: clampEvaluationSettings(JSON.parse(row.settings) as EvaluationSettings),
});

/** A participant's vote counts (JSON) read: null until a counted vote kept them. */
const withVotes = <R extends { votes: string | null }>(r: R): Omit<R, 'votes'> & { votes: GradeVoteCounts | null } => ({
  ...r,
  votes: r.votes ? (JSON.parse(r.votes) as GradeVoteCounts) : null,
});

type ParticipantPatch = Omit<Updateable<MemberEvaluationParticipantTable>, 'votes'> & { votes?: GradeVoteCounts | null };

const SETTINGS_KEY = 'evaluation';

/**
 * Every SQL of the member evaluation. Reads name the subtree they read (a path) or a round /
 * member the service has already checked to be in scope.
 */
export const evaluationRepository = {
  /**
   * The deployment's rules (the `evaluation` setting): what was stored over the defaults, raised to
   * the quorum floor; the defaults when nothing (or nothing readable) is stored.
   */
  settings: async (ex: Executor): Promise<EvaluationSettings> => {
    const text = await readSetting(ex, SETTINGS_KEY);
    if (text === undefined) return DEFAULT_EVALUATION_SETTINGS;
    const parsed = evaluationSettingsSchema.partial().safeParse(JSON.parse(text));
    return parsed.success ? clampEvaluationSettings({ ...DEFAULT_EVALUATION_SETTINGS, ...parsed.data }) : DEFAULT_EVALUATION_SETTINGS;
  },

  saveSettings: (ex: Executor, value: EvaluationSettings, userId: number) => writeSetting(ex, SETTINGS_KEY, value, userId),

  roundOf: async (ex: Executor, orgId: number, year: number) => {
    const row = await ex.selectFrom('member_evaluation').selectAll().where('org_id', '=', orgId).where('year', '=', year).executeTakeFirst();
    return row && toRound(row);
  },

  insertRound: (ex: Executor, row: Omit<Insertable<MemberEvaluationTable>, 'settings'> & { settings: EvaluationSettings }) =>
    ex
      .insertInto('member_evaluation')
      .values({ ...row, settings: JSON.stringify(row.settings) })
      .returning('id')
      .executeTakeFirstOrThrow(),

  /** The rules are frozen when the round opens: a change never rewrites them. */
  updateRound: (ex: Executor, id: number, patch: Omit<Updateable<MemberEvaluationTable>, 'settings'>) =>
    ex.updateTable('member_evaluation').set(patch).where('id', '=', id).execute(),

  participants: async (ex: Executor, evaluationId: number) =>
    (
      await ex
        .selectFrom('member_evaluation_participant as p')
        .innerJoin('member as m', 'm.id', 'p.member_id')
        .selectAll('p')
        .select(['m.position', 'm.status as member_status', 'm.org_id as member_org_id'])
        .where('p.evaluation_id', '=', evaluationId)
        .orderBy('p.member_name')
        .orderBy('p.member_id')
        .execute()
    ).map(withVotes),

  participant: async (ex: Executor, evaluationId: number, memberId: number) => {
    const row = await ex
      .selectFrom('member_evaluation_participant')
      .selectAll()
      .where('evaluation_id', '=', evaluationId)
      .where('member_id', '=', memberId)
      .executeTakeFirst();
    return row && withVotes(row);
  },

  insertParticipants: async (ex: Executor, rows: Insertable<MemberEvaluationParticipantTable>[]) => {
    for (let i = 0; i < rows.length; i += 300)
      await ex
        .insertInto('member_evaluation_participant')
        .values(rows.slice(i, i + 300))
        .execute();
  },

  updateParticipant: (ex: Executor, evaluationId: number, memberId: number, { votes, ...patch }: ParticipantPatch) =>
    ex
      .updateTable('member_evaluation_participant')
      .set({ ...patch, ...(votes !== undefined ? { votes: votes && JSON.stringify(votes) } : {}) })
      .where('evaluation_id', '=', evaluationId)
      .where('member_id', '=', memberId)
      .execute(),

  org: async (ex: Executor, id: number) =>
    (await ex.selectFrom('organization').select(['id', 'name', 'path', 'parent_id']).where('id', '=', id).executeTakeFirst()) ?? null,

  orgType: (ex: Executor, code: string) =>
    ex.selectFrom('org_type').select(['holds_members', 'name_zh', 'name_en']).where('code', '=', code).executeTakeFirst(),

  /** The display name of an account (who submitted, who decided). */
  userName: async (ex: Executor, userId: number) =>
    (await ex.selectFrom('user_account').select('display_name').where('id', '=', userId).executeTakeFirst())?.display_name ?? null,

  /** Whether the member has cast their ballot in the vote session (turnout is not secret; the choice is). */
  hasVoted: async (ex: Executor, sessionId: number, memberId: number) =>
    !!(await ex.selectFrom('vote_roll').select('voted').where('session_id', '=', sessionId).where('member_id', '=', memberId).executeTakeFirst())?.voted,

  /** Active members of the organization itself: the participants when a round opens. */
  activeMembers: (ex: Executor, orgId: number) =>
    ex.selectFrom('member').select(['id', 'name']).where('org_id', '=', orgId).where('status', '=', 'active').orderBy('name').orderBy('id').execute(),

  /** Where the round's participants belong now (they may have moved since it opened). */
  participantOrgIds: async (ex: Executor, evaluationId: number) => {
    const rows = await ex
      .selectFrom('member_evaluation_participant as p')
      .innerJoin('member as m', 'm.id', 'p.member_id')
      .select('m.org_id')
      .distinct()
      .where('p.evaluation_id', '=', evaluationId)
      .execute();
    return rows.map((r) => r.org_id);
  },

  /** 不合格 participants of approved rounds whose re-evaluation falls due by `until`, not yet recorded nor reminded of. */
  reevaluationsDue: (ex: Executor, until: string) =>
    ex
      .selectFrom('member_evaluation_participant as p')
      .innerJoin('member_evaluation as e', 'e.id', 'p.evaluation_id')
      .innerJoin('organization as o', 'o.id', 'e.org_id')
      .select(['p.evaluation_id', 'p.member_id', 'p.member_name', 'p.reevaluation_due_on', 'e.year', 'o.id as org_id', 'o.path as org_path'])
      .where('e.stage', '=', 'approved')
      .where('p.final_grade', '=', 'unqualified')
      .where('p.reevaluation_grade', 'is', null)
      .where('p.reevaluation_reminded_at', 'is', null)
      .where('p.reevaluation_due_on', '<=', until)
      .orderBy('p.evaluation_id')
      .execute(),

  comments: (ex: Executor, evaluationId: number) =>
    ex
      .selectFrom('member_evaluation_comment as c')
      .innerJoin('member_evaluation_participant as a', (j) =>
        j.onRef('a.evaluation_id', '=', 'c.evaluation_id').onRef('a.member_id', '=', 'c.author_member_id'),
      )
      .select(['c.member_id', 'c.author_member_id', 'a.member_name as author_name', 'c.text', 'c.updated_at'])
      .where('c.evaluation_id', '=', evaluationId)
      .orderBy('c.member_id')
      .orderBy('c.updated_at')
      .execute(),

  commentsBy: (ex: Executor, evaluationId: number, authorMemberId: number) =>
    ex
      .selectFrom('member_evaluation_comment')
      .select(['member_id', 'text', 'updated_at'])
      .where('evaluation_id', '=', evaluationId)
      .where('author_member_id', '=', authorMemberId)
      .execute(),

  commentCounts: async (ex: Executor, evaluationId: number) => {
    const rows = await ex
      .selectFrom('member_evaluation_comment')
      .select(['member_id', (eb) => eb.fn.countAll().as('n')])
      .where('evaluation_id', '=', evaluationId)
      .groupBy('member_id')
      .execute();
    return new Map(rows.map((r) => [r.member_id, Number(r.n)]));
  },

  upsertComment: (ex: Executor, row: { evaluation_id: number; member_id: number; author_member_id: number; text: string; updated_at: string }) =>
    ex
      .insertInto('member_evaluation_comment')
      .values(row)
      .onConflict((oc) => oc.columns(['evaluation_id', 'member_id', 'author_member_id']).doUpdateSet({ text: row.text, updated_at: row.updated_at }))
      .execute(),

  deleteComment: (ex: Executor, evaluationId: number, memberId: number, authorMemberId: number) =>
    ex
      .deleteFrom('member_evaluation_comment')
      .where('evaluation_id', '=', evaluationId)
      .where('member_id', '=', memberId)
      .where('author_member_id', '=', authorMemberId)
      .execute(),

  /**
   * Units that hold members in a subtree with their round of `year` (or none): the overview and
   * the approver's queue. `stage` 'not_started' picks units without a round.
   */
  units(ex: Executor, f: { rootPath: string; year: number; stage?: string; q?: string; like: 'like' | 'ilike' }) {
    let q = ex
      .selectFrom('organization as o')
      .innerJoin('org_type as t', 't.code', 'o.type_code')
      .leftJoin('member_evaluation as e', (j) => j.onRef('e.org_id', '=', 'o.id').on('e.year', '=', f.year))
      .where(pathInSubtree('o.path', f.rootPath))
      .where('o.status', '=', 'active')
      .where('t.holds_members', '=', 1)
      .where((eb) => eb.or([eb('o.direct_member_count', '>', 0), eb('e.id', 'is not', null)]));
    if (f.stage === 'not_started') q = q.where('e.id', 'is', null);
    else if (f.stage) q = q.where('e.stage', '=', f.stage as 'study');
    if (f.q) {
      const term = `%${f.q.replace(/[%_\\]/g, '')}%`;
      q = q.where((eb) => eb.or([eb('o.name', f.like, term), eb('o.pinyin_initials', 'like', `${f.q!.toLowerCase().replace(/[%_\\]/g, '')}%`)]));
    }
    return q;
  },

  /** One page of `units`, the total behind it and the count per stage (not_started included). */
  async unitPage(
    ex: Executor,
    dialect: Dialect,
    filter: { rootPath: string; year: number; stage?: string; q?: string },
    page: { page: number; pageSize: number },
  ) {
    const f = { ...filter, like: likeOf(dialect) };
    const base = evaluationRepository.units(ex, f);
    const [rows, total, counts] = await Promise.all([
      base
        .leftJoin('organization as par', 'par.id', 'o.parent_id')
        .select(['o.id as org_id', 'o.name', 'o.path', 'o.type_code', 'o.direct_member_count', 'o.responsible_person', 'par.name as parent_name'])
        .select(['e.id', 'e.stage', 'e.submitted_at', 'e.decided_at', 'e.vote_quorum_met', 'e.updated_at'])
        .orderBy('o.depth')
        .orderBy('o.code')
        .limit(page.pageSize)
        .offset((page.page - 1) * page.pageSize)
        .execute(),
      base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
      evaluationRepository.unitCounts(ex, f),
    ]);
    return { rows, total: Number(total.n), counts };
  },

  async unitCounts(ex: Executor, f: { rootPath: string; year: number; like: 'like' | 'ilike' }) {
    const stage = sql<string>`coalesce(e.stage, 'not_started')`;
    const rows = await evaluationRepository
      .units(ex, f)
      .select([stage.as('stage'), (eb) => eb.fn.countAll().as('n')])
      .groupBy(stage)
      .execute();
    return new Map(rows.map((r) => [r.stage, Number(r.n)]));
  },

  /** Participants' counts per round, for the list. */
  async roundFigures(ex: Executor, ids: number[]) {
    if (!ids.length) return new Map<number, { participants: number; selfAssessed: number; excellent: number; unqualified: number }>();
    const rows = await ex
      .selectFrom('member_evaluation_participant')
      .select((eb) => [
        'evaluation_id',
        eb.fn.countAll().as('participants'),
        eb.fn.count('self_assessed_at').as('self_assessed'),
        eb.fn.sum(sql<number>`case when coalesce(final_grade, proposed_grade) = 'excellent' then 1 else 0 end`).as('excellent'),
        eb.fn.sum(sql<number>`case when coalesce(final_grade, proposed_grade) = 'unqualified' then 1 else 0 end`).as('unqualified'),
      ])
      .where('evaluation_id', 'in', ids)
      .groupBy('evaluation_id')
      .execute();
    return new Map(
      rows.map((r) => [
        r.evaluation_id,
        {
          participants: Number(r.participants),
          selfAssessed: Number(r.self_assessed),
          excellent: Number(r.excellent ?? 0),
          unqualified: Number(r.unqualified ?? 0),
        },
      ]),
    );
  },

  /** Rounds the member takes part in, newest year first. */
  roundsOfMember: async (ex: Executor, memberId: number) =>
    (
      await ex
        .selectFrom('member_evaluation_participant as p')
        .innerJoin('member_evaluation as e', 'e.id', 'p.evaluation_id')
        .innerJoin('organization as o', 'o.id', 'e.org_id')
        .selectAll('p')
        .select(['e.id', 'e.year', 'e.stage', 'e.org_id', 'o.name as org_name', 'e.vote_mode', 'e.vote_session_id', 'e.vote_present', 'e.decided_at'])
        .where('p.member_id', '=', memberId)
        .orderBy('e.year', 'desc')
        .orderBy('e.id', 'desc')
        .execute()
    ).map(withVotes),

  negativeEntries: (ex: Executor, memberId: number) =>
    ex
      .selectFrom('member_negative_entry as n')
      .leftJoin('user_account as cu', 'cu.id', 'n.created_by')
      .leftJoin('user_account as lu', 'lu.id', 'n.lifted_by')
      .selectAll('n')
      .select(['cu.display_name as created_by_name', 'lu.display_name as lifted_by_name'])
      .where('n.member_id', '=', memberId)
      .orderBy('n.starts_on', 'desc')
      .orderBy('n.id', 'desc')
      .execute(),

  /** Negative-list entries of members whose organization lies in the subtree at `rootPath`. */
  negativeInSubtree: (ex: Executor, rootPath: string, includeLifted: boolean) => {
    let q = ex
      .selectFrom('member_negative_entry as n')
      .innerJoin('member as m', 'm.id', 'n.member_id')
      .innerJoin('organization as o', 'o.id', 'm.org_id')
      .leftJoin('user_account as cu', 'cu.id', 'n.created_by')
      .selectAll('n')
      .select(['m.name as member_name', 'o.name as org_name', 'cu.display_name as created_by_name'])
      .where(pathInSubtree('o.path', rootPath));
    if (!includeLifted) q = q.where('n.lifted_at', 'is', null);
    return q.orderBy('n.created_at', 'desc').orderBy('n.id', 'desc').limit(500).execute();
  },

  /** The member's negative-list periods not lifted. */
  openNegativePeriods: (ex: Executor, memberId: number) =>
    ex.selectFrom('member_negative_entry').select(['starts_on', 'ends_on']).where('member_id', '=', memberId).where('lifted_at', 'is', null).execute(),

  insertNegative: (ex: Executor, row: Insertable<MemberNegativeEntryTable>) =>
    ex.insertInto('member_negative_entry').values(row).returning('id').executeTakeFirstOrThrow(),

  updateNegative: (ex: Executor, id: number, patch: Updateable<MemberNegativeEntryTable>) =>
    ex.updateTable('member_negative_entry').set(patch).where('id', '=', id).execute(),
};

import { PostgresAdapter, sql, type Insertable, type Selectable } from 'kysely';
import { VOTE_KINDS, clampBallotSettings, type BallotSettings, type VoteKind } from '@zx/domain';
import type { Executor } from '../db/database.ts';
import type { VoteSessionStatus, VoteSessionTable, VoteSubjectTable } from '../db/schema-votes.ts';
import { pathInSubtree } from '../access/repository/subtree.ts';

/** The engine is called inside other areas' transactions, so it asks the executor which database it is on. */
export const onPostgres = (ex: Executor) => ex.getExecutor().adapter instanceof PostgresAdapter;

/** A closed session's counts as stored: per subject id, per option key. */
export type StoredResult = Record<string, Record<string, number>>;
type SessionJson = { settings: BallotSettings; result: StoredResult | null };

/**
 * A session row read (also the access module's `voteSession` rows): its settings as it is run
 * and reported — what was stored, raised to the anonymity floors (MIN_REPORTABLE_BALLOTS, the
 * kind's quorum floor), so a session stored before the floors, or written by hand, reports nothing
 * a session created today could not — and, once closed, its counts.
 */
export const toSession = <R extends Pick<Selectable<VoteSessionTable>, 'kind' | keyof SessionJson>>(r: R): Omit<R, keyof SessionJson> & SessionJson => ({
  ...r,
  settings: clampBallotSettings(
    (VOTE_KINDS as readonly string[]).includes(r.kind) ? (r.kind as VoteKind) : 'general',
    JSON.parse(r.settings) as BallotSettings,
  ),
  result: r.result == null ? null : (JSON.parse(r.result) as StoredResult),
});

export type SessionRow = Awaited<ReturnType<typeof voteRepository.session>> & {};

/** A ballot in the box: its answers read, and the text they are stored as (rewriting the box puts it back unchanged). */
export interface BoxedBallot {
  answers: Record<string, string>;
  stored: string;
}

/** Every SQL statement of the ballot engine, representatives and rating sessions. */
export const voteRepository = {
  session: async (ex: Executor, id: number) => {
    const row = await ex.selectFrom('vote_session').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toSession(row);
  },

  /**
   * The session row locked for a state change. On PostgreSQL `for update` waits for every cast in
   * flight (each holds `for key share` on it) and makes later casts wait and then see the new status.
   */
  sessionForChange: async (ex: Executor, id: number) => {
    const q = ex.selectFrom('vote_session').selectAll().where('id', '=', id);
    const row = await (onPostgres(ex) ? q.forUpdate() : q).executeTakeFirst();
    return row && toSession(row);
  },

  /** The session's organization, checked active when a session is created. */
  organization: (ex: Executor, id: number) => ex.selectFrom('organization').select(['id', 'path', 'status']).where('id', '=', id).executeTakeFirst(),
  organizationName: async (ex: Executor, id: number) =>
    (await ex.selectFrom('organization').select('name').where('id', '=', id).executeTakeFirstOrThrow()).name,

  /** Of these members, the active ones. */
  activeMemberIds: async (ex: Executor, ids: number[]) =>
    (await ex.selectFrom('member').select('id').where('id', 'in', ids).where('status', '=', 'active').execute()).map((r) => r.id),

  /** Since when each of these members holds their post (exemption of cadres new in post). */
  positionsSince: async (ex: Executor, ids: number[]) =>
    new Map(
      (ids.length ? await ex.selectFrom('member').select(['id', 'position_since']).where('id', 'in', ids).execute() : []).map((m) => [m.id, m.position_since]),
    ),

  /** A new session: its settings as resolved (no counts until it closes). */
  insertSession: (ex: Executor, row: Omit<Insertable<VoteSessionTable>, keyof SessionJson> & { settings: BallotSettings }) =>
    ex
      .insertInto('vote_session')
      .values({ ...row, settings: JSON.stringify(row.settings), result: null })
      .returning('id')
      .executeTakeFirstOrThrow(),

  /** The settings never change once a session exists; the counts are written when it closes. */
  updateSession: (ex: Executor, id: number, { result, ...patch }: Partial<Omit<Insertable<VoteSessionTable>, keyof SessionJson>> & { result?: StoredResult }) =>
    ex
      .updateTable('vote_session')
      .set({ ...patch, ...(result ? { result: JSON.stringify(result) } : {}) })
      .where('id', '=', id)
      .execute(),

  insertSubjects: (ex: Executor, rows: Insertable<VoteSubjectTable>[]) =>
    rows.length ? ex.insertInto('vote_subject').values(rows).execute() : Promise.resolve(),

  subjects: (ex: Executor, sessionId: number) => ex.selectFrom('vote_subject').selectAll().where('session_id', '=', sessionId).orderBy('ordinal').execute(),

  subject: (ex: Executor, sessionId: number, id: number) =>
    ex.selectFrom('vote_subject').selectAll().where('session_id', '=', sessionId).where('id', '=', id).executeTakeFirst(),

  updateSubject: (ex: Executor, id: number, patch: Partial<Insertable<VoteSubjectTable>>) =>
    ex.updateTable('vote_subject').set(patch).where('id', '=', id).execute(),

  async insertRoll(ex: Executor, sessionId: number, memberIds: number[]) {
    for (let i = 0; i < memberIds.length; i += 500) {
      await ex
        .insertInto('vote_roll')
        .values(memberIds.slice(i, i + 500).map((m) => ({ session_id: sessionId, member_id: m, voted: 0 })))
        .execute();
    }
  },

  rollCounts: async (ex: Executor, sessionId: number) => {
    const r = await ex
      .selectFrom('vote_roll')
      .select((eb) => [eb.fn.countAll<number>().as('size'), eb.fn.sum<number>('voted').as('voted')])
      .where('session_id', '=', sessionId)
      .executeTakeFirstOrThrow();
    return { size: Number(r.size), voted: Number(r.voted ?? 0) };
  },

  /** Roll size and votes cast, per session, for a list of sessions. */
  rollCountsOf: async (ex: Executor, sessionIds: number[]) =>
    new Map(
      (sessionIds.length
        ? await ex
            .selectFrom('vote_roll')
            .select(['session_id', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('voted').as('v')])
            .where('session_id', 'in', sessionIds)
            .groupBy('session_id')
            .execute()
        : []
      ).map((r) => [r.session_id, { n: Number(r.n), v: Number(r.v ?? 0) }]),
    ),

  rollEntry: (ex: Executor, sessionId: number, memberId: number) =>
    ex.selectFrom('vote_roll').select('voted').where('session_id', '=', sessionId).where('member_id', '=', memberId).executeTakeFirst(),

  /** The roll with names, for the organizer (who has voted is public, like a sign-in sheet; what is not). */
  roll: (ex: Executor, sessionId: number) =>
    ex
      .selectFrom('vote_roll as r')
      .innerJoin('member as m', 'm.id', 'r.member_id')
      .innerJoin('organization as o', 'o.id', 'm.org_id')
      .select(['r.member_id', 'r.voted', 'm.name', 'm.position', 'o.name as org_name'])
      .where('r.session_id', '=', sessionId)
      .orderBy('o.path')
      .orderBy('m.name')
      .orderBy('m.id')
      .execute(),

  /** Of these sessions, those that list the member as a subject (the cadres they rate). */
  sessionsRating: async (ex: Executor, sessionIds: number[], memberId: number) =>
    (await ex.selectFrom('vote_subject').select('session_id').distinct().where('session_id', 'in', sessionIds).where('member_id', '=', memberId).execute()).map(
      (r) => r.session_id,
    ),

  /** Who is on the roll and where they belong (the notice that voting started goes to each). */
  rollMembers: (ex: Executor, sessionId: number) =>
    ex
      .selectFrom('vote_roll as r')
      .innerJoin('member as m', 'm.id', 'r.member_id')
      .innerJoin('organization as o', 'o.id', 'm.org_id')
      .select(['r.member_id', 'm.org_id', 'o.path as org_path'])
      .where('r.session_id', '=', sessionId)
      .orderBy('r.member_id')
      .execute(),

  ballotBox: async (ex: Executor, sessionId: number): Promise<BoxedBallot[]> =>
    (await ex.selectFrom('vote_ballot').select('answers').where('session_id', '=', sessionId).execute()).map((b) => ({
      answers: JSON.parse(b.answers) as Record<string, string>,
      stored: b.answers,
    })),

  deleteBallots: (ex: Executor, sessionId: number) => ex.deleteFrom('vote_ballot').where('session_id', '=', sessionId).execute(),

  /** The box's ballots put back in the order given, each under its new id. */
  async insertBallots(ex: Executor, sessionId: number, ballots: { id: string; ballot: BoxedBallot }[]) {
    const rows = ballots.map((b) => ({ session_id: sessionId, id: b.id, answers: b.ballot.stored }));
    // One row per statement keeps the physical order exactly the (shuffled) order given.
    for (let i = 0; i < rows.length; i += 200)
      await ex
        .insertInto('vote_ballot')
        .values(rows.slice(i, i + 200))
        .execute();
  },

  /**
   * Rewrites every roll row of the session so none keeps the transaction id of its cast (PostgreSQL
   * `xmin`). Run inside a savepoint, whose own transaction id differs from the one the rewritten box gets.
   */
  async touchRoll(ex: Executor, sessionId: number) {
    await sql`savepoint vote_roll_touch`.execute(ex);
    await ex
      .updateTable('vote_roll')
      .set((eb) => ({ voted: eb.ref('voted') }))
      .where('session_id', '=', sessionId)
      .execute();
    await sql`release savepoint vote_roll_touch`.execute(ex);
  },

  deleteDraft: async (ex: Executor, sessionId: number) => {
    await ex.deleteFrom('vote_roll').where('session_id', '=', sessionId).execute();
    await ex.deleteFrom('vote_subject').where('session_id', '=', sessionId).execute();
    await ex.deleteFrom('vote_session').where('id', '=', sessionId).execute();
  },

  /** Sessions of organizations in a subtree (or of one organization), newest first. */
  list: async (ex: Executor, f: { orgId?: number; path?: string; kind?: string; status?: VoteSessionStatus }) => {
    let q = ex.selectFrom('vote_session as s').innerJoin('organization as o', 'o.id', 's.org_id').selectAll('s').select('o.name as org_name');
    if (f.path) q = q.where(pathInSubtree('s.org_path', f.path));
    if (f.orgId) q = q.where('s.org_id', '=', f.orgId);
    if (f.kind) q = q.where('s.kind', '=', f.kind);
    if (f.status) q = q.where('s.status', '=', f.status);
    return (await q.orderBy('s.created_at', 'desc').orderBy('s.id', 'desc').limit(200).execute()).map(toSession);
  },

  /** Sessions whose roll holds this member (open ones and those closed in the last 90 days). */
  mine: (ex: Executor, memberId: number, closedSince: string) =>
    ex
      .selectFrom('vote_roll as r')
      .innerJoin('vote_session as s', 's.id', 'r.session_id')
      .innerJoin('organization as o', 'o.id', 's.org_id')
      .select([
        's.id',
        's.kind',
        's.title_zh',
        's.title_en',
        's.status',
        's.opens_at',
        's.closes_at',
        's.closed_at',
        's.org_id',
        'o.name as org_name',
        'r.voted',
      ])
      .where('r.member_id', '=', memberId)
      .where((eb) => eb.or([eb('s.status', '=', 'open'), eb.and([eb('s.status', '=', 'closed'), eb('s.closed_at', '>=', closedSince)])]))
      .orderBy('s.status', 'desc')
      .orderBy('s.closes_at')
      .orderBy('s.id', 'desc')
      .execute(),

  dueToOpen: (ex: Executor, now: string) =>
    ex
      .selectFrom('vote_session')
      .select('id')
      .where('status', '=', 'draft')
      .where('opens_at', 'is not', null)
      .where('opens_at', '<=', now)
      .where((eb) => eb.or([eb('closes_at', 'is', null), eb('closes_at', '>', now)]))
      .execute(),
  dueToClose: (ex: Executor, now: string) =>
    ex.selectFrom('vote_session').select('id').where('status', '=', 'open').where('closes_at', 'is not', null).where('closes_at', '<=', now).execute(),

  // Representatives

  representatives: (ex: Executor, orgId: number) =>
    ex
      .selectFrom('org_representative as r')
      .innerJoin('member as m', 'm.id', 'r.member_id')
      .innerJoin('organization as o', 'o.id', 'm.org_id')
      .select(['r.member_id', 'r.added_at', 'm.name', 'm.gender', 'm.position', 'm.status', 'm.org_id', 'o.name as org_name', 'o.path as org_path'])
      .where('r.org_id', '=', orgId)
      .orderBy('o.path')
      .orderBy('m.name')
      .orderBy('m.id')
      .execute(),

  activeRepresentativeIds: async (ex: Executor, orgId: number) =>
    (
      await ex
        .selectFrom('org_representative as r')
        .innerJoin('member as m', 'm.id', 'r.member_id')
        .select('r.member_id')
        .where('r.org_id', '=', orgId)
        .where('m.status', '=', 'active')
        .orderBy('r.member_id')
        .execute()
    ).map((r) => r.member_id),

  /** Whether the member is an active representative of this organization itself. */
  isRepresentative: async (ex: Executor, orgId: number, memberId: number) =>
    !!(await ex
      .selectFrom('org_representative as r')
      .innerJoin('member as m', 'm.id', 'r.member_id')
      .select('r.member_id')
      .where('r.org_id', '=', orgId)
      .where('r.member_id', '=', memberId)
      .where('m.status', '=', 'active')
      .executeTakeFirst()),

  /** Of these members, the active ones in the subtree at `path` (who may be a representative there). */
  activeMemberIdsUnder: async (ex: Executor, ids: number[], path: string) =>
    (
      await ex
        .selectFrom('member as m')
        .innerJoin('organization as o', 'o.id', 'm.org_id')
        .select('m.id')
        .where('m.id', 'in', ids)
        .where('m.status', '=', 'active')
        .where(pathInSubtree('o.path', path))
        .execute()
    ).map((r) => r.id),

  /** Replaces the representatives of an organization: removes some, adds others. */
  async changeRepresentatives(ex: Executor, orgId: number, change: { added: number[]; removed: number[]; at: string; by: number }) {
    if (change.removed.length) await ex.deleteFrom('org_representative').where('org_id', '=', orgId).where('member_id', 'in', change.removed).execute();
    if (change.added.length)
      await ex
        .insertInto('org_representative')
        .values(change.added.map((m) => ({ org_id: orgId, member_id: m, added_at: change.at, added_by: change.by })))
        .execute();
  },

  representativeIds: async (ex: Executor, orgId: number) =>
    (await ex.selectFrom('org_representative').select('member_id').where('org_id', '=', orgId).execute()).map((r) => r.member_id),

  /**
   * After a close has committed: PostgreSQL vacuums the box and the roll; SQLite (which zeroes
   * deleted cells: `secure_delete` is on from db/database.ts) checkpoints and truncates its WAL.
   */
  scrubBallots: async (ex: Executor, dialect: 'sqlite' | 'postgres') => {
    if (dialect === 'postgres') await sql`vacuum vote_ballot, vote_roll`.execute(ex);
    else await sql`pragma wal_checkpoint(TRUNCATE)`.execute(ex);
  },

  /** Cadres of an organization itself: active members holding a position. */
  cadres: (ex: Executor, orgId: number) =>
    ex
      .selectFrom('member')
      .select(['id', 'name', 'position', 'position_since'])
      .where('org_id', '=', orgId)
      .where('status', '=', 'active')
      .where('position', '!=', 'none')
      .orderBy('id')
      .execute(),
};

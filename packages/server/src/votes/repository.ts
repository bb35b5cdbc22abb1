import { PostgresAdapter, sql, type Insertable } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { VoteSessionStatus, VoteSessionTable, VoteSubjectTable } from '../db/schema-votes.ts';
import type { AuditLogTable } from '../db/schema.ts';
import { pathInSubtree } from '../access/paths.ts';

/** The engine is called inside other areas' transactions, so it asks the executor which database it is on. */
export const onPostgres = (ex: Executor) => ex.getExecutor().adapter instanceof PostgresAdapter;

export type SessionRow = Awaited<ReturnType<typeof voteRepository.session>> & {};

/** Every SQL statement of the ballot engine, representatives and rating sessions. */
export const voteRepository = {
  session: (ex: Executor, id: number) => ex.selectFrom('vote_session').selectAll().where('id', '=', id).executeTakeFirst(),

  /**
   * The session row locked for a state change. On PostgreSQL `for update` waits for every cast in
   * flight (each holds `for key share` on it) and makes later casts wait and then see the new status.
   */
  sessionForChange: (ex: Executor, id: number) => {
    const q = ex.selectFrom('vote_session').selectAll().where('id', '=', id);
    return (onPostgres(ex) ? q.forUpdate() : q).executeTakeFirst();
  },

  /** The cast's gate on the session: key-share lock on PostgreSQL, so a close cannot interleave. */
  sessionForCast: (ex: Executor, id: number) => {
    const q = ex.selectFrom('vote_session').select(['status', 'opens_at', 'closes_at']).where('id', '=', id);
    return (onPostgres(ex) ? q.forKeyShare() : q).executeTakeFirst();
  },

  insertSession: (ex: Executor, row: Insertable<VoteSessionTable>) => ex.insertInto('vote_session').values(row).returning('id').executeTakeFirstOrThrow(),

  updateSession: (ex: Executor, id: number, patch: Partial<Insertable<VoteSessionTable>>) =>
    ex.updateTable('vote_session').set(patch).where('id', '=', id).execute(),

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

  /**
   * The gate of casts (SQLite; PostgreSQL does the same in castBatchOnPostgres): flips each voter's
   * flag only if it was not set and returns the voters whose flag flipped now — they own their
   * vote; the others had voted already (or are not on the roll).
   */
  async markVotedMany(ex: Executor, sessionId: number, memberIds: number[]): Promise<number[]> {
    const flipped: number[] = [];
    for (let i = 0; i < memberIds.length; i += 500) {
      const rows = await ex
        .updateTable('vote_roll')
        .set({ voted: 1 })
        .where('session_id', '=', sessionId)
        .where('member_id', 'in', memberIds.slice(i, i + 500))
        .where('voted', '=', 0)
        .returning('member_id')
        .execute();
      flipped.push(...rows.map((r) => r.member_id));
    }
    return flipped;
  },

  /**
   * A batch of casts on PostgreSQL in one statement (one round trip, one transaction): the
   * sessions' gate (`for key share`, so a close waits for it and it sees a close that committed
   * first), each voter's roll flag 0 → 1, and for the flags that flipped the ballot and the audit
   * row (`vote.cast`: that, not what). The batch's ballots go in ordered by their random ids, so
   * not even within a batch does the box keep the order of the roll. One cast per (session, voter).
   * The gate looks the batch's sessions up by primary key (given as their own array), so its cost
   * does not grow with the number of sessions open elsewhere in the city.
   * Returns the sessions open now and the positions (in `casts`) of the casts written.
   */
  castBatchOnPostgres: async (
    ex: Executor,
    casts: { sessionId: number; memberId: number; ballotId: string; answers: string; audit: Insertable<AuditLogTable> }[],
    now: string,
  ) => {
    const col = <T>(f: (c: (typeof casts)[number]) => T) => casts.map(f);
    const r = await sql<{ open_ids: number[]; cast_ordinals: number[] }>`
      with c as (
        select * from unnest(
          ${col((c) => c.sessionId)}::bigint[], ${col((c) => c.memberId)}::bigint[], ${col((c) => c.ballotId)}::text[], ${col((c) => c.answers)}::text[],
          ${col((c) => c.audit.at)}::text[], ${col((c) => c.audit.user_id ?? null)}::bigint[], ${col((c) => c.audit.username ?? null)}::text[],
          ${col((c) => c.audit.role ?? null)}::text[], ${col((c) => c.audit.org_id ?? null)}::bigint[], ${col((c) => c.audit.org_path ?? null)}::text[],
          ${col((c) => c.audit.target_id ?? null)}::text[], ${col((c) => c.audit.ip ?? null)}::text[]
        ) with ordinality as c(session_id, member_id, ballot_id, answers, at, user_id, username, role, org_id, org_path, target_id, ip, ord)
      ), s as (
        select id from vote_session
        where id = any(${[...new Set(col((c) => c.sessionId))]}::bigint[]) and status = 'open' and (opens_at is null or opens_at <= ${now}) and (closes_at is null or closes_at > ${now})
        for key share
      ), r as (
        update vote_roll v set voted = 1 from c
        where v.session_id = c.session_id and v.member_id = c.member_id and v.voted = 0 and v.session_id in (select id from s)
        returning c.ord
      ), b as (
        insert into vote_ballot (session_id, id, answers)
        select c.session_id, c.ballot_id, c.answers from c where c.ord in (select ord from r) order by c.ballot_id
      ), l as (
        insert into audit_log (at, user_id, username, role, org_id, org_path, action, target_type, target_id, summary, ip, outcome)
        select c.at, c.user_id, c.username, c.role, c.org_id, c.org_path, 'vote.cast', 'vote_session', c.target_id, null, c.ip, 'success'
        from c where c.ord in (select ord from r) order by c.ord
      )
      select coalesce((select array_agg(id)::int[] from s), '{}') as open_ids, coalesce((select array_agg(ord)::int[] from r), '{}') as cast_ordinals`.execute(
      ex,
    );
    const row = r.rows[0];
    return { openSessions: new Set(row.open_ids.map(Number)), castOrdinals: new Set(row.cast_ordinals.map((o) => Number(o) - 1)) };
  },

  /** A batch of casts on SQLite: every ballot in one statement (the box orders rows by their random ids), every audit row in another. */
  async insertCastBatch(ex: Executor, ballots: { session_id: number; id: string; answers: string }[], audits: Insertable<AuditLogTable>[]) {
    for (let i = 0; i < ballots.length; i += 200)
      await ex
        .insertInto('vote_ballot')
        .values(ballots.slice(i, i + 200))
        .execute();
    for (let i = 0; i < audits.length; i += 100)
      await ex
        .insertInto('audit_log')
        .values(audits.slice(i, i + 100))
        .execute();
  },

  ballotAnswers: (ex: Executor, sessionId: number) => ex.selectFrom('vote_ballot').select('answers').where('session_id', '=', sessionId).execute(),

  deleteBallots: (ex: Executor, sessionId: number) => ex.deleteFrom('vote_ballot').where('session_id', '=', sessionId).execute(),

  async insertBallots(ex: Executor, rows: { session_id: number; id: string; answers: string }[]) {
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
  list: (ex: Executor, f: { orgId?: number; path?: string; kind?: string; status?: VoteSessionStatus }) => {
    let q = ex.selectFrom('vote_session as s').innerJoin('organization as o', 'o.id', 's.org_id').selectAll('s').select('o.name as org_name');
    if (f.path) q = q.where(pathInSubtree('s.org_path', f.path));
    if (f.orgId) q = q.where('s.org_id', '=', f.orgId);
    if (f.kind) q = q.where('s.kind', '=', f.kind);
    if (f.status) q = q.where('s.status', '=', f.status);
    return q.orderBy('s.created_at', 'desc').orderBy('s.id', 'desc').limit(200).execute();
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

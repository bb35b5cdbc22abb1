import { sql, type Insertable, type Kysely } from 'kysely';
import { nowIso, type Executor } from '../db/database.ts';
import type { AuditLogTable, DB } from '../db/schema.ts';
import { onPostgres } from './repository.ts';

/**
 * The SQL of a cast (the hot path: ballots/s is benchmarked). A batch of casts is written by
 * `writeCasts` (votes/cast-batcher.ts collects it): one statement on PostgreSQL, one transaction
 * on SQLite. Each cast is checked on its own — its session open now, its roll flag flipped 0 → 1 —
 * and a refused one writes nothing.
 */

export type CastOutcome = 'ok' | 'ALREADY_VOTED' | 'NOT_OPEN';

/** One voter's cast, its answers already validated (written as JSON); at most one per (session, voter) in a batch. */
export interface CastRow {
  sessionId: number;
  memberId: number;
  answers: Record<string, string>;
  audit: Insertable<AuditLogTable>;
}

export const castRepository = {
  /** The cast's gate on the session: key-share lock on PostgreSQL, so a close cannot interleave. */
  sessionForCast: (ex: Executor, id: number) => {
    const q = ex.selectFrom('vote_session').select(['status', 'opens_at', 'closes_at']).where('id', '=', id);
    return (onPostgres(ex) ? q.forKeyShare() : q).executeTakeFirst();
  },

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

  /** Writes a batch of casts (one per session and voter) and answers each: written, a repeat, or its session not open. */
  writeCasts: (db: Kysely<DB>, casts: CastRow[], newBallotId: () => string): Promise<CastOutcome[]> =>
    onPostgres(db) ? writeOnPostgres(db, casts, newBallotId) : writeOnSqlite(db, casts, newBallotId),
};

async function writeOnPostgres(db: Kysely<DB>, casts: CastRow[], newBallotId: () => string): Promise<CastOutcome[]> {
  const { openSessions, castOrdinals } = await castRepository.castBatchOnPostgres(
    db,
    casts.map((c) => ({ ...c, ballotId: newBallotId(), answers: JSON.stringify(c.answers) })),
    nowIso(),
  );
  return casts.map((c, i) => (!openSessions.has(c.sessionId) ? 'NOT_OPEN' : castOrdinals.has(i) ? 'ok' : 'ALREADY_VOTED'));
}

async function writeOnSqlite(db: Kysely<DB>, casts: CastRow[], newBallotId: () => string): Promise<CastOutcome[]> {
  const bySession = new Map<number, CastRow[]>();
  for (const c of casts) bySession.set(c.sessionId, [...(bySession.get(c.sessionId) ?? []), c]);
  // Serialized before the write transaction opens, so it holds SQLite's one writer no longer than the statements.
  const answers = new Map(casts.map((c) => [c, JSON.stringify(c.answers)]));
  return db.transaction().execute(async (trx) => {
    const now = nowIso();
    const written = new Set<CastRow>();
    const closed = new Set<number>();
    for (const [sessionId, group] of bySession) {
      const s = await castRepository.sessionForCast(trx, sessionId);
      if (s?.status !== 'open' || (s.opens_at && s.opens_at > now) || (s.closes_at && s.closes_at <= now)) {
        closed.add(sessionId);
        continue;
      }
      const flipped = new Set(
        await castRepository.markVotedMany(
          trx,
          sessionId,
          group.map((c) => c.memberId),
        ),
      );
      for (const c of group) if (flipped.has(c.memberId)) written.add(c);
    }
    const ok = casts.filter((c) => written.has(c));
    await castRepository.insertCastBatch(
      trx,
      ok.map((c) => ({ session_id: c.sessionId, id: newBallotId(), answers: answers.get(c)! })),
      ok.map((c) => c.audit),
    );
    return casts.map((c) => (closed.has(c.sessionId) ? 'NOT_OPEN' : written.has(c) ? 'ok' : 'ALREADY_VOTED'));
  });
}

import type { Expression, Insertable, SqlBool, Updateable } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { HonourCandidateTable, HonourObjectionTable, HonourRoundTable, HonourRoundStatus } from '../db/schema-honours.ts';
import { pathInSubtree } from '../access/paths.ts';

/** The same shapes as the access module's `honourRound` and `honourCandidate` rows. */
const roundNames = ['o.name as org_name', 'o.depth'] as const;
const candidateNames = ['o.name as org_name', 'ro.name as recommender_org_name'] as const;

export const honourRepository = {
  insertRound: (ex: Executor, row: Insertable<HonourRoundTable>) => ex.insertInto('honour_round').values(row).returning('id').executeTakeFirstOrThrow(),
  updateRound: (ex: Executor, id: number, patch: Updateable<HonourRoundTable>) => ex.updateTable('honour_round').set(patch).where('id', '=', id).execute(),

  /** `visible`: the access module's predicate over `r` (access/kinds/honours.ts roundScope). */
  listRounds(ex: Executor, visible: Expression<SqlBool>, f: { orgPath?: string; status?: HonourRoundStatus; year?: number }) {
    let q = ex.selectFrom('honour_round as r').innerJoin('organization as o', 'o.id', 'r.org_id').where(visible).selectAll('r').select(roundNames);
    if (f.orgPath) q = q.where(pathInSubtree('r.org_path', f.orgPath));
    if (f.status) q = q.where('r.status', '=', f.status);
    if (f.year) q = q.where('r.year', '=', f.year);
    return q.orderBy('r.year', 'desc').orderBy('r.id', 'desc').limit(200).execute();
  },

  candidates: (ex: Executor, roundId: number) =>
    ex
      .selectFrom('honour_candidate as c')
      .innerJoin('organization as o', 'o.id', 'c.org_id')
      .innerJoin('organization as ro', 'ro.id', 'c.recommender_org_id')
      .selectAll('c')
      .select(candidateNames)
      .where('c.round_id', '=', roundId)
      .orderBy('c.kind')
      .orderBy('c.org_path')
      .orderBy('c.id')
      .execute(),

  candidate: (ex: Executor, id: number) =>
    ex
      .selectFrom('honour_candidate as c')
      .innerJoin('organization as o', 'o.id', 'c.org_id')
      .innerJoin('organization as ro', 'ro.id', 'c.recommender_org_id')
      .selectAll('c')
      .select(candidateNames)
      .where('c.id', '=', id)
      .executeTakeFirst(),

  candidateBySubject: (ex: Executor, roundId: number, kind: string, subjectKey: string) =>
    ex
      .selectFrom('honour_candidate')
      .selectAll()
      .where('round_id', '=', roundId)
      .where('kind', '=', kind)
      .where('subject_key', '=', subjectKey)
      .executeTakeFirst(),

  insertCandidate: (ex: Executor, row: Insertable<HonourCandidateTable>) =>
    ex.insertInto('honour_candidate').values(row).returning('id').executeTakeFirstOrThrow(),
  updateCandidate: (ex: Executor, id: number, patch: Updateable<HonourCandidateTable>) =>
    ex.updateTable('honour_candidate').set(patch).where('id', '=', id).execute(),

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

  roundName: (ex: Executor, id: number) => ex.selectFrom('honour_round').select('name').where('id', '=', id).executeTakeFirstOrThrow(),

  /** Organization names by id, for certificates (the ids come from awards already in the actor's reach). */
  orgNames: async (ex: Executor, ids: number[]) =>
    ids.length
      ? await ex
          .selectFrom('organization')
          .select(['id', 'name'])
          .where('id', 'in', [...new Set(ids)])
          .execute()
      : [],

  /** An organization by id, for the record (where an objector stood); never a scope check. */
  organization: (ex: Executor, id: number) => ex.selectFrom('organization').select(['id', 'path']).where('id', '=', id).executeTakeFirstOrThrow(),

  campaign: (ex: Executor, id: number) => ex.selectFrom('campaign').select(['id', 'name', 'org_path', 'phase_dates']).where('id', '=', id).executeTakeFirst(),
  campaignsCovering: (ex: Executor, paths: string[]) =>
    ex.selectFrom('campaign').select(['id', 'name', 'org_path', 'phase_dates']).where('org_path', 'in', paths).orderBy('id', 'desc').execute(),
};

export type CandidateRow = NonNullable<Awaited<ReturnType<typeof honourRepository.candidate>>>;

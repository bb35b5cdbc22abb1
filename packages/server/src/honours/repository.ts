import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { HonourCandidateTable, HonourObjectionTable, HonourRoundTable, HonourRoundStatus } from '../db/schema-honours.ts';
import { pathInSubtree } from '../access/paths.ts';

const roundColumns = [
  'r.id', 'r.org_id', 'r.org_path', 'r.name', 'r.year', 'r.reference_date', 'r.kinds', 'r.settings', 'r.require_lower_title', 'r.campaign_id', 'r.status',
  'r.notice_starts_on', 'r.notice_ends_on', 'r.published_at', 'r.finalized_at', 'r.created_at', 'r.updated_at', 'o.name as org_name', 'o.depth',
] as const;

const candidateColumns = [
  'c.id', 'c.round_id', 'c.kind', 'c.subject_key', 'c.org_id', 'c.org_path', 'c.member_id', 'c.subject_name', 'c.status', 'c.recommender_org_id',
  'c.recommender_org_path', 'c.note', 'c.checks', 'c.created_at', 'c.updated_at', 'o.name as org_name', 'ro.name as recommender_org_name',
] as const;

export interface RoundVisibility {
  /** The actor's organization path. */
  path: string;
  /** Ancestor-or-self paths of the actor's organization. */
  ancestors: string[];
  /** The actor reads its subtree (every role but 'member'). */
  subtree: boolean;
  /** The actor holds honour.manage (sees rounds open for recommendations from above). */
  recommends: boolean;
}

function roundsBase(ex: Executor, v: RoundVisibility) {
  return ex.selectFrom('honour_round as r').innerJoin('organization as o', 'o.id', 'r.org_id').where((eb) => {
    const ors = [eb.and([eb('r.org_path', 'in', v.ancestors), eb('r.status', 'in', ['notice', 'final'])])];
    if (v.subtree) ors.push(pathInSubtree('r.org_path', v.path) as never);
    if (v.recommends) ors.push(eb.and([eb('r.org_path', 'in', v.ancestors), eb('r.status', '=', 'recommending')]));
    return eb.or(ors);
  });
}

export const honourRepository = {
  insertRound: (ex: Executor, row: Insertable<HonourRoundTable>) => ex.insertInto('honour_round').values(row).returning('id').executeTakeFirstOrThrow(),
  updateRound: (ex: Executor, id: number, patch: Updateable<HonourRoundTable>) => ex.updateTable('honour_round').set(patch).where('id', '=', id).execute(),

  /** A round the actor may see (see `RoundVisibility`). */
  findRound: (ex: Executor, v: RoundVisibility, id: number) => roundsBase(ex, v).select(roundColumns).where('r.id', '=', id).executeTakeFirst(),

  listRounds(ex: Executor, v: RoundVisibility, f: { orgPath?: string; status?: HonourRoundStatus; year?: number }) {
    let q = roundsBase(ex, v).select(roundColumns);
    if (f.orgPath) q = q.where(pathInSubtree('r.org_path', f.orgPath));
    if (f.status) q = q.where('r.status', '=', f.status);
    if (f.year) q = q.where('r.year', '=', f.year);
    return q.orderBy('r.year', 'desc').orderBy('r.id', 'desc').limit(200).execute();
  },

  candidates: (ex: Executor, roundId: number) =>
    ex.selectFrom('honour_candidate as c').innerJoin('organization as o', 'o.id', 'c.org_id').innerJoin('organization as ro', 'ro.id', 'c.recommender_org_id')
      .select(candidateColumns).where('c.round_id', '=', roundId).orderBy('c.kind').orderBy('c.org_path').orderBy('c.id').execute(),

  candidate: (ex: Executor, id: number) =>
    ex.selectFrom('honour_candidate as c').innerJoin('organization as o', 'o.id', 'c.org_id').innerJoin('organization as ro', 'ro.id', 'c.recommender_org_id')
      .select(candidateColumns).where('c.id', '=', id).executeTakeFirst(),

  candidateBySubject: (ex: Executor, roundId: number, kind: string, subjectKey: string) =>
    ex.selectFrom('honour_candidate').selectAll().where('round_id', '=', roundId).where('kind', '=', kind).where('subject_key', '=', subjectKey).executeTakeFirst(),

  insertCandidate: (ex: Executor, row: Insertable<HonourCandidateTable>) => ex.insertInto('honour_candidate').values(row).returning('id').executeTakeFirstOrThrow(),
  updateCandidate: (ex: Executor, id: number, patch: Updateable<HonourCandidateTable>) => ex.updateTable('honour_candidate').set(patch).where('id', '=', id).execute(),

  /** Candidates holding a place in the quota (accepted or awarded), per kind. */
  async used(ex: Executor, roundId: number): Promise<Map<string, number>> {
    const rows = await ex.selectFrom('honour_candidate').select(['kind', (eb) => eb.fn.countAll().as('n')]).where('round_id', '=', roundId)
      .where('status', 'in', ['candidate', 'awarded']).groupBy('kind').execute();
    return new Map(rows.map((r) => [r.kind, Number(r.n)]));
  },

  objections: (ex: Executor, roundId: number) =>
    ex.selectFrom('honour_objection as j').innerJoin('honour_candidate as c', 'c.id', 'j.candidate_id').innerJoin('organization as oo', 'oo.id', 'j.objector_org_id')
      .selectAll('j').select(['c.subject_name', 'c.kind', 'oo.name as objector_org_name']).where('j.round_id', '=', roundId).orderBy('j.id').execute(),

  objectionsOf: (ex: Executor, roundId: number, userId: number) =>
    ex.selectFrom('honour_objection as j').innerJoin('honour_candidate as c', 'c.id', 'j.candidate_id')
      .selectAll('j').select(['c.subject_name', 'c.kind']).where('j.round_id', '=', roundId).where('j.objector_user_id', '=', userId).orderBy('j.id').execute(),

  objection: (ex: Executor, id: number) => ex.selectFrom('honour_objection').selectAll().where('id', '=', id).executeTakeFirst(),
  insertObjection: (ex: Executor, row: Insertable<HonourObjectionTable>) => ex.insertInto('honour_objection').values(row).returning('id').executeTakeFirstOrThrow(),
  updateObjection: (ex: Executor, id: number, patch: Updateable<HonourObjectionTable>) => ex.updateTable('honour_objection').set(patch).where('id', '=', id).execute(),

  pendingObjections: async (ex: Executor, roundId: number) =>
    Number((await ex.selectFrom('honour_objection').select((eb) => eb.fn.countAll().as('n')).where('round_id', '=', roundId).where('status', '=', 'pending').executeTakeFirstOrThrow()).n),

  awardsOfRound: (ex: Executor, roundId: number) =>
    ex.selectFrom('honour_award').selectAll().where('round_id', '=', roundId).orderBy('kind').orderBy('certificate_no').execute(),

  award: (ex: Executor, id: number) => ex.selectFrom('honour_award').selectAll().where('id', '=', id).executeTakeFirst(),

  awardsOfSubject: (ex: Executor, subjectKey: string) =>
    ex.selectFrom('honour_award as a').innerJoin('honour_round as r', 'r.id', 'a.round_id')
      .selectAll('a').select(['r.name as round_name']).where('a.subject_key', '=', subjectKey).orderBy('a.year', 'desc').orderBy('a.id', 'desc').execute(),

  campaign: (ex: Executor, id: number) => ex.selectFrom('campaign').select(['id', 'name', 'org_path', 'phase_dates']).where('id', '=', id).executeTakeFirst(),
  campaignsCovering: (ex: Executor, paths: string[]) => ex.selectFrom('campaign').select(['id', 'name', 'org_path', 'phase_dates']).where('org_path', 'in', paths).orderBy('id', 'desc').execute(),
};

export type RoundRow = NonNullable<Awaited<ReturnType<typeof honourRepository.findRound>>>;
export type CandidateRow = NonNullable<Awaited<ReturnType<typeof honourRepository.candidate>>>;

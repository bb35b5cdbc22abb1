import type { EvaluationGrade, EvaluationStage } from '@zx/domain';
import type { AppContext } from '../context.ts';
import type { Actor } from '../auth/actor.ts';
import { evaluationRepository as repo } from './repository.ts';
import { ballotStatus } from './vote.ts';
import { approves, manages, readRoot } from './rounds.ts';

/** The lists: the units of a subtree with their round of the year, and the rounds the signed-in member takes part in. */
export const evaluationOverview = {
  /** Units holding members in the actor's subtree (or below `orgId`) with their round of the year: the overview and the approver's queue. */
  async list(ctx: AppContext, actor: Actor, q: { orgId?: number; year: number; stage?: string; q?: string; page: number; pageSize: number }) {
    const root = await readRoot(ctx.db, actor, q.orgId);
    const { rows, total, counts } = await repo.unitPage(ctx.db, ctx.dialect, { rootPath: root, year: q.year, stage: q.stage, q: q.q?.trim() || undefined }, q);
    const figures = await repo.roundFigures(
      ctx.db,
      rows.flatMap((r) => (r.id ? [r.id] : [])),
    );
    const stages = ['not_started', 'study', 'self_assessment', 'peer_review', 'voting', 'proposal', 'submitted', 'approved'];
    return {
      items: rows.map((r) => {
        const fig = r.id ? figures.get(r.id) : undefined;
        return {
          orgId: r.org_id,
          orgName: r.name,
          parentName: r.parent_name ?? null,
          responsiblePerson: r.responsible_person,
          members: Number(r.direct_member_count),
          evaluationId: r.id ?? null,
          stage: (r.stage ?? 'not_started') as EvaluationStage | 'not_started',
          participants: fig?.participants ?? 0,
          selfAssessed: fig?.selfAssessed ?? 0,
          excellent: fig?.excellent ?? 0,
          unqualified: fig?.unqualified ?? 0,
          submittedAt: r.submitted_at ?? null,
          decidedAt: r.decided_at ?? null,
          updatedAt: r.updated_at ?? null,
          canApprove: r.stage === 'submitted' && approves(actor, { org_path: r.path }),
          canOpen: !r.id && manages(actor, { org_path: r.path }),
        };
      }),
      total,
      page: q.page,
      pageSize: q.pageSize,
      counts: Object.fromEntries([...stages.map((s) => [s, counts.get(s) ?? 0]), ['all', [...counts.values()].reduce((a, b) => a + b, 0)]]),
    };
  },

  /** The signed-in member's rounds: what they have to do in each (self-assessment, comments, the vote) and their approved grade. */
  async mine(ctx: AppContext, actor: Actor) {
    if (!actor.memberId) return { memberId: null, items: [] };
    const rows = await repo.roundsOfMember(ctx.db, actor.memberId);
    return {
      memberId: actor.memberId,
      items: await Promise.all(
        rows.map(async (r) => {
          const vote = r.vote_mode === 'ballot' && r.vote_session_id ? await ballotStatus(ctx.db, r.vote_session_id) : null;
          return {
            evaluationId: r.id,
            orgId: r.org_id,
            orgName: r.org_name,
            year: r.year,
            stage: r.stage,
            selfAssessmentDone: !!r.self_assessed_at,
            vote: vote ? { sessionId: r.vote_session_id!, status: vote.status, voted: await repo.hasVoted(ctx.db, r.vote_session_id!, actor.memberId!) } : null,
            finalGrade: r.stage === 'approved' ? (r.final_grade as EvaluationGrade | null) : null,
          };
        }),
      ),
    };
  },
};

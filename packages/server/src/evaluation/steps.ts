import { isoToday, type EvaluationStage } from '@zx/domain';
import type { AppContext } from '../context.ts';
import { nowIso } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { requireAccess } from '../access/index.ts';
import { audit } from '../audit/service.ts';
import { conflict, forbidden, notFound, validationFailed } from '../http/errors.ts';
import { notify } from '../inbox/service.ts';
import { evaluationRepository as repo } from './repository.ts';
import { EVALUATION, MEMBER, STAGE_NAMES, assertStage, managedRound, orgName, stageConflict, visibleRound } from './rounds.ts';
import { evaluationPolicy } from './policy.ts';
import { getRound } from './round-view.ts';

/** A round's first steps: opening it, the study, self-assessments and peer comments (the vote: voting.ts; the grades: grading.ts). */
export const evaluationSteps = {
  /** The branch opens the year's round: its active members become the participants (frozen), the rules are copied. */
  async open(ctx: AppContext, actor: Actor, input: { orgId: number; year: number }) {
    const id = await ctx.db.transaction().execute(async (trx) => {
      const org = await requireAccess(trx, actor, 'evaluation.manage', 'org', input.orgId);
      const type = await repo.orgType(trx, org.type_code);
      if (org.status !== 'active' || !type?.holds_members) {
        throw validationFailed([
          {
            field: 'orgId',
            code: 'EVALUATION_ORG_HOLDS_NO_MEMBERS',
            message: { zh: '只有直接管理团员的基层团组织才能开展团员教育评议', en: 'Only an active organization that holds members runs a member evaluation' },
          },
        ]);
      }
      const thisYear = Number(isoToday().slice(0, 4));
      if (input.year < thisYear - 1 || input.year > thisYear + 1) {
        throw validationFailed([
          {
            field: 'year',
            code: 'EVALUATION_YEAR_RANGE',
            message: { zh: `评议年度应为 ${thisYear - 1}–${thisYear + 1} 年`, en: `The year must be ${thisYear - 1}–${thisYear + 1}` },
          },
        ]);
      }
      if (await repo.roundOf(trx, org.id, input.year))
        throw conflict('EVALUATION_EXISTS', `${org.name}${input.year} 年度的团员教育评议已经开展`, `${org.name} already has an evaluation for ${input.year}`);
      const members = await repo.activeMembers(trx, org.id);
      if (!members.length)
        throw validationFailed([
          {
            field: 'orgId',
            code: 'EVALUATION_NO_MEMBERS',
            message: { zh: '该组织没有在册团员，无法开展评议', en: 'This organization has no active members to evaluate' },
          },
        ]);
      const settings = await repo.settings(trx);
      const at = nowIso();
      const { id } = await repo.insertRound(trx, {
        org_id: org.id,
        org_path: org.path,
        year: input.year,
        stage: 'study',
        settings,
        study_held_on: null,
        study_note: null,
        vote_mode: null,
        vote_session_id: null,
        vote_present: null,
        vote_quorum_met: null,
        vote_closed_at: null,
        return_comment: null,
        submitted_at: null,
        submitted_by: null,
        decided_at: null,
        decided_by: null,
        created_at: at,
        created_by: actor.userId,
        updated_at: at,
      });
      await repo.insertParticipants(
        trx,
        members.map((m) => ({ evaluation_id: id, member_id: m.id, member_name: m.name })),
      );
      await notify(trx, {
        org: { id: org.id, path: org.path },
        kind: 'evaluation_opened',
        link: `/evaluations/${id}`,
        titleZh: `${input.year} 年度团员教育评议已开始，请按步骤完成学习和个人自评`,
        titleEn: `The ${input.year} member evaluation has begun: study, then write your self-assessment`,
      });
      await audit(trx, actor, {
        action: 'evaluation.open',
        targetType: 'member_evaluation',
        targetId: id,
        summary: { orgId: org.id, year: input.year, participants: members.length, settings },
      });
      return id;
    });
    return getRound(ctx, actor, id);
  },

  /** Records the study step (学习教育): when it was held and what was studied. */
  async saveStudy(ctx: AppContext, actor: Actor, id: number, input: { heldOn: string | null; note: string | null }) {
    await ctx.db.transaction().execute(async (trx) => {
      const r = await managedRound(trx, actor, id);
      assertStage(r, 'study', 'self_assessment', 'peer_review');
      if (input.heldOn && input.heldOn > isoToday()) {
        throw validationFailed([
          { field: 'heldOn', code: 'EVALUATION_DATE_IN_FUTURE', message: { zh: '学习教育日期不能晚于今天', en: 'The study date cannot be in the future' } },
        ]);
      }
      await repo.updateRound(trx, r.id, { study_held_on: input.heldOn, study_note: input.note?.trim() || null, updated_at: nowIso() });
      await audit(trx, actor, { action: 'evaluation.study', targetType: 'member_evaluation', targetId: r.id, summary: { heldOn: input.heldOn } });
    });
    return getRound(ctx, actor, id);
  },

  /** Moves the round on: study → self-assessment (needs the study recorded) → peer comments. The vote has its own endpoints. */
  async advance(ctx: AppContext, actor: Actor, id: number, to: EvaluationStage) {
    await ctx.db.transaction().execute(async (trx) => {
      const r = await managedRound(trx, actor, id);
      const allowed: Partial<Record<EvaluationStage, EvaluationStage>> = { study: 'self_assessment', self_assessment: 'peer_review' };
      if (allowed[r.stage] !== to) throw stageConflict(STAGE_NAMES[r.stage]);
      if (to === 'self_assessment' && !r.study_held_on) {
        throw validationFailed([
          {
            field: 'heldOn',
            code: 'EVALUATION_STUDY_REQUIRED',
            message: { zh: '请先登记学习教育的时间和内容', en: 'Record when the study session was held first' },
          },
        ]);
      }
      await repo.updateRound(trx, r.id, { stage: to, updated_at: nowIso() });
      if (to === 'peer_review') {
        const org = (await orgName(trx, r.org_id))!;
        await notify(trx, {
          org: { id: org.id, path: org.path },
          kind: 'evaluation_step',
          link: `/evaluations/${r.id}`,
          titleZh: `${r.year} 年度团员教育评议进入团员互评环节，请为其他团员写评议意见`,
          titleEn: `The ${r.year} member evaluation is at peer comments: comment on your fellow members`,
        });
      }
      await audit(trx, actor, { action: 'evaluation.advance', targetType: 'member_evaluation', targetId: r.id, summary: { from: r.stage, to } });
    });
    return getRound(ctx, actor, id);
  },

  /** A participant writes their own self-assessment from their account, or the secretary records it for them. */
  async writeSelfAssessment(ctx: AppContext, actor: Actor, id: number, memberId: number, text: string) {
    await ctx.db.transaction().execute(async (trx) => {
      const own = actor.memberId === memberId;
      const { round: r, participant } = await visibleRound(trx, actor, id);
      if (!evaluationPolicy.writesSelfAssessment(actor, r, memberId, participant)) throw forbidden();
      const p = await repo.participant(trx, r.id, memberId);
      if (!p) throw notFound(MEMBER);
      assertStage(r, 'study', 'self_assessment', 'peer_review');
      const body = text.trim();
      if (!body)
        throw validationFailed([{ field: 'text', code: 'EVALUATION_TEXT_REQUIRED', message: { zh: '请填写个人自评内容', en: 'Write the self-assessment' } }]);
      const at = nowIso();
      await repo.updateParticipant(trx, r.id, memberId, {
        self_assessment: body,
        self_assessed_at: at,
        self_assessed_by: actor.userId,
        self_assessment_by_member: own ? 1 : 0,
      });
      await repo.updateRound(trx, r.id, { updated_at: at });
      await audit(trx, actor, {
        action: 'evaluation.self_assessment',
        targetType: 'member_evaluation',
        targetId: r.id,
        summary: { memberId, byMember: own, length: [...body].length },
      });
    });
    return getRound(ctx, actor, id);
  },

  /** A participant comments on another participant (peer review); an empty text withdraws the comment. */
  async writeComment(ctx: AppContext, actor: Actor, id: number, memberId: number, text: string) {
    await ctx.db.transaction().execute(async (trx) => {
      const { round: r, participant } = await visibleRound(trx, actor, id);
      if (!participant || !actor.memberId) throw forbidden();
      if (!(await repo.participant(trx, r.id, memberId))) throw notFound(MEMBER);
      if (memberId === actor.memberId) {
        throw validationFailed([
          {
            field: 'memberId',
            code: 'EVALUATION_SELF_COMMENT',
            message: {
              zh: '互评意见写给其他团员，本人情况请写在个人自评中',
              en: 'Peer comments are for the others; write about yourself in the self-assessment',
            },
          },
        ]);
      }
      assertStage(r, 'peer_review');
      const body = text.trim();
      const at = nowIso();
      if (body) await repo.upsertComment(trx, { evaluation_id: r.id, member_id: memberId, author_member_id: actor.memberId, text: body, updated_at: at });
      else await repo.deleteComment(trx, r.id, memberId, actor.memberId);
      await audit(trx, actor, { action: 'evaluation.comment', targetType: 'member_evaluation', targetId: r.id, summary: { memberId, withdrawn: !body } });
    });
    return getRound(ctx, actor, id);
  },

  /** The peer comments, grouped by the member they are about: for the branch committee and the level above only. */
  async comments(ctx: AppContext, actor: Actor, id: number) {
    const { round: r, participant } = await visibleRound(ctx.db, actor, id);
    if (!evaluationPolicy.readsComments(actor, r)) {
      if (participant) throw forbidden();
      throw notFound(EVALUATION);
    }
    const rows = await repo.comments(ctx.db, r.id);
    return rows.map((c) => ({ memberId: c.member_id, authorMemberId: c.author_member_id, authorName: c.author_name, text: c.text, updatedAt: c.updated_at }));
  },
};

import {
  EVALUATION_GRADES,
  departsFromVote,
  evaluationQuorumMinimum,
  excellentCap,
  isoToday,
  leadingGrades,
  reevaluationDueOn,
  reevaluationWindow,
  validateEvaluationSettings,
  validateProposal,
  type EvaluationGrade,
  type EvaluationSettings,
  type EvaluationStage,
  type FieldError,
  type ProposedGrade,
} from '@zx/domain';
import type { AppContext } from '../context.ts';
import type { Executor } from '../db/database.ts';
import { nowIso } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { requireAccess, scopeRoot } from '../access/index.ts';
import { audit } from '../audit/service.ts';
import { conflict, forbidden, notFound, validationFailed } from '../http/errors.ts';
import { notify } from '../inbox/service.ts';
import { evaluationRepository as repo } from './repository.ts';
import { getEvaluationSettings, saveEvaluationSettings } from './settings.ts';
import { hasVoted, ballotStatus } from './vote.ts';
import {
  EVALUATION,
  MEMBER,
  STAGE_NAMES,
  approves,
  assertStage,
  countsOf,
  managedRound,
  manages,
  orgName,
  refreshFacts,
  reportableCounts,
  settingsOf,
  stageConflict,
  visibleRound,
  voteOf,
  type Round,
} from './rounds.ts';
import { evaluationPolicy, selfApproval } from './policy.ts';

const like = (ctx: AppContext) => (ctx.dialect === 'postgres' ? 'ilike' : 'like') as 'like' | 'ilike';

/** A branch's annual round: opening, the study, self-assessments, comments, the proposal, approval, re-evaluation (the vote: voting.ts). */
export const evaluationService = {
  async settings(ctx: AppContext, actor: Actor) {
    if (!evaluationPolicy.readsSettings(actor)) throw forbidden();
    return { settings: await getEvaluationSettings(ctx.db), canEdit: evaluationPolicy.editSettings(actor) };
  },

  /** The deployment's numbers (quorum, 优秀 cap, re-evaluation window): only at the top of the tree. */
  async saveSettings(ctx: AppContext, actor: Actor, value: EvaluationSettings) {
    if (!evaluationPolicy.editSettings(actor)) throw forbidden();
    const errors = validateEvaluationSettings(value);
    if (errors.length) throw validationFailed(errors);
    await ctx.db.transaction().execute(async (trx) => {
      const before = await getEvaluationSettings(trx);
      await saveEvaluationSettings(trx, value, actor.userId);
      await audit(trx, actor, { action: 'evaluation.settings', targetType: 'setting', targetId: 'evaluation', summary: { before, after: value } });
    });
    return evaluationService.settings(ctx, actor);
  },

  /** Units holding members in the actor's subtree (or below `orgId`) with their round of the year: the overview and the approver's queue. */
  async list(ctx: AppContext, actor: Actor, q: { orgId?: number; year: number; stage?: string; q?: string; page: number; pageSize: number }) {
    const root = q.orgId ? (await requireAccess(ctx.db, actor, 'evaluation.read', 'org', q.orgId)).path : scopeRoot(actor, 'evaluation.read');
    const f = { rootPath: root, year: q.year, stage: q.stage, q: q.q?.trim() || undefined, like: like(ctx) };
    const base = repo.units(ctx.db, f);
    const [rows, total, counts] = await Promise.all([
      base
        .leftJoin('organization as par', 'par.id', 'o.parent_id')
        .select(['o.id as org_id', 'o.name', 'o.path', 'o.type_code', 'o.direct_member_count', 'o.responsible_person', 'par.name as parent_name'])
        .select(['e.id', 'e.stage', 'e.submitted_at', 'e.decided_at', 'e.vote_quorum_met', 'e.updated_at'])
        .orderBy('o.depth')
        .orderBy('o.code')
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute(),
      base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
      repo.unitCounts(ctx.db, f),
    ]);
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
      total: Number(total.n),
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
            vote: vote ? { sessionId: r.vote_session_id!, status: vote.status, voted: await hasVoted(ctx.db, r.vote_session_id!, actor.memberId!) } : null,
            finalGrade: r.stage === 'approved' ? (r.final_grade as EvaluationGrade | null) : null,
          };
        }),
      ),
    };
  },

  /** One round. The committee and the levels above see everything but the peer comments (GET …/comments); a participant sees their own part. */
  async get(ctx: AppContext, actor: Actor, id: number) {
    const { round: r, full, participant } = await visibleRound(ctx.db, actor, id);
    const s = settingsOf(r);
    const [org, rows, commentCounts, vote] = await Promise.all([
      orgName(ctx.db, r.org_id),
      repo.participants(ctx.db, r.id),
      repo.commentCounts(ctx.db, r.id),
      voteOf(ctx.db, r),
    ]);
    const parent = await orgName(ctx.db, org?.parent_id ?? null);
    const [submittedBy, decidedBy] = await Promise.all(
      [r.submitted_by, r.decided_by].map((u) =>
        u ? ctx.db.selectFrom('user_account').select('display_name').where('id', '=', u).executeTakeFirst() : undefined,
      ),
    );
    const mine = participant && actor.memberId ? rows.find((p) => p.member_id === actor.memberId)! : null;
    const myComments = mine ? await repo.commentsBy(ctx.db, r.id, actor.memberId!) : [];
    const graded = (p: (typeof rows)[number]) => (p.final_grade ?? p.proposed_grade) as EvaluationGrade | null;
    const cap = excellentCap(rows.length, s.excellentCapPercent);
    return {
      id: r.id,
      year: r.year,
      stage: r.stage,
      settings: s,
      org: { id: r.org_id, name: org?.name ?? '', parentName: parent?.name ?? null },
      study: { heldOn: r.study_held_on, note: r.study_note },
      figures: {
        participants: rows.length,
        selfAssessed: rows.filter((p) => p.self_assessed_at).length,
        commented: rows.filter((p) => (commentCounts.get(p.member_id) ?? 0) > 0).length,
        quorumMinimum: evaluationQuorumMinimum(rows.length, s.quorum),
        excellentCap: cap,
        // How many were graded what is the committee's and the levels above's: not shown to the participants.
        ...(full
          ? {
              excellent: rows.filter((p) => graded(p) === 'excellent').length,
              byGrade: Object.fromEntries(EVALUATION_GRADES.map((g) => [g, rows.filter((p) => graded(p) === g).length])) as Record<EvaluationGrade, number>,
            }
          : {}),
      },
      vote: {
        mode: r.vote_mode,
        sessionId: r.vote_session_id,
        present: r.vote_present,
        quorumMet: r.vote_quorum_met == null ? null : !!r.vote_quorum_met,
        closedAt: r.vote_closed_at,
        session: vote && vote.mode === 'ballot' ? { status: vote.status, rollSize: vote.rollSize, votedCount: vote.votedCount, closesAt: vote.closesAt } : null,
        myVoted: mine && r.vote_mode === 'ballot' && r.vote_session_id ? await hasVoted(ctx.db, r.vote_session_id, mine.member_id) : null,
      },
      // The level above's return comment names members and grades: the committee's, not the participants'.
      review: {
        submittedAt: r.submitted_at,
        submittedBy: submittedBy?.display_name ?? null,
        decidedAt: r.decided_at,
        decidedBy: full ? (decidedBy?.display_name ?? null) : null,
        returnComment: full ? r.return_comment : null,
      },
      participants: full
        ? rows.map((p) => {
            // Per-member counts only from MIN_REPORTABLE_BALLOTS ballots on (stored earlier or not).
            const votes = reportableCounts(r, p.votes);
            return {
              memberId: p.member_id,
              name: p.member_name,
              position: p.position,
              memberStatus: p.member_status,
              selfAssessment: p.self_assessment,
              selfAssessedAt: p.self_assessed_at,
              selfAssessmentByMember: !!p.self_assessment_by_member,
              commentsReceived: commentCounts.get(p.member_id) ?? 0,
              votes,
              leading: leadingGrades(votes),
              proposedGrade: p.proposed_grade as EvaluationGrade | null,
              overrideReason: p.override_reason,
              departs: p.proposed_grade ? departsFromVote(p.proposed_grade as EvaluationGrade, votes) : false,
              finalGrade: p.final_grade as EvaluationGrade | null,
              reevaluation: p.reevaluation_due_on
                ? {
                    dueOn: p.reevaluation_due_on,
                    grade: p.reevaluation_grade as EvaluationGrade | null,
                    heldOn: p.reevaluation_held_on,
                    note: p.reevaluation_note,
                  }
                : null,
            };
          })
        : // A participant sees who takes part and who has written a self-assessment, nothing of the others' texts or grades.
          rows.map((p) => ({
            memberId: p.member_id,
            name: p.member_name,
            position: p.position,
            selfAssessedAt: p.self_assessed_at ? p.self_assessed_at : null,
          })),
      me: mine
        ? {
            memberId: mine.member_id,
            selfAssessment: mine.self_assessment,
            selfAssessedAt: mine.self_assessed_at,
            comments: myComments.map((c) => ({ memberId: c.member_id, text: c.text, updatedAt: c.updated_at })),
            finalGrade: r.stage === 'approved' ? (mine.final_grade as EvaluationGrade | null) : null,
            reevaluationDueOn: r.stage === 'approved' ? mine.reevaluation_due_on : null,
          }
        : null,
      canManage: manages(actor, r),
      canApprove: r.stage === 'submitted' && approves(actor, r),
      canReadComments: manages(actor, r) || approves(actor, r),
      full,
    };
  },

  /** The branch opens the year's round: its active members become the participants (frozen), the rules are copied. */
  async open(ctx: AppContext, actor: Actor, input: { orgId: number; year: number }) {
    const id = await ctx.db.transaction().execute(async (trx) => {
      const org = await requireAccess(trx, actor, 'evaluation.manage', 'org', input.orgId);
      const type = await trx.selectFrom('org_type').select(['holds_members', 'name_zh', 'name_en']).where('code', '=', org.type_code).executeTakeFirst();
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
      const settings = await getEvaluationSettings(trx);
      const at = nowIso();
      const { id } = await repo.insertRound(trx, {
        org_id: org.id,
        org_path: org.path,
        year: input.year,
        stage: 'study',
        settings: JSON.stringify(settings),
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
    return evaluationService.get(ctx, actor, id);
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
    return evaluationService.get(ctx, actor, id);
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
    return evaluationService.get(ctx, actor, id);
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
    return evaluationService.get(ctx, actor, id);
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
    return evaluationService.get(ctx, actor, id);
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

  /** The committee's proposed grades (a draft; the rules apply to what is given). */
  async saveProposal(ctx: AppContext, actor: Actor, id: number, grades: ProposedGrade[]) {
    await ctx.db.transaction().execute(async (trx) => {
      const r = await managedRound(trx, actor, id);
      assertStage(r, 'proposal');
      await writeProposal(trx, actor, r, grades, false);
    });
    return evaluationService.get(ctx, actor, id);
  },

  /** Sends the complete proposal to the level above (saving `grades` first, if given). */
  async submit(ctx: AppContext, actor: Actor, id: number, grades?: ProposedGrade[]) {
    await ctx.db.transaction().execute(async (trx) => {
      const r = await managedRound(trx, actor, id);
      assertStage(r, 'proposal');
      if (grades) await writeProposal(trx, actor, r, grades, false);
      const rows = await repo.participants(trx, r.id);
      const all = rows.map((p) => ({ memberId: p.member_id, grade: p.proposed_grade as EvaluationGrade | null, reason: p.override_reason }));
      const errors = validateProposal(all, {
        participants: rows.map((p) => p.member_id),
        votes: new Map(rows.map((p) => [p.member_id, countsOf(p.votes) ?? {}])),
        settings: settingsOf(r),
        complete: true,
      });
      if (errors.length) throw validationFailed(errors);
      const at = nowIso();
      await repo.updateRound(trx, r.id, { stage: 'submitted', submitted_at: at, submitted_by: actor.userId, updated_at: at });
      const org = (await orgName(trx, r.org_id))!;
      const parent = await orgName(trx, org.parent_id);
      if (parent) {
        await notify(trx, {
          org: { id: parent.id, path: parent.path },
          kind: 'evaluation_submitted',
          link: `/evaluations/${r.id}`,
          titleZh: `${org.name}报送了 ${r.year} 年度团员教育评议等次，请审核`,
          titleEn: `${org.name} submitted its ${r.year} member evaluation grades for approval`,
        });
      }
      await audit(trx, actor, {
        action: 'evaluation.submit',
        targetType: 'member_evaluation',
        targetId: r.id,
        summary: { grades: Object.fromEntries(EVALUATION_GRADES.map((g) => [g, all.filter((x) => x.grade === g).length])) },
      });
    });
    return evaluationService.get(ctx, actor, id);
  },

  /** The level above approves the grades (they become final; 不合格 gets its re-evaluation date) or returns them with a comment. */
  async review(ctx: AppContext, actor: Actor, id: number, input: { decision: 'approve' | 'return'; comment?: string | null }) {
    await ctx.db.transaction().execute(async (trx) => {
      const r: Round = await requireAccess(trx, actor, 'evaluation.approve', 'evaluation', id);
      if (!approves(actor, r)) throw selfApproval();
      assertStage(r, 'submitted');
      const comment = input.comment?.trim() || null;
      if (input.decision === 'return' && !comment) {
        throw validationFailed([
          { field: 'comment', code: 'EVALUATION_RETURN_COMMENT_REQUIRED', message: { zh: '退回时请填写意见', en: 'Say why when returning the grades' } },
        ]);
      }
      const at = nowIso();
      const org = (await orgName(trx, r.org_id))!;
      if (input.decision === 'approve') {
        const s = settingsOf(r);
        const today = isoToday();
        for (const p of await repo.participants(trx, r.id)) {
          await repo.updateParticipant(trx, r.id, p.member_id, {
            final_grade: p.proposed_grade,
            reevaluation_due_on: p.proposed_grade === 'unqualified' ? reevaluationDueOn(today, s) : null,
          });
        }
        await repo.updateRound(trx, r.id, { stage: 'approved', decided_at: at, decided_by: actor.userId, return_comment: comment, updated_at: at });
        await refreshFacts(trx, r);
      } else {
        await repo.updateRound(trx, r.id, { stage: 'proposal', decided_at: at, decided_by: actor.userId, return_comment: comment, updated_at: at });
      }
      await notify(trx, {
        org: { id: org.id, path: org.path },
        kind: input.decision === 'approve' ? 'evaluation_approved' : 'evaluation_returned',
        link: `/evaluations/${r.id}`,
        body: comment,
        ...(input.decision === 'approve'
          ? {
              titleZh: `${r.year} 年度团员教育评议等次已由${actor.grant.orgName}审定`,
              titleEn: `The ${r.year} member evaluation grades were approved by ${actor.grant.orgName}`,
            }
          : {
              titleZh: `${r.year} 年度团员教育评议等次被${actor.grant.orgName}退回，请按意见修改后重新报送`,
              titleEn: `The ${r.year} member evaluation grades were returned by ${actor.grant.orgName}; revise and resubmit`,
            }),
      });
      await audit(trx, actor, {
        action: input.decision === 'approve' ? 'evaluation.approve' : 'evaluation.return',
        targetType: 'member_evaluation',
        targetId: r.id,
        summary: { orgId: r.org_id, year: r.year, comment },
      });
    });
    return evaluationService.get(ctx, actor, id);
  },

  /** The re-evaluation of an 不合格 member, held in the window after the approval (3–6 months by default). */
  async recordReevaluation(ctx: AppContext, actor: Actor, id: number, memberId: number, input: { grade: EvaluationGrade; heldOn: string; note: string }) {
    await ctx.db.transaction().execute(async (trx) => {
      const r = await managedRound(trx, actor, id);
      assertStage(r, 'approved');
      const p = await repo.participant(trx, r.id, memberId);
      if (!p) throw notFound(MEMBER);
      if (p.final_grade !== 'unqualified')
        throw conflict('EVALUATION_NOT_UNQUALIFIED', '只有评为不合格的团员需要重新评议', 'Only a member graded 不合格 is re-evaluated');
      if (p.reevaluation_grade) throw conflict('EVALUATION_ALREADY_REEVALUATED', '该团员的重新评议结果已经登记', 'The re-evaluation has already been recorded');
      const s = settingsOf(r);
      const approvedOn = (r.decided_at ?? nowIso()).slice(0, 10);
      const window = reevaluationWindow(approvedOn, s);
      const errors: FieldError[] = [];
      if (input.grade === 'excellent')
        errors.push({
          field: 'grade',
          code: 'EVALUATION_REEVALUATION_GRADE',
          message: { zh: '重新评议只评定合格、基本合格或不合格', en: 'A re-evaluation gives 合格, 基本合格 or 不合格' },
        });
      if (input.heldOn > isoToday())
        errors.push({
          field: 'heldOn',
          code: 'EVALUATION_DATE_IN_FUTURE',
          message: { zh: '重新评议日期不能晚于今天', en: 'The date cannot be in the future' },
        });
      else if (input.heldOn < window.from) {
        errors.push({
          field: 'heldOn',
          code: 'EVALUATION_REEVALUATION_TOO_EARLY',
          message: {
            zh: `重新评议应在审定 ${s.reevaluationMinMonths}–${s.reevaluationMaxMonths} 个月后进行（${window.from} 起）`,
            en: `The re-evaluation falls ${s.reevaluationMinMonths}–${s.reevaluationMaxMonths} months after the approval (from ${window.from})`,
          },
        });
      }
      if (!input.note.trim())
        errors.push({ field: 'note', code: 'EVALUATION_TEXT_REQUIRED', message: { zh: '请填写重新评议情况', en: 'Describe the re-evaluation' } });
      if (errors.length) throw validationFailed(errors);
      await repo.updateParticipant(trx, r.id, memberId, {
        reevaluation_grade: input.grade,
        reevaluation_held_on: input.heldOn,
        reevaluation_note: input.note.trim(),
        reevaluated_by: actor.userId,
      });
      await audit(trx, actor, {
        action: 'evaluation.reevaluate',
        targetType: 'member_evaluation',
        targetId: r.id,
        summary: { memberId, grade: input.grade, heldOn: input.heldOn },
      });
    });
    return evaluationService.get(ctx, actor, id);
  },
};

async function writeProposal(trx: Executor, actor: Actor, r: Round, grades: ProposedGrade[], complete: boolean) {
  const rows = await repo.participants(trx, r.id);
  const votes = new Map(rows.map((p) => [p.member_id, countsOf(p.votes) ?? {}]));
  // The cap counts the whole proposal: what is given now over what was saved before.
  const given = new Map(grades.map((g) => [g.memberId, g]));
  const merged: ProposedGrade[] = rows.map(
    (p) => given.get(p.member_id) ?? { memberId: p.member_id, grade: p.proposed_grade as EvaluationGrade | null, reason: p.override_reason },
  );
  const errors = validateProposal(grades, { participants: rows.map((p) => p.member_id), votes, settings: settingsOf(r), complete });
  const capErrors = validateProposal(merged, { participants: rows.map((p) => p.member_id), votes, settings: settingsOf(r), complete: false }).filter(
    (e) => e.code === 'EVALUATION_EXCELLENT_CAP',
  );
  const all = [...errors.filter((e) => e.code !== 'EVALUATION_EXCELLENT_CAP'), ...capErrors];
  if (all.length) throw validationFailed(all);
  for (const g of grades) {
    const reason = g.reason?.trim() || null;
    await repo.updateParticipant(trx, r.id, g.memberId, { proposed_grade: g.grade, override_reason: reason });
  }
  await repo.updateRound(trx, r.id, { updated_at: nowIso() });
  await audit(trx, actor, {
    action: 'evaluation.propose',
    targetType: 'member_evaluation',
    targetId: r.id,
    summary: { grades: grades.map((g) => ({ memberId: g.memberId, grade: g.grade, reason: g.reason ?? null })) },
  });
}

import {
  EVALUATION_GRADES,
  isoToday,
  reevaluationDueOn,
  reevaluationWindow,
  validateProposal,
  type EvaluationGrade,
  type FieldError,
  type ProposedGrade,
} from '@zx/domain';
import type { AppContext } from '../context.ts';
import type { Executor } from '../db/database.ts';
import { nowIso } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { audit } from '../audit/service.ts';
import { conflict, notFound, validationFailed } from '../http/errors.ts';
import { notify } from '../inbox/service.ts';
import { evaluationRepository as repo } from './repository.ts';
import { MEMBER, roundToApprove, approves, assertStage, managedRound, orgName, refreshFacts, type Round } from './rounds.ts';
import { selfApproval } from './policy.ts';
import { getRound } from './round-view.ts';

/** The grades: the committee's proposal, the level above's approval or return, and the re-evaluation of an 不合格 member. */
export const evaluationGrading = {
  /** The committee's proposed grades (a draft; the rules apply to what is given). */
  async saveProposal(ctx: AppContext, actor: Actor, id: number, grades: ProposedGrade[]) {
    await ctx.db.transaction().execute(async (trx) => {
      const r = await managedRound(trx, actor, id);
      assertStage(r, 'proposal');
      await writeProposal(trx, actor, r, grades, false);
    });
    return getRound(ctx, actor, id);
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
        votes: new Map(rows.map((p) => [p.member_id, p.votes ?? {}])),
        settings: r.settings,
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
    return getRound(ctx, actor, id);
  },

  /** The level above approves the grades (they become final; 不合格 gets its re-evaluation date) or returns them with a comment. */
  async review(ctx: AppContext, actor: Actor, id: number, input: { decision: 'approve' | 'return'; comment?: string | null }) {
    await ctx.db.transaction().execute(async (trx) => {
      const r = await roundToApprove(trx, actor, id);
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
        const s = r.settings;
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
    return getRound(ctx, actor, id);
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
      const s = r.settings;
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
    return getRound(ctx, actor, id);
  },
};

async function writeProposal(trx: Executor, actor: Actor, r: Round, grades: ProposedGrade[], complete: boolean) {
  const rows = await repo.participants(trx, r.id);
  const votes = new Map(rows.map((p) => [p.member_id, p.votes ?? {}]));
  // The cap counts the whole proposal: what is given now over what was saved before.
  const given = new Map(grades.map((g) => [g.memberId, g]));
  const merged: ProposedGrade[] = rows.map(
    (p) => given.get(p.member_id) ?? { memberId: p.member_id, grade: p.proposed_grade as EvaluationGrade | null, reason: p.override_reason },
  );
  const errors = validateProposal(grades, { participants: rows.map((p) => p.member_id), votes, settings: r.settings, complete });
  const capErrors = validateProposal(merged, { participants: rows.map((p) => p.member_id), votes, settings: r.settings, complete: false }).filter(
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

import { evaluationVotesReportable, isoToday, negativePeriodCoversYear, type EvaluationGrade, type FieldError } from '@zx/domain';
import type { AppContext } from '../context.ts';
import type { Executor } from '../db/database.ts';
import { nowIso } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { requireAccess } from '../access/index.ts';
import { audit } from '../audit/service.ts';
import { conflict, validationFailed } from '../http/errors.ts';
import { evaluationRepository as repo } from './repository.ts';
import { evaluationPolicy } from './policy.ts';
import { readRoot } from './rounds.ts';

export interface EvaluationHistoryEntry {
  evaluationId: number;
  year: number;
  orgId: number;
  orgName: string;
  /** The approved grade. */
  grade: EvaluationGrade | null;
  votes: Partial<Record<EvaluationGrade, number>> | null;
  overrideReason: string | null;
  approvedAt: string | null;
  reevaluation: { dueOn: string | null; grade: EvaluationGrade | null; heldOn: string | null; note: string | null } | null;
}

/**
 * A member's approved evaluation grades, newest year first (for the member's page and for the
 * honours work: e.g. 优秀 in at least 3 of the last 5 years).
 */
export async function evaluationHistory(ex: Executor, memberId: number): Promise<EvaluationHistoryEntry[]> {
  const rows = await repo.roundsOfMember(ex, memberId);
  return rows
    .filter((r) => r.stage === 'approved')
    .map((r) => ({
      evaluationId: r.id,
      year: r.year,
      orgId: r.org_id,
      orgName: r.org_name,
      grade: r.final_grade as EvaluationGrade | null,
      // Never counts from fewer than MIN_REPORTABLE_BALLOTS ballots (rows stored before the floor included).
      votes: r.votes && evaluationVotesReportable(r.vote_present) ? r.votes : null,
      overrideReason: r.override_reason,
      approvedAt: r.decided_at,
      reevaluation:
        r.final_grade === 'unqualified'
          ? { dueOn: r.reevaluation_due_on, grade: r.reevaluation_grade as EvaluationGrade | null, heldOn: r.reevaluation_held_on, note: r.reevaluation_note }
          : null,
    }));
}

/** Whether the member is on the negative list (负面清单) at any time of `year`: such a member gets no honour that year. */
export async function onNegativeList(ex: Executor, memberId: number, year: number): Promise<boolean> {
  const rows = await repo.openNegativePeriods(ex, memberId);
  return rows.some((r) => negativePeriodCoversYear(r.starts_on, r.ends_on, year));
}

const presentEntry = (n: Awaited<ReturnType<typeof repo.negativeEntries>>[number], today: string) => ({
  id: n.id,
  memberId: n.member_id,
  reason: n.reason,
  startsOn: n.starts_on,
  endsOn: n.ends_on,
  createdAt: n.created_at,
  createdBy: n.created_by_name ?? null,
  liftedAt: n.lifted_at,
  liftedBy: n.lifted_by_name ?? null,
  liftReason: n.lift_reason,
  active: !n.lifted_at && n.starts_on <= today && (n.ends_on == null || n.ends_on >= today),
});

function validateEntry(input: { reason: string; startsOn: string; endsOn: string | null }) {
  const errors: FieldError[] = [];
  if ([...input.reason.trim()].length < 2)
    errors.push({ field: 'reason', code: 'NEGATIVE_REASON_REQUIRED', message: { zh: '请写明列入负面清单的事由', en: 'Give the reason for the entry' } });
  if (input.endsOn && input.endsOn < input.startsOn)
    errors.push({ field: 'endsOn', code: 'NEGATIVE_PERIOD_INVALID', message: { zh: '结束日期不能早于开始日期', en: 'The end cannot be before the start' } });
  return errors;
}

export const negativeListService = {
  /** A member's evaluation history and negative-list entries: readable with the roster in scope, or by the member. */
  async history(ctx: AppContext, actor: Actor, memberId: number) {
    // The member themself, or evaluation.read over the member's organization (the kind reaches nothing else).
    const member = await requireAccess(ctx.db, actor, null, 'evaluatedMember', memberId);
    const today = isoToday();
    const year = Number(today.slice(0, 4));
    const entries = await repo.negativeEntries(ctx.db, memberId);
    return {
      memberId,
      evaluations: await evaluationHistory(ctx.db, memberId),
      negativeList: entries.map((n) => presentEntry(n, today)),
      onNegativeListThisYear: await onNegativeList(ctx.db, memberId, year),
      canManage: evaluationPolicy.managesNegative(actor, member),
    };
  },

  /** The negative list of a subtree (current entries; lifted ones on request). */
  async list(ctx: AppContext, actor: Actor, q: { orgId?: number; includeLifted: boolean }) {
    const root = await readRoot(ctx.db, actor, q.orgId);
    const today = isoToday();
    return (await repo.negativeInSubtree(ctx.db, root, q.includeLifted)).map((n) => ({
      ...presentEntry({ ...n, lifted_by_name: null }, today),
      memberName: n.member_name,
      orgName: n.org_name,
    }));
  },

  /** The branch or a level above puts a member on the negative list for a period. */
  async add(ctx: AppContext, actor: Actor, input: { memberId: number; reason: string; startsOn: string; endsOn: string | null }) {
    return ctx.db.transaction().execute(async (trx) => {
      const m = await requireAccess(trx, actor, 'evaluation.manage', 'member', input.memberId);
      const errors = validateEntry(input);
      if (errors.length) throw validationFailed(errors);
      const { id } = await repo.insertNegative(trx, {
        member_id: m.id,
        org_id: m.org_id,
        reason: input.reason.trim(),
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        created_at: nowIso(),
        created_by: actor.userId,
        lifted_at: null,
        lifted_by: null,
        lift_reason: null,
      });
      await audit(trx, actor, {
        action: 'evaluation.negative_add',
        targetType: 'member',
        targetId: m.id,
        summary: { entryId: id, startsOn: input.startsOn, endsOn: input.endsOn },
      });
      return { id };
    });
  },

  /** Lifts an entry (kept, marked, with the reason). */
  async lift(ctx: AppContext, actor: Actor, id: number, reason: string) {
    return ctx.db.transaction().execute(async (trx) => {
      const n = await requireAccess(trx, actor, 'evaluation.manage', 'negativeEntry', id);
      if (n.lifted_at) throw conflict('NEGATIVE_ALREADY_LIFTED', '该记录已经撤销', 'This entry has already been lifted');
      if (!reason.trim())
        throw validationFailed([
          { field: 'reason', code: 'NEGATIVE_REASON_REQUIRED', message: { zh: '请写明撤销理由', en: 'Give the reason for lifting it' } },
        ]);
      await repo.updateNegative(trx, id, { lifted_at: nowIso(), lifted_by: actor.userId, lift_reason: reason.trim() });
      await audit(trx, actor, { action: 'evaluation.negative_lift', targetType: 'member', targetId: n.member_id, summary: { entryId: id } });
      return { ok: true as const };
    });
  },
};

import { honourSubject, type FieldError, type HonourKind, type RuleCheck } from '@zx/domain';
import type { AppContext } from '../context.ts';
import { nowIso } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { requireAccess } from '../access/index.ts';
import { isInSubtree } from '../access/paths.ts';
import { audit } from '../audit/service.ts';
import { conflict, forbidden, notFound, validationFailed } from '../http/errors.ts';
import { checkSubject, listSubjects } from './eligibility.ts';
import { honourRepository as repo } from './repository.ts';
import { honourPolicy as policy } from './policy.ts';
import { ORG, assertQuota, beforeNotice, ineligible, managedRound, reachedRound, refOf } from './round.ts';
import { presentSubject } from './presenter.ts';

/** The candidate list: who is eligible, adding or recommending, deciding on a recommendation, taking off the list. */
export const candidateService = {
  /** The subjects of one kind under `orgId` (default: the actor's organization, inside the round) with their rule checks. */
  async eligible(ctx: AppContext, actor: Actor, id: number, q: { kind: HonourKind; orgId?: number; all: boolean; q?: string; limit: number }) {
    const r = await reachedRound(ctx.db, actor, 'honour.manage', id);
    if (!policy.manage(actor, r) && !policy.recommend(actor, r)) throw forbidden();
    if (!r.kinds.includes(q.kind))
      throw validationFailed([
        { field: 'kind', code: 'HONOUR_KIND_NOT_IN_ROUND', message: { zh: '本次评选不含该类荣誉', en: 'This round does not include that honour' } },
      ]);
    const org = await requireAccess(ctx.db, actor, 'honour.manage', 'org', q.orgId ?? actor.grant.orgId);
    const root = isInSubtree(r.org_path, org.path) ? org.path : r.org_path;
    if (!policy.listUnder(actor, root)) throw notFound(ORG);
    const taken = new Map((await repo.candidates(ctx.db, r.id)).filter((c) => c.kind === q.kind).map((c) => [c.subject_key, c.status]));
    const res = await listSubjects(ctx.db, refOf(r), q.kind, root, {
      eligibleOnly: !q.all,
      q: q.q,
      limit: q.limit,
    });
    return {
      kind: q.kind,
      orgId: org.id,
      truncated: res.truncated,
      items: res.items.map((s) => ({ ...presentSubject(s), candidateStatus: taken.get(s.subjectKey) ?? null })),
    };
  },

  /** The round's organization adds a candidate; an organization below recommends one of its subtree. */
  async addCandidate(
    ctx: AppContext,
    actor: Actor,
    id: number,
    input: { kind: HonourKind; memberId?: number | null; orgId?: number | null; note?: string | null },
  ) {
    return ctx.db.transaction().execute(async (trx) => {
      const r = await reachedRound(trx, actor, 'honour.manage', id);
      const manager = policy.manage(actor, r);
      if (!manager && !policy.recommend(actor, r)) throw forbidden();
      if (manager && !beforeNotice(r.status))
        throw conflict('HONOUR_ROUND_LOCKED', '公示后不能再调整候选名单', 'The candidate list is fixed once the notice is published');
      const errors: FieldError[] = [];
      if (!r.kinds.includes(input.kind))
        errors.push({
          field: 'kind',
          code: 'HONOUR_KIND_NOT_IN_ROUND',
          message: { zh: '本次评选不含该类荣誉', en: 'This round does not include that honour' },
        });
      const person = honourSubject(input.kind) === 'person';
      const field = person ? 'memberId' : 'orgId';
      if (person ? !input.memberId : !input.orgId)
        errors.push({
          field,
          code: 'HONOUR_SUBJECT_REQUIRED',
          message: { zh: person ? '请选择团员' : '请选择组织', en: person ? 'Choose a member' : 'Choose an organization' },
        });
      if ((input.note ?? '').length > 500)
        errors.push({ field: 'note', code: 'HONOUR_NOTE_TOO_LONG', message: { zh: '推荐理由不能超过 500 字', en: 'The note is at most 500 characters' } });
      if (errors.length) throw validationFailed(errors);
      // Out of the actor's reach or of the round's subtree: answered like a missing subject (docs/decisions/0004).
      if (person) await requireAccess(trx, actor, 'honour.manage', 'member', input.memberId!);
      else await requireAccess(trx, actor, 'honour.manage', 'org', input.orgId!);
      const check = await checkSubject(trx, refOf(r), input.kind, { memberId: input.memberId, orgId: input.orgId });
      if (!check || !isInSubtree(r.org_path, check.orgPath)) throw notFound(person ? { zh: '团员', en: 'Member' } : ORG);
      if (!check.eligible) throw validationFailed([ineligible(field, check.checks)]);
      const status = manager ? 'candidate' : 'recommended';
      const existing = await repo.candidateBySubject(trx, r.id, input.kind, check.subjectKey);
      if (existing && (existing.status === 'candidate' || existing.status === 'awarded' || (existing.status === 'recommended' && !manager))) {
        throw conflict('HONOUR_ALREADY_LISTED', '该对象已在名单中', 'Already on the list', [
          { field, code: 'HONOUR_ALREADY_LISTED', message: { zh: '该对象已在名单中', en: 'Already on the list' } },
        ]);
      }
      if (status === 'candidate') await assertQuota(trx, r, input.kind);
      const at = nowIso();
      const recommender = await requireAccess(trx, actor, 'honour.manage', 'org', actor.grant.orgId);
      const row = {
        status,
        checks: check.checks,
        note: input.note?.trim() || null,
        updated_at: at,
        recommender_org_id: recommender.id,
        recommender_org_path: recommender.path,
      } as const;
      let candidateId: number;
      if (existing) {
        // A recommendation accepted by adding it again keeps the recommending organization.
        const keep =
          existing.status === 'recommended' ? { recommender_org_id: existing.recommender_org_id, recommender_org_path: existing.recommender_org_path } : {};
        await repo.updateCandidate(trx, existing.id, { ...row, ...keep });
        candidateId = existing.id;
      } else {
        candidateId = (
          await repo.insertCandidate(trx, {
            ...row,
            round_id: r.id,
            kind: input.kind,
            subject_key: check.subjectKey,
            org_id: check.orgId,
            org_path: check.orgPath,
            member_id: check.memberId,
            subject_name: check.name,
            created_at: at,
            created_by: actor.userId,
          })
        ).id;
      }
      await audit(trx, actor, {
        action: manager ? 'honour.candidate_add' : 'honour.recommend',
        targetType: 'honour_candidate',
        targetId: candidateId,
        summary: { roundId: r.id, kind: input.kind, subject: check.subjectKey },
      });
      return candidateId;
    });
  },

  /** The round's organization accepts a recommendation (eligibility and quota checked again) or turns it down. */
  async decide(ctx: AppContext, actor: Actor, candidateId: number, decision: 'accept' | 'reject') {
    return ctx.db.transaction().execute(async (trx) => {
      const c = await requireAccess(trx, actor, 'honour.manage', 'honourCandidate', candidateId);
      const r = await managedRound(trx, actor, c.round_id);
      if (!beforeNotice(r.status))
        throw conflict('HONOUR_ROUND_LOCKED', '公示后不能再调整候选名单', 'The candidate list is fixed once the notice is published');
      if (c.status !== 'recommended') throw conflict('HONOUR_NOT_RECOMMENDED', '只能处理待定的推荐', 'Only a pending recommendation can be decided');
      let checks: RuleCheck[] | undefined;
      if (decision === 'accept') {
        const check = await checkSubject(trx, refOf(r), c.kind as HonourKind, { memberId: c.member_id, orgId: c.org_id });
        if (!check?.eligible) throw validationFailed([ineligible(c.member_id ? 'memberId' : 'orgId', check?.checks ?? [])]);
        await assertQuota(trx, r, c.kind as HonourKind);
        checks = check.checks;
      }
      await repo.updateCandidate(trx, c.id, { status: decision === 'accept' ? 'candidate' : 'rejected', checks, updated_at: nowIso() });
      await audit(trx, actor, {
        action: decision === 'accept' ? 'honour.candidate_add' : 'honour.candidate_remove',
        targetType: 'honour_candidate',
        targetId: c.id,
        summary: { roundId: r.id, recommendation: decision },
      });
    });
  },

  /** Takes a candidate or a recommendation off the list before the notice (the round's organization, or the recommending one for its own recommendation). */
  async remove(ctx: AppContext, actor: Actor, candidateId: number) {
    return ctx.db.transaction().execute(async (trx) => {
      const c = await requireAccess(trx, actor, 'honour.manage', 'honourCandidate', candidateId);
      const r = await reachedRound(trx, actor, 'honour.manage', c.round_id);
      if (!policy.manage(actor, r) && !policy.withdrawRecommendation(actor, r, c)) throw forbidden();
      if (!beforeNotice(r.status))
        throw conflict('HONOUR_ROUND_LOCKED', '公示后不能再调整候选名单', 'The candidate list is fixed once the notice is published');
      if (c.status !== 'candidate' && c.status !== 'recommended') throw conflict('HONOUR_NOT_LISTED', '该对象不在名单中', 'Not on the list');
      await repo.updateCandidate(trx, c.id, { status: 'withdrawn', updated_at: nowIso() });
      await audit(trx, actor, { action: 'honour.candidate_remove', targetType: 'honour_candidate', targetId: c.id, summary: { roundId: r.id } });
    });
  },
};

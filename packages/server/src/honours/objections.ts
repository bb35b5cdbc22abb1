import { isoToday, validateObjection, validateObjectionReply } from '@zx/domain';
import type { AppContext } from '../context.ts';
import { nowIso } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { requireAccess } from '../access/index.ts';
import { audit } from '../audit/service.ts';
import { conflict, notFound, validationFailed } from '../http/errors.ts';
import { notify } from '../inbox/service.ts';
import { honourRepository as repo } from './repository.ts';
import { honourPolicy as policy } from './policy.ts';
import { OBJECTION, noticeOpen, reachedRound } from './round.ts';

/** 异议 during the public notice, and the round's answer. */
export const objectionService = {
  /** 异议: anyone who can read the notice raises one while it is open; the round's organization hears of it (not who). */
  async object(ctx: AppContext, actor: Actor, candidateId: number, input: { reason: string; contact?: string | null }, today = isoToday()) {
    return ctx.db.transaction().execute(async (trx) => {
      // A name on a published list the actor reads (honour.notice): anything else is not found.
      const c = await requireAccess(trx, actor, 'honour.notice', 'honourCandidate', candidateId);
      const r = await reachedRound(trx, actor, 'honour.notice', c.round_id);
      if (!noticeOpen(r, today)) throw conflict('HONOUR_NOTICE_CLOSED', '公示期已结束或尚未开始，不能提出异议', 'The notice period is not open');
      if (c.status !== 'candidate') throw conflict('HONOUR_NOT_LISTED', '该对象不在公示名单中', 'Not on the notice list');
      const errors = validateObjection(input, r.settings.objectionMinChars);
      if (errors.length) throw validationFailed(errors);
      const dup = (await repo.objectionsOf(trx, r.id, actor.userId)).some((o) => o.candidate_id === c.id && o.status === 'pending');
      if (dup) throw conflict('OBJECTION_PENDING', '您对该对象的异议正在处理中', 'Your objection to this candidate is being handled');
      // Where the objector stood when objecting (the reply is addressed to the account, this only records it).
      const from = await repo.organization(trx, actor.grant.orgId);
      const { id } = await repo.insertObjection(trx, {
        round_id: r.id,
        candidate_id: c.id,
        reason: input.reason.trim(),
        contact: input.contact?.trim() || null,
        objector_user_id: actor.userId,
        objector_name: actor.displayName,
        objector_org_id: from.id,
        objector_org_path: from.path,
        status: 'pending',
        reply: null,
        handled_by: null,
        handled_at: null,
        created_at: nowIso(),
      });
      await audit(trx, actor, { action: 'honour.objection_add', targetType: 'honour_objection', targetId: id, summary: { roundId: r.id, candidateId: c.id } });
      await notify(trx, {
        org: { id: r.org_id, path: r.org_path },
        kind: 'honour_objection_received',
        titleZh: `「${r.name}」收到对${c.subject_name}的异议`,
        titleEn: `"${r.name}": an objection to ${c.subject_name}`,
        link: `/honours/${r.id}`,
      });
      return id;
    });
  },

  /** The round's organization answers an objection: upheld withdraws the candidate, dismissed keeps them; the objector reads the reply. */
  async handle(ctx: AppContext, actor: Actor, objectionId: number, input: { decision: 'upheld' | 'dismissed'; reply: string }) {
    return ctx.db.transaction().execute(async (trx) => {
      const o = await requireAccess(trx, actor, 'honour.manage', 'honourObjection', objectionId);
      const r = await reachedRound(trx, actor, 'honour.manage', o.round_id);
      if (!policy.manage(actor, r)) throw notFound(OBJECTION);
      if (o.status !== 'pending') throw conflict('OBJECTION_HANDLED', '该异议已经处理', 'This objection has already been handled');
      if (r.status !== 'notice') throw conflict('HONOUR_STAGE', '评选已结束', 'The round is closed');
      const errors = validateObjectionReply(input.reply);
      if (errors.length) throw validationFailed(errors);
      const at = nowIso();
      await repo.updateObjection(trx, o.id, { status: input.decision, reply: input.reply.trim(), handled_by: actor.userId, handled_at: at });
      const c = (await repo.candidate(trx, o.candidate_id))!;
      if (input.decision === 'upheld' && c.status === 'candidate') await repo.updateCandidate(trx, c.id, { status: 'withdrawn', updated_at: at });
      await audit(trx, actor, {
        action: 'honour.objection_handle',
        targetType: 'honour_objection',
        targetId: o.id,
        summary: { roundId: r.id, candidateId: c.id, decision: input.decision },
      });
      await notify(trx, {
        user: { id: o.objector_user_id, orgId: o.objector_org_id, orgPath: o.objector_org_path },
        kind: 'honour_objection_handled',
        titleZh: `您对「${r.name}」公示提出的异议已答复`,
        titleEn: `Your objection to the "${r.name}" notice has been answered`,
        link: `/honours/${r.id}`,
      });
    });
  },
};

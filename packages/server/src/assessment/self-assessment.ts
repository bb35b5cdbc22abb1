import { itemScoreError, rubricItems, scoreSheet, type FieldError } from '@zx/domain';
import type { AppContext } from '../context.ts';
import { nowIso } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { requireAccess, requireAll } from '../access/index.ts';
import { isInSubtree } from '../access/paths.ts';
import { audit } from '../audit/service.ts';
import { conflict, notFound, validationFailed } from '../http/errors.ts';
import { notify, notifyMany } from '../inbox/service.ts';
import { attachmentsUsable } from '../attachments/service.ts';
import { rubricByKey } from './rubrics.ts';
import { activeRepresentatives, isUnitRepresentative, representedOrgIds } from './representatives.ts';
import { assessmentPolicy } from './policy.ts';
import { assessmentRepository as repo } from './repository.ts';

import { ASSESSMENT, assertAssessed, loadAssessment, loadItems, toCampaign, unitOf, unsigned, visibleCampaign, type SelfInput } from './footing.ts';
import { sheetService } from './sheet.ts';

/** The unit's side: scores and evidence, the secretary's signature, a representative's confirmation. */
export const selfAssessmentService = {
  /** Saves the unit's item scores and evidence. A change clears both signatures. */
  async save(ctx: AppContext, actor: Actor, campaignId: number, orgId: number, input: SelfInput) {
    await ctx.db.transaction().execute(async (trx) => {
      const c = await visibleCampaign(trx, actor, 'assessment.write', campaignId);
      const org = await unitOf(trx, actor, 'assessment.write', c, orgId);
      assertAssessed(c, org);
      let a = await loadAssessment(trx, c.id, org.id);
      if (a && (a.status === 'submitted' || a.status === 'verified')) {
        throw conflict(
          'ASSESSMENT_LOCKED',
          a.status === 'verified' ? '自评已由上级核定，不能再修改' : '自评已提交上级核定，暂不能修改',
          a.status === 'verified' ? 'The self-assessment has been verified and cannot change' : 'The self-assessment awaits verification and cannot change',
        );
      }
      const rubric = a ? a.rubric : await rubricByKey(trx, c.definition.rubricKey);
      const items = new Map(rubricItems(rubric).map((i) => [i.key, i]));
      const vetoKeys = new Set(rubric.vetoes.map((v) => v.key));
      const errors: FieldError[] = [];
      const seen = new Set<string>();
      for (const [n, it] of input.items.entries()) {
        const item = items.get(it.key);
        if (!item) errors.push({ field: `items.${n}.key`, code: 'ASSESSMENT_ITEM_UNKNOWN', message: { zh: '考评项不存在', en: 'No such rubric item' } });
        else if (seen.has(it.key))
          errors.push({ field: `items.${n}.key`, code: 'ASSESSMENT_ITEM_TWICE', message: { zh: '同一考评项出现了两次', en: 'An item appears twice' } });
        else {
          const e = itemScoreError(item, it.score, `items.${n}.score`);
          if (e) errors.push(e);
        }
        seen.add(it.key);
      }
      const seenVetoes = new Set<string>();
      for (const [n, v] of input.vetoes.entries()) {
        if (!vetoKeys.has(v.key))
          errors.push({ field: `vetoes.${n}.key`, code: 'ASSESSMENT_ITEM_UNKNOWN', message: { zh: '一票否决项不存在', en: 'No such veto item' } });
        else if (seenVetoes.has(v.key))
          errors.push({ field: `vetoes.${n}.key`, code: 'ASSESSMENT_ITEM_TWICE', message: { zh: '同一否决项出现了两次', en: 'A veto item appears twice' } });
        seenVetoes.add(v.key);
      }
      if (errors.length) throw validationFailed(errors);
      // Evidence: activities the actor may read (else 404 on their position), and of them only this
      // unit's in this campaign (422); attachments the actor may read, and of them only its subtree's.
      for (const [n, it] of input.items.entries()) {
        if (it.activityIds?.length) await requireAll(trx, actor, 'assessment.write', 'activity', it.activityIds, `items.${n}.activityIds`);
      }
      const activityIds = [...new Set(input.items.flatMap((i) => i.activityIds ?? []))];
      if (activityIds.length) {
        const own = await repo.unitActivities(trx, c.id, org.id, activityIds);
        if (own.length !== activityIds.length) {
          const n = input.items.findIndex((i) => (i.activityIds ?? []).some((id) => !own.some((o) => o.id === id)));
          throw validationFailed([
            {
              field: `items.${n}.activityIds`,
              code: 'ASSESSMENT_ACTIVITY_NOT_USABLE',
              message: {
                zh: '佐证活动不存在或不是本单位在本活动中记录的活动',
                en: "An evidence activity does not exist or is not one of this unit's activities in this campaign",
              },
            },
          ]);
        }
      }
      for (const [n, it] of input.items.entries()) {
        if (it.attachmentIds?.length) await attachmentsUsable(trx, actor, it.attachmentIds, org, { field: `items.${n}.attachmentIds` });
      }
      const at = nowIso();
      const sheet = scoreSheet(rubric, new Map(input.items.map((i) => [i.key, i.score])));
      if (!a) {
        await repo.insert(trx, {
          campaign_id: c.id,
          org_id: org.id,
          status: 'draft',
          rubric_key: rubric.key,
          rubric,
          self_total: sheet.total,
          summary: input.summary?.trim() || null,
          ...unsigned,
          submitted_at: null,
          verified_total: null,
          dimension_scores: null,
          tier: null,
          tier_by_score: null,
          tier_reasons: null,
          verified_by: null,
          verified_by_name: null,
          verifier_org_id: null,
          verified_at: null,
          return_comment: null,
          returned_at: null,
          created_at: at,
          updated_at: at,
          updated_by: actor.userId,
        });
        a = (await loadAssessment(trx, c.id, org.id))!;
      }
      const before =
        JSON.stringify((await loadItems(trx, a.id)).map((i) => [i.item_key, Number(i.self_value), i.note, i.activity_ids, i.attachment_ids]).sort()) +
        (a.summary ?? '');
      const rows = [
        ...input.items.map((i) => ({
          assessment_id: a!.id,
          item_key: i.key,
          kind: 'score' as const,
          self_value: i.score,
          verified_value: null,
          reason: null,
          note: i.note?.trim() || null,
          activity_ids: [...new Set(i.activityIds ?? [])],
          attachment_ids: [...new Set(i.attachmentIds ?? [])],
        })),
        ...input.vetoes.map((v) => ({
          assessment_id: a!.id,
          item_key: v.key,
          kind: 'veto' as const,
          self_value: v.failed ? 1 : 0,
          verified_value: null,
          reason: null,
          note: v.note?.trim() || null,
          activity_ids: [],
          attachment_ids: [],
        })),
      ];
      await repo.replaceItems(trx, a.id, rows);
      const after =
        JSON.stringify(rows.map((i) => [i.item_key, i.self_value, i.note, i.activity_ids, i.attachment_ids]).sort()) + (input.summary?.trim() || '');
      const changed = before !== after;
      await repo.update(trx, a.id, {
        self_total: sheet.total,
        summary: input.summary?.trim() || null,
        updated_at: at,
        updated_by: actor.userId,
        ...(changed ? unsigned : {}),
      });
      await audit(trx, actor, {
        action: 'assessment.save',
        targetType: 'assessment',
        targetId: `${c.id}:${org.id}`,
        summary: {
          campaignId: c.id,
          orgId: org.id,
          selfTotal: sheet.total,
          items: input.items.length,
          vetoesFailed: input.vetoes.filter((v) => v.failed).map((v) => v.key),
          signaturesCleared: changed && !!(a.secretary_signed_at || a.representative_signed_at),
        },
      });
    });
    return sheetService.get(ctx, actor, campaignId, orgId);
  },

  /** The secretary's signature (holder of assessment.write in scope). Every item must be scored. */
  async sign(ctx: AppContext, actor: Actor, campaignId: number, orgId: number) {
    await ctx.db.transaction().execute(async (trx) => {
      const c = await visibleCampaign(trx, actor, 'assessment.write', campaignId);
      const org = await unitOf(trx, actor, 'assessment.write', c, orgId);
      assertAssessed(c, org);
      const a = await loadAssessment(trx, c.id, org.id);
      if (!a || (a.status !== 'draft' && a.status !== 'returned'))
        throw conflict('ASSESSMENT_NOT_EDITABLE', '自评当前不能签字确认', 'The self-assessment cannot be signed now');
      if (a.secretary_signed_at) throw conflict('ASSESSMENT_ALREADY_SIGNED', '书记已签字确认', 'The secretary has already signed');
      const rubric = a.rubric;
      const have = new Set((await loadItems(trx, a.id)).map((i) => i.item_key));
      const missing = [...rubricItems(rubric).map((i) => i.key), ...rubric.vetoes.map((v) => v.key)].filter((k) => !have.has(k));
      if (missing.length) {
        throw validationFailed(
          missing.map((k) => ({
            field: `items.${k}`,
            code: 'ASSESSMENT_ITEM_MISSING',
            message: { zh: '该项尚未自评打分', en: 'This item has not been scored yet' },
          })),
        );
      }
      const at = nowIso();
      await repo.update(trx, a.id, { secretary_user_id: actor.userId, secretary_name: actor.displayName, secretary_signed_at: at, updated_at: at });
      await audit(trx, actor, {
        action: 'assessment.sign',
        targetType: 'assessment',
        targetId: `${c.id}:${org.id}`,
        summary: { campaignId: c.id, orgId: org.id, selfTotal: Number(a.self_total) },
      });
      // Each member representative of the unit is asked to co-sign; nobody else gets the ask.
      // …except the signer, who may not confirm what they signed (assessmentPolicy.confirm).
      const reps = (await activeRepresentatives(trx, org.id)).filter((r) => r.member_id !== actor.memberId);
      await notifyMany(
        trx,
        reps.map((r) => ({
          member: { id: r.member_id, orgId: r.org_id, orgPath: r.org_path },
          kind: 'assessment_to_confirm' as const,
          link: `/assessment/${c.id}/${org.id}`,
          titleZh: `${org.name}的达标争先自评已由书记签字，请您作为团员代表确认`,
          titleEn: `${org.name}'s self-assessment was signed by the secretary; please confirm it as a member representative`,
        })),
      );
    });
    return sheetService.get(ctx, actor, campaignId, orgId);
  },

  /**
   * A member representative of the unit confirms the signed self-assessment from their own
   * account (any role); with both signatures it goes to the level above.
   */
  async confirm(ctx: AppContext, actor: Actor, campaignId: number, orgId: number) {
    await ctx.db.transaction().execute(async (trx) => {
      const c = toCampaign(await requireAccess(trx, actor, null, 'assessmentCampaign', campaignId));
      const org = await requireAccess(trx, actor, null, 'assessmentUnit', orgId);
      const representative = await isUnitRepresentative(trx, org.id, actor.memberId);
      if (!representative || !isInSubtree(c.orgPath, org.path)) throw notFound(ASSESSMENT);
      const a = await loadAssessment(trx, c.id, org.id);
      if (!a || (a.status !== 'draft' && a.status !== 'returned'))
        throw conflict('ASSESSMENT_NOT_EDITABLE', '自评当前不需要确认', 'The self-assessment does not await confirmation');
      if (!a.secretary_signed_at) throw conflict('ASSESSMENT_SECRETARY_FIRST', '请等待书记签字后再确认', 'The secretary signs first');
      if (a.representative_signed_at) throw conflict('ASSESSMENT_ALREADY_CONFIRMED', '已有团员代表确认', 'A representative has already confirmed');
      if (!assessmentPolicy.confirm(actor, a, representative))
        throw conflict(
          'ASSESSMENT_SAME_PERSON',
          '签字的书记不能再以团员代表身份确认，请由另一名团员代表确认',
          'The secretary who signed cannot also confirm as the representative',
        );
      const memberName = await repo.memberName(trx, actor.memberId!);
      const at = nowIso();
      await repo.update(trx, a.id, {
        representative_member_id: actor.memberId,
        representative_name: memberName ?? actor.displayName,
        representative_signed_at: at,
        status: 'submitted',
        submitted_at: at,
        return_comment: null,
        updated_at: at,
      });
      await audit(trx, actor, {
        action: 'assessment.confirm',
        targetType: 'assessment',
        targetId: `${c.id}:${org.id}`,
        summary: { campaignId: c.id, orgId: org.id, selfTotal: Number(a.self_total) },
      });
      const parent = org.parent_id ? await repo.org(trx, org.parent_id) : undefined;
      if (parent) {
        await notify(trx, {
          org: parent,
          kind: 'assessment_submitted',
          link: `/assessment/${c.id}/${org.id}`,
          body: `自评 ${Number(a.self_total)} 分`,
          titleZh: `${org.name}提交了达标争先自评，请核定`,
          titleEn: `${org.name} submitted its self-assessment for verification`,
        });
      }
    });
    return sheetService.get(ctx, actor, campaignId, orgId);
  },

  /** Self-assessments awaiting the signed-in representative's confirmation. */
  async toConfirm(ctx: AppContext, actor: Actor) {
    const orgIds = await representedOrgIds(ctx.db, actor.memberId);
    if (!orgIds.length) return { items: [] };
    const rows = await repo.awaitingConfirmation(ctx.db, orgIds);
    return {
      items: rows.map((r) => ({
        campaignId: r.campaign_id,
        campaignName: r.campaign_name,
        orgId: r.org_id,
        orgName: r.org_name,
        selfTotal: Number(r.self_total),
        secretaryName: r.secretary_name,
        signedAt: r.secretary_signed_at,
      })),
    };
  },
};

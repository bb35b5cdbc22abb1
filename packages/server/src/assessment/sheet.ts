import { decideTier, isoToday, rubricMax, scoreSheet, type TierCode } from '@zx/domain';
import type { ActivityTypeCode } from '@zx/domain/campaign/activity-types';
import type { AppContext } from '../context.ts';
import type { Actor } from '../auth/actor.ts';
import { requireAccess, scopeRoot } from '../access/index.ts';
import { isInSubtree } from '../access/paths.ts';
import { notFound } from '../http/errors.ts';
import { presentAttachments } from '../attachments/service.ts';
import { rubricByKey } from './rubrics.ts';
import { isUnitRepresentative } from './representatives.ts';
import { assessmentPolicy } from './policy.ts';
import { assessmentRepository as repo } from './repository.ts';

import {
  ORG,
  finalValues,
  loadAssessment,
  loadItems,
  presentOutcome,
  readable,
  ruleContext,
  visibleCampaign,
  type AssessmentListStatus,
  type ItemRow,
} from './footing.ts';

/** The verification queue and one unit's sheet as the API shows it. */
export const sheetService = {
  /** Units that self-assess in the campaign with their status ('missing' = not started): the verification queue. */
  async list(
    ctx: AppContext,
    actor: Actor,
    campaignId: number,
    q: { orgId?: number; status?: AssessmentListStatus; q?: string; page: number; pageSize: number },
  ) {
    const c = await visibleCampaign(ctx.db, actor, 'assessment.read', campaignId);
    // The inner of the two: the actor's subtree when the campaign covers it, else the campaign's own.
    const own = scopeRoot(actor, 'assessment.read');
    let root = isInSubtree(c.orgPath, own) ? own : c.orgPath;
    if (q.orgId) {
      const org = await requireAccess(ctx.db, actor, 'assessment.read', 'org', q.orgId);
      if (!isInSubtree(c.orgPath, org.path) && !isInSubtree(org.path, c.orgPath)) throw notFound(ORG);
      root = org.path.startsWith(root) ? org.path : root;
    }
    const {
      rows,
      total,
      counts: byStatus,
    } = await repo.queue(ctx.db, ctx.dialect, {
      campaignId: c.id,
      rootPath: root,
      types: c.types,
      status: q.status,
      q: q.q,
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    const statuses: AssessmentListStatus[] = ['submitted', 'returned', 'verified', 'draft', 'missing'];
    return {
      campaign: { id: c.id, name: c.name, year: c.year },
      items: rows.map((r) => {
        const st = (r.status ?? 'missing') as AssessmentListStatus;
        return {
          orgId: r.id,
          name: r.name,
          typeCode: r.type_code,
          parentName: r.parent_name ?? null,
          responsiblePerson: r.responsible_person,
          foundedOn: r.founded_on,
          status: st,
          selfTotal: r.self_total == null ? null : Number(r.self_total),
          verifiedTotal: r.verified_total == null ? null : Number(r.verified_total),
          tier: (r.tier as TierCode | null) ?? null,
          secretarySigned: !!r.secretary_signed_at,
          representativeSigned: !!r.representative_signed_at,
          submittedAt: r.submitted_at ?? null,
          verifiedAt: r.verified_at ?? null,
          updatedAt: r.updated_at ?? null,
          canVerify:
            st === 'submitted' && assessmentPolicy.verify(actor, r) && !assessmentPolicy.signedIt(actor, { secretary_user_id: r.secretary_user_id ?? null }),
        };
      }),
      total,
      page: q.page,
      pageSize: q.pageSize,
      counts: Object.fromEntries([...statuses.map((s) => [s, byStatus.get(s) ?? 0]), ['all', [...byStatus.values()].reduce((a, b) => a + b, 0)]]) as Record<
        AssessmentListStatus | 'all',
        number
      >,
    };
  },

  /**
   * One unit's self-assessment (a blank sheet on the current rubric before it starts). Readable
   * in scope, and by a representative of the unit (to confirm it) through any account.
   */
  async get(ctx: AppContext, actor: Actor, campaignId: number, orgId: number) {
    const { c, org, asRepresentative } = await readable(ctx.db, actor, campaignId, orgId);
    const a = await loadAssessment(ctx.db, c.id, org.id);
    const rubric = a ? a.rubric : await rubricByKey(ctx.db, c.definition.rubricKey);
    const items = a ? await loadItems(ctx.db, a.id) : [];
    const byKey = new Map(items.map((i) => [i.item_key, i]));
    // Only evidence the sheet can legitimately hold is shown, whatever ids were stored: this unit's
    // activities in this campaign, files stored under the unit or a unit below it (the save's rules).
    const activityIds = [...new Set(items.flatMap((i) => i.activity_ids))];
    const activityRows = await repo.unitActivities(ctx.db, c.id, org.id, activityIds);
    const activities = new Map(activityRows.map((r) => [r.id, { id: r.id, title: r.title, heldOn: r.held_on, type: r.type as ActivityTypeCode }]));
    const fileIds = [...new Set(items.flatMap((i) => i.attachment_ids))];
    const held = await repo.filesInSubtree(ctx.db, org.path, fileIds);
    const status: AssessmentListStatus = a?.status ?? 'missing';
    const required = org.status === 'active' && c.types.includes(org.type_code);
    const canEdit =
      required && !asRepresentative && assessmentPolicy.write(actor, org) && (status === 'missing' || status === 'draft' || status === 'returned');
    const parent = org.parent_id ? await repo.org(ctx.db, org.parent_id) : undefined;
    const canVerify = status === 'submitted' && !asRepresentative && assessmentPolicy.verify(actor, org) && !assessmentPolicy.signedIt(actor, a!);
    const representative = await isUnitRepresentative(ctx.db, org.id, actor.memberId);
    let preview = null;
    if (a && canVerify) {
      const { scores, vetoesFailed } = finalValues(items);
      const sheet = scoreSheet(rubric, scores);
      const rc = await ruleContext(ctx.db, c, org, rubric);
      preview = presentOutcome(
        decideTier(rubric.settings, { total: sheet.total, vetoesFailed, orgType: org.type_code, foundedOn: org.founded_on, onDate: isoToday(), ...rc }),
        sheet.total,
      );
    }
    const itemView = async (i: ItemRow | undefined) => ({
      selfScore: i ? Number(i.self_value) : null,
      verifiedScore: i?.verified_value == null ? null : Number(i.verified_value),
      reason: i?.reason ?? null,
      note: i?.note ?? null,
      activities: i ? i.activity_ids.flatMap((id) => (activities.has(id) ? [activities.get(id)!] : [])) : [],
      attachments: i
        ? await presentAttachments(
            ctx.db,
            i.attachment_ids.filter((id) => held.has(id)),
          )
        : [],
    });
    return {
      campaign: { id: c.id, name: c.name, year: c.year },
      org: {
        id: org.id,
        name: org.name,
        typeCode: org.type_code,
        foundedOn: org.founded_on,
        parentId: org.parent_id,
        parentName: parent?.name ?? null,
        responsiblePerson: org.responsible_person,
      },
      required,
      status,
      rubric: { key: rubric.key, nameZh: rubric.nameZh, nameEn: rubric.nameEn, maxPoints: rubricMax(rubric), settings: rubric.settings },
      dimensions: await Promise.all(
        rubric.dimensions.map(async (d) => ({
          key: d.key,
          nameZh: d.nameZh,
          nameEn: d.nameEn,
          max: d.items.reduce((s, i) => s + i.points, 0),
          items: await Promise.all(d.items.map(async (i) => ({ ...i, ...(await itemView(byKey.get(i.key))) }))),
        })),
      ),
      vetoes: rubric.vetoes.map((v) => {
        const i = byKey.get(v.key);
        return {
          ...v,
          selfFailed: i ? Number(i.self_value) === 1 : null,
          verifiedFailed: i?.verified_value == null ? null : Number(i.verified_value) === 1,
          reason: i?.reason ?? null,
          note: i?.note ?? null,
        };
      }),
      summary: a?.summary ?? '',
      selfTotal: a ? Number(a.self_total) : 0,
      secretary: a?.secretary_signed_at ? { name: a.secretary_name, signedAt: a.secretary_signed_at } : null,
      representative: a?.representative_signed_at ? { name: a.representative_name, signedAt: a.representative_signed_at } : null,
      submittedAt: a?.submitted_at ?? null,
      verification:
        a?.status === 'verified'
          ? {
              total: Number(a.verified_total),
              tier: (a.tier as TierCode | null) ?? null,
              tierByScore: a.tier_by_score as TierCode,
              reasons: a.tier_reasons,
              dimensions: a.dimension_scores,
              verifiedBy: a.verified_by_name,
              verifiedAt: a.verified_at,
            }
          : null,
      returned: a?.return_comment ? { comment: a.return_comment, at: a.returned_at } : null,
      preview,
      updatedAt: a?.updated_at ?? null,
      canEdit,
      canSign: canEdit && !!a && !a.secretary_signed_at,
      canConfirm:
        !!a &&
        assessmentPolicy.confirm(actor, a, representative) &&
        !!a.secretary_signed_at &&
        !a.representative_signed_at &&
        (a.status === 'draft' || a.status === 'returned'),
      canVerify,
    };
  },
};

import { isoToday, normalizeTarget, planDueOn, validatePlan, type PlanListStatus, type PlanTarget } from '@zx/domain';
import type { AppContext } from '../context.ts';
import type { Executor } from '../db/database.ts';
import { nowIso } from '../db/database.ts';
import type { Organization } from '../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { requireAccess } from '../access/index.ts';
import { isInSubtree } from '../access/paths.ts';
import { audit } from '../audit/service.ts';
import { conflict, notFound, validationFailed } from '../http/errors.ts';
import { refreshUnits } from '../campaigns/rollup.ts';
import type { CampaignModel as Campaign } from '../campaigns/model.ts';
import { notify } from '../inbox/service.ts';
import { attachmentsUsable, presentAttachments } from '../attachments/service.ts';
import { planRepository as repo, type PlanRecord } from './repository.ts';
import { sanitizePlanHtml } from './sanitize.ts';
import { planPolicy, selfReview } from './policy.ts';

const ORG = { zh: '组织', en: 'Organization' };

export interface PlanDraft {
  theme: string;
  contentHtml: string;
  targets: PlanTarget[];
  attachmentIds: number[];
}

/** The deeper of two nested subtree roots, or null when neither contains the other. */
const innerRoot = (a: string, b: string) => (a.startsWith(b) ? a : b.startsWith(a) ? b : null);

/** The campaign (covering the actor's organization or launched inside its subtree) and a unit of it in scope, or 404. */
async function campaignAndUnit(
  ex: Executor,
  actor: Actor,
  need: 'plan.read' | 'plan.write' | 'plan.review',
  campaignId: number,
  orgId: number,
): Promise<{ c: Campaign; org: Organization }> {
  const c = await requireAccess(ex, actor, need, 'campaign', campaignId);
  const org = await requireAccess(ex, actor, need, 'org', orgId);
  if (!isInSubtree(c.orgPath, org.path)) throw notFound(ORG);
  return { c, org };
}

function assertPlanRequired(c: Campaign, org: Organization) {
  if (org.status !== 'active' || !c.planTypes.includes(org.type_code)) {
    throw validationFailed([
      {
        field: 'orgId',
        code: 'PLAN_NOT_REQUIRED',
        message: { zh: '该组织不需要在本活动中提交实施方案', en: 'This organization does not register a plan in this campaign' },
      },
    ]);
  }
}

function assertEditable(plan: PlanRecord | undefined) {
  if (plan?.status === 'submitted')
    throw conflict('PLAN_LOCKED', '实施方案已提交，正在等待上级审核，暂不能修改', 'The plan is awaiting review and cannot be changed');
  if (plan?.status === 'approved') throw conflict('PLAN_LOCKED', '实施方案已审核通过，不能再修改', 'The plan has been approved and cannot be changed');
}

const isOverdue = (status: PlanListStatus, dueOn: string | null, today: string) => status !== 'approved' && !!dueOn && today > dueOn;

async function saveDraft(trx: Executor, actor: Actor, c: Campaign, org: Organization, input: PlanDraft): Promise<PlanRecord> {
  const existing = await repo.plan(trx, c.id, org.id);
  assertEditable(existing);
  const draft = { theme: input.theme.trim(), contentHtml: sanitizePlanHtml(input.contentHtml), targets: input.targets.map(normalizeTarget) };
  const errors = validatePlan(draft);
  if (errors.length) throw validationFailed(errors);
  await attachmentsUsable(trx, actor, input.attachmentIds, org);
  const at = nowIso();
  const row = {
    theme: draft.theme,
    content_html: draft.contentHtml,
    targets: draft.targets,
    attachmentIds: [...new Set(input.attachmentIds)],
    updated_at: at,
    updated_by: actor.userId,
  };
  if (existing) {
    await repo.update(trx, existing.id, row);
  } else {
    await repo.insert(trx, { ...row, campaign_id: c.id, org_id: org.id, status: 'draft', version: 0, submitted_at: null, decided_at: null, created_at: at });
  }
  await audit(trx, actor, {
    action: 'plan.save',
    targetType: 'unit_plan',
    targetId: `${c.id}:${org.id}`,
    summary: { campaignId: c.id, orgId: org.id, theme: draft.theme, targets: draft.targets.length, attachments: input.attachmentIds.length },
  });
  await refreshUnits(trx, c.id, [org.id]);
  return (await repo.plan(trx, c.id, org.id))!;
}

export const planService = {
  /** Units that must register a plan, with its status; units without one are 'missing' (未提交). */
  async list(ctx: AppContext, actor: Actor, campaignId: number, q: { orgId?: number; status?: PlanListStatus; q?: string; page: number; pageSize: number }) {
    const c = await requireAccess(ctx.db, actor, 'plan.read', 'campaign', campaignId);
    const unit = await requireAccess(ctx.db, actor, 'plan.read', 'org', q.orgId ?? actor.grant.orgId);
    const root = innerRoot(unit.path, c.orgPath);
    if (!root) throw notFound(ORG);
    const filter = { campaignId: c.id, rootPath: root, types: c.planTypes, q: q.q?.trim() || undefined, dialect: ctx.dialect };
    const [{ rows, total }, counts] = await Promise.all([repo.page(ctx.db, { ...filter, status: q.status }, q.page, q.pageSize), repo.counts(ctx.db, filter)]);
    const today = isoToday();
    const dueByType = new Map(c.planTypes.map((t) => [t, planDueOn(c.definition, c.dates, t)]));
    const statuses: PlanListStatus[] = ['submitted', 'returned', 'approved', 'draft', 'missing'];
    return {
      items: rows.map((r) => {
        const status = (r.status ?? 'missing') as PlanListStatus;
        const dueOn = dueByType.get(r.type_code) ?? null;
        return {
          orgId: r.id,
          name: r.name,
          typeCode: r.type_code,
          parentId: r.parent_id,
          parentName: r.parent_name ?? null,
          responsiblePerson: r.responsible_person,
          status,
          theme: r.theme ?? null,
          version: r.version ?? 0,
          submittedAt: r.submitted_at ?? null,
          decidedAt: r.decided_at ?? null,
          updatedAt: r.updated_at ?? null,
          dueOn,
          overdue: isOverdue(status, dueOn, today),
          canReview: planPolicy.review(actor, r, status),
        };
      }),
      total,
      page: q.page,
      pageSize: q.pageSize,
      counts: Object.fromEntries([...statuses.map((s) => [s, counts.get(s) ?? 0]), ['all', [...counts.values()].reduce((a, b) => a + b, 0)]]) as Record<
        PlanListStatus | 'all',
        number
      >,
    };
  },

  /** One unit's plan (an empty skeleton before its first save), its deadline and every submitted version. */
  async get(ctx: AppContext, actor: Actor, campaignId: number, orgId: number) {
    const { c, org } = await campaignAndUnit(ctx.db, actor, 'plan.read', campaignId, orgId);
    const [plan, parent] = await Promise.all([repo.plan(ctx.db, c.id, org.id), repo.parentOf(ctx.db, org.parent_id)]);
    const versions = plan ? await repo.versions(ctx.db, plan.id) : [];
    const required = org.status === 'active' && c.planTypes.includes(org.type_code);
    const status: PlanListStatus = plan?.status ?? 'missing';
    const dueOn = required ? planDueOn(c.definition, c.dates, org.type_code) : null;
    const editable = required && planPolicy.edit(actor, org, status);
    const lastReviewed = versions.find((v) => v.decision);
    return {
      campaignId: c.id,
      campaignName: c.name,
      org: {
        id: org.id,
        name: org.name,
        typeCode: org.type_code,
        parentId: org.parent_id,
        parentName: parent?.name ?? null,
        responsiblePerson: org.responsible_person,
      },
      required,
      status,
      theme: plan?.theme ?? '',
      contentHtml: plan?.content_html ?? '',
      targets: plan?.targets ?? [],
      attachments: plan ? await presentAttachments(ctx.db, plan.attachmentIds) : [],
      version: plan?.version ?? 0,
      submittedAt: plan?.submitted_at ?? null,
      decidedAt: plan?.decided_at ?? null,
      updatedAt: plan?.updated_at ?? null,
      dueOn,
      overdue: required && isOverdue(status, dueOn, isoToday()),
      lastReview: lastReviewed
        ? {
            version: lastReviewed.version,
            decision: lastReviewed.decision!,
            comment: lastReviewed.review_comment,
            reviewedAt: lastReviewed.reviewed_at,
            reviewedBy: lastReviewed.reviewed_by_name ?? null,
          }
        : null,
      versions: await Promise.all(
        versions.map(async (v) => ({
          version: v.version,
          theme: v.theme,
          contentHtml: v.content_html,
          targets: v.targets,
          attachments: await presentAttachments(ctx.db, v.attachmentIds),
          submittedAt: v.submitted_at,
          submittedBy: v.submitted_by_name ?? null,
          decision: v.decision,
          reviewComment: v.review_comment,
          reviewedAt: v.reviewed_at,
          reviewedBy: v.reviewed_by_name ?? null,
        })),
      ),
      canEdit: editable,
      canSubmit: editable,
      canReview: required && planPolicy.review(actor, org, status),
    };
  },

  /** Saves the unit's draft. Refused while the plan awaits review or after approval. */
  async save(ctx: AppContext, actor: Actor, campaignId: number, orgId: number, input: PlanDraft) {
    await ctx.db.transaction().execute(async (trx) => {
      const { c, org } = await campaignAndUnit(trx, actor, 'plan.write', campaignId, orgId);
      assertPlanRequired(c, org);
      await saveDraft(trx, actor, c, org, input);
    });
    return planService.get(ctx, actor, campaignId, orgId);
  },

  /** Freezes the plan as version n+1 and sends it to the level above (saving `input` first, if given). */
  async submit(ctx: AppContext, actor: Actor, campaignId: number, orgId: number, input?: PlanDraft) {
    await ctx.db.transaction().execute(async (trx) => {
      const { c, org } = await campaignAndUnit(trx, actor, 'plan.write', campaignId, orgId);
      assertPlanRequired(c, org);
      let plan = await repo.plan(trx, c.id, org.id);
      assertEditable(plan);
      if (input) plan = await saveDraft(trx, actor, c, org, input);
      const targets = plan?.targets ?? [];
      const errors = validatePlan({ theme: plan?.theme ?? '', contentHtml: plan?.content_html ?? '', targets }, { forSubmit: true });
      if (errors.length || !plan) throw validationFailed(errors);
      const at = nowIso();
      const version = plan.version + 1;
      await repo.insertVersion(trx, {
        plan_id: plan.id,
        version,
        theme: plan.theme,
        content_html: plan.content_html,
        targets: plan.targets,
        attachmentIds: plan.attachmentIds,
        submitted_at: at,
        submitted_by: actor.userId,
        decision: null,
        review_comment: null,
        reviewed_at: null,
        reviewed_by: null,
      });
      await repo.update(trx, plan.id, { status: 'submitted', version, submitted_at: at, decided_at: null, updated_at: at, updated_by: actor.userId });
      const parent = await repo.parentOf(trx, org.parent_id);
      if (parent) {
        await notify(trx, {
          org: parent,
          kind: 'plan_submitted',
          link: `/plans/${c.id}/${org.id}`,
          body: plan.theme,
          titleZh: `${org.name}提交了实施方案（第 ${version} 版），请审核`,
          titleEn: `${org.name} submitted its plan (version ${version}) for review`,
        });
      }
      await audit(trx, actor, {
        action: 'plan.submit',
        targetType: 'unit_plan',
        targetId: `${c.id}:${org.id}`,
        summary: { campaignId: c.id, orgId: org.id, version, theme: plan.theme },
      });
      await refreshUnits(trx, c.id, [org.id]);
    });
    return planService.get(ctx, actor, campaignId, orgId);
  },

  /** The level above approves the submitted version or returns it with a comment. */
  async review(ctx: AppContext, actor: Actor, campaignId: number, orgId: number, input: { decision: 'approve' | 'return'; comment?: string | null }) {
    await ctx.db.transaction().execute(async (trx) => {
      const { c, org } = await campaignAndUnit(trx, actor, 'plan.review', campaignId, orgId);
      if (!planPolicy.review(actor, org, 'submitted')) throw selfReview();
      const plan = await repo.plan(trx, c.id, org.id);
      if (plan?.status !== 'submitted') throw conflict('PLAN_NOT_SUBMITTED', '该实施方案当前不在待审核状态', 'This plan is not awaiting review');
      const comment = input.comment?.trim() || null;
      if (input.decision === 'return' && !comment) {
        throw validationFailed([
          { field: 'comment', code: 'PLAN_RETURN_COMMENT_REQUIRED', message: { zh: '退回时请填写修改意见', en: 'Say what to change when returning a plan' } },
        ]);
      }
      const at = nowIso();
      const decision = input.decision === 'approve' ? 'approved' : 'returned';
      await repo.updateVersion(trx, plan.id, plan.version, { decision, review_comment: comment, reviewed_at: at, reviewed_by: actor.userId });
      await repo.update(trx, plan.id, { status: decision, decided_at: at });
      await notify(trx, {
        org: { id: org.id, path: org.path },
        kind: decision === 'approved' ? 'plan_approved' : 'plan_returned',
        link: `/plans/${c.id}/${org.id}`,
        body: comment,
        ...(decision === 'approved'
          ? {
              titleZh: `实施方案（第 ${plan.version} 版）已由${actor.grant.orgName}审核通过`,
              titleEn: `Your plan (version ${plan.version}) was approved by ${actor.grant.orgName}`,
            }
          : {
              titleZh: `实施方案（第 ${plan.version} 版）被${actor.grant.orgName}退回，请按意见修改后重新提交`,
              titleEn: `Your plan (version ${plan.version}) was returned by ${actor.grant.orgName}; revise and resubmit it`,
            }),
      });
      await audit(trx, actor, {
        action: decision === 'approved' ? 'plan.approve' : 'plan.return',
        targetType: 'unit_plan',
        targetId: `${c.id}:${org.id}`,
        summary: { campaignId: c.id, orgId: org.id, version: plan.version, comment },
      });
      await refreshUnits(trx, c.id, [org.id]);
    });
    return planService.get(ctx, actor, campaignId, orgId);
  },
};

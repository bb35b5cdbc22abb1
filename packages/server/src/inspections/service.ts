import { canTransition, isoToday, validateVisit, type FieldError, type NewInspection } from '@zx/domain';
import type { AppContext } from '../context.ts';
import { nowIso } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { requireAccess, scopeRoot } from '../access/index.ts';
import { audit } from '../audit/service.ts';
import { conflict, validationFailed } from '../http/errors.ts';
import { notify } from '../inbox/service.ts';
import { idsOnPath, isInSubtree } from '../access/paths.ts';
import { inspectionRepository as repo, type RectificationFilter } from './repository.ts';
import { inspectionPolicy, ownUnit } from './policy.ts';

type ItemRow = Awaited<ReturnType<typeof repo.items>>[0][number];
type InspectionRow = Awaited<ReturnType<typeof repo.list>>[0][number];

/** The organization that recorded a visit is the last id of its path. */
const orgIdOfPath = (path: string) => idsOnPath(path).at(-1)!;

function presentItem(r: ItemRow, actor: Actor, today: string, inspectorOrgName?: string | null) {
  const above = inspectionPolicy.review(actor, r);
  return {
    id: r.id,
    inspectionId: r.inspection_id,
    orgId: r.org_id,
    orgName: r.org_name,
    description: r.description,
    owner: r.owner,
    dueOn: r.due_on,
    status: r.status,
    overdue: r.status !== 'closed' && r.due_on < today,
    answer: r.answer,
    answeredAt: r.answered_at,
    closedAt: r.closed_at,
    reviewComment: r.review_comment,
    visitedOn: r.visited_on,
    inspectorName: r.inspector_name,
    inspectorOrgId: orgIdOfPath(r.inspector_org_path),
    inspectorOrgName: inspectorOrgName ?? null,
    canAnswer: inspectionPolicy.answer(actor, r) && canTransition(r.status, 'answered'),
    canClose: above && canTransition(r.status, 'closed'),
    canReopen: above && canTransition(r.status, 'open'),
  };
}

function presentInspection(i: InspectionRow, inspectorOrgName: string | null) {
  return {
    id: i.id,
    orgId: i.org_id,
    orgName: i.org_name,
    campaignId: i.campaign_id,
    campaignName: i.campaign_name ?? null,
    visitedOn: i.visited_on,
    findings: i.findings,
    score: i.score,
    inspectorName: i.inspector_name,
    inspectorOrgId: orgIdOfPath(i.inspector_org_path),
    inspectorOrgName,
    createdAt: i.created_at,
  };
}

async function inspectorOrgNames(ctx: AppContext, paths: string[]) {
  const names = await repo.orgNames(ctx.db, [...new Set(paths.map(orgIdOfPath))]);
  return (path: string) => names.get(orgIdOfPath(path))?.name ?? null;
}

export const inspectionService = {
  /** Records a visit with its rectification items in one transaction and tells the unit. */
  async create(ctx: AppContext, actor: Actor, input: NewInspection, today = isoToday()) {
    return ctx.db.transaction().execute(async (trx) => {
      const org = await requireAccess(trx, actor, 'inspection.write', 'org', input.orgId);
      // The inspecting organization is the actor's own (recorded so its items can be answered back to it).
      const inspecting = await requireAccess(trx, actor, 'inspection.write', 'org', actor.grant.orgId);
      const errors: FieldError[] = [];
      if (inspectionPolicy.inspectsOwnOrg(actor, org)) {
        errors.push({ field: 'orgId', code: 'INSPECT_BELOW_ONLY', message: { zh: '只能检查下级组织', en: 'Only organizations below yours can be inspected' } });
      } else if (org.status !== 'active') {
        errors.push({ field: 'orgId', code: 'ORG_INACTIVE', message: { zh: '该组织已停用或已合并', en: 'This organization is inactive or merged' } });
      }
      if (input.campaignId != null) {
        const c = await repo.campaign(trx, input.campaignId);
        if (!c || !isInSubtree(c.org_path, org.path)) {
          errors.push({
            field: 'campaignId',
            code: 'CAMPAIGN_NOT_COVERING',
            message: { zh: '该主题实践活动不存在或不覆盖被检查组织', en: 'No such campaign, or it does not cover the inspected organization' },
          });
        }
      }
      errors.push(...validateVisit(input, today));
      if (errors.length) throw validationFailed(errors);

      const at = nowIso();
      const { id } = await repo.insert(trx, {
        campaign_id: input.campaignId ?? null,
        org_id: org.id,
        org_path: org.path,
        visited_on: input.visitedOn,
        findings: input.findings,
        score: input.score ?? null,
        inspector_user_id: actor.userId,
        inspector_name: actor.displayName,
        inspector_org_path: inspecting.path,
        created_at: at,
      });
      await repo.insertItems(
        trx,
        input.items.map((item) => ({
          inspection_id: id,
          org_id: org.id,
          org_path: org.path,
          description: item.description,
          owner: item.owner,
          due_on: item.dueOn,
          status: 'open' as const,
          answer: null,
          answered_at: null,
          answered_by: null,
          closed_at: null,
          closed_by: null,
          review_comment: null,
          reminded_at: null,
        })),
      );
      if (input.items.length) {
        await notify(trx, {
          org: { id: org.id, path: org.path },
          kind: 'rectification_assigned',
          link: `/inspections/${id}`,
          titleZh: `${actor.grant.orgName}检查指导：${input.items.length} 项整改事项待落实`,
          titleEn: `Inspection by ${actor.grant.orgName}: ${input.items.length} rectification item(s) to address`,
          body: input.items.map((x, i) => `${i + 1}. ${x.description}（${x.dueOn}）`).join('\n'),
        });
      }
      await audit(trx, actor, {
        action: 'inspection.create',
        targetType: 'inspection',
        targetId: id,
        summary: {
          orgId: org.id,
          campaignId: input.campaignId ?? null,
          visitedOn: input.visitedOn,
          score: input.score ?? null,
          items: input.items.map((x) => ({ owner: x.owner, dueOn: x.dueOn })),
        },
      });
      return id;
    });
  },

  async list(
    ctx: AppContext,
    actor: Actor,
    f: { orgId?: number; subtree: boolean; campaignId?: number; from?: string; to?: string },
    page: { page: number; pageSize: number },
    today = isoToday(),
  ) {
    const root = scopeRoot(actor, 'inspection.read');
    const org = f.orgId ? await requireAccess(ctx.db, actor, 'inspection.read', 'org', f.orgId) : null;
    const [rows, total] = await repo.list(
      ctx.db,
      root,
      {
        ...(org ? (f.subtree ? { orgPath: org.path } : { orgId: org.id }) : {}),
        campaignId: f.campaignId,
        from: f.from,
        to: f.to,
      },
      { limit: page.pageSize, offset: (page.page - 1) * page.pageSize },
    );
    const [counts, nameOf] = await Promise.all([
      repo.itemCounts(
        ctx.db,
        rows.map((r) => r.id),
        today,
      ),
      inspectorOrgNames(
        ctx,
        rows.map((r) => r.inspector_org_path),
      ),
    ]);
    const none = { total: 0, open: 0, answered: 0, closed: 0, overdue: 0 };
    return {
      items: rows.map((r) => ({ ...presentInspection(r, nameOf(r.inspector_org_path)), itemCounts: counts.get(r.id) ?? none })),
      total,
      page: page.page,
      pageSize: page.pageSize,
    };
  },

  async get(ctx: AppContext, actor: Actor, id: number, today = isoToday()) {
    const i = await requireAccess(ctx.db, actor, 'inspection.read', 'inspection', id);
    const [[items], nameOf] = await Promise.all([
      repo.items(ctx.db, scopeRoot(actor, 'inspection.read'), { inspectionId: id }, today),
      inspectorOrgNames(ctx, [i.inspector_org_path]),
    ]);
    const inspectorOrgName = nameOf(i.inspector_org_path);
    return { ...presentInspection(i, inspectorOrgName), items: items.map((r) => presentItem(r, actor, today, inspectorOrgName)) };
  },
};

export const rectificationService = {
  /** Items of units in the actor's subtree: a higher unit's overdue list, a unit's own open items. */
  async list(
    ctx: AppContext,
    actor: Actor,
    f: { orgId?: number; subtree: boolean; status?: RectificationFilter['status'] },
    page: { page: number; pageSize: number },
    today = isoToday(),
  ) {
    const root = scopeRoot(actor, 'inspection.read');
    const org = f.orgId ? await requireAccess(ctx.db, actor, 'inspection.read', 'org', f.orgId) : null;
    const [rows, total] = await repo.items(
      ctx.db,
      root,
      {
        ...(org ? (f.subtree ? { orgPath: org.path } : { orgId: org.id }) : {}),
        status: f.status,
      },
      today,
      { limit: page.pageSize, offset: (page.page - 1) * page.pageSize },
    );
    const nameOf = await inspectorOrgNames(
      ctx,
      rows.map((r) => r.inspector_org_path),
    );
    return { items: rows.map((r) => presentItem(r, actor, today, nameOf(r.inspector_org_path))), total, page: page.page, pageSize: page.pageSize };
  },

  /** The unit (or a unit above it) answers an item; the inspecting organization is told. */
  async answer(ctx: AppContext, actor: Actor, id: number, answer: string) {
    await ctx.db.transaction().execute(async (trx) => {
      const item = await requireAccess(trx, actor, 'rectification.answer', 'rectification', id);
      if (!canTransition(item.status, 'answered'))
        throw conflict('RECTIFICATION_CLOSED', '该整改事项已销号，不能再答复', 'This item is closed and cannot be answered');
      await repo.updateItem(trx, id, { status: 'answered', answer, answered_at: nowIso(), answered_by: actor.userId });
      const inspectorOrg = (await repo.orgNames(trx, [orgIdOfPath(item.inspector_org_path)])).get(orgIdOfPath(item.inspector_org_path));
      const unit = (await repo.orgNames(trx, [item.org_id])).get(item.org_id);
      if (inspectorOrg) {
        await notify(trx, {
          org: { id: inspectorOrg.id, path: inspectorOrg.path },
          kind: 'rectification_answered',
          link: `/inspections/${item.inspection_id}`,
          titleZh: `${unit?.name ?? ''}已答复整改事项：${item.description.slice(0, 40)}`,
          titleEn: `${unit?.name ?? ''} answered a rectification item: ${item.description.slice(0, 40)}`,
          body: answer.slice(0, 500),
        });
      }
      await audit(trx, actor, {
        action: 'rectification.answer',
        targetType: 'rectification',
        targetId: id,
        summary: { inspectionId: item.inspection_id, orgId: item.org_id, before: item.status, length: answer.length },
      });
    });
  },

  /** The inspecting side accepts an answered item (销号). */
  async close(ctx: AppContext, actor: Actor, id: number, comment: string | null) {
    await ctx.db.transaction().execute(async (trx) => {
      const item = await requireAccess(trx, actor, 'inspection.write', 'rectification', id);
      if (!inspectionPolicy.review(actor, item)) throw ownUnit();
      if (!canTransition(item.status, 'closed'))
        throw conflict('RECTIFICATION_NOT_ANSWERED', '只有已答复的整改事项才能销号', 'Only an answered item can be closed');
      await repo.updateItem(trx, id, { status: 'closed', closed_at: nowIso(), closed_by: actor.userId, review_comment: comment });
      await audit(trx, actor, {
        action: 'rectification.close',
        targetType: 'rectification',
        targetId: id,
        summary: { inspectionId: item.inspection_id, orgId: item.org_id, comment },
      });
    });
  },

  /** The inspecting side sends an item back to the unit with a comment. */
  async reopen(ctx: AppContext, actor: Actor, id: number, comment: string) {
    await ctx.db.transaction().execute(async (trx) => {
      const item = await requireAccess(trx, actor, 'inspection.write', 'rectification', id);
      if (!inspectionPolicy.review(actor, item)) throw ownUnit();
      if (!canTransition(item.status, 'open')) throw conflict('RECTIFICATION_ALREADY_OPEN', '该整改事项尚未答复', 'This item is still open');
      await repo.updateItem(trx, id, { status: 'open', closed_at: null, closed_by: null, review_comment: comment });
      await notify(trx, {
        org: { id: item.org_id, path: item.org_path },
        kind: 'rectification_reopened',
        link: `/inspections/${item.inspection_id}`,
        titleZh: `整改事项被退回：${item.description.slice(0, 40)}`,
        titleEn: `Rectification item sent back: ${item.description.slice(0, 40)}`,
        body: comment,
      });
      await audit(trx, actor, {
        action: 'rectification.reopen',
        targetType: 'rectification',
        targetId: id,
        summary: { inspectionId: item.inspection_id, orgId: item.org_id, before: item.status, comment },
      });
    });
  },
};

import { MEASURE_LIMITS, isoToday, measureCloseErrors, validateMeasure, type BenchmarkDimension, type FieldError } from '@zx/domain';
import type { AppContext } from '../context.ts';
import { nowIso, type Executor } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { accessibleRows, notFoundIn, outOfScope, requireAccess, requireAll, scopeRoot } from '../access/index.ts';
import { audit } from '../audit/service.ts';
import { AppError, conflict, validationFailed } from '../http/errors.ts';
import { notify } from '../inbox/service.ts';
import { attachmentsUsable } from '../attachments/service.ts';
import { campaignRepository } from '../campaigns/repository.ts';
import { benchmarkRepository as repo, type MeasureFilter } from './repository.ts';
import { benchmarkPolicy as policy, supervisorOnly } from './policy.ts';
import { ensureExercise, standardOf, unitInCampaign } from './footing.ts';
import { presentMeasures } from './present.ts';

/** Catch-up measures (赶超措施): written by the unit, closed with evidence, supervised from above. */

export interface MeasureBody {
  dimensionKey: string;
  content: string;
  ownerMemberId: number;
  dueOn: string;
}

/** Field errors of a check that answers 422 join the others; anything else (a 404 for an id out of scope) is thrown as it is. */
async function collect(errors: FieldError[], check: () => Promise<void>) {
  try {
    await check();
  } catch (e) {
    if (e instanceof AppError && e.status === 422 && e.fieldErrors.length) errors.push(...e.fieldErrors);
    else throw e;
  }
}

/** The owner must be a member the actor may reach (404 otherwise, as in the route rule) and an active member of the unit (422). */
async function measureErrors(trx: Executor, actor: Actor, orgPath: string, standard: BenchmarkDimension[], m: MeasureBody, today: string, dueChanged: boolean) {
  await requireAll(trx, actor, 'benchmark.write', 'member', [m.ownerMemberId], 'ownerMemberId');
  const errors = validateMeasure(m, { dimensionKeys: standard.map((d) => d.key), today, dueChanged });
  if (!(await repo.memberIn(trx, orgPath, m.ownerMemberId))) {
    errors.push({
      field: 'ownerMemberId',
      code: 'MEASURE_OWNER_NOT_MEMBER',
      message: { zh: '责任人须是本单位（含下级）的在册团员', en: 'The owner must be an active member of the unit' },
    });
  }
  return errors;
}

export const measureService = {
  async addMeasure(ctx: AppContext, actor: Actor, campaignId: number, orgId: number, input: MeasureBody, today = isoToday()) {
    return ctx.db.transaction().execute(async (trx) => {
      const { org, campaign } = await unitInCampaign(trx, actor, 'benchmark.write', campaignId, orgId);
      const errors = await measureErrors(trx, actor, org.path, await standardOf(trx, campaign.definition), input, today, true);
      if (errors.length) throw validationFailed(errors);
      const b = await ensureExercise(trx, actor, campaignId, org);
      const at = nowIso();
      const { id } = await repo.insertMeasure(trx, {
        benchmark_id: b.id,
        org_id: org.id,
        org_path: org.path,
        dimension_key: input.dimensionKey,
        content: input.content.trim(),
        owner_member_id: input.ownerMemberId,
        due_on: input.dueOn,
        status: 'open',
        evidence_activity_id: null,
        closing_note: null,
        closed_at: null,
        closed_by: null,
        created_at: at,
        created_by: actor.userId,
        updated_at: at,
      });
      await audit(trx, actor, {
        action: 'measure.create',
        targetType: 'catch_up_measure',
        targetId: id,
        summary: { benchmarkId: b.id, orgId: org.id, dimensionKey: input.dimensionKey, ownerMemberId: input.ownerMemberId, dueOn: input.dueOn },
      });
      return id;
    });
  },

  async updateMeasure(ctx: AppContext, actor: Actor, id: number, patch: Partial<MeasureBody>, today = isoToday()) {
    await ctx.db.transaction().execute(async (trx) => {
      const m = await requireAccess(trx, actor, 'benchmark.write', 'measure', id);
      if (m.status !== 'open') throw measureClosed();
      const c = (await campaignRepository.byId(trx, m.campaign_id))!;
      const next = {
        dimensionKey: patch.dimensionKey ?? m.dimension_key,
        content: patch.content ?? m.content,
        ownerMemberId: patch.ownerMemberId ?? m.owner_member_id,
        dueOn: patch.dueOn ?? m.due_on,
      };
      const errors = await measureErrors(trx, actor, m.org_path, await standardOf(trx, c.definition), next, today, next.dueOn !== m.due_on);
      if (errors.length) throw validationFailed(errors);
      await repo.updateMeasure(trx, id, {
        dimension_key: next.dimensionKey,
        content: next.content.trim(),
        owner_member_id: next.ownerMemberId,
        due_on: next.dueOn,
        updated_at: nowIso(),
      });
      await audit(trx, actor, {
        action: 'measure.update',
        targetType: 'catch_up_measure',
        targetId: id,
        summary: { changed: Object.keys(patch), before: { dimensionKey: m.dimension_key, ownerMemberId: m.owner_member_id, dueOn: m.due_on } },
      });
    });
  },

  async deleteMeasure(ctx: AppContext, actor: Actor, id: number) {
    await ctx.db.transaction().execute(async (trx) => {
      const m = await requireAccess(trx, actor, 'benchmark.write', 'measure', id);
      if (m.status !== 'open') throw measureClosed();
      await repo.deleteMeasure(trx, id);
      await audit(trx, actor, {
        action: 'measure.delete',
        targetType: 'catch_up_measure',
        targetId: id,
        summary: { orgId: m.org_id, dimensionKey: m.dimension_key, content: m.content.slice(0, 200) },
      });
    });
  },

  /** 销号: only with evidence — an activity of the unit (or a unit below it) or files of its subtree. */
  async closeMeasure(ctx: AppContext, actor: Actor, id: number, input: { activityId?: number | null; attachmentIds?: number[]; note?: string | null }) {
    await ctx.db.transaction().execute(async (trx) => {
      const m = await requireAccess(trx, actor, 'benchmark.write', 'measure', id);
      if (m.status !== 'open') throw measureClosed();
      const attachmentIds = [...new Set(input.attachmentIds ?? [])];
      const errors = measureCloseErrors({ activityId: input.activityId, attachmentIds });
      // Evidence is something the actor may read itself (404 otherwise) and of the measure's unit (422 otherwise).
      if (input.activityId && !(await accessibleRows(trx, actor, 'benchmark.write', 'activity', [input.activityId])).length) {
        throw notFoundIn('activity', [outOfScope('activityId', 'activity')]);
      }
      if (input.activityId && !(await repo.activityIn(trx, m.org_path, input.activityId))) {
        errors.push({
          field: 'activityId',
          code: 'MEASURE_EVIDENCE_NOT_OF_UNIT',
          message: { zh: '佐证活动须是本单位（含下级）开展的活动', en: 'The activity must be one held by the unit' },
        });
      }
      if (attachmentIds.length) await collect(errors, () => attachmentsUsable(trx, actor, attachmentIds, { path: m.org_path }, { field: 'attachmentIds' }));
      if (input.note && [...input.note].length > MEASURE_LIMITS.closingNote)
        errors.push({
          field: 'note',
          code: 'NOTE_TOO_LONG',
          message: { zh: `不能超过 ${MEASURE_LIMITS.closingNote} 字`, en: `At most ${MEASURE_LIMITS.closingNote} characters` },
        });
      if (errors.length) throw validationFailed(errors);
      await repo.updateMeasure(trx, id, {
        status: 'closed',
        evidence_activity_id: input.activityId ?? null,
        evidenceAttachmentIds: attachmentIds,
        closing_note: input.note?.trim() || null,
        closed_at: nowIso(),
        closed_by: actor.userId,
        updated_at: nowIso(),
      });
      await audit(trx, actor, {
        action: 'measure.close',
        targetType: 'catch_up_measure',
        targetId: id,
        summary: { orgId: m.org_id, activityId: input.activityId ?? null, attachments: attachmentIds.length },
      });
    });
  },

  /** The supervising level sends a closed measure back, with its comment. */
  async reopenMeasure(ctx: AppContext, actor: Actor, id: number, comment: string) {
    await ctx.db.transaction().execute(async (trx) => {
      const m = await requireAccess(trx, actor, null, 'measure', id);
      if (!policy.supervise(actor, { path: m.org_path })) throw supervisorOnly();
      if (m.status !== 'closed') throw conflict('MEASURE_NOT_CLOSED', '该措施尚未销号', 'This measure is not closed');
      await repo.updateMeasure(trx, id, { status: 'open', closed_at: null, closed_by: null, updated_at: nowIso() });
      await repo.insertComment(trx, {
        measure_id: id,
        author_user_id: actor.userId,
        author_name: actor.displayName,
        author_org_id: actor.grant.orgId,
        body: comment,
        created_at: nowIso(),
      });
      await notify(trx, {
        org: { id: m.org_id, path: m.org_path },
        kind: 'measure_reopened',
        link: `/benchmarking?campaignId=${m.campaign_id}&orgId=${m.org_id}`,
        titleZh: `赶超措施被${actor.grant.orgName}退回：${m.content.slice(0, 30)}`,
        titleEn: `${actor.grant.orgName} sent a catch-up measure back: ${m.content.slice(0, 30)}`,
        body: comment,
      });
      await audit(trx, actor, { action: 'measure.reopen', targetType: 'catch_up_measure', targetId: id, summary: { orgId: m.org_id, comment } });
    });
  },

  /** 督促检查: the level above comments on a measure; the unit is told. */
  async comment(ctx: AppContext, actor: Actor, id: number, body: string) {
    await ctx.db.transaction().execute(async (trx) => {
      const m = await requireAccess(trx, actor, null, 'measure', id);
      if (!policy.supervise(actor, { path: m.org_path })) throw supervisorOnly();
      const { id: commentId } = await repo.insertComment(trx, {
        measure_id: id,
        author_user_id: actor.userId,
        author_name: actor.displayName,
        author_org_id: actor.grant.orgId,
        body,
        created_at: nowIso(),
      });
      await notify(trx, {
        org: { id: m.org_id, path: m.org_path },
        kind: 'measure_commented',
        link: `/benchmarking?campaignId=${m.campaign_id}&orgId=${m.org_id}`,
        titleZh: `${actor.grant.orgName}督促赶超措施：${m.content.slice(0, 30)}`,
        titleEn: `${actor.grant.orgName} commented on a catch-up measure: ${m.content.slice(0, 30)}`,
        body,
      });
      await audit(trx, actor, {
        action: 'measure.comment',
        targetType: 'catch_up_measure',
        targetId: id,
        summary: { orgId: m.org_id, commentId, length: body.length },
      });
    });
  },

  async getMeasure(ctx: AppContext, actor: Actor, id: number, today = isoToday()) {
    const m = await requireAccess(ctx.db, actor, 'benchmark.read', 'measure', id);
    return (await presentMeasures(ctx.db, actor, [m], today))[0];
  },

  /** The measures of the actor's subtree (or one unit's subtree): the higher unit's supervision list. */
  async listMeasures(
    ctx: AppContext,
    actor: Actor,
    f: Omit<MeasureFilter, 'orgPath' | 'benchmarkId'> & { subtree: boolean },
    page: { page: number; pageSize: number },
    today = isoToday(),
  ) {
    const root = scopeRoot(actor, 'benchmark.read');
    const org = f.orgId ? await requireAccess(ctx.db, actor, 'benchmark.read', 'org', f.orgId) : null;
    if (f.campaignId) await requireAccess(ctx.db, actor, 'benchmark.read', 'campaign', f.campaignId);
    const [rows, total] = await repo.measures(
      ctx.db,
      root,
      {
        ...(org ? (f.subtree ? { orgPath: org.path } : { orgId: org.id }) : {}),
        campaignId: f.campaignId,
        status: f.status,
      },
      today,
      { limit: page.pageSize, offset: (page.page - 1) * page.pageSize },
    );
    return { items: await presentMeasures(ctx.db, actor, rows, today), total, page: page.page, pageSize: page.pageSize };
  },
};

const measureClosed = () => conflict('MEASURE_CLOSED', '该措施已销号，不能修改', 'This measure is closed');

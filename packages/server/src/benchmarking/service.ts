import {
  BENCHMARK_STEPS,
  MEASURE_LIMITS,
  benchmarkGaps,
  benchmarkStepErrors,
  dimensionMax,
  exemplarLevel,
  isoToday,
  measureCloseErrors,
  measureOverdue,
  validateMeasure,
  type BenchmarkDimension,
  type BenchmarkScores,
  type BenchmarkStep,
  type CampaignTemplate,
  type FieldError,
} from '@zx/domain';
import type { AppContext } from '../context.ts';
import { nowIso, type Executor } from '../db/database.ts';
import type { Organization } from '../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { accessibleRows, notFoundIn, outOfScope, requireAccess, requireAll, scopeRoot, type ResourceRow } from '../access/index.ts';
import { audit } from '../audit/service.ts';
import { AppError, conflict, notFound, validationFailed } from '../http/errors.ts';
import { notify } from '../inbox/service.ts';
import { attachmentsUsable, presentAttachments } from '../attachments/service.ts';
import { rubricByKey } from '../assessment/rubrics.ts';
import { verifiedScores } from '../assessment/scores.ts';
import { exemplarRepository } from '../exemplars/repository.ts';
import { benchmarkRepository as repo, type MeasureFilter } from './repository.ts';
import { benchmarkPolicy as policy, supervisorOnly } from './policy.ts';

const CAMPAIGN = { zh: '主题实践活动', en: 'Campaign' };

type MeasureRow = ResourceRow<'measure'>;
type Action = 'benchmark.read' | 'benchmark.write';

export interface MeasureBody {
  dimensionKey: string;
  content: string;
  ownerMemberId: number;
  dueOn: string;
}

/** The campaign's standard (its rubric's dimensions with full marks). */
async function standardOf(ex: Executor, definition: CampaignTemplate | string): Promise<BenchmarkDimension[]> {
  const d = typeof definition === 'string' ? (JSON.parse(definition) as CampaignTemplate) : definition;
  const rubric = await rubricByKey(ex, d.rubricKey);
  return rubric.dimensions.map((x) => ({ key: x.key, nameZh: x.nameZh, nameEn: x.nameEn, max: dimensionMax(x) }));
}

/** The unit and the campaign covering it, both in the actor's scope (404 otherwise). */
async function unitInCampaign(ex: Executor, actor: Actor, action: Action, campaignId: number, orgId: number) {
  const org = await requireAccess(ex, actor, action, 'org', orgId);
  const c = await requireAccess(ex, actor, action, 'campaign', campaignId);
  if (!org.path.startsWith(c.org_path)) throw notFound(CAMPAIGN);
  return { org, campaign: c };
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

async function presentMeasures(ex: Executor, actor: Actor, rows: MeasureRow[], today: string) {
  const comments = await repo.comments(
    ex,
    rows.map((r) => r.id),
  );
  const activities = await repo.activities(
    ex,
    rows.flatMap((r) => (r.evidence_activity_id ? [r.evidence_activity_id] : [])),
  );
  const standards = new Map<number, BenchmarkDimension[]>();
  for (const cid of new Set(rows.map((r) => r.campaign_id))) {
    const c = await repo.campaign(ex, cid);
    if (c) standards.set(cid, await standardOf(ex, c.definition));
  }
  return Promise.all(
    rows.map(async (r) => {
      const dim = standards.get(r.campaign_id)?.find((d) => d.key === r.dimension_key);
      const act = r.evidence_activity_id ? activities.get(r.evidence_activity_id) : null;
      const unit = { path: r.org_path };
      const canWrite = policy.write(actor, unit);
      const above = policy.supervise(actor, unit);
      return {
        id: r.id,
        benchmarkId: r.benchmark_id,
        campaignId: r.campaign_id,
        orgId: r.org_id,
        orgName: r.org_name,
        dimensionKey: r.dimension_key,
        dimensionNameZh: dim?.nameZh ?? r.dimension_key,
        dimensionNameEn: dim?.nameEn ?? r.dimension_key,
        content: r.content,
        ownerMemberId: r.owner_member_id,
        ownerName: r.owner_name,
        dueOn: r.due_on,
        status: r.status,
        overdue: measureOverdue({ status: r.status, dueOn: r.due_on }, today),
        evidence: {
          activity: r.evidence_activity_id
            ? act
              ? { id: act.id, title: act.title, heldOn: act.held_on, deleted: false }
              : { id: r.evidence_activity_id, title: '', heldOn: '', deleted: true }
            : null,
          attachments: await presentAttachments(ex, JSON.parse(r.evidence_attachment_ids) as number[]),
        },
        closingNote: r.closing_note,
        closedAt: r.closed_at,
        createdAt: r.created_at,
        comments: comments
          .filter((c) => c.measure_id === r.id)
          .map((c) => ({ id: c.id, authorName: c.author_name, orgName: c.org_name, body: c.body, createdAt: c.created_at })),
        canEdit: canWrite && r.status === 'open',
        canClose: canWrite && r.status === 'open',
        canComment: above,
        canReopen: above && r.status === 'closed',
      };
    }),
  );
}

async function ensureExercise(trx: Executor, actor: Actor, campaignId: number, org: Organization) {
  const existing = await repo.find(trx, campaignId, org.id);
  if (existing) return existing;
  const at = nowIso();
  const { id } = await repo.insert(trx, {
    campaign_id: campaignId,
    org_id: org.id,
    org_path: org.path,
    step: 'mobilize',
    reflection: null,
    created_at: at,
    created_by: actor.userId,
    updated_at: at,
  });
  await audit(trx, actor, { action: 'benchmark.start', targetType: 'benchmark', targetId: id, summary: { campaignId, orgId: org.id } });
  return (await repo.find(trx, campaignId, org.id))!;
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

export const benchmarkService = {
  /** The unit's exercise in a campaign: chosen exemplars, the gap on every dimension, the measures. */
  async get(ctx: AppContext, actor: Actor, campaignId: number, orgId: number, today = isoToday()) {
    const { org, campaign } = await unitInCampaign(ctx.db, actor, 'benchmark.read', campaignId, orgId);
    const b = await repo.find(ctx.db, campaignId, org.id);
    const standard = await standardOf(ctx.db, campaign.definition);
    const rubric = await rubricByKey(ctx.db, (JSON.parse(campaign.definition) as CampaignTemplate).rubricKey);
    const exemplarIds = b ? await repo.exemplarIds(ctx.db, b.id) : [];
    const exemplars = (await Promise.all(exemplarIds.map((id) => exemplarRepository.findUnscoped(ctx.db, id)))).filter((e): e is NonNullable<typeof e> => !!e);
    const scores = await verifiedScores(ctx.db, campaignId, [org.id, ...exemplars.map((e) => e.nominee_org_id)]);
    const asScores = (id: number): BenchmarkScores => {
      const s = scores.get(id);
      return s ? Object.fromEntries(s.dimensions.map((d) => [d.key, d.score])) : null;
    };
    const gaps = benchmarkGaps(
      standard,
      asScores(org.id),
      exemplars.map((e) => asScores(e.nominee_org_id)),
    );
    const [rows] = b ? await repo.measures(ctx.db, scopeRoot(actor, 'benchmark.read'), { benchmarkId: b.id }, today) : [[]];
    const own = scores.get(org.id);
    return {
      campaign: { id: campaign.id, name: campaign.name },
      org: { id: org.id, name: org.name },
      id: b?.id ?? null,
      step: (b?.step ?? null) as BenchmarkStep | null,
      steps: [...BENCHMARK_STEPS],
      reflection: b?.reflection ?? null,
      standardName: { zh: rubric.nameZh, en: rubric.nameEn },
      standard,
      own: own ? { total: own.total, max: own.max, tier: own.tier, verifiedAt: own.verifiedAt } : null,
      exemplars: exemplars.map((e) => {
        const s = scores.get(e.nominee_org_id);
        const level = e.level_type_code ? exemplarLevel(e.level_type_code) : null;
        return {
          id: e.id,
          title: e.title,
          orgId: e.nominee_org_id,
          orgName: e.nominee_org_name,
          selectorOrgName: e.selector_org_name ?? null,
          levelZh: level?.nameZh ?? null,
          levelEn: level?.nameEn ?? null,
          total: s?.total ?? null,
          tier: s?.tier ?? null,
        };
      }),
      gaps,
      measures: await presentMeasures(ctx.db, actor, rows, today),
      canWrite: policy.write(actor, org),
      canSupervise: policy.supervise(actor, org),
    };
  },

  /** Chooses the exemplar units to benchmark against (starting the exercise if needed) and keeps the reflection notes. */
  async save(ctx: AppContext, actor: Actor, campaignId: number, orgId: number, input: { exemplarIds: number[]; reflection?: string | null }) {
    await ctx.db.transaction().execute(async (trx) => {
      const { org } = await unitInCampaign(trx, actor, 'benchmark.write', campaignId, orgId);
      const ids = [...new Set(input.exemplarIds)];
      const errors: FieldError[] = [];
      if (ids.length > MEASURE_LIMITS.exemplars)
        errors.push({
          field: 'exemplarIds',
          code: 'BENCHMARK_TOO_MANY_EXEMPLARS',
          message: { zh: `最多选择 ${MEASURE_LIMITS.exemplars} 个对标典型`, en: `At most ${MEASURE_LIMITS.exemplars} exemplars` },
        });
      // An exemplar the actor cannot see is a 404 (as in the route rule); one it sees but may not benchmark against, a 422.
      const chosen = await requireAll(trx, actor, 'benchmark.write', 'exemplar', ids, 'exemplarIds');
      for (const [i, e] of chosen.entries()) {
        if (e.status !== 'selected' || e.kind !== 'unit' || e.nominee_org_id === org.id) {
          errors.push({
            field: `exemplarIds.${i}`,
            code: 'BENCHMARK_EXEMPLAR_INVALID',
            message: { zh: '请选择已评选、可见的先进集体（不能是本单位）', en: 'Choose a selected exemplary unit you can see (not your own unit)' },
          });
        }
      }
      if (input.reflection && [...input.reflection].length > 5000)
        errors.push({ field: 'reflection', code: 'REFLECTION_TOO_LONG', message: { zh: '不能超过 5000 字', en: 'At most 5000 characters' } });
      if (errors.length) throw validationFailed(errors);
      const b = await ensureExercise(trx, actor, campaignId, org);
      const before = await repo.exemplarIds(trx, b.id);
      await repo.setExemplars(trx, b.id, ids);
      if (input.reflection !== undefined) await repo.update(trx, b.id, { reflection: input.reflection?.trim() || null, updated_at: nowIso() });
      await audit(trx, actor, {
        action: 'benchmark.save',
        targetType: 'benchmark',
        targetId: b.id,
        summary: { campaignId, orgId: org.id, exemplarsBefore: before, exemplars: ids, reflection: input.reflection !== undefined },
      });
    });
    return benchmarkService.get(ctx, actor, campaignId, orgId);
  },

  /** Moves the exercise along its six steps (see benchmarkStepErrors for what each needs). */
  async setStep(ctx: AppContext, actor: Actor, campaignId: number, orgId: number, step: BenchmarkStep) {
    await ctx.db.transaction().execute(async (trx) => {
      const { org } = await unitInCampaign(trx, actor, 'benchmark.write', campaignId, orgId);
      const b = await ensureExercise(trx, actor, campaignId, org);
      const counts = await repo.counts(trx, b.id);
      const errors = benchmarkStepErrors(b.step as BenchmarkStep, step, {
        exemplars: (await repo.exemplarIds(trx, b.id)).length,
        measures: counts.open + counts.closed,
        openMeasures: counts.open,
      });
      if (errors.length) throw validationFailed(errors);
      if (b.step === step) return;
      await repo.update(trx, b.id, { step, updated_at: nowIso() });
      await audit(trx, actor, { action: 'benchmark.step', targetType: 'benchmark', targetId: b.id, summary: { before: b.step, after: step } });
    });
    return benchmarkService.get(ctx, actor, campaignId, orgId);
  },

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
        evidence_attachment_ids: '[]',
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
      const c = (await repo.campaign(trx, m.campaign_id))!;
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
        evidence_attachment_ids: JSON.stringify(attachmentIds),
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

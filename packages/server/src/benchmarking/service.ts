import {
  BENCHMARK_STEPS, MEASURE_LIMITS, benchmarkGaps, benchmarkStepErrors, dimensionMax, exemplarLevel, isoToday, measureCloseErrors, measureOverdue, roleAllows, validateMeasure,
  type BenchmarkDimension, type BenchmarkScores, type BenchmarkStep, type CampaignTemplate, type FieldError,
} from '@zx/domain';
import type { AppContext } from '../context.ts';
import { nowIso, type Executor } from '../db/database.ts';
import type { Organization } from '../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { assertAllowed, hasSubtreeScope } from '../auth/scope.ts';
import { audit } from '../audit/service.ts';
import { AppError, conflict, forbidden, notFound, validationFailed } from '../http/errors.ts';
import { notify } from '../inbox/service.ts';
import { orgInScope } from '../orgs/service.ts';
import { attachmentsUsable, presentAttachments } from '../attachments/service.ts';
import { rubricByKey } from '../assessment/rubrics.ts';
import { verifiedScores } from '../assessment/scores.ts';
import { exemplarRepository } from '../exemplars/repository.ts';
import { benchmarkRepository as repo, type MeasureFilter } from './repository.ts';

const CAMPAIGN = { zh: '主题实践活动', en: 'Campaign' };
const MEASURE = { zh: '赶超措施', en: 'Catch-up measure' };

type MeasureRow = NonNullable<Awaited<ReturnType<typeof repo.measure>>>;

export interface MeasureBody {
  dimensionKey: string;
  content: string;
  ownerMemberId: number;
  dueOn: string;
}

/** The supervising side: strictly above the unit, and a role that runs or inspects the campaign there. */
const supervises = (actor: Actor, unitPath: string) =>
  unitPath !== actor.grant.orgPath && unitPath.startsWith(actor.grant.orgPath) && (roleAllows(actor.grant.role, 'benchmark.write') || roleAllows(actor.grant.role, 'inspection.write'));

function assertReader(actor: Actor) {
  assertAllowed(actor, 'campaign.read');
  if (!hasSubtreeScope(actor)) throw forbidden();
}

/** The campaign's standard (its rubric's dimensions with full marks). */
async function standardOf(ex: Executor, definition: CampaignTemplate | string): Promise<BenchmarkDimension[]> {
  const d = typeof definition === 'string' ? (JSON.parse(definition) as CampaignTemplate) : definition;
  const rubric = await rubricByKey(ex, d.rubricKey);
  return rubric.dimensions.map((x) => ({ key: x.key, nameZh: x.nameZh, nameEn: x.nameEn, max: dimensionMax(x) }));
}

/** The unit and the campaign covering it, both in the actor's scope (404 otherwise). */
async function unitInCampaign(ex: Executor, actor: Actor, campaignId: number, orgId: number) {
  const org = await orgInScope(ex, actor, orgId);
  const c = await repo.campaign(ex, campaignId);
  if (!c || !org.path.startsWith(c.org_path)) throw notFound(CAMPAIGN);
  return { org, campaign: c };
}

async function collect(errors: FieldError[], check: () => Promise<void>) {
  try {
    await check();
  } catch (e) {
    if (e instanceof AppError && e.fieldErrors.length) errors.push(...e.fieldErrors);
    else throw e;
  }
}

async function presentMeasures(ex: Executor, actor: Actor, rows: MeasureRow[], today: string) {
  const comments = await repo.comments(ex, rows.map((r) => r.id));
  const activities = await repo.activities(ex, rows.flatMap((r) => (r.evidence_activity_id ? [r.evidence_activity_id] : [])));
  const standards = new Map<number, BenchmarkDimension[]>();
  for (const cid of new Set(rows.map((r) => r.campaign_id))) {
    const c = await repo.campaign(ex, cid);
    if (c) standards.set(cid, await standardOf(ex, c.definition));
  }
  const canWrite = roleAllows(actor.grant.role, 'benchmark.write');
  return Promise.all(rows.map(async (r) => {
    const dim = standards.get(r.campaign_id)?.find((d) => d.key === r.dimension_key);
    const act = r.evidence_activity_id ? activities.get(r.evidence_activity_id) : null;
    const above = supervises(actor, r.org_path);
    return {
      id: r.id, benchmarkId: r.benchmark_id, campaignId: r.campaign_id, orgId: r.org_id, orgName: r.org_name,
      dimensionKey: r.dimension_key, dimensionNameZh: dim?.nameZh ?? r.dimension_key, dimensionNameEn: dim?.nameEn ?? r.dimension_key,
      content: r.content, ownerMemberId: r.owner_member_id, ownerName: r.owner_name, dueOn: r.due_on, status: r.status,
      overdue: measureOverdue({ status: r.status, dueOn: r.due_on }, today),
      evidence: {
        activity: r.evidence_activity_id ? (act ? { id: act.id, title: act.title, heldOn: act.held_on, deleted: false } : { id: r.evidence_activity_id, title: '', heldOn: '', deleted: true }) : null,
        attachments: await presentAttachments(ex, JSON.parse(r.evidence_attachment_ids) as number[]),
      },
      closingNote: r.closing_note, closedAt: r.closed_at, createdAt: r.created_at,
      comments: comments.filter((c) => c.measure_id === r.id).map((c) => ({ id: c.id, authorName: c.author_name, orgName: c.org_name, body: c.body, createdAt: c.created_at })),
      canEdit: canWrite && r.status === 'open',
      canClose: canWrite && r.status === 'open',
      canComment: above,
      canReopen: above && r.status === 'closed',
    };
  }));
}

async function measureInScope(ex: Executor, actor: Actor, id: number) {
  const m = await repo.measure(ex, actor.grant.orgPath, id);
  if (!m) throw notFound(MEASURE);
  return m;
}

async function ensureExercise(trx: Executor, actor: Actor, campaignId: number, org: Organization) {
  const existing = await repo.find(trx, actor.grant.orgPath, campaignId, org.id);
  if (existing) return existing;
  const at = nowIso();
  const { id } = await repo.insert(trx, { campaign_id: campaignId, org_id: org.id, org_path: org.path, step: 'mobilize', reflection: null, created_at: at, created_by: actor.userId, updated_at: at });
  await audit(trx, actor, { action: 'benchmark.start', targetType: 'benchmark', targetId: id, summary: { campaignId, orgId: org.id } });
  return (await repo.find(trx, actor.grant.orgPath, campaignId, org.id))!;
}

async function measureErrors(trx: Executor, orgPath: string, standard: BenchmarkDimension[], m: MeasureBody, today: string, dueChanged: boolean) {
  const errors = validateMeasure(m, { dimensionKeys: standard.map((d) => d.key), today, dueChanged });
  if (!(await repo.memberIn(trx, orgPath, m.ownerMemberId))) {
    errors.push({ field: 'ownerMemberId', code: 'MEASURE_OWNER_NOT_MEMBER', message: { zh: '责任人须是本单位（含下级）的在册团员', en: 'The owner must be an active member of the unit' } });
  }
  return errors;
}

export const benchmarkService = {
  /** The unit's exercise in a campaign: chosen exemplars, the gap on every dimension, the measures. */
  async get(ctx: AppContext, actor: Actor, campaignId: number, orgId: number, today = isoToday()) {
    assertReader(actor);
    const { org, campaign } = await unitInCampaign(ctx.db, actor, campaignId, orgId);
    const b = await repo.find(ctx.db, actor.grant.orgPath, campaignId, org.id);
    const standard = await standardOf(ctx.db, campaign.definition);
    const rubric = await rubricByKey(ctx.db, (JSON.parse(campaign.definition) as CampaignTemplate).rubricKey);
    const exemplarIds = b ? await repo.exemplarIds(ctx.db, b.id) : [];
    const exemplars = (await Promise.all(exemplarIds.map((id) => exemplarRepository.findUnscoped(ctx.db, id)))).filter((e): e is NonNullable<typeof e> => !!e);
    const scores = await verifiedScores(ctx.db, campaignId, [org.id, ...exemplars.map((e) => e.nominee_org_id)]);
    const asScores = (id: number): BenchmarkScores => {
      const s = scores.get(id);
      return s ? Object.fromEntries(s.dimensions.map((d) => [d.key, d.score])) : null;
    };
    const gaps = benchmarkGaps(standard, asScores(org.id), exemplars.map((e) => asScores(e.nominee_org_id)));
    const [rows] = b ? await repo.measures(ctx.db, actor.grant.orgPath, { benchmarkId: b.id }, today) : [[]];
    const own = scores.get(org.id);
    return {
      campaign: { id: campaign.id, name: campaign.name },
      org: { id: org.id, name: org.name },
      id: b?.id ?? null,
      step: (b?.step ?? null) as BenchmarkStep | null,
      steps: BENCHMARK_STEPS,
      reflection: b?.reflection ?? null,
      standardName: { zh: rubric.nameZh, en: rubric.nameEn },
      standard,
      own: own ? { total: own.total, max: own.max, tier: own.tier, verifiedAt: own.verifiedAt } : null,
      exemplars: exemplars.map((e) => {
        const s = scores.get(e.nominee_org_id);
        const level = e.level_type_code ? exemplarLevel(e.level_type_code) : null;
        return { id: e.id, title: e.title, orgId: e.nominee_org_id, orgName: e.nominee_org_name, selectorOrgName: e.selector_org_name ?? null, levelZh: level?.nameZh ?? null, levelEn: level?.nameEn ?? null, total: s?.total ?? null, tier: s?.tier ?? null };
      }),
      gaps,
      measures: await presentMeasures(ctx.db, actor, rows, today),
      canWrite: roleAllows(actor.grant.role, 'benchmark.write'),
      canSupervise: supervises(actor, org.path),
    };
  },

  /** Chooses the exemplar units to benchmark against (starting the exercise if needed) and keeps the reflection notes. */
  async save(ctx: AppContext, actor: Actor, campaignId: number, orgId: number, input: { exemplarIds: number[]; reflection?: string | null }) {
    assertAllowed(actor, 'benchmark.write');
    await ctx.db.transaction().execute(async (trx) => {
      const { org } = await unitInCampaign(trx, actor, campaignId, orgId);
      const ids = [...new Set(input.exemplarIds)];
      const errors: FieldError[] = [];
      if (ids.length > MEASURE_LIMITS.exemplars) errors.push({ field: 'exemplarIds', code: 'BENCHMARK_TOO_MANY_EXEMPLARS', message: { zh: `最多选择 ${MEASURE_LIMITS.exemplars} 个对标典型`, en: `At most ${MEASURE_LIMITS.exemplars} exemplars` } });
      for (const [i, id] of ids.entries()) {
        const e = await exemplarRepository.find(trx, actor.grant.orgPath, true, id);
        if (!e || e.status !== 'selected' || e.kind !== 'unit' || e.nominee_org_id === org.id) {
          errors.push({ field: `exemplarIds.${i}`, code: 'BENCHMARK_EXEMPLAR_INVALID', message: { zh: '请选择已评选、可见的先进集体（不能是本单位）', en: 'Choose a selected exemplary unit you can see (not your own unit)' } });
        }
      }
      if (input.reflection && [...input.reflection].length > 5000) errors.push({ field: 'reflection', code: 'REFLECTION_TOO_LONG', message: { zh: '不能超过 5000 字', en: 'At most 5000 characters' } });
      if (errors.length) throw validationFailed(errors);
      const b = await ensureExercise(trx, actor, campaignId, org);
      const before = await repo.exemplarIds(trx, b.id);
      await repo.setExemplars(trx, b.id, ids);
      if (input.reflection !== undefined) await repo.update(trx, b.id, { reflection: input.reflection?.trim() || null, updated_at: nowIso() });
      await audit(trx, actor, { action: 'benchmark.save', targetType: 'benchmark', targetId: b.id, summary: { campaignId, orgId: org.id, exemplarsBefore: before, exemplars: ids, reflection: input.reflection !== undefined } });
    });
    return benchmarkService.get(ctx, actor, campaignId, orgId);
  },

  /** Moves the exercise along its six steps (see benchmarkStepErrors for what each needs). */
  async setStep(ctx: AppContext, actor: Actor, campaignId: number, orgId: number, step: BenchmarkStep) {
    assertAllowed(actor, 'benchmark.write');
    await ctx.db.transaction().execute(async (trx) => {
      const { org } = await unitInCampaign(trx, actor, campaignId, orgId);
      const b = await ensureExercise(trx, actor, campaignId, org);
      const counts = await repo.counts(trx, b.id);
      const errors = benchmarkStepErrors(b.step as BenchmarkStep, step, { exemplars: (await repo.exemplarIds(trx, b.id)).length, measures: counts.open + counts.closed, openMeasures: counts.open });
      if (errors.length) throw validationFailed(errors);
      if (b.step === step) return;
      await repo.update(trx, b.id, { step, updated_at: nowIso() });
      await audit(trx, actor, { action: 'benchmark.step', targetType: 'benchmark', targetId: b.id, summary: { before: b.step, after: step } });
    });
    return benchmarkService.get(ctx, actor, campaignId, orgId);
  },

  async addMeasure(ctx: AppContext, actor: Actor, campaignId: number, orgId: number, input: MeasureBody, today = isoToday()) {
    assertAllowed(actor, 'benchmark.write');
    return ctx.db.transaction().execute(async (trx) => {
      const { org, campaign } = await unitInCampaign(trx, actor, campaignId, orgId);
      const errors = await measureErrors(trx, org.path, await standardOf(trx, campaign.definition), input, today, true);
      if (errors.length) throw validationFailed(errors);
      const b = await ensureExercise(trx, actor, campaignId, org);
      const at = nowIso();
      const { id } = await repo.insertMeasure(trx, {
        benchmark_id: b.id, org_id: org.id, org_path: org.path, dimension_key: input.dimensionKey, content: input.content.trim(), owner_member_id: input.ownerMemberId,
        due_on: input.dueOn, status: 'open', evidence_activity_id: null, evidence_attachment_ids: '[]', closing_note: null, closed_at: null, closed_by: null,
        created_at: at, created_by: actor.userId, updated_at: at,
      });
      await audit(trx, actor, { action: 'measure.create', targetType: 'catch_up_measure', targetId: id, summary: { benchmarkId: b.id, orgId: org.id, dimensionKey: input.dimensionKey, ownerMemberId: input.ownerMemberId, dueOn: input.dueOn } });
      return id;
    });
  },

  async updateMeasure(ctx: AppContext, actor: Actor, id: number, patch: Partial<MeasureBody>, today = isoToday()) {
    assertAllowed(actor, 'benchmark.write');
    await ctx.db.transaction().execute(async (trx) => {
      const m = await measureInScope(trx, actor, id);
      if (m.status !== 'open') throw measureClosed();
      const c = (await repo.campaign(trx, m.campaign_id))!;
      const next = { dimensionKey: patch.dimensionKey ?? m.dimension_key, content: patch.content ?? m.content, ownerMemberId: patch.ownerMemberId ?? m.owner_member_id, dueOn: patch.dueOn ?? m.due_on };
      const errors = await measureErrors(trx, m.org_path, await standardOf(trx, c.definition), next, today, next.dueOn !== m.due_on);
      if (errors.length) throw validationFailed(errors);
      await repo.updateMeasure(trx, id, { dimension_key: next.dimensionKey, content: next.content.trim(), owner_member_id: next.ownerMemberId, due_on: next.dueOn, updated_at: nowIso() });
      await audit(trx, actor, { action: 'measure.update', targetType: 'catch_up_measure', targetId: id, summary: { changed: Object.keys(patch), before: { dimensionKey: m.dimension_key, ownerMemberId: m.owner_member_id, dueOn: m.due_on } } });
    });
  },

  async deleteMeasure(ctx: AppContext, actor: Actor, id: number) {
    assertAllowed(actor, 'benchmark.write');
    await ctx.db.transaction().execute(async (trx) => {
      const m = await measureInScope(trx, actor, id);
      if (m.status !== 'open') throw measureClosed();
      await repo.deleteMeasure(trx, id);
      await audit(trx, actor, { action: 'measure.delete', targetType: 'catch_up_measure', targetId: id, summary: { orgId: m.org_id, dimensionKey: m.dimension_key, content: m.content.slice(0, 200) } });
    });
  },

  /** 销号: only with evidence — an activity of the unit (or a unit below it) or files of its subtree. */
  async closeMeasure(ctx: AppContext, actor: Actor, id: number, input: { activityId?: number | null; attachmentIds?: number[]; note?: string | null }) {
    assertAllowed(actor, 'benchmark.write');
    await ctx.db.transaction().execute(async (trx) => {
      const m = await measureInScope(trx, actor, id);
      if (m.status !== 'open') throw measureClosed();
      const attachmentIds = [...new Set(input.attachmentIds ?? [])];
      const errors = measureCloseErrors({ activityId: input.activityId, attachmentIds });
      if (input.activityId && !(await repo.activityIn(trx, m.org_path, input.activityId))) {
        errors.push({ field: 'activityId', code: 'MEASURE_EVIDENCE_NOT_OF_UNIT', message: { zh: '佐证活动须是本单位（含下级）开展的活动', en: 'The activity must be one held by the unit' } });
      }
      if (attachmentIds.length) await collect(errors, () => attachmentsUsable(trx, actor, attachmentIds, { path: m.org_path }, { field: 'attachmentIds' }));
      if (input.note && [...input.note].length > MEASURE_LIMITS.closingNote) errors.push({ field: 'note', code: 'NOTE_TOO_LONG', message: { zh: `不能超过 ${MEASURE_LIMITS.closingNote} 字`, en: `At most ${MEASURE_LIMITS.closingNote} characters` } });
      if (errors.length) throw validationFailed(errors);
      await repo.updateMeasure(trx, id, {
        status: 'closed', evidence_activity_id: input.activityId ?? null, evidence_attachment_ids: JSON.stringify(attachmentIds), closing_note: input.note?.trim() || null,
        closed_at: nowIso(), closed_by: actor.userId, updated_at: nowIso(),
      });
      await audit(trx, actor, { action: 'measure.close', targetType: 'catch_up_measure', targetId: id, summary: { orgId: m.org_id, activityId: input.activityId ?? null, attachments: attachmentIds.length } });
    });
  },

  /** The supervising level sends a closed measure back, with its comment. */
  async reopenMeasure(ctx: AppContext, actor: Actor, id: number, comment: string) {
    await ctx.db.transaction().execute(async (trx) => {
      assertAllowed(actor, 'campaign.read');
      const m = await measureInScope(trx, actor, id);
      if (!supervises(actor, m.org_path)) throw supervisorOnly();
      if (m.status !== 'closed') throw conflict('MEASURE_NOT_CLOSED', '该措施尚未销号', 'This measure is not closed');
      await repo.updateMeasure(trx, id, { status: 'open', closed_at: null, closed_by: null, updated_at: nowIso() });
      await repo.insertComment(trx, { measure_id: id, author_user_id: actor.userId, author_name: actor.displayName, author_org_id: actor.grant.orgId, body: comment, created_at: nowIso() });
      await notify(trx, {
        org: { id: m.org_id, path: m.org_path }, kind: 'measure_reopened', link: `/benchmarking?campaignId=${m.campaign_id}&orgId=${m.org_id}`,
        titleZh: `赶超措施被${actor.grant.orgName}退回：${m.content.slice(0, 30)}`, titleEn: `${actor.grant.orgName} sent a catch-up measure back: ${m.content.slice(0, 30)}`, body: comment,
      });
      await audit(trx, actor, { action: 'measure.reopen', targetType: 'catch_up_measure', targetId: id, summary: { orgId: m.org_id, comment } });
    });
  },

  /** 督促检查: the level above comments on a measure; the unit is told. */
  async comment(ctx: AppContext, actor: Actor, id: number, body: string) {
    await ctx.db.transaction().execute(async (trx) => {
      assertAllowed(actor, 'campaign.read');
      const m = await measureInScope(trx, actor, id);
      if (!supervises(actor, m.org_path)) throw supervisorOnly();
      const { id: commentId } = await repo.insertComment(trx, { measure_id: id, author_user_id: actor.userId, author_name: actor.displayName, author_org_id: actor.grant.orgId, body, created_at: nowIso() });
      await notify(trx, {
        org: { id: m.org_id, path: m.org_path }, kind: 'measure_commented', link: `/benchmarking?campaignId=${m.campaign_id}&orgId=${m.org_id}`,
        titleZh: `${actor.grant.orgName}督促赶超措施：${m.content.slice(0, 30)}`, titleEn: `${actor.grant.orgName} commented on a catch-up measure: ${m.content.slice(0, 30)}`, body,
      });
      await audit(trx, actor, { action: 'measure.comment', targetType: 'catch_up_measure', targetId: id, summary: { orgId: m.org_id, commentId, length: body.length } });
    });
  },

  async getMeasure(ctx: AppContext, actor: Actor, id: number, today = isoToday()) {
    assertReader(actor);
    const m = await measureInScope(ctx.db, actor, id);
    return (await presentMeasures(ctx.db, actor, [m], today))[0];
  },

  /** The measures of the actor's subtree (or one unit's subtree): the higher unit's supervision list. */
  async listMeasures(ctx: AppContext, actor: Actor, f: Omit<MeasureFilter, 'orgPath' | 'benchmarkId'> & { subtree: boolean }, page: { page: number; pageSize: number }, today = isoToday()) {
    assertReader(actor);
    const org = f.orgId ? await orgInScope(ctx.db, actor, f.orgId) : null;
    const [rows, total] = await repo.measures(ctx.db, actor.grant.orgPath, {
      ...(org ? (f.subtree ? { orgPath: org.path } : { orgId: org.id }) : {}), campaignId: f.campaignId, status: f.status,
    }, today, { limit: page.pageSize, offset: (page.page - 1) * page.pageSize });
    return { items: await presentMeasures(ctx.db, actor, rows, today), total, page: page.page, pageSize: page.pageSize };
  },
};

const measureClosed = () => conflict('MEASURE_CLOSED', '该措施已销号，不能修改', 'This measure is closed');
const supervisorOnly = () => new AppError(403, 'MEASURE_SUPERVISOR_ONLY', { zh: '由上级组织督促检查', en: 'Only an organization above the unit supervises its measures' });

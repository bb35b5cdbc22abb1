import {
  BENCHMARK_STEPS,
  MEASURE_LIMITS,
  benchmarkGaps,
  benchmarkStepErrors,
  exemplarLevel,
  isoToday,
  type BenchmarkScores,
  type BenchmarkStep,
  type FieldError,
} from '@zx/domain';
import type { AppContext } from '../context.ts';
import { nowIso } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { requireAll, scopeRoot } from '../access/index.ts';
import { audit } from '../audit/service.ts';
import { validationFailed } from '../http/errors.ts';
import { rubricByKey } from '../assessment/rubrics.ts';
import { verifiedScores } from '../assessment/scores.ts';
import { exemplarRepository } from '../exemplars/repository.ts';
import { benchmarkRepository as repo } from './repository.ts';
import { benchmarkPolicy as policy } from './policy.ts';
import { ensureExercise, standardOf, unitInCampaign } from './footing.ts';
import { presentMeasures } from './present.ts';

/** A unit's exercise: the exemplars it chose, its gap on every dimension, its step of the six. */
export const exerciseService = {
  /** The unit's exercise in a campaign: chosen exemplars, the gap on every dimension, the measures. */
  async get(ctx: AppContext, actor: Actor, campaignId: number, orgId: number, today = isoToday()) {
    const { org, campaign } = await unitInCampaign(ctx.db, actor, 'benchmark.read', campaignId, orgId);
    const b = await repo.find(ctx.db, campaignId, org.id);
    const standard = await standardOf(ctx.db, campaign.definition);
    const rubric = await rubricByKey(ctx.db, campaign.definition.rubricKey);
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
    return exerciseService.get(ctx, actor, campaignId, orgId);
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
    return exerciseService.get(ctx, actor, campaignId, orgId);
  },
};

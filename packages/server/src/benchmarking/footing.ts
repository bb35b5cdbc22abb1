import { dimensionMax, type BenchmarkDimension, type CampaignTemplate } from '@zx/domain';
import { nowIso, type Executor } from '../db/database.ts';
import type { Organization } from '../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { requireAccess } from '../access/index.ts';
import { audit } from '../audit/service.ts';
import { notFound } from '../http/errors.ts';
import { rubricByKey } from '../assessment/rubrics.ts';
import { benchmarkRepository as repo } from './repository.ts';

/** What every benchmarking flow stands on: the unit in its campaign, the campaign's standard, the exercise row. */

const CAMPAIGN = { zh: '主题实践活动', en: 'Campaign' };

export type Action = 'benchmark.read' | 'benchmark.write';

/** The campaign's standard (its rubric's dimensions with full marks). */
export async function standardOf(ex: Executor, definition: CampaignTemplate): Promise<BenchmarkDimension[]> {
  const rubric = await rubricByKey(ex, definition.rubricKey);
  return rubric.dimensions.map((x) => ({ key: x.key, nameZh: x.nameZh, nameEn: x.nameEn, max: dimensionMax(x) }));
}

/** The unit and the campaign covering it, both in the actor's scope (404 otherwise). */
export async function unitInCampaign(ex: Executor, actor: Actor, action: Action, campaignId: number, orgId: number) {
  const org = await requireAccess(ex, actor, action, 'org', orgId);
  const c = await requireAccess(ex, actor, action, 'campaign', campaignId);
  if (!org.path.startsWith(c.orgPath)) throw notFound(CAMPAIGN);
  return { org, campaign: c };
}

/** The unit's exercise, started (audited) on its first write. */
export async function ensureExercise(trx: Executor, actor: Actor, campaignId: number, org: Organization) {
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

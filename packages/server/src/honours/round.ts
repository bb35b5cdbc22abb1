import { HONOUR_NAMES, describeCheck, honourQuota, type Action, type FieldError, type HonourKind, type RuleCheck } from '@zx/domain';
import { nowIso, type Executor } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { requireAccess } from '../access/index.ts';
import { conflict, forbidden } from '../http/errors.ts';
import { campaignRepository } from '../campaigns/repository.ts';
import type { HonourRoundStatus } from '../db/schema-honours.ts';
import { quotaBase, type RoundRef } from './eligibility.ts';
import { honourRepository as repo, toHonourRound, type HonourRound } from './repository.ts';
import { honourPolicy as policy } from './policy.ts';

/** What every step of a round reads: the round in reach, its stage, its quotas, and the refusals they share. */

export type RoundRow = HonourRound;

export const OBJECTION = { zh: '异议', en: 'Objection' };
export const ORG = { zh: '组织', en: 'Organization' };

export const readAction = (actor: Actor) => policy.readAction(actor);

export const beforeNotice = (s: HonourRoundStatus) => s === 'draft' || s === 'recommending';
export const refOf = (r: RoundRow): RoundRef => ({ ...r, depth: Number(r.depth) });

/** The round when the actor reaches it with `action` (access/repository/honours.ts roundScope), else 403 / 404. */
export const reachedRound = async (ex: Executor, actor: Actor, action: Action, id: number): Promise<RoundRow> =>
  toHonourRound(await requireAccess(ex, actor, action, 'honourRound', id));

/** A round the actor manages (honour.manage at its organization or above): 404 out of reach, 403 for a recommender. */
export async function managedRound(ex: Executor, actor: Actor, id: number): Promise<RoundRow> {
  const r = await reachedRound(ex, actor, 'honour.manage', id);
  if (!policy.manage(actor, r)) throw forbidden();
  return r;
}

/** The notice is open on `today` (inclusive of both ends). */
export const noticeOpen = (r: Pick<RoundRow, 'status' | 'notice_starts_on' | 'notice_ends_on'>, today: string) =>
  r.status === 'notice' && !!r.notice_starts_on && !!r.notice_ends_on && today >= r.notice_starts_on && today <= r.notice_ends_on;

/** Public viewers (anyone below the round in the notice or afterwards) see candidates and winners only. */
export const publicStatuses = new Set(['candidate', 'awarded']);

export async function quotas(ex: Executor, r: RoundRow) {
  const used = await repo.used(ex, r.id);
  const s = r.settings;
  return Promise.all(
    r.kinds.map(async (kind) => {
      const base = await quotaBase(ex, refOf(r), kind);
      return {
        kind,
        nameZh: HONOUR_NAMES[kind].zh,
        nameEn: HONOUR_NAMES[kind].en,
        percent: s.quotaPercent[kind],
        base,
        quota: honourQuota(s.quotaPercent[kind], base),
        used: used.get(kind) ?? 0,
      };
    }),
  );
}

/** The failed rules as one bilingual sentence (the refusal says what is missing). */
export function ineligible(field: string, checks: RuleCheck[]): FieldError {
  const failed = checks.filter((c) => !c.passed).map(describeCheck);
  return {
    field,
    code: 'HONOUR_NOT_ELIGIBLE',
    message: { zh: `不符合评选条件：${failed.map((f) => f.zh).join('；')}`, en: `Not eligible: ${failed.map((f) => f.en).join('; ')}` },
  };
}

export async function assertQuota(ex: Executor, r: RoundRow, kind: HonourKind) {
  // Touching the round takes its row lock (PostgreSQL) until the transaction ends, so two
  // concurrent additions cannot both see the last free place.
  await repo.updateRound(ex, r.id, { updated_at: nowIso() });
  const base = await quotaBase(ex, refOf(r), kind);
  const quota = honourQuota(r.settings.quotaPercent[kind], base);
  const used = (await repo.used(ex, r.id)).get(kind) ?? 0;
  if (used >= quota) {
    throw conflict(
      'HONOUR_QUOTA_FULL',
      `${HONOUR_NAMES[kind].zh}名额已满（已用 ${used} / 名额 ${quota}）`,
      `The ${HONOUR_NAMES[kind].en} quota is full (${used} of ${quota} used)`,
      [{ field: 'kind', code: 'HONOUR_QUOTA_FULL', message: { zh: `名额已满（${used} / ${quota}）`, en: `Quota full (${used} / ${quota})` } }],
    );
  }
}

/** The campaign whose task completion the unit rules read: the given one (covering the round), else the newest one of the year covering it. */
export async function campaignFor(ex: Executor, orgPath: string, year: number, campaignId: number | null | undefined, errors: FieldError[]) {
  const covering = await campaignRepository.covering(ex, orgPath);
  if (campaignId != null) {
    if (!covering.some((c) => c.id === campaignId)) {
      errors.push({
        field: 'campaignId',
        code: 'HONOUR_CAMPAIGN_NOT_COVERING',
        message: { zh: '该主题实践活动不覆盖本组织', en: 'This campaign does not cover the organization' },
      });
      return null;
    }
    return campaignId;
  }
  return covering.find((c) => c.year === year)?.id ?? null;
}

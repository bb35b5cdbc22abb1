import {
  DEFAULT_HONOUR_SETTINGS,
  HONOUR_KINDS,
  HONOUR_NAMES,
  certificateNumber,
  describeCheck,
  honourQuota,
  honourSubject,
  isoToday,
  noticeEndsOn,
  validateHonourSettings,
  validateObjection,
  validateObjectionReply,
  validateRound,
  type FieldError,
  type HonourKind,
  type HonourSettings,
  type RoundBody,
  type RuleCheck,
} from '@zx/domain';
import type { AppContext } from '../context.ts';
import { nowIso, type Executor } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { requireAccess, requireRole, type ResourceRow } from '../access/index.ts';
import { roundScope } from '../access/kinds/honours.ts';
import { isInSubtree } from '../access/paths.ts';
import { audit } from '../audit/service.ts';
import { conflict, forbidden, notFound, validationFailed } from '../http/errors.ts';
import { notify } from '../inbox/service.ts';
import { pathsUpTo } from '../access/paths.ts';
import { campaignYear } from '../assessment/facts.ts';
import type { HonourRoundStatus } from '../db/schema-honours.ts';
import { checkSubject, listSubjects, quotaBase, type RoundRef, type SubjectCheck } from './eligibility.ts';
import { getHonourSettings, saveHonourSettings } from './settings.ts';
import { honourRepository as repo, type CandidateRow } from './repository.ts';
import { honourPolicy as policy } from './policy.ts';

type RoundRow = ResourceRow<'honourRound'>;

const OBJECTION = { zh: '异议', en: 'Objection' };
const ORG = { zh: '组织', en: 'Organization' };

const readAction = (actor: Actor) => policy.readAction(actor);

const beforeNotice = (s: HonourRoundStatus) => s === 'draft' || s === 'recommending';
const kindsOf = (r: Pick<RoundRow, 'kinds'>) => JSON.parse(r.kinds) as HonourKind[];
const settingsOf = (r: Pick<RoundRow, 'settings'>) => JSON.parse(r.settings) as HonourSettings;
const refOf = (r: RoundRow): RoundRef => ({ ...r, depth: Number(r.depth) });

/** A round the actor manages (honour.manage at its organization or above): 404 out of reach, 403 for a recommender. */
async function managedRound(ex: Executor, actor: Actor, id: number): Promise<RoundRow> {
  const r = await requireAccess(ex, actor, 'honour.manage', 'honourRound', id);
  if (!policy.manage(actor, r)) throw forbidden();
  return r;
}

/** The notice is open on `today` (inclusive of both ends). */
const noticeOpen = (r: Pick<RoundRow, 'status' | 'notice_starts_on' | 'notice_ends_on'>, today: string) =>
  r.status === 'notice' && !!r.notice_starts_on && !!r.notice_ends_on && today >= r.notice_starts_on && today <= r.notice_ends_on;

/** Public viewers (anyone below the round in the notice or afterwards) see candidates and winners only. */
const publicStatuses = new Set(['candidate', 'awarded']);

/** The public (the notice) sees who and what; the rule values and the recommendation note only those who run or recommend. */
function presentCandidate(c: CandidateRow, opts: { objections?: number; details: boolean }) {
  return {
    id: c.id,
    kind: c.kind as HonourKind,
    subjectKey: c.subject_key,
    subject: honourSubject(c.kind as HonourKind),
    name: c.subject_name,
    orgId: c.org_id,
    orgName: c.org_name,
    memberId: c.member_id,
    status: c.status,
    recommenderOrgId: c.recommender_org_id,
    recommenderOrgName: c.recommender_org_name,
    note: opts.details ? c.note : null,
    checks: opts.details ? (JSON.parse(c.checks) as RuleCheck[]) : [],
    objectionCount: opts.objections ?? null,
    updatedAt: c.updated_at,
  };
}

const presentSubject = (s: SubjectCheck) => ({
  subjectKey: s.subjectKey,
  kind: s.kind,
  orgId: s.orgId,
  orgName: s.orgName,
  memberId: s.memberId,
  name: s.name,
  position: s.position,
  eligible: s.eligible,
  checks: s.checks,
});

async function quotas(ex: Executor, r: RoundRow) {
  const used = await repo.used(ex, r.id);
  const s = settingsOf(r);
  return Promise.all(
    kindsOf(r).map(async (kind) => {
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
function ineligible(field: string, checks: RuleCheck[]): FieldError {
  const failed = checks.filter((c) => !c.passed).map(describeCheck);
  return {
    field,
    code: 'HONOUR_NOT_ELIGIBLE',
    message: { zh: `不符合评选条件：${failed.map((f) => f.zh).join('；')}`, en: `Not eligible: ${failed.map((f) => f.en).join('; ')}` },
  };
}

async function assertQuota(ex: Executor, r: RoundRow, kind: HonourKind) {
  // Touching the round takes its row lock (PostgreSQL) until the transaction ends, so two
  // concurrent additions cannot both see the last free place.
  await repo.updateRound(ex, r.id, { updated_at: nowIso() });
  const base = await quotaBase(ex, refOf(r), kind);
  const quota = honourQuota(settingsOf(r).quotaPercent[kind], base);
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
async function campaignFor(ex: Executor, orgPath: string, year: number, campaignId: number | null | undefined, errors: FieldError[]) {
  const covering = await repo.campaignsCovering(ex, pathsUpTo(orgPath));
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
  return covering.find((c) => campaignYear(JSON.parse(c.phase_dates)) === year)?.id ?? null;
}

export const honourService = {
  async settings(ctx: AppContext, actor: Actor) {
    requireRole(actor, readAction(actor));
    return { settings: await getHonourSettings(ctx.db), defaults: DEFAULT_HONOUR_SETTINGS, canEdit: policy.editSettings(actor) };
  },

  async saveSettings(ctx: AppContext, actor: Actor, value: HonourSettings) {
    requireRole(actor, 'honour.manage');
    if (!policy.editSettings(actor)) throw forbidden();
    const errors = validateHonourSettings(value);
    if (errors.length) throw validationFailed(errors);
    await ctx.db.transaction().execute(async (trx) => {
      const before = await getHonourSettings(trx);
      await saveHonourSettings(trx, value, actor.userId);
      await audit(trx, actor, { action: 'honour.settings', targetType: 'setting', targetId: 'honours', summary: { before, after: value } });
    });
    return honourService.settings(ctx, actor);
  },

  async list(ctx: AppContext, actor: Actor, f: { orgId?: number; status?: HonourRoundStatus; year?: number }) {
    const action = readAction(actor);
    requireRole(actor, action);
    const org = f.orgId ? await requireAccess(ctx.db, actor, action, 'org', f.orgId) : null;
    const rows = await repo.listRounds(ctx.db, roundScope(actor, action), { orgPath: org?.path, status: f.status, year: f.year });
    return {
      items: rows.map((r) => ({
        id: r.id,
        orgId: r.org_id,
        orgName: r.org_name,
        name: r.name,
        year: r.year,
        status: r.status,
        kinds: kindsOf(r),
        noticeStartsOn: r.notice_starts_on,
        noticeEndsOn: r.notice_ends_on,
        finalizedAt: r.finalized_at,
        canManage: policy.manage(actor, r),
      })),
      canCreate: policy.create(actor),
    };
  },

  async create(ctx: AppContext, actor: Actor, input: RoundBody) {
    requireRole(actor, 'honour.manage');
    if (!policy.create(actor)) throw forbidden();
    return ctx.db.transaction().execute(async (trx) => {
      const org = await requireAccess(trx, actor, 'honour.manage', 'org', input.orgId ?? actor.grant.orgId);
      const defaults = await getHonourSettings(trx);
      const errors = validateRound(input);
      const campaignId = errors.length ? null : await campaignFor(trx, org.path, input.year, input.campaignId, errors);
      if (errors.length) throw validationFailed(errors);
      const settings: HonourSettings = {
        ...defaults,
        quotaPercent: { ...defaults.quotaPercent, ...input.quotaPercent },
        noticeDays: input.noticeDays ?? defaults.noticeDays,
      };
      const at = nowIso();
      const { id } = await repo.insertRound(trx, {
        org_id: org.id,
        org_path: org.path,
        name: input.name.trim(),
        year: input.year,
        reference_date: input.referenceDate,
        kinds: JSON.stringify([...new Set(input.kinds)]),
        settings: JSON.stringify(settings),
        require_lower_title: input.requireLowerTitle ? 1 : 0,
        campaign_id: campaignId,
        status: 'draft',
        notice_starts_on: null,
        notice_ends_on: null,
        published_at: null,
        finalized_at: null,
        created_at: at,
        created_by: actor.userId,
        updated_at: at,
      });
      await audit(trx, actor, {
        action: 'honour.round_create',
        targetType: 'honour_round',
        targetId: id,
        summary: { orgId: org.id, year: input.year, kinds: input.kinds },
      });
      return id;
    });
  },

  async update(ctx: AppContext, actor: Actor, id: number, input: Partial<Omit<RoundBody, 'orgId'>>) {
    return ctx.db.transaction().execute(async (trx) => {
      const r = await managedRound(trx, actor, id);
      if (!beforeNotice(r.status)) throw conflict('HONOUR_ROUND_LOCKED', '公示后不能修改评选设置', 'The round cannot be changed once the notice is published');
      const s = settingsOf(r);
      const next = {
        name: input.name ?? r.name,
        year: r.year,
        referenceDate: input.referenceDate ?? r.reference_date,
        kinds: input.kinds ?? kindsOf(r),
        quotaPercent: { ...s.quotaPercent, ...input.quotaPercent },
        noticeDays: input.noticeDays ?? s.noticeDays,
      };
      const errors = validateRound(next);
      const campaignId =
        input.campaignId !== undefined && !errors.length ? await campaignFor(trx, r.org_path, r.year, input.campaignId, errors) : r.campaign_id;
      if (input.kinds) {
        const used = await repo.used(trx, r.id);
        for (const k of kindsOf(r)) {
          if (!input.kinds.includes(k) && (used.get(k) ?? 0) > 0)
            errors.push({
              field: 'kinds',
              code: 'HONOUR_KIND_IN_USE',
              message: { zh: `「${HONOUR_NAMES[k].zh}」已有候选对象，不能取消`, en: `${HONOUR_NAMES[k].en} already has candidates` },
            });
        }
      }
      if (errors.length) throw validationFailed(errors);
      await repo.updateRound(trx, r.id, {
        name: next.name.trim(),
        reference_date: next.referenceDate,
        kinds: JSON.stringify([...new Set(next.kinds)]),
        settings: JSON.stringify({ ...s, quotaPercent: next.quotaPercent, noticeDays: next.noticeDays }),
        require_lower_title: input.requireLowerTitle === undefined ? r.require_lower_title : input.requireLowerTitle ? 1 : 0,
        campaign_id: campaignId,
        updated_at: nowIso(),
      });
      await audit(trx, actor, { action: 'honour.round_update', targetType: 'honour_round', targetId: r.id, summary: { ...input } });
    });
  },

  async get(ctx: AppContext, actor: Actor, id: number, today = isoToday()) {
    const r = await requireAccess(ctx.db, actor, readAction(actor), 'honourRound', id);
    const isManager = policy.manage(actor, r);
    const all = await repo.candidates(ctx.db, r.id);
    const objections = isManager ? await repo.objections(ctx.db, r.id) : [];
    const objectionCount = new Map<number, number>();
    for (const o of objections) objectionCount.set(o.candidate_id, (objectionCount.get(o.candidate_id) ?? 0) + 1);
    const shown = all.filter((c) => policy.details(actor, r, c) || (!beforeNotice(r.status) && publicStatuses.has(c.status)));
    const mine = await repo.objectionsOf(ctx.db, r.id, actor.userId);
    const awards = r.status === 'final' ? await repo.awardsOfRound(ctx.db, r.id) : [];
    const campaign = r.campaign_id ? await repo.campaign(ctx.db, r.campaign_id) : null;
    const pending = objections.filter((o) => o.status === 'pending').length;
    const finalizeBlockers: ('notice_open' | 'objections_pending')[] = [];
    if (r.status === 'notice') {
      if (r.notice_ends_on && today <= r.notice_ends_on) finalizeBlockers.push('notice_open');
      if (pending) finalizeBlockers.push('objections_pending');
    }
    const visibleAward = (a: (typeof awards)[number]) => isManager || shown.some((c) => c.id === a.candidate_id);
    return {
      id: r.id,
      orgId: r.org_id,
      orgName: r.org_name,
      name: r.name,
      year: r.year,
      referenceDate: r.reference_date,
      kinds: kindsOf(r),
      settings: settingsOf(r),
      requireLowerTitle: r.require_lower_title === 1,
      campaignId: r.campaign_id,
      campaignName: campaign?.name ?? null,
      status: r.status,
      noticeStartsOn: r.notice_starts_on,
      noticeEndsOn: r.notice_ends_on,
      noticeOpen: noticeOpen(r, today),
      publishedAt: r.published_at,
      finalizedAt: r.finalized_at,
      quotas: await quotas(ctx.db, r),
      candidates: shown.map((c) =>
        presentCandidate(c, {
          objections: isManager ? (objectionCount.get(c.id) ?? 0) : undefined,
          details: policy.details(actor, r, c),
        }),
      ),
      objections: objections.map((o) => ({
        id: o.id,
        candidateId: o.candidate_id,
        candidateName: o.subject_name,
        kind: o.kind as HonourKind,
        reason: o.reason,
        contact: o.contact,
        objectorName: o.objector_name,
        objectorOrgName: o.objector_org_name,
        status: o.status,
        reply: o.reply,
        handledAt: o.handled_at,
        createdAt: o.created_at,
      })),
      myObjections: mine.map((o) => ({
        id: o.id,
        candidateId: o.candidate_id,
        candidateName: o.subject_name,
        kind: o.kind as HonourKind,
        reason: o.reason,
        status: o.status,
        reply: o.reply,
        handledAt: o.handled_at,
        createdAt: o.created_at,
      })),
      awards: awards.filter(visibleAward).map((a) => ({
        id: a.id,
        candidateId: a.candidate_id,
        kind: a.kind as HonourKind,
        name: a.subject_name,
        certificateNo: a.certificate_no,
        awardedOn: a.awarded_on,
        certificateUrl: policy.certificate(actor, r, a) ? `/api/v1/honours/awards/${a.id}/certificate.pdf` : null,
      })),
      can: {
        manage: isManager,
        edit: isManager && beforeNotice(r.status),
        openRecommendations: isManager && r.status === 'draft',
        recommend: policy.recommend(actor, r),
        publish: isManager && beforeNotice(r.status),
        object: policy.objects(actor) && noticeOpen(r, today),
        finalize: isManager && r.status === 'notice' && !finalizeBlockers.length,
        certificates: isManager && r.status === 'final',
      },
      finalizeBlockers,
      pendingObjections: isManager ? pending : null,
    };
  },

  /** The subjects of one kind under `orgId` (default: the actor's organization, inside the round) with their rule checks. */
  async eligible(ctx: AppContext, actor: Actor, id: number, q: { kind: HonourKind; orgId?: number; all: boolean; q?: string; limit: number }) {
    const r = await requireAccess(ctx.db, actor, 'honour.manage', 'honourRound', id);
    if (!policy.manage(actor, r) && !policy.recommend(actor, r)) throw forbidden();
    if (!kindsOf(r).includes(q.kind))
      throw validationFailed([
        { field: 'kind', code: 'HONOUR_KIND_NOT_IN_ROUND', message: { zh: '本次评选不含该类荣誉', en: 'This round does not include that honour' } },
      ]);
    const org = await requireAccess(ctx.db, actor, 'honour.manage', 'org', q.orgId ?? actor.grant.orgId);
    const root = isInSubtree(r.org_path, org.path) ? org.path : r.org_path;
    if (!policy.listUnder(actor, root)) throw notFound(ORG);
    const taken = new Map((await repo.candidates(ctx.db, r.id)).filter((c) => c.kind === q.kind).map((c) => [c.subject_key, c.status]));
    const res = await listSubjects(ctx.db, refOf(r), q.kind, root, {
      eligibleOnly: !q.all,
      q: q.q,
      limit: q.limit,
      like: ctx.dialect === 'postgres' ? 'ilike' : 'like',
    });
    return {
      kind: q.kind,
      orgId: org.id,
      truncated: res.truncated,
      items: res.items.map((s) => ({ ...presentSubject(s), candidateStatus: taken.get(s.subjectKey) ?? null })),
    };
  },

  /** The round's organization adds a candidate; an organization below recommends one of its subtree. */
  async addCandidate(
    ctx: AppContext,
    actor: Actor,
    id: number,
    input: { kind: HonourKind; memberId?: number | null; orgId?: number | null; note?: string | null },
  ) {
    return ctx.db.transaction().execute(async (trx) => {
      const r = await requireAccess(trx, actor, 'honour.manage', 'honourRound', id);
      const manager = policy.manage(actor, r);
      if (!manager && !policy.recommend(actor, r)) throw forbidden();
      if (manager && !beforeNotice(r.status))
        throw conflict('HONOUR_ROUND_LOCKED', '公示后不能再调整候选名单', 'The candidate list is fixed once the notice is published');
      const errors: FieldError[] = [];
      if (!kindsOf(r).includes(input.kind))
        errors.push({
          field: 'kind',
          code: 'HONOUR_KIND_NOT_IN_ROUND',
          message: { zh: '本次评选不含该类荣誉', en: 'This round does not include that honour' },
        });
      const person = honourSubject(input.kind) === 'person';
      const field = person ? 'memberId' : 'orgId';
      if (person ? !input.memberId : !input.orgId)
        errors.push({
          field,
          code: 'HONOUR_SUBJECT_REQUIRED',
          message: { zh: person ? '请选择团员' : '请选择组织', en: person ? 'Choose a member' : 'Choose an organization' },
        });
      if ((input.note ?? '').length > 500)
        errors.push({ field: 'note', code: 'HONOUR_NOTE_TOO_LONG', message: { zh: '推荐理由不能超过 500 字', en: 'The note is at most 500 characters' } });
      if (errors.length) throw validationFailed(errors);
      // Out of the actor's reach or of the round's subtree: answered like a missing subject (docs/decisions/0004).
      if (person) await requireAccess(trx, actor, 'honour.manage', 'member', input.memberId!);
      else await requireAccess(trx, actor, 'honour.manage', 'org', input.orgId!);
      const check = await checkSubject(trx, refOf(r), input.kind, { memberId: input.memberId, orgId: input.orgId });
      if (!check || !isInSubtree(r.org_path, check.orgPath)) throw notFound(person ? { zh: '团员', en: 'Member' } : ORG);
      if (!check.eligible) throw validationFailed([ineligible(field, check.checks)]);
      const status = manager ? 'candidate' : 'recommended';
      const existing = await repo.candidateBySubject(trx, r.id, input.kind, check.subjectKey);
      if (existing && (existing.status === 'candidate' || existing.status === 'awarded' || (existing.status === 'recommended' && !manager))) {
        throw conflict('HONOUR_ALREADY_LISTED', '该对象已在名单中', 'Already on the list', [
          { field, code: 'HONOUR_ALREADY_LISTED', message: { zh: '该对象已在名单中', en: 'Already on the list' } },
        ]);
      }
      if (status === 'candidate') await assertQuota(trx, r, input.kind);
      const at = nowIso();
      const recommender = await requireAccess(trx, actor, 'honour.manage', 'org', actor.grant.orgId);
      const row = {
        status,
        checks: JSON.stringify(check.checks),
        note: input.note?.trim() || null,
        updated_at: at,
        recommender_org_id: recommender.id,
        recommender_org_path: recommender.path,
      } as const;
      let candidateId: number;
      if (existing) {
        // A recommendation accepted by adding it again keeps the recommending organization.
        const keep =
          existing.status === 'recommended' ? { recommender_org_id: existing.recommender_org_id, recommender_org_path: existing.recommender_org_path } : {};
        await repo.updateCandidate(trx, existing.id, { ...row, ...keep });
        candidateId = existing.id;
      } else {
        candidateId = (
          await repo.insertCandidate(trx, {
            ...row,
            round_id: r.id,
            kind: input.kind,
            subject_key: check.subjectKey,
            org_id: check.orgId,
            org_path: check.orgPath,
            member_id: check.memberId,
            subject_name: check.name,
            created_at: at,
            created_by: actor.userId,
          })
        ).id;
      }
      await audit(trx, actor, {
        action: manager ? 'honour.candidate_add' : 'honour.recommend',
        targetType: 'honour_candidate',
        targetId: candidateId,
        summary: { roundId: r.id, kind: input.kind, subject: check.subjectKey },
      });
      return candidateId;
    });
  },

  /** The round's organization accepts a recommendation (eligibility and quota checked again) or turns it down. */
  async decide(ctx: AppContext, actor: Actor, candidateId: number, decision: 'accept' | 'reject') {
    return ctx.db.transaction().execute(async (trx) => {
      const c = await requireAccess(trx, actor, 'honour.manage', 'honourCandidate', candidateId);
      const r = await managedRound(trx, actor, c.round_id);
      if (!beforeNotice(r.status))
        throw conflict('HONOUR_ROUND_LOCKED', '公示后不能再调整候选名单', 'The candidate list is fixed once the notice is published');
      if (c.status !== 'recommended') throw conflict('HONOUR_NOT_RECOMMENDED', '只能处理待定的推荐', 'Only a pending recommendation can be decided');
      let checks = c.checks;
      if (decision === 'accept') {
        const check = await checkSubject(trx, refOf(r), c.kind as HonourKind, { memberId: c.member_id, orgId: c.org_id });
        if (!check?.eligible) throw validationFailed([ineligible(c.member_id ? 'memberId' : 'orgId', check?.checks ?? [])]);
        await assertQuota(trx, r, c.kind as HonourKind);
        checks = JSON.stringify(check.checks);
      }
      await repo.updateCandidate(trx, c.id, { status: decision === 'accept' ? 'candidate' : 'rejected', checks, updated_at: nowIso() });
      await audit(trx, actor, {
        action: decision === 'accept' ? 'honour.candidate_add' : 'honour.candidate_remove',
        targetType: 'honour_candidate',
        targetId: c.id,
        summary: { roundId: r.id, recommendation: decision },
      });
    });
  },

  /** Takes a candidate or a recommendation off the list before the notice (the round's organization, or the recommending one for its own recommendation). */
  async remove(ctx: AppContext, actor: Actor, candidateId: number) {
    return ctx.db.transaction().execute(async (trx) => {
      const c = await requireAccess(trx, actor, 'honour.manage', 'honourCandidate', candidateId);
      const r = await requireAccess(trx, actor, 'honour.manage', 'honourRound', c.round_id);
      if (!policy.manage(actor, r) && !policy.withdrawRecommendation(actor, r, c)) throw forbidden();
      if (!beforeNotice(r.status))
        throw conflict('HONOUR_ROUND_LOCKED', '公示后不能再调整候选名单', 'The candidate list is fixed once the notice is published');
      if (c.status !== 'candidate' && c.status !== 'recommended') throw conflict('HONOUR_NOT_LISTED', '该对象不在名单中', 'Not on the list');
      await repo.updateCandidate(trx, c.id, { status: 'withdrawn', updated_at: nowIso() });
      await audit(trx, actor, { action: 'honour.candidate_remove', targetType: 'honour_candidate', targetId: c.id, summary: { roundId: r.id } });
    });
  },

  async openRecommendations(ctx: AppContext, actor: Actor, id: number) {
    return ctx.db.transaction().execute(async (trx) => {
      const r = await managedRound(trx, actor, id);
      if (r.status !== 'draft') throw conflict('HONOUR_STAGE', '只有草稿状态的评选可以开放推荐', 'Only a draft round can open recommendations');
      await repo.updateRound(trx, r.id, { status: 'recommending', updated_at: nowIso() });
      await audit(trx, actor, { action: 'honour.recommendations_open', targetType: 'honour_round', targetId: r.id });
    });
  },

  /** 公示: the candidate list becomes visible to the whole subtree for the notice period. */
  async publish(ctx: AppContext, actor: Actor, id: number, startsOn: string | undefined, today = isoToday()) {
    return ctx.db.transaction().execute(async (trx) => {
      const r = await managedRound(trx, actor, id);
      if (!beforeNotice(r.status)) throw conflict('HONOUR_STAGE', '该评选已经公示', 'The notice is already published');
      const start = startsOn ?? today;
      if (start < today)
        throw validationFailed([
          { field: 'startsOn', code: 'HONOUR_NOTICE_IN_PAST', message: { zh: '公示开始日期不能早于今天', en: 'The notice cannot start before today' } },
        ]);
      const all = await repo.candidates(trx, r.id);
      if (all.some((c) => c.status === 'recommended'))
        throw conflict('HONOUR_RECOMMENDATIONS_PENDING', '还有推荐未处理，请先确定是否列入候选名单', 'Decide on every recommendation first');
      const listed = all.filter((c) => c.status === 'candidate');
      if (!listed.length) throw conflict('HONOUR_NO_CANDIDATES', '候选名单为空，不能公示', 'The candidate list is empty');
      // The data may have changed since a candidate was listed: every one is checked again.
      const stale: FieldError[] = [];
      for (const c of listed) {
        const check = await checkSubject(trx, refOf(r), c.kind as HonourKind, { memberId: c.member_id, orgId: c.org_id });
        if (!check?.eligible)
          stale.push({
            ...ineligible(`candidates.${c.id}`, check?.checks ?? []),
            message: {
              zh: `${c.subject_name}：${ineligible('', check?.checks ?? []).message.zh}`,
              en: `${c.subject_name}: ${ineligible('', check?.checks ?? []).message.en}`,
            },
          });
        else await repo.updateCandidate(trx, c.id, { checks: JSON.stringify(check.checks) });
      }
      if (stale.length)
        throw conflict(
          'HONOUR_CANDIDATE_NO_LONGER_ELIGIBLE',
          '有候选对象已不符合条件，请先调整名单',
          'Some candidates are no longer eligible; adjust the list first',
          stale,
        );
      const ends = noticeEndsOn(start, settingsOf(r).noticeDays);
      const at = nowIso();
      await repo.updateRound(trx, r.id, { status: 'notice', notice_starts_on: start, notice_ends_on: ends, published_at: at, updated_at: at });
      await audit(trx, actor, {
        action: 'honour.notice_publish',
        targetType: 'honour_round',
        targetId: r.id,
        summary: { startsOn: start, endsOn: ends, candidates: listed.length },
      });
      await notify(trx, {
        org: { id: r.org_id, path: r.org_path },
        kind: 'honour_notice_published',
        titleZh: `「${r.name}」候选名单公示（${start} 至 ${ends}）`,
        titleEn: `"${r.name}": candidates on public notice (${start} to ${ends})`,
        body: `${listed.length}`,
        link: `/honours/${r.id}`,
      });
    });
  },

  /** 异议: anyone who can read the notice raises one while it is open; the round's organization hears of it (not who). */
  async object(ctx: AppContext, actor: Actor, candidateId: number, input: { reason: string; contact?: string | null }, today = isoToday()) {
    return ctx.db.transaction().execute(async (trx) => {
      // A name on a published list the actor reads (honour.notice): anything else is not found.
      const c = await requireAccess(trx, actor, 'honour.notice', 'honourCandidate', candidateId);
      const r = await requireAccess(trx, actor, 'honour.notice', 'honourRound', c.round_id);
      if (!noticeOpen(r, today)) throw conflict('HONOUR_NOTICE_CLOSED', '公示期已结束或尚未开始，不能提出异议', 'The notice period is not open');
      if (c.status !== 'candidate') throw conflict('HONOUR_NOT_LISTED', '该对象不在公示名单中', 'Not on the notice list');
      const errors = validateObjection(input, settingsOf(r).objectionMinChars);
      if (errors.length) throw validationFailed(errors);
      const dup = (await repo.objectionsOf(trx, r.id, actor.userId)).some((o) => o.candidate_id === c.id && o.status === 'pending');
      if (dup) throw conflict('OBJECTION_PENDING', '您对该对象的异议正在处理中', 'Your objection to this candidate is being handled');
      // Where the objector stood when objecting (the reply is addressed to the account, this only records it).
      const from = await repo.organization(trx, actor.grant.orgId);
      const { id } = await repo.insertObjection(trx, {
        round_id: r.id,
        candidate_id: c.id,
        reason: input.reason.trim(),
        contact: input.contact?.trim() || null,
        objector_user_id: actor.userId,
        objector_name: actor.displayName,
        objector_org_id: from.id,
        objector_org_path: from.path,
        status: 'pending',
        reply: null,
        handled_by: null,
        handled_at: null,
        created_at: nowIso(),
      });
      await audit(trx, actor, { action: 'honour.objection_add', targetType: 'honour_objection', targetId: id, summary: { roundId: r.id, candidateId: c.id } });
      await notify(trx, {
        org: { id: r.org_id, path: r.org_path },
        kind: 'honour_objection_received',
        titleZh: `「${r.name}」收到对${c.subject_name}的异议`,
        titleEn: `"${r.name}": an objection to ${c.subject_name}`,
        link: `/honours/${r.id}`,
      });
      return id;
    });
  },

  /** The round's organization answers an objection: upheld withdraws the candidate, dismissed keeps them; the objector reads the reply. */
  async handle(ctx: AppContext, actor: Actor, objectionId: number, input: { decision: 'upheld' | 'dismissed'; reply: string }) {
    return ctx.db.transaction().execute(async (trx) => {
      const o = await requireAccess(trx, actor, 'honour.manage', 'honourObjection', objectionId);
      const r = await requireAccess(trx, actor, 'honour.manage', 'honourRound', o.round_id);
      if (!policy.manage(actor, r)) throw notFound(OBJECTION);
      if (o.status !== 'pending') throw conflict('OBJECTION_HANDLED', '该异议已经处理', 'This objection has already been handled');
      if (r.status !== 'notice') throw conflict('HONOUR_STAGE', '评选已结束', 'The round is closed');
      const errors = validateObjectionReply(input.reply);
      if (errors.length) throw validationFailed(errors);
      const at = nowIso();
      await repo.updateObjection(trx, o.id, { status: input.decision, reply: input.reply.trim(), handled_by: actor.userId, handled_at: at });
      const c = (await repo.candidate(trx, o.candidate_id))!;
      if (input.decision === 'upheld' && c.status === 'candidate') await repo.updateCandidate(trx, c.id, { status: 'withdrawn', updated_at: at });
      await audit(trx, actor, {
        action: 'honour.objection_handle',
        targetType: 'honour_objection',
        targetId: o.id,
        summary: { roundId: r.id, candidateId: c.id, decision: input.decision },
      });
      await notify(trx, {
        user: { id: o.objector_user_id, orgId: o.objector_org_id, orgPath: o.objector_org_path },
        kind: 'honour_objection_handled',
        titleZh: `您对「${r.name}」公示提出的异议已答复`,
        titleEn: `Your objection to the "${r.name}" notice has been answered`,
        link: `/honours/${r.id}`,
      });
    });
  },

  /** After the notice and with every objection handled: the candidates become the final list, with certificates. */
  async finalize(ctx: AppContext, actor: Actor, id: number, today = isoToday()) {
    return ctx.db.transaction().execute(async (trx) => {
      const r = await managedRound(trx, actor, id);
      if (r.status !== 'notice') throw conflict('HONOUR_STAGE', '只有公示中的评选可以确定最终名单', 'Only a round on notice can be finalized');
      if (!r.notice_ends_on || today <= r.notice_ends_on)
        throw conflict(
          'HONOUR_NOTICE_OPEN',
          `公示期至 ${r.notice_ends_on} 结束，结束后才能确定最终名单`,
          `The notice runs until ${r.notice_ends_on}; finalize after it ends`,
        );
      const pending = await repo.pendingObjections(trx, r.id);
      if (pending) throw conflict('HONOUR_OBJECTIONS_PENDING', `还有 ${pending} 条异议未处理`, `${pending} objection(s) still to be handled`);
      const listed = (await repo.candidates(trx, r.id)).filter((c) => c.status === 'candidate');
      const at = nowIso();
      const seq = new Map<string, number>();
      for (const kind of HONOUR_KINDS) {
        for (const c of listed.filter((x) => x.kind === kind)) {
          const n = (seq.get(kind) ?? 0) + 1;
          seq.set(kind, n);
          await trx
            .insertInto('honour_award')
            .values({
              round_id: r.id,
              candidate_id: c.id,
              kind,
              year: r.year,
              subject_key: c.subject_key,
              org_id: c.org_id,
              org_path: c.org_path,
              member_id: c.member_id,
              subject_name: c.subject_name,
              issuer_org_id: r.org_id,
              issuer_org_name: r.org_name,
              issuer_depth: Number(r.depth),
              certificate_no: certificateNumber(r.year, kind, r.id, n),
              awarded_on: today,
              created_at: at,
            })
            .execute();
          await repo.updateCandidate(trx, c.id, { status: 'awarded', updated_at: at });
        }
      }
      await repo.updateRound(trx, r.id, { status: 'final', finalized_at: at, updated_at: at });
      await audit(trx, actor, { action: 'honour.finalize', targetType: 'honour_round', targetId: r.id, summary: { awards: listed.length } });
      await notify(trx, {
        org: { id: r.org_id, path: r.org_path },
        kind: 'honour_final_published',
        titleZh: `「${r.name}」最终名单公布`,
        titleEn: `"${r.name}": final list published`,
        body: `${listed.length}`,
        link: `/honours/${r.id}`,
      });
    });
  },

  /**
   * An award's certificate is downloaded by the member it went to, by the organizations above the
   * honoured unit or member, and by the round's organization (the final list itself is public).
   */
  async award(ctx: AppContext, actor: Actor, id: number) {
    // The kind is the rule: the member's own award, or one in the subtree for those who read honours (the round's managers included).
    return requireAccess(ctx.db, actor, null, 'honourAward', id);
  },

  async roundAwards(ctx: AppContext, actor: Actor, id: number) {
    const r = await managedRound(ctx.db, actor, id);
    if (r.status !== 'final') throw conflict('HONOUR_STAGE', '最终名单确定后才能打印证书', 'Certificates are printed once the final list is published');
    return { round: r, awards: await repo.awardsOfRound(ctx.db, r.id) };
  },

  /** Honours a member or a unit holds (their history page). */
  async history(ctx: AppContext, actor: Actor, q: { memberId?: number; orgId?: number }) {
    let key: string;
    if (q.memberId) {
      if (!policy.memberHistory(actor, q.memberId)) throw forbidden();
      key = `m:${(await requireAccess(ctx.db, actor, null, 'member', q.memberId)).id}`;
    } else if (q.orgId) {
      if (!policy.readsOrgHonours(actor)) throw notFound(ORG);
      key = `o:${(await requireAccess(ctx.db, actor, 'honour.read', 'org', q.orgId)).id}`;
    } else {
      throw validationFailed([
        { field: 'memberId', code: 'HONOUR_SUBJECT_REQUIRED', message: { zh: '请指定团员或组织', en: 'Give a member or an organization' } },
      ]);
    }
    return (await repo.awardsOfSubject(ctx.db, key)).map((a) => ({
      id: a.id,
      roundId: a.round_id,
      roundName: a.round_name,
      kind: a.kind as HonourKind,
      year: a.year,
      name: a.subject_name,
      issuerOrgName: a.issuer_org_name,
      certificateNo: a.certificate_no,
      awardedOn: a.awarded_on,
      certificateUrl: `/api/v1/honours/awards/${a.id}/certificate.pdf`,
    }));
  },
};

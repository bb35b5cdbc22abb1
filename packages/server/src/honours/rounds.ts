import {
  DEFAULT_HONOUR_SETTINGS,
  HONOUR_KINDS,
  HONOUR_NAMES,
  certificateNumber,
  isoToday,
  noticeEndsOn,
  validateHonourSettings,
  validateRound,
  type FieldError,
  type HonourKind,
  type HonourSettings,
  type RoundBody,
} from '@zx/domain';
import type { AppContext } from '../context.ts';
import { nowIso } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { requireAccess, requireRole } from '../access/index.ts';
import { roundScope } from '../access/repository/honours.ts';
import { audit } from '../audit/service.ts';
import { conflict, forbidden, validationFailed } from '../http/errors.ts';
import { notify } from '../inbox/service.ts';
import type { HonourRoundStatus } from '../db/schema-honours.ts';
import { checkSubject } from './eligibility.ts';
import { honourRepository as repo } from './repository.ts';
import { honourPolicy as policy } from './policy.ts';
import { beforeNotice, campaignFor, ineligible, managedRound, noticeOpen, publicStatuses, quotas, reachedRound, readAction, refOf } from './round.ts';
import { presentCandidate, presentMyObjection, presentObjection, presentRoundAward } from './presenter.ts';

/** The rounds: rules and quotas, create and change, the round page, open recommendations, the public notice, the final list. */
export const roundService = {
  async settings(ctx: AppContext, actor: Actor) {
    requireRole(actor, readAction(actor));
    return { settings: await repo.settings(ctx.db), defaults: DEFAULT_HONOUR_SETTINGS, canEdit: policy.editSettings(actor) };
  },

  async saveSettings(ctx: AppContext, actor: Actor, value: HonourSettings) {
    requireRole(actor, 'honour.manage');
    if (!policy.editSettings(actor)) throw forbidden();
    const errors = validateHonourSettings(value);
    if (errors.length) throw validationFailed(errors);
    await ctx.db.transaction().execute(async (trx) => {
      const before = await repo.settings(trx);
      await repo.saveSettings(trx, value, actor.userId);
      await audit(trx, actor, { action: 'honour.settings', targetType: 'setting', targetId: 'honours', summary: { before, after: value } });
    });
    return roundService.settings(ctx, actor);
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
        kinds: r.kinds,
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
      const defaults = await repo.settings(trx);
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
        kinds: [...new Set(input.kinds)],
        settings,
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
      const s = r.settings;
      const next = {
        name: input.name ?? r.name,
        year: r.year,
        referenceDate: input.referenceDate ?? r.reference_date,
        kinds: input.kinds ?? r.kinds,
        quotaPercent: { ...s.quotaPercent, ...input.quotaPercent },
        noticeDays: input.noticeDays ?? s.noticeDays,
      };
      const errors = validateRound(next);
      const campaignId =
        input.campaignId !== undefined && !errors.length ? await campaignFor(trx, r.org_path, r.year, input.campaignId, errors) : r.campaign_id;
      if (input.kinds) {
        const used = await repo.used(trx, r.id);
        for (const k of r.kinds) {
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
        kinds: [...new Set(next.kinds)],
        settings: { ...s, quotaPercent: next.quotaPercent, noticeDays: next.noticeDays },
        require_lower_title: input.requireLowerTitle === undefined ? r.require_lower_title : input.requireLowerTitle ? 1 : 0,
        campaign_id: campaignId,
        updated_at: nowIso(),
      });
      await audit(trx, actor, { action: 'honour.round_update', targetType: 'honour_round', targetId: r.id, summary: { ...input } });
    });
  },

  async get(ctx: AppContext, actor: Actor, id: number, today = isoToday()) {
    const r = await reachedRound(ctx.db, actor, readAction(actor), id);
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
      kinds: r.kinds,
      settings: r.settings,
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
      objections: objections.map(presentObjection),
      myObjections: mine.map(presentMyObjection),
      awards: awards.filter(visibleAward).map((a) => presentRoundAward(a, policy.certificate(actor, r, a))),
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
        else await repo.updateCandidate(trx, c.id, { checks: check.checks });
      }
      if (stale.length)
        throw conflict(
          'HONOUR_CANDIDATE_NO_LONGER_ELIGIBLE',
          '有候选对象已不符合条件，请先调整名单',
          'Some candidates are no longer eligible; adjust the list first',
          stale,
        );
      const ends = noticeEndsOn(start, r.settings.noticeDays);
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
          await repo.insertAward(trx, {
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
          });
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
};

import {
  canBeDemoSite,
  exemplarCanTransition,
  exemplarLevel,
  isoToday,
  validateExemplarDecision,
  validateExemplarNomination,
  type ExemplarDecisionMethod,
  type ExemplarKind,
  type ExemplarStatus,
  type FieldError,
} from '@zx/domain';
import type { AppContext } from '../context.ts';
import { nowIso, type Executor } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { requireAccess, requireRole, scopeRoot, type ResourceRow } from '../access/index.ts';
import { exemplarScope } from '../access/repository/exemplars.ts';
import { isInSubtree } from '../access/paths.ts';
import { audit } from '../audit/service.ts';
import { AppError, conflict, forbidden, notFound, validationFailed } from '../http/errors.ts';
import { notify } from '../inbox/service.ts';
import { attachmentsUsable, presentAttachments } from '../attachments/service.ts';
import { sessionSummary } from '../votes/engine.ts';
import { exemplarRepository as repo, type ExemplarFilter } from './repository.ts';
import { decided, exemplarPolicy as policy, selectAboveOnly } from './policy.ts';
import { exemplarVotes, voteOf } from './votes.ts';

type Row = ResourceRow<'exemplar'>;

export interface NominationBody {
  campaignId?: number | null;
  kind: ExemplarKind;
  nomineeOrgId?: number | null;
  nomineeMemberId?: number | null;
  title: string;
  materials: string;
  photoIds?: number[];
}

export interface DecisionBody {
  decision: 'selected' | 'not_selected';
  method: ExemplarDecisionMethod;
  note: string;
  decidedOn: string;
}

function presentItem(e: Row, visits = 0) {
  const level = e.level_type_code ? exemplarLevel(e.level_type_code) : null;
  return {
    id: e.id,
    campaignId: e.campaign_id,
    kind: e.kind as ExemplarKind,
    status: e.status as ExemplarStatus,
    title: e.title,
    nomineeOrgId: e.nominee_org_id,
    nomineeOrgName: e.nominee_org_name,
    nomineeOrgType: e.nominee_org_type,
    nomineeMemberId: e.nominee_member_id,
    nomineeMemberName: e.nominee_member_name ?? null,
    nomineeName: e.kind === 'person' ? (e.nominee_member_name ?? '') : e.nominee_org_name,
    nominatorOrgId: e.nominator_org_id,
    nominatorOrgName: e.nominator_org_name,
    nominatedOn: e.nominated_on,
    selectorOrgId: e.selector_org_id,
    selectorOrgName: e.selector_org_name ?? null,
    level: level ? { typeCode: e.level_type_code!, nameZh: level.nameZh, nameEn: level.nameEn } : null,
    decisionMethod: e.decision_method,
    decidedOn: e.decided_on,
    demoSite: e.demo_site === 1,
    demoSiteSince: e.demo_site_since,
    photoCount: e.photo_ids.length,
    coverUrl: e.photo_ids.length ? `/api/v1/exemplars/${e.id}/photos/${e.photo_ids[0]}/thumb` : null,
    visitCount: visits,
    updatedAt: e.updated_at,
  };
}

/** The nominee: an organization or a member of the nominator's subtree (out of scope answers like a missing one, 404). */
async function nomineeOf(trx: Executor, actor: Actor, input: NominationBody, errors: FieldError[]) {
  if (input.kind === 'unit') {
    if (!input.nomineeOrgId) return null;
    const org = await requireAccess(trx, actor, 'exemplar.nominate', 'org', input.nomineeOrgId);
    return { orgId: org.id, orgPath: org.path, memberId: null, name: org.name };
  }
  if (!input.nomineeMemberId) return null;
  const m = await requireAccess(trx, actor, 'exemplar.nominate', 'member', input.nomineeMemberId);
  if (m.status !== 'active') {
    errors.push({ field: 'nomineeMemberId', code: 'NOMINEE_NOT_ACTIVE', message: { zh: '只能推荐在册团员', en: 'Only an active member can be nominated' } });
    return null;
  }
  return { orgId: m.org_id, orgPath: m.org_path, memberId: m.id, name: m.name };
}

export const exemplarService = {
  ...exemplarVotes,

  async list(
    ctx: AppContext,
    actor: Actor,
    f: Omit<ExemplarFilter, 'nomineePath' | 'decidableBy'> & { orgId?: number; decidable?: boolean },
    page: { page: number; pageSize: number },
  ) {
    requireRole(actor, 'exemplar.read');
    if (f.campaignId) await requireAccess(ctx.db, actor, 'exemplar.read', 'campaign', f.campaignId);
    const org = f.orgId ? await requireAccess(ctx.db, actor, 'exemplar.read', 'org', f.orgId) : null;
    // What the signed-in organization may decide on: nothing without exemplar.select.
    if (f.decidable && !policy.decidesNominations(actor)) return { items: [], total: 0, page: page.page, pageSize: page.pageSize };
    const [rows, total] = await repo.list(
      ctx.db,
      exemplarScope(actor),
      {
        ...f,
        nomineePath: org?.path,
        decidableBy: f.decidable ? scopeRoot(actor, 'exemplar.select') : undefined,
      },
      { limit: page.pageSize, offset: (page.page - 1) * page.pageSize },
      ctx.dialect,
    );
    const visits = await repo.visitCounts(
      ctx.db,
      rows.filter((r) => r.demo_site === 1).map((r) => r.id),
    );
    return { items: rows.map((r) => presentItem(r, visits.get(r.id) ?? 0)), total, page: page.page, pageSize: page.pageSize };
  },

  async get(ctx: AppContext, actor: Actor, id: number) {
    const e = await requireAccess(ctx.db, actor, 'exemplar.read', 'exemplar', id);
    const photos = (await presentAttachments(ctx.db, e.photo_ids)).map((p) => ({
      ...p,
      url: `/api/v1/exemplars/${e.id}/photos/${p.id}`,
      thumbUrl: p.thumbUrl ? `/api/v1/exemplars/${e.id}/photos/${p.id}/thumb` : null,
    }));
    const visits = await repo.visits(ctx.db, e.id);
    const campaign = e.campaign_id ? await repo.campaign(ctx.db, e.campaign_id) : null;
    const vote = e.vote_session_id ? await voteOf(ctx.db, e.vote_session_id) : null;
    return {
      ...presentItem(e, visits.length),
      materials: e.materials,
      decisionNote: e.decision_note,
      campaignName: campaign?.name ?? null,
      photos,
      visits: visits.map((v) => ({
        id: v.id,
        title: v.title,
        heldOn: v.held_on,
        orgName: v.org_name,
        attendeeCount: v.attendee_count,
        canOpen: policy.openVisit(actor, v),
      })),
      vote,
      canStartVote: policy.holdVote(actor, e) && !e.vote_session_id,
      canCloseVote: policy.holdVote(actor, e) && vote?.status === 'open',
      canDecide: policy.decide(actor, e),
      canWithdraw: policy.withdraw(actor, e),
      canManageSite: policy.manageSite(actor, e),
    };
  },

  /** A unit nominates a unit or person of its subtree; the organization above the nominator hears of it. */
  async nominate(ctx: AppContext, actor: Actor, input: NominationBody, today = isoToday()) {
    requireRole(actor, 'exemplar.nominate');
    return ctx.db.transaction().execute(async (trx) => {
      const nominator = await requireAccess(trx, actor, 'exemplar.nominate', 'org', actor.grant.orgId);
      const photoIds = [...new Set(input.photoIds ?? [])];
      const errors = validateExemplarNomination({ ...input, photoIds });
      const nominee = await nomineeOf(trx, actor, input, errors);
      if (input.campaignId != null) {
        const c = await requireAccess(trx, actor, 'exemplar.nominate', 'campaign', input.campaignId);
        if (!isInSubtree(c.orgPath, nominee ? nominee.orgPath : nominator.path)) {
          errors.push({
            field: 'campaignId',
            code: 'CAMPAIGN_NOT_COVERING',
            message: { zh: '该主题实践活动不覆盖被推荐对象', en: 'This campaign does not cover the nominee' },
          });
        }
      }
      if (photoIds.length && photoIds.length <= 20) {
        try {
          await attachmentsUsable(trx, actor, photoIds, nominator, { field: 'photoIds', kind: 'photo' });
        } catch (e) {
          // Files of this unit's subtree of the wrong kind join the other field errors; a file out of scope is a 404 as it is.
          if (e instanceof AppError && e.status === 422) errors.push(...e.fieldErrors);
          else throw e;
        }
      }
      if (errors.length) throw validationFailed(errors);
      const at = nowIso();
      const { id } = await repo.insert(trx, {
        campaign_id: input.campaignId ?? null,
        kind: input.kind,
        nominee_org_id: nominee!.orgId,
        nominee_org_path: nominee!.orgPath,
        nominee_member_id: nominee!.memberId,
        title: input.title.trim(),
        materials: input.materials.trim(),
        photo_ids: photoIds,
        nominator_org_id: nominator.id,
        nominator_org_path: nominator.path,
        nominated_by: actor.userId,
        nominated_on: today,
        status: 'nominated',
        selector_org_id: null,
        selector_org_path: null,
        level_type_code: null,
        decision_method: null,
        decision_note: null,
        decided_on: null,
        decided_by: null,
        decided_at: null,
        vote_session_id: null,
        demo_site: 0,
        demo_site_since: null,
        created_at: at,
        updated_at: at,
      });
      if (nominator.parent_id) {
        const parent = await repo.org(trx, nominator.parent_id);
        if (parent) {
          await notify(trx, {
            org: { id: parent.id, path: parent.path },
            kind: 'exemplar_nominated',
            link: `/exemplars/${id}`,
            titleZh: `${nominator.name}推荐先进典型：${nominee!.name}（${input.title.trim().slice(0, 30)}）`,
            titleEn: `${nominator.name} nominated an exemplar: ${nominee!.name} (${input.title.trim().slice(0, 30)})`,
          });
        }
      }
      await audit(trx, actor, {
        action: 'exemplar.nominate',
        targetType: 'exemplar',
        targetId: id,
        summary: { kind: input.kind, nomineeOrgId: nominee!.orgId, nomineeMemberId: nominee!.memberId, title: input.title.trim(), photos: photoIds.length },
      });
      return id;
    });
  },

  async withdraw(ctx: AppContext, actor: Actor, id: number) {
    await ctx.db.transaction().execute(async (trx) => {
      const e = await requireAccess(trx, actor, 'exemplar.nominate', 'exemplar', id);
      if (!policy.nominatorSide(actor, e)) throw forbidden();
      if (!exemplarCanTransition(e.status as ExemplarStatus, 'withdrawn')) throw decided();
      await repo.update(trx, id, { status: 'withdrawn', updated_at: nowIso() });
      await audit(trx, actor, { action: 'exemplar.withdraw', targetType: 'exemplar', targetId: id, summary: { title: e.title } });
    });
  },

  /**
   * The committee of an organization strictly above the nominee decides. The level is the
   * deciding organization's type; both the nominating unit and the nominee's unit are told.
   */
  async decide(ctx: AppContext, actor: Actor, id: number, input: DecisionBody, today = isoToday()) {
    await ctx.db.transaction().execute(async (trx) => {
      const e = await requireAccess(trx, actor, 'exemplar.select', 'exemplar', id);
      if (!policy.aboveNominee(actor, e)) throw selectAboveOnly();
      if (!exemplarCanTransition(e.status as ExemplarStatus, input.decision)) throw decided();
      const errors = validateExemplarDecision(
        { decidedOn: input.decidedOn, note: input.note },
        { today, nominatedOn: e.nominated_on, requireNote: input.decision === 'selected' },
      );
      if (input.method === 'vote' && !e.vote_session_id) {
        errors.push({
          field: 'method',
          code: 'EXEMPLAR_NO_VOTE',
          message: { zh: '该推荐尚未进行代表投票', en: 'No representative vote was held on this nomination' },
        });
      } else if (e.vote_session_id && (await sessionSummary(trx, e.vote_session_id)).status === 'open') {
        // "看票不唯票": the committee decides after the vote, never while it runs.
        errors.push({
          field: 'method',
          code: 'EXEMPLAR_VOTE_OPEN',
          message: { zh: '代表投票尚未结束，请结束投票后再作决定', en: 'Close the representative vote before deciding' },
        });
      }
      if (errors.length) throw validationFailed(errors);
      const selector = await requireAccess(trx, actor, 'exemplar.select', 'org', actor.grant.orgId);
      await repo.update(trx, id, {
        status: input.decision,
        selector_org_id: selector.id,
        selector_org_path: selector.path,
        level_type_code: input.decision === 'selected' ? selector.type_code : null,
        decision_method: input.method,
        decision_note: input.note.trim() || null,
        decided_on: input.decidedOn,
        decided_by: actor.userId,
        decided_at: nowIso(),
        updated_at: nowIso(),
      });
      const level = exemplarLevel(selector.type_code);
      const name = e.kind === 'person' ? (e.nominee_member_name ?? '') : e.nominee_org_name;
      const told = new Map([
        [e.nominator_org_id, e.nominator_org_path],
        [e.nominee_org_id, e.nominee_org_path],
      ]);
      for (const [orgId, path] of told) {
        await notify(trx, {
          org: { id: orgId, path },
          kind: 'exemplar_decided',
          link: `/exemplars/${id}`,
          titleZh:
            input.decision === 'selected'
              ? `${name}被${selector.name}评选为${level.nameZh}先进典型`
              : `${selector.name}未评选「${e.title.slice(0, 30)}」为先进典型`,
          titleEn:
            input.decision === 'selected'
              ? `${name} was selected as a ${level.nameEn.toLowerCase()} exemplar by ${selector.name}`
              : `${selector.name} did not select "${e.title.slice(0, 30)}"`,
        });
      }
      await audit(trx, actor, {
        action: `exemplar.${input.decision === 'selected' ? 'select' : 'reject'}`,
        targetType: 'exemplar',
        targetId: id,
        summary: { method: input.method, decidedOn: input.decidedOn, level: selector.type_code, note: input.note.trim() },
      });
    });
  },

  /** Designates a selected unit a demonstration site (示范点), or ends that. */
  async setDemoSite(ctx: AppContext, actor: Actor, id: number, on: boolean, today = isoToday()) {
    await ctx.db.transaction().execute(async (trx) => {
      const e = await requireAccess(trx, actor, 'exemplar.select', 'exemplar', id);
      if (!canBeDemoSite({ kind: e.kind as ExemplarKind, status: e.status as ExemplarStatus })) {
        throw conflict('DEMO_SITE_NEEDS_SELECTED_UNIT', '只有已评选的先进集体可设为示范点', 'Only a selected exemplary unit can be a demonstration site');
      }
      if (!policy.manageSite(actor, e)) throw forbidden();
      if ((e.demo_site === 1) === on) return;
      await repo.update(trx, id, { demo_site: on ? 1 : 0, demo_site_since: on ? today : null, updated_at: nowIso() });
      await audit(trx, actor, {
        action: on ? 'exemplar.demo_site_on' : 'exemplar.demo_site_off',
        targetType: 'exemplar',
        targetId: id,
        summary: { orgId: e.nominee_org_id },
      });
    });
  },

  /** A photo of an exemplar, readable by whoever may see the exemplar (not only the uploader's subtree). */
  async photo(ctx: AppContext, actor: Actor, id: number, attachmentId: number) {
    const e = await requireAccess(ctx.db, actor, 'exemplar.read', 'exemplar', id);
    if (!e.photo_ids.includes(attachmentId)) throw notFound({ zh: '照片', en: 'Photo' });
    return requireAccess(ctx.db, actor, 'exemplar.read', 'exemplarPhoto', attachmentId);
  },
};

import {
  CADRE_RATING_SCALES,
  POSITIONS,
  fieldError,
  isExemptFromRating,
  resolveBallotSettings,
  type BallotSettingsInput,
  type ScaleCode,
  type VoteKind,
} from '@zx/domain';
import type { AppContext } from '../context.ts';
import { nowIso, type Executor } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { requireAccess, scopeRoot } from '../access/index.ts';
import { audit } from '../audit/service.ts';
import { conflict, notFound, validationFailed } from '../http/errors.ts';
import { toSession, voteRepository as repo, type SessionRow } from './repository.ts';
import type { VoteSessionStatus } from '../db/schema-votes.ts';
import { SESSION, closeSession, createSession, exemptReason, openSession, scrubAfterClose, sealed, sessionResult } from './engine.ts';
import { ratedCadre, ratedCadreSchedules, upperLevelOnly, votePolicy } from './policy.ts';
import { rollEntryOrRefuse } from './voter.ts';
import { announceOpen, closeDue } from './schedule.ts';

/** 述职评议 and the other sessions a manager runs here: preview, create, list, open, close, the roll and the report. */

const positionRank = (code: string) => POSITIONS.findIndex((p) => p.code === code);

/** A session the actor manages: vote.manage and the session's organization in the actor's subtree (else 403 / 404). */
const managed = async (ctx: AppContext, actor: Actor, id: number, ex: Executor = ctx.db): Promise<SessionRow> =>
  toSession(await requireAccess(ex, actor, 'vote.manage', 'voteSession', id));

/** Sessions other areas run (a member evaluation, an exemplar vote) are opened and closed by their own pages. */
function assertOwnedHere(s: SessionRow) {
  if (s.ref_type)
    throw conflict(
      'SESSION_MANAGED_ELSEWHERE',
      '该投票由所属业务（如团员评议）管理，请在相应页面操作',
      'This vote is run from the page it belongs to (e.g. the member evaluation)',
    );
}

/** The cadres being rated do not open, close or delete their own rating: someone else in scope (e.g. the level above) does (votes/policy.ts). */
async function assertNotRatedHere(ex: Executor, actor: Actor, s: SessionRow) {
  if (actor.memberId == null || s.kind !== 'cadre_rating') return;
  if (votePolicy.ratedIn(actor, s, await repo.subjects(ex, s.id))) throw ratedCadre();
}

function presentSession(s: SessionRow & { org_name?: string }, actor: Actor, extra: { rollSize: number; votedCount: number; ratedHere?: boolean }) {
  const settings = s.settings;
  const manage = votePolicy.manage(actor, s) && !extra.ratedHere;
  return {
    id: s.id,
    orgId: s.org_id,
    orgName: s.org_name ?? null,
    kind: s.kind as VoteKind,
    titleZh: s.title_zh,
    titleEn: s.title_en,
    scale: s.scale as ScaleCode,
    settings,
    rollSource: s.roll_source,
    status: s.status,
    reportYear: s.report_year,
    opensAt: s.opens_at,
    closesAt: s.closes_at,
    openedAt: s.opened_at,
    closedAt: s.closed_at,
    rollSize: extra.rollSize,
    votedCount: extra.votedCount,
    refType: s.ref_type,
    refId: s.ref_id,
    createdAt: s.created_at,
    canManage: manage && !s.ref_type,
    /** The level above the session's organization enters the upper score of a weighted rating. */
    canScoreUpper: votePolicy.scoreUpper(actor, s) && !!settings.weighting && s.status !== 'cancelled',
  };
}

export const sessionService = {
  /** The cadres a rating would list today, who is exempt and why, and the roll it would freeze. */
  async cadrePreview(ctx: AppContext, actor: Actor, orgId: number, exemptMonths?: number) {
    const org = await requireAccess(ctx.db, actor, 'vote.manage', 'org', orgId);
    const months = exemptMonths ?? resolveBallotSettings('cadre_rating').settings.exemptMonths;
    const today = nowIso().slice(0, 10);
    const cadres = (await repo.cadres(ctx.db, org.id)).sort((a, b) => positionRank(a.position) - positionRank(b.position) || a.id - b.id);
    const reps = await repo.representatives(ctx.db, org.id);
    return {
      orgId: org.id,
      orgName: org.name,
      cadres: cadres.map((c) => {
        const exempt = isExemptFromRating(c.position_since, today, months);
        return {
          memberId: c.id,
          name: c.name,
          position: c.position,
          positionSince: c.position_since,
          exempt,
          exemptReason: exempt ? exemptReason(c.position_since!, months) : null,
        };
      }),
      roll: reps.filter((r) => r.status === 'active').map((r) => ({ memberId: r.member_id, name: r.name, orgName: r.org_name })),
      /** The actor may give it opening and closing times (not one of the cadres it rates). */
      canSchedule: votePolicy.schedule(
        actor,
        cadres.map((c) => c.id),
      ),
    };
  },

  async createCadreRating(
    ctx: AppContext,
    actor: Actor,
    input: {
      orgId: number;
      titleZh?: string | null;
      scale?: ScaleCode;
      reportYear?: number;
      opensAt?: string | null;
      closesAt?: string | null;
      settings?: BallotSettingsInput;
    },
  ) {
    const scale = input.scale ?? 'satisfaction3';
    if (!CADRE_RATING_SCALES.includes(scale))
      throw validationFailed([
        fieldError(
          'scale',
          'SCALE_NOT_FOR_CADRES',
          '述职评议可选：满意/基本满意/不满意、好/较好/一般/差、10分制',
          'A cadre rating uses one of the three rating scales',
        ),
      ]);
    const id = await ctx.db.transaction().execute(async (trx) => {
      const org = await requireAccess(trx, actor, 'vote.manage', 'org', input.orgId);
      const year = input.reportYear ?? Number(nowIso().slice(0, 4));
      const { settings } = resolveBallotSettings('cadre_rating', input.settings ?? {});
      const today = nowIso().slice(0, 10);
      const cadres = (await repo.cadres(trx, org.id)).sort((a, b) => positionRank(a.position) - positionRank(b.position) || a.id - b.id);
      if (!cadres.length)
        throw validationFailed([
          fieldError('orgId', 'NO_CADRES', '本组织名册中没有团干部（职务不为“团员”的在册团员）', 'This organization has no cadres on its roster'),
        ]);
      if (
        (input.opensAt || input.closesAt) &&
        !votePolicy.schedule(
          actor,
          cadres.map((c) => c.id),
        )
      )
        throw ratedCadreSchedules();
      const { id } = await createSession(trx, actor, {
        orgId: org.id,
        kind: 'cadre_rating',
        titleZh: input.titleZh?.trim() || `${org.name}${year}年度团干部述职评议`,
        titleEn: `${year} cadre rating`,
        scale,
        rollSource: 'representatives',
        opensAt: input.opensAt ?? null,
        closesAt: input.closesAt ?? null,
        settings: input.settings,
        reportYear: year,
        subjects: cadres.map((c) => {
          const exempt = isExemptFromRating(c.position_since, today, settings.exemptMonths);
          return {
            label: c.name,
            detail: c.position,
            memberId: c.id,
            exempt,
            exemptReason: exempt ? exemptReason(c.position_since!, settings.exemptMonths) : null,
          };
        }),
      });
      return id;
    });
    return sessionService.get(ctx, actor, id);
  },

  async list(ctx: AppContext, actor: Actor, q: { orgId?: number; kind?: string; status?: VoteSessionStatus }) {
    const root = q.orgId ? (await requireAccess(ctx.db, actor, 'vote.manage', 'org', q.orgId)).path : scopeRoot(actor, 'vote.manage');
    const rows = await repo.list(ctx.db, { path: root, kind: q.kind, status: q.status });
    const counts = await repo.rollCountsOf(
      ctx.db,
      rows.map((r) => r.id),
    );
    // Sessions that rate the actor's own member: listed, but run by someone else (votePolicy.run).
    const ratedIn = new Set(
      actor.memberId != null && rows.length
        ? await repo.sessionsRating(
            ctx.db,
            rows.map((r) => r.id),
            actor.memberId,
          )
        : [],
    );
    return rows.map((r) =>
      presentSession(r, actor, {
        rollSize: r.status === 'draft' ? (counts.get(r.id)?.n ?? 0) : r.roll_size,
        votedCount: counts.get(r.id)?.v ?? 0,
        ratedHere: r.kind === 'cadre_rating' && ratedIn.has(r.id),
      }),
    );
  },

  async get(ctx: AppContext, actor: Actor, id: number) {
    const s = await managed(ctx, actor, id);
    const orgName = await repo.organizationName(ctx.db, s.org_id);
    const roll = await repo.rollCounts(ctx.db, id);
    const rollSize =
      s.status === 'draft' && s.roll_source === 'representatives'
        ? (await repo.activeRepresentativeIds(ctx.db, s.org_id)).length
        : s.status === 'draft'
          ? roll.size
          : s.roll_size;
    const subjects = await repo.subjects(ctx.db, id);
    const base = presentSession({ ...s, org_name: orgName }, actor, { rollSize, votedCount: roll.voted });
    const ratedHere = votePolicy.ratedIn(actor, s, subjects);
    return {
      ...base,
      canManage: votePolicy.run(actor, s, subjects),
      /** The signed-in cadre is rated here: the session is run by someone else. */
      ratedHere,
      subjects: subjects.map((x) => ({
        id: x.id,
        label: x.label,
        detail: x.detail,
        memberId: x.member_id,
        exempt: x.exempt === 1,
        exemptReason: x.exempt_reason,
        upperScore: x.upper_score,
      })),
    };
  },

  /** Who is on the roll and who has voted (never what). A representatives roll is previewed until it is frozen. */
  async roll(ctx: AppContext, actor: Actor, id: number) {
    const s = await managed(ctx, actor, id);
    if (s.status === 'draft' && s.roll_source === 'representatives') {
      const reps = (await repo.representatives(ctx.db, s.org_id)).filter((r) => r.status === 'active');
      return { frozen: false, items: reps.map((r) => ({ memberId: r.member_id, name: r.name, position: r.position, orgName: r.org_name, voted: false })) };
    }
    const rows = await repo.roll(ctx.db, id);
    return { frozen: true, items: rows.map((r) => ({ memberId: r.member_id, name: r.name, position: r.position, orgName: r.org_name, voted: r.voted === 1 })) };
  },

  async open(ctx: AppContext, actor: Actor, id: number) {
    await ctx.db.transaction().execute(async (trx) => {
      const s = await managed(ctx, actor, id, trx);
      assertOwnedHere(s);
      await assertNotRatedHere(trx, actor, s);
      await openSession(trx, actor, id);
      await announceOpen(trx, s);
    });
    return sessionService.get(ctx, actor, id);
  },

  async close(ctx: AppContext, actor: Actor, id: number) {
    await ctx.db.transaction().execute(async (trx) => {
      const s = await managed(ctx, actor, id, trx);
      assertOwnedHere(s);
      await assertNotRatedHere(trx, actor, s);
      await closeSession(trx, actor, id);
    });
    await scrubAfterClose(ctx);
    return sessionService.get(ctx, actor, id);
  },

  async remove(ctx: AppContext, actor: Actor, id: number) {
    await ctx.db.transaction().execute(async (trx) => {
      const s = await managed(ctx, actor, id, trx);
      assertOwnedHere(s);
      await assertNotRatedHere(trx, actor, s);
      if (s.status !== 'draft') throw conflict('SESSION_NOT_DRAFT', '只能删除尚未开始的投票', 'Only a session that has not been opened can be deleted');
      await repo.deleteDraft(trx, id);
      await audit(trx, actor, { action: 'vote.delete', targetType: 'vote_session', targetId: id, summary: { title: s.title_zh } });
    });
  },

  /** The report: to managers in scope and to the voters on the roll, once closed. */
  async result(ctx: AppContext, actor: Actor, id: number) {
    // On its roll, or managed by the actor (the kind reaches nothing else).
    let s: SessionRow = toSession(await requireAccess(ctx.db, actor, 'vote.cast', 'voteSession', id));
    const manager = votePolicy.manage(actor, s);
    if (!manager) await rollEntryOrRefuse(ctx, actor, s);
    // A vote that belongs to another area (a member evaluation: voters are the members graded)
    // shows its result there, to those who may see it — never here to the voters.
    if (!manager && s.ref_type) throw notFound(SESSION);
    if (s.status === 'open' && s.closes_at && s.closes_at <= nowIso()) {
      // Past its closing time but not yet reached by the scheduler: close it now.
      await closeDue(ctx, id);
      s = (await repo.session(ctx.db, id))!;
    }
    if (s.status !== 'closed') throw sealed();
    return sessionResult(ctx.db, id, s);
  },

  async setUpperScore(ctx: AppContext, actor: Actor, id: number, subjectId: number, score: number | null) {
    await ctx.db.transaction().execute(async (trx) => {
      const s = await managed(ctx, actor, id, trx);
      if (!votePolicy.scoreUpper(actor, s)) throw upperLevelOnly();
      if (!s.settings.weighting) throw conflict('WEIGHTING_OFF', '本次评议未设置与上级评分加权', 'This rating is not weighted with an upper score');
      const scoped = await requireAccess(trx, actor, 'vote.manage', 'voteSubject', subjectId);
      const sub = scoped.session_id === id ? await repo.subject(trx, id, subjectId) : undefined;
      if (!sub) throw notFound({ zh: '评议对象', en: 'Subject' });
      if (sub.exempt === 1) throw conflict('SUBJECT_EXEMPT', '该干部免于本次评议', 'This cadre is exempt from the rating');
      await repo.updateSubject(trx, sub.id, { upper_score: score, upper_scored_by: actor.userId, upper_scored_at: nowIso() });
      await audit(trx, actor, {
        action: 'vote.upper_score',
        targetType: 'vote_subject',
        targetId: sub.id,
        summary: { sessionId: id, before: sub.upper_score, after: score },
      });
    });
    return sessionService.get(ctx, actor, id);
  },
};

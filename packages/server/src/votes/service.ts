import type { Insertable } from 'kysely';
import {
  BALLOT_SCALES,
  CADRE_RATING_SCALES,
  POSITIONS,
  fieldError,
  isExemptFromRating,
  resolveBallotSettings,
  validateBallot,
  type BallotAnswers,
  type BallotSettingsInput,
  type ScaleCode,
  type VoteKind,
} from '@zx/domain';
import type { AppContext } from '../context.ts';
import { nowIso, type Executor } from '../db/database.ts';
import { notifyMany } from '../inbox/service.ts';
import type { AuditLogTable } from '../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { requireAccess, requireAll, scopeRoot } from '../access/index.ts';
import { pathInSubtree } from '../access/paths.ts';
import { audit, auditRow } from '../audit/service.ts';
import { AppError, conflict, notFound, validationFailed } from '../http/errors.ts';
import { cadreReportStatus } from '../commitments/service.ts';
import { voteRepository as repo, type SessionRow } from './repository.ts';
import type { VoteSessionStatus } from '../db/schema-votes.ts';
import {
  SESSION,
  closeSession,
  createSession,
  exemptReason,
  newBallotId,
  openSession,
  scrubAfterClose,
  sealed,
  sessionResult,
  sessionSettings,
} from './engine.ts';
import { cadrePicksOwnRaters, ratedCadre, ratedCadreSchedules, upperLevelOnly, votePolicy } from './policy.ts';

const positionRank = (code: string) => POSITIONS.findIndex((p) => p.code === code);

/** A session the actor manages: vote.manage and the session's organization in the actor's subtree (else 403 / 404). */
const managed = (ctx: AppContext, actor: Actor, id: number, ex: Executor = ctx.db): Promise<SessionRow> =>
  requireAccess(ex, actor, 'vote.manage', 'voteSession', id);

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

const notOnRoll = () => new AppError(403, 'NOT_ON_ROLL', { zh: '您不在本次投票的投票人名单中', en: 'You are not on the roll of this vote' });

/** The actor's roll entry, or a refusal that reveals nothing to accounts with no business here. */
async function rollEntryOrRefuse(ctx: AppContext, actor: Actor, s: { id: number; org_path: string }) {
  const entry = actor.memberId == null ? undefined : await repo.rollEntry(ctx.db, s.id, actor.memberId);
  if (entry) return entry;
  if (votePolicy.manage(actor, s)) throw notOnRoll();
  throw notFound(SESSION);
}

function presentSession(s: SessionRow & { org_name?: string }, actor: Actor, extra: { rollSize: number; votedCount: number; ratedHere?: boolean }) {
  const settings = sessionSettings(s);
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

/** Casting validates against the subjects of an open session, which never change: kept in memory. */
interface BallotMeta {
  scale: ScaleCode;
  onBallot: number[];
  orgPath: string;
}
const ballotMetas = new WeakMap<AppContext, Map<number, Promise<BallotMeta | null>>>();
function metaOf(ctx: AppContext, id: number): Promise<BallotMeta | null> {
  let ballotMeta = ballotMetas.get(ctx);
  if (!ballotMeta) ballotMetas.set(ctx, (ballotMeta = new Map()));
  const cache = ballotMeta;
  const hit = cache.get(id);
  if (hit) return hit;
  // Voters who open a ballot together share one read (the promise is cached while it runs).
  const load = (async () => {
    const s = await repo.session(ctx.db, id);
    if (!s) return null;
    const subjects = await repo.subjects(ctx.db, id);
    return { status: s.status, meta: { scale: s.scale as ScaleCode, onBallot: subjects.filter((x) => x.exempt !== 1).map((x) => x.id), orgPath: s.org_path } };
  })();
  if (cache.size > 2000) cache.clear();
  const meta = load.then((r) => r?.meta ?? null);
  cache.set(id, meta);
  // Kept only once voting started: a draft's subjects may still change.
  load.then(
    (r) => {
      if (!r || (r.status !== 'open' && r.status !== 'closed')) cache.delete(id);
    },
    () => cache.delete(id),
  );
  return meta;
}

export const voteService = {
  // Representatives (团员代表)

  async representatives(ctx: AppContext, actor: Actor, orgId: number) {
    const org = await requireAccess(ctx.db, actor, 'vote.manage', 'org', orgId);
    const rows = await repo.representatives(ctx.db, org.id);
    const canEdit = votePolicy.pickRepresentatives(
      actor,
      (await repo.cadres(ctx.db, org.id)).map((c) => c.id),
    );
    return {
      orgId: org.id,
      orgName: org.name,
      canEdit,
      items: rows.map((r) => ({
        memberId: r.member_id,
        name: r.name,
        gender: r.gender,
        position: r.position,
        status: r.status,
        orgId: r.org_id,
        orgName: r.org_name,
        addedAt: r.added_at,
      })),
    };
  },

  /** Replaces the list: representatives are members of the organization or of units below it. */
  async setRepresentatives(ctx: AppContext, actor: Actor, orgId: number, memberIds: number[]) {
    const ids = [...new Set(memberIds)];
    await ctx.db.transaction().execute(async (trx) => {
      const org = await requireAccess(trx, actor, 'vote.manage', 'org', orgId);
      if (
        !votePolicy.pickRepresentatives(
          actor,
          (await repo.cadres(trx, org.id)).map((c) => c.id),
        )
      )
        throw cadrePicksOwnRaters();
      // Members outside the actor's scope: 404 on their position, like any foreign id.
      await requireAll(trx, actor, 'vote.manage', 'member', memberIds, 'memberIds');
      if (ids.length) {
        const ok = await trx
          .selectFrom('member as m')
          .innerJoin('organization as o', 'o.id', 'm.org_id')
          .select('m.id')
          .where('m.id', 'in', ids)
          .where('m.status', '=', 'active')
          .where(pathInSubtree('o.path', org.path))
          .execute();
        if (ok.length !== ids.length) {
          const good = new Set(ok.map((r) => r.id));
          throw validationFailed(
            ids
              .map((id, i) =>
                good.has(id)
                  ? null
                  : fieldError(
                      `memberIds.${i}`,
                      'REPRESENTATIVE_NOT_IN_ORG',
                      '代表应为本组织及下级组织在册团员',
                      'A representative must be an active member of this organization or a unit below it',
                    ),
              )
              .filter((e) => e !== null),
          );
        }
      }
      const before = (await trx.selectFrom('org_representative').select('member_id').where('org_id', '=', org.id).execute()).map((r) => r.member_id);
      const added = ids.filter((id) => !before.includes(id));
      const removed = before.filter((id) => !ids.includes(id));
      if (removed.length) await trx.deleteFrom('org_representative').where('org_id', '=', org.id).where('member_id', 'in', removed).execute();
      const at = nowIso();
      if (added.length)
        await trx
          .insertInto('org_representative')
          .values(added.map((m) => ({ org_id: org.id, member_id: m, added_at: at, added_by: actor.userId })))
          .execute();
      await audit(trx, actor, { action: 'representatives.set', targetType: 'organization', targetId: org.id, summary: { added, removed, count: ids.length } });
    });
    return voteService.representatives(ctx, actor, orgId);
  },

  // Cadre rating sessions (述职评议)

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
    return voteService.get(ctx, actor, id);
  },

  async list(ctx: AppContext, actor: Actor, q: { orgId?: number; kind?: string; status?: VoteSessionStatus }) {
    const root = q.orgId ? (await requireAccess(ctx.db, actor, 'vote.manage', 'org', q.orgId)).path : scopeRoot(actor, 'vote.manage');
    const rows = await repo.list(ctx.db, { path: root, kind: q.kind, status: q.status });
    const counts = rows.length
      ? new Map(
          (
            await ctx.db
              .selectFrom('vote_roll')
              .select(['session_id', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('voted').as('v')])
              .where(
                'session_id',
                'in',
                rows.map((r) => r.id),
              )
              .groupBy('session_id')
              .execute()
          ).map((r) => [r.session_id, { n: Number(r.n), v: Number(r.v ?? 0) }]),
        )
      : new Map<number, { n: number; v: number }>();
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
    const org = await ctx.db.selectFrom('organization').select('name').where('id', '=', s.org_id).executeTakeFirstOrThrow();
    const roll = await repo.rollCounts(ctx.db, id);
    const rollSize =
      s.status === 'draft' && s.roll_source === 'representatives'
        ? (await repo.activeRepresentativeIds(ctx.db, s.org_id)).length
        : s.status === 'draft'
          ? roll.size
          : s.roll_size;
    const subjects = await repo.subjects(ctx.db, id);
    const base = presentSession({ ...s, org_name: org.name }, actor, { rollSize, votedCount: roll.voted });
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
    return voteService.get(ctx, actor, id);
  },

  async close(ctx: AppContext, actor: Actor, id: number) {
    await ctx.db.transaction().execute(async (trx) => {
      const s = await managed(ctx, actor, id, trx);
      assertOwnedHere(s);
      await assertNotRatedHere(trx, actor, s);
      await closeSession(trx, actor, id);
    });
    await scrubAfterClose(ctx);
    return voteService.get(ctx, actor, id);
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
    let s: SessionRow = await requireAccess(ctx.db, actor, 'vote.cast', 'voteSession', id);
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
      if (!sessionSettings(s).weighting) throw conflict('WEIGHTING_OFF', '本次评议未设置与上级评分加权', 'This rating is not weighted with an upper score');
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
    return voteService.get(ctx, actor, id);
  },

  // The voter's side

  /** Open sessions (and those closed in the last 90 days) whose roll holds the signed-in account's member. */
  async mine(ctx: AppContext, actor: Actor) {
    if (actor.memberId == null) return [];
    const since = new Date(Date.now() - 90 * 86_400_000).toISOString();
    const rows = await repo.mine(ctx.db, actor.memberId, since);
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind as VoteKind,
      titleZh: r.title_zh,
      titleEn: r.title_en,
      status: r.status,
      opensAt: r.opens_at,
      closesAt: r.closes_at,
      closedAt: r.closed_at,
      orgId: r.org_id,
      orgName: r.org_name,
      voted: r.voted === 1,
    }));
  },

  /** The ballot paper: what is voted on and how; whether this voter has voted (never what). */
  async ballot(ctx: AppContext, actor: Actor, id: number) {
    const s = await requireAccess(ctx.db, actor, 'vote.cast', 'voteSession', id);
    const entry = await rollEntryOrRefuse(ctx, actor, s);
    const org = await ctx.db.selectFrom('organization').select('name').where('id', '=', s.org_id).executeTakeFirstOrThrow();
    const subjects = await repo.subjects(ctx.db, id);
    const scale = BALLOT_SCALES[s.scale as ScaleCode];
    // A cadre rating shows each cadre's year-end report (述职报告) when one was submitted.
    const cadreIds = subjects.filter((x) => x.exempt !== 1 && x.member_id != null).map((x) => x.member_id!);
    const reports =
      s.kind === 'cadre_rating' && s.report_year && cadreIds.length ? await cadreReportStatus(ctx.db, cadreIds, s.report_year) : new Map<number, string>();
    return {
      id: s.id,
      kind: s.kind as VoteKind,
      titleZh: s.title_zh,
      titleEn: s.title_en,
      orgName: org.name,
      status: s.status,
      opensAt: s.opens_at,
      closesAt: s.closes_at,
      reportYear: s.report_year,
      voted: entry.voted === 1,
      scale: { code: scale.code, kind: scale.kind, options: scale.options.map((o) => ({ key: o.key, zh: o.zh, en: o.en })) },
      subjects: subjects
        .filter((x) => x.exempt !== 1)
        .map((x) => ({
          id: x.id,
          label: x.label,
          detail: x.detail,
          memberId: x.member_id,
          refType: x.ref_type,
          refId: x.ref_id,
          report:
            s.kind === 'cadre_rating' && x.member_id != null ? (reports.get(x.member_id) === 'submitted' ? ('submitted' as const) : ('none' as const)) : null,
        })),
      exempt: subjects.filter((x) => x.exempt === 1).map((x) => ({ id: x.id, label: x.label, detail: x.detail, reason: x.exempt_reason })),
    };
  },

  /**
   * A cast: the roll flag flips 0 → 1 (the gate: a repeat changes no row and is refused), the
   * ballot goes in the box with a random id, the audit row records that (not what) this account
   * voted — all or nothing. Casts that arrive together are written together (see castBatched).
   */
  async cast(ctx: AppContext, actor: Actor, id: number, answers: BallotAnswers) {
    const meta = await metaOf(ctx, id);
    if (!meta) throw notFound(SESSION);
    const memberId = actor.memberId;
    const refuse = async (err: AppError) => {
      await rollEntryOrRefuse(ctx, actor, { id, org_path: meta.orgPath });
      return err;
    };
    if (memberId == null) throw await refuse(notOnRoll());
    const { value, errors } = validateBallot(BALLOT_SCALES[meta.scale], meta.onBallot, answers);
    if (errors.length) throw await refuse(validationFailed(errors));
    const cast: PendingCast = { sessionId: id, memberId, answers: JSON.stringify(value), audit: castAudit(actor, id) };
    const outcome = await castBatched(ctx, cast);
    if (outcome === 'ok') return { voted: true as const };
    await rollEntryOrRefuse(ctx, actor, { id, org_path: meta.orgPath });
    if (outcome === 'ALREADY_VOTED') throw conflict('ALREADY_VOTED', '您已投过票，每人只能投一次', 'You have already voted; each voter votes once');
    const s = await repo.session(ctx.db, id);
    if (s?.status === 'draft' || (s?.status === 'open' && s.opens_at && s.opens_at > nowIso()))
      throw conflict('SESSION_NOT_OPEN', '投票尚未开始', 'Voting has not started yet');
    throw conflict('SESSION_CLOSED', '投票已结束', 'Voting has ended');
  },
};

type CastOutcome = 'ok' | 'ALREADY_VOTED' | 'NOT_OPEN';
interface PendingCast {
  sessionId: number;
  memberId: number;
  answers: string;
  audit: Insertable<AuditLogTable>;
}

/** The audit row of a cast, as audit() writes it: who voted in which session, never what. */
const castAudit = (actor: Actor, sessionId: number): Insertable<AuditLogTable> =>
  auditRow(actor, { action: 'vote.cast', targetType: 'vote_session', targetId: sessionId });

/**
 * Group commit: a cast waits while the batch in flight is written; then every cast that queued
 * meanwhile goes in the next batch — one transaction and one disk sync on SQLite, one statement
 * (one round trip) on PostgreSQL. Each cast is still checked on its own (session open, its roll
 * flag flipped 0 → 1) and a refused one writes nothing. A voter's second cast in the same batch
 * is answered as a repeat of the first without being written.
 */
const batches = new WeakMap<AppContext, { queue: QueuedCast[]; running: boolean }>();
interface QueuedCast {
  cast: PendingCast;
  done: (o: CastOutcome) => void;
  fail: (e: unknown) => void;
}

function castBatched(ctx: AppContext, cast: PendingCast): Promise<CastOutcome> {
  let state = batches.get(ctx);
  if (!state) batches.set(ctx, (state = { queue: [], running: false }));
  const st = state;
  return new Promise((done, fail) => {
    st.queue.push({ cast, done, fail });
    if (!st.running) void drain(ctx, st);
  });
}

async function drain(ctx: AppContext, st: { queue: QueuedCast[]; running: boolean }) {
  st.running = true;
  try {
    while (st.queue.length) {
      // Collect: while casts keep arriving (other requests are still reading their sessions), wait a little, ≤ 10 ms.
      const since = Date.now();
      let seen = -1;
      while (st.queue.length !== seen && st.queue.length < 500 && Date.now() - since < 10) {
        seen = st.queue.length;
        await new Promise((r) => setTimeout(r, 1));
      }
      const batch = st.queue.splice(0, 500);
      try {
        const outcomes = await writeBatch(
          ctx,
          batch.map((b) => b.cast),
        );
        for (const [i, b] of batch.entries()) b.done(outcomes[i]);
      } catch (e) {
        for (const b of batch) b.fail(e);
      }
    }
  } finally {
    st.running = false;
  }
}

async function writeBatch(ctx: AppContext, casts: PendingCast[]): Promise<CastOutcome[]> {
  const firstOf = new Map<string, number>();
  const distinct: PendingCast[] = [];
  const slot = casts.map((c) => {
    const key = `${c.sessionId}:${c.memberId}`;
    let i = firstOf.get(key);
    if (i === undefined) {
      firstOf.set(key, (i = distinct.length));
      distinct.push(c);
      return { i, repeat: false };
    }
    return { i, repeat: true };
  });
  const written = ctx.dialect === 'postgres' ? await writeOnPostgres(ctx, distinct) : await writeOnSqlite(ctx, distinct);
  return slot.map(({ i, repeat }) => (repeat && written[i] === 'ok' ? 'ALREADY_VOTED' : written[i]));
}

async function writeOnPostgres(ctx: AppContext, casts: PendingCast[]): Promise<CastOutcome[]> {
  const { openSessions, castOrdinals } = await repo.castBatchOnPostgres(
    ctx.db,
    casts.map((c) => ({ ...c, ballotId: newBallotId() })),
    nowIso(),
  );
  return casts.map((c, i) => (!openSessions.has(c.sessionId) ? 'NOT_OPEN' : castOrdinals.has(i) ? 'ok' : 'ALREADY_VOTED'));
}

async function writeOnSqlite(ctx: AppContext, casts: PendingCast[]): Promise<CastOutcome[]> {
  const bySession = new Map<number, PendingCast[]>();
  for (const c of casts) bySession.set(c.sessionId, [...(bySession.get(c.sessionId) ?? []), c]);
  return ctx.db.transaction().execute(async (trx) => {
    const now = nowIso();
    const written = new Set<PendingCast>();
    const closed = new Set<number>();
    for (const [sessionId, group] of bySession) {
      const s = await repo.sessionForCast(trx, sessionId);
      if (s?.status !== 'open' || (s.opens_at && s.opens_at > now) || (s.closes_at && s.closes_at <= now)) {
        closed.add(sessionId);
        continue;
      }
      const flipped = new Set(
        await repo.markVotedMany(
          trx,
          sessionId,
          group.map((c) => c.memberId),
        ),
      );
      for (const c of group) if (flipped.has(c.memberId)) written.add(c);
    }
    const ok = casts.filter((c) => written.has(c));
    await repo.insertCastBatch(
      trx,
      ok.map((c) => ({ session_id: c.sessionId, id: newBallotId(), answers: c.answers })),
      ok.map((c) => c.audit),
    );
    return casts.map((c) => (closed.has(c.sessionId) ? 'NOT_OPEN' : written.has(c) ? 'ok' : 'ALREADY_VOTED'));
  });
}

/** Tells each person on the (now frozen) roll that voting has started — nobody else. */
async function announceOpen(ex: Executor, s: SessionRow) {
  const roll = await repo.rollMembers(ex, s.id);
  await notifyMany(
    ex,
    roll.map((r) => ({
      member: { id: r.member_id, orgId: r.org_id, orgPath: r.org_path },
      kind: 'vote_opened' as const,
      link: `/votes/ballot/${s.id}`,
      dedupeKey: `vote-opened:${s.id}:${r.member_id}`,
      titleZh: `${s.title_zh}已开始投票，请在“我的投票”中投票`,
      titleEn: `Voting has started: ${s.title_en ?? s.title_zh}. Vote under "My votes"`,
    })),
  );
}

async function closeDue(ctx: AppContext, id: number) {
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const s = await repo.sessionForChange(trx, id);
      if (s?.status !== 'open' || !s.closes_at || s.closes_at > nowIso()) return;
      await closeSession(trx, null, id);
    });
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
  }
  await scrubAfterClose(ctx);
}

/**
 * The scheduler's pass (jobs/runner.ts, every 30 s): drafts whose opening time has come open (the
 * roll freezes then), open sessions whose closing time has passed close. Safe on several app
 * instances: each change re-checks the status under the row lock.
 */
export async function runVoteSchedule(ctx: AppContext, now = nowIso()): Promise<{ opened: number; closed: number }> {
  let opened = 0;
  let closed = 0;
  for (const { id } of await repo.dueToClose(ctx.db, now)) {
    await closeDue(ctx, id);
    closed++;
  }
  for (const { id } of await repo.dueToOpen(ctx.db, now)) {
    try {
      await ctx.db.transaction().execute(async (trx) => {
        const s = await repo.sessionForChange(trx, id);
        if (s?.status !== 'draft' || !s.opens_at || s.opens_at > now) return;
        if (s.closes_at && s.closes_at <= now) return; // missed its whole window: left as a draft for the organizer
        await openSession(trx, null, id);
        if (!s.ref_type) await announceOpen(trx, s);
        opened++;
      });
    } catch (e) {
      if (!(e instanceof AppError)) throw e; // e.g. no representatives yet: stays a draft, shown as such
    }
  }
  return { opened, closed };
}

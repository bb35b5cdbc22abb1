import { BALLOT_SCALES, validateBallot, type BallotAnswers, type ScaleCode, type VoteKind } from '@zx/domain';
import type { AppContext } from '../context.ts';
import { nowIso } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { requireAccess } from '../access/index.ts';
import { AppError, conflict, notFound, validationFailed } from '../http/errors.ts';
import { cadreReportStatus } from '../commitments/service.ts';
import { voteRepository as repo } from './repository.ts';
import { SESSION } from './engine.ts';
import { votePolicy } from './policy.ts';
import { castAudit, castBatched, metaOf, type PendingCast } from './cast-batcher.ts';

/** The voter's side: my votes, the ballot paper and the cast (its group commit: votes/cast-batcher.ts). */

const notOnRoll = () => new AppError(403, 'NOT_ON_ROLL', { zh: '您不在本次投票的投票人名单中', en: 'You are not on the roll of this vote' });

/** The actor's roll entry, or a refusal that reveals nothing to accounts with no business here. */
export async function rollEntryOrRefuse(ctx: AppContext, actor: Actor, s: { id: number; org_path: string }) {
  const entry = actor.memberId == null ? undefined : await repo.rollEntry(ctx.db, s.id, actor.memberId);
  if (entry) return entry;
  if (votePolicy.manage(actor, s)) throw notOnRoll();
  throw notFound(SESSION);
}

export const voterService = {
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
    const orgName = await repo.organizationName(ctx.db, s.org_id);
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
      orgName,
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
    const cast: PendingCast = { sessionId: id, memberId, answers: value, audit: castAudit(actor, id) };
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

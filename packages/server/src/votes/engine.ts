import { randomBytes, randomInt } from 'node:crypto';
import {
  BALLOT_SCALES,
  SCALE_CODES,
  VOTE_KINDS,
  fieldError,
  isExemptFromRating,
  reportBallots,
  resolveBallotSettings,
  tallyBallots,
  type BallotSettingsInput,
  type FieldError,
  type Message,
  type ScaleCode,
  type VoteKind,
} from '@zx/domain';
import type { Executor } from '../db/database.ts';
import { nowIso } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { audit, auditAnonymous } from '../audit/service.ts';
import { conflict, notFound, validationFailed } from '../http/errors.ts';
import { voteRepository as repo, type SessionRow } from './repository.ts';
import { representativeIds } from './representatives.ts';
import { isIsoDateTime } from '../http/schemas.ts';

/**
 * The ballot engine (DESIGN.md, "Ballots are anonymous but one per voter"). Other areas call
 * these inside their own transaction after their own permission and scope checks; the engine
 * validates its input and audits its own writes. Contract: docs/votes.md.
 */

export const SESSION: Message = { zh: '投票', en: 'Voting session' };

export interface CreateSessionInput {
  orgId: number;
  kind: VoteKind;
  titleZh: string;
  titleEn?: string | null;
  scale: ScaleCode;
  subjects: {
    label: string;
    detail?: string | null;
    memberId?: number | null;
    refType?: string | null;
    refId?: number | null;
    exempt?: boolean;
    exemptReason?: string | null;
  }[];
  voterMemberIds?: number[];
  rollSource?: 'explicit' | 'representatives';
  opensAt?: string | null;
  closesAt?: string | null;
  settings?: BallotSettingsInput;
  reportYear?: number | null;
  refType?: string | null;
  refId?: number | null;
}

export interface SessionSummary {
  id: number;
  orgId: number;
  kind: VoteKind;
  scale: ScaleCode;
  titleZh: string;
  titleEn: string | null;
  status: 'draft' | 'open' | 'closed' | 'cancelled';
  opensAt: string | null;
  closesAt: string | null;
  openedAt: string | null;
  closedAt: string | null;
  rollSize: number;
  votedCount: number;
  refType: string | null;
  refId: number | null;
}

export interface SessionResult {
  sessionId: number;
  rollSize: number;
  ballots: number;
  turnout: number;
  quorum: { num: number; den: number; strict: boolean; met: boolean };
  minGroup: number;
  withheld: null | { code: 'QUORUM_NOT_MET' | 'TOO_FEW_VOTERS'; message: Message };
  subjects: Array<{
    subjectId: number;
    label: string;
    detail: string | null;
    memberId: number | null;
    refType: string | null;
    refId: number | null;
    exempt: boolean;
    exemptReason: string | null;
    answered: number;
    counts: Record<string, number>;
    score: number | null;
    satisfactionRate: number | null;
    upperScore: number | null;
    weightedScore: number | null;
    flagged: boolean;
  }>;
}

/** A real RFC 3339 time with a zone, years 2000–2100 (Date.parse alone takes '+275760-09-13…'). */
const isIso = (s: string) => isIsoDateTime(s);

/** A ballot id: 128 random bits, so ids carry no order and cannot be guessed. */
export const newBallotId = () => randomBytes(16).toString('base64url');

export async function createSession(ex: Executor, actor: Actor, input: CreateSessionInput): Promise<{ id: number }> {
  const errors: FieldError[] = [];
  if (!VOTE_KINDS.includes(input.kind)) errors.push(fieldError('kind', 'KIND_UNKNOWN', '投票类型无效', 'Unknown kind of vote'));
  if (!SCALE_CODES.includes(input.scale)) errors.push(fieldError('scale', 'SCALE_UNKNOWN', '评价等次无效', 'Unknown scale'));
  const title = input.titleZh?.trim() ?? '';
  if (!title || title.length > 100)
    errors.push(fieldError('titleZh', 'TITLE_LENGTH', '请填写标题（不超过 100 字）', 'A title of up to 100 characters is required'));
  if (!input.subjects.length || input.subjects.length > 200)
    errors.push(fieldError('subjects', 'SUBJECTS_COUNT', '评议对象应为 1–200 个', 'There must be 1 to 200 subjects'));
  input.subjects.forEach((s, i) => {
    if (!s.label?.trim() || s.label.length > 200)
      errors.push(fieldError(`subjects.${i}.label`, 'LABEL_LENGTH', '请填写评议对象名称', 'Each subject needs a name'));
  });
  if (input.subjects.length && input.subjects.every((s) => s.exempt))
    errors.push(fieldError('subjects', 'ALL_EXEMPT', '所有评议对象均免评，无需投票', 'Every subject is exempt: there is nothing to vote on'));
  const rollSource = input.rollSource ?? 'explicit';
  const voters = [...new Set(input.voterMemberIds ?? [])];
  if (rollSource === 'explicit' && !voters.length)
    errors.push(fieldError('voterMemberIds', 'ROLL_EMPTY', '请至少指定一名投票人', 'The roll needs at least one voter'));
  if (input.opensAt && !isIso(input.opensAt)) errors.push(fieldError('opensAt', 'DATE_INVALID', '开始时间无效', 'Invalid opening time'));
  if (input.closesAt && !isIso(input.closesAt)) errors.push(fieldError('closesAt', 'DATE_INVALID', '截止时间无效', 'Invalid closing time'));
  if (input.opensAt && input.closesAt && isIso(input.opensAt) && isIso(input.closesAt) && Date.parse(input.closesAt) <= Date.parse(input.opensAt)) {
    errors.push(fieldError('closesAt', 'CLOSES_BEFORE_OPENS', '截止时间应晚于开始时间', 'The closing time must be after the opening time'));
  }
  if (input.closesAt && isIso(input.closesAt) && Date.parse(input.closesAt) <= Date.now())
    errors.push(fieldError('closesAt', 'CLOSES_IN_PAST', '截止时间应晚于现在', 'The closing time must be in the future'));
  const { settings, errors: settingErrors } = resolveBallotSettings(VOTE_KINDS.includes(input.kind) ? input.kind : 'general', input.settings ?? {});
  errors.push(...settingErrors);
  if (errors.length) throw validationFailed(errors);

  const org = await repo.organization(ex, input.orgId);
  if (org?.status !== 'active') throw validationFailed([fieldError('orgId', 'ORG_NOT_FOUND', '组织不存在或已撤销', 'No such active organization')]);
  if (voters.length) {
    const found = await repo.activeMemberIds(ex, voters);
    if (found.length !== voters.length)
      throw validationFailed([fieldError('voterMemberIds', 'VOTER_NOT_ACTIVE', '投票人中有不在册的团员', 'A voter is not an active member')]);
  }
  const at = nowIso();
  const { id } = await repo.insertSession(ex, {
    org_id: org.id,
    org_path: org.path,
    kind: input.kind,
    title_zh: title,
    title_en: input.titleEn?.trim() || null,
    scale: input.scale,
    settings,
    roll_source: rollSource,
    status: 'draft',
    report_year: input.reportYear ?? null,
    opens_at: input.opensAt ? new Date(input.opensAt).toISOString() : null,
    closes_at: input.closesAt ? new Date(input.closesAt).toISOString() : null,
    opened_at: null,
    closed_at: null,
    roll_size: rollSource === 'explicit' ? voters.length : 0,
    ballot_count: null,
    ref_type: input.refType ?? null,
    ref_id: input.refId ?? null,
    created_at: at,
    created_by: actor.userId,
    updated_at: at,
  });
  await repo.insertSubjects(
    ex,
    input.subjects.map((s, i) => ({
      session_id: id,
      ordinal: i + 1,
      label: s.label.trim(),
      detail: s.detail ?? null,
      member_id: s.memberId ?? null,
      ref_type: s.refType ?? null,
      ref_id: s.refId ?? null,
      exempt: s.exempt ? 1 : 0,
      exempt_reason: s.exempt ? (s.exemptReason ?? null) : null,
      upper_score: null,
      upper_scored_by: null,
      upper_scored_at: null,
    })),
  );
  if (rollSource === 'explicit') await repo.insertRoll(ex, id, voters);
  await audit(ex, actor, {
    action: 'vote.create',
    targetType: 'vote_session',
    targetId: id,
    summary: { orgId: org.id, kind: input.kind, scale: input.scale, subjects: input.subjects.length, rollSource, voters: voters.length, settings },
  });
  return { id };
}

function notInStatus(code: string, zh: string, en: string) {
  return conflict(code, zh, en);
}

export async function openSession(ex: Executor, actor: Actor | null, id: number): Promise<void> {
  const s = await repo.sessionForChange(ex, id);
  if (!s) throw notFound(SESSION);
  if (s.status !== 'draft') throw notInStatus('SESSION_NOT_DRAFT', '投票已开始或已结束', 'The session has already been opened');
  const at = nowIso();
  if (s.closes_at && s.closes_at <= at)
    throw validationFailed([fieldError('closesAt', 'CLOSES_IN_PAST', '截止时间已过，请先修改截止时间', 'The closing time has passed')]);
  const settings = s.settings;
  // Exemptions are decided on the day the ballot opens (a cadre may have changed post since the draft).
  if (s.kind === 'cadre_rating') {
    const subjects = await repo.subjects(ex, id);
    const ids = subjects.map((x) => x.member_id).filter((x): x is number => x != null);
    const since = await repo.positionsSince(ex, ids);
    for (const sub of subjects) {
      if (sub.member_id == null) continue;
      const exempt = isExemptFromRating(since.get(sub.member_id) ?? null, at, settings.exemptMonths);
      if (exempt !== (sub.exempt === 1))
        await repo.updateSubject(ex, sub.id, {
          exempt: exempt ? 1 : 0,
          exempt_reason: exempt ? exemptReason(since.get(sub.member_id)!, settings.exemptMonths) : null,
        });
    }
    if (subjects.every((x) => (x.member_id == null ? x.exempt === 1 : isExemptFromRating(since.get(x.member_id) ?? null, at, settings.exemptMonths)))) {
      throw conflict('ALL_EXEMPT', '所有评议对象均任职不满期限而免评，无需投票', 'Every cadre is exempt (too new in post): there is nothing to vote on');
    }
  }
  let rollSize = s.roll_size;
  if (s.roll_source === 'representatives') {
    // The roll is frozen now: representatives added or removed later do not change this vote.
    const voters = await representativeIds(ex, s.org_id);
    if (!voters.length) throw conflict('ROLL_EMPTY', '本组织还没有团员代表，请先确定代表名单', 'This organization has no representatives yet');
    await repo.insertRoll(ex, id, voters);
    rollSize = voters.length;
  }
  await repo.updateSession(ex, id, {
    status: 'open',
    opened_at: at,
    opens_at: !s.opens_at || s.opens_at > at ? at : s.opens_at,
    roll_size: rollSize,
    updated_at: at,
  });
  const summary = { rollSize, by: actor ? 'hand' : 'schedule' };
  if (actor) await audit(ex, actor, { action: 'vote.open', targetType: 'vote_session', targetId: id, summary });
  else await auditAnonymous(ex, { action: 'vote.open', targetType: 'vote_session', targetId: id, summary, ip: null, orgId: s.org_id, orgPath: s.org_path });
}

export const exemptReason = (since: string, months: number) => `任职始于 ${since}，不满 ${months} 个月`;

/** Fisher–Yates with a cryptographic source: the rewritten box's order says nothing. */
function shuffle<T>(xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}

/**
 * Closes a session: tallies the box, then rewrites it — every ballot deleted and inserted again
 * in random order under a new random id — so neither the insertion order, the physical position
 * (rowid / ctid) nor a transaction id (PostgreSQL `xmin`) links a ballot to a roll row. The roll
 * rows are rewritten too, in a savepoint whose transaction id no ballot carries.
 */
export async function closeSession(ex: Executor, actor: Actor | null, id: number): Promise<SessionResult> {
  const s = await repo.sessionForChange(ex, id);
  if (!s) throw notFound(SESSION);
  if (s.status !== 'open') throw notInStatus('SESSION_NOT_OPEN', '投票未在进行中', 'The session is not open');
  const scale = BALLOT_SCALES[s.scale as ScaleCode];
  const subjects = await repo.subjects(ex, id);
  const onBallot = subjects.filter((x) => x.exempt !== 1).map((x) => x.id);
  const box = await repo.ballotBox(ex, id);
  const counts = tallyBallots(
    scale,
    onBallot,
    box.map((b) => b.answers),
  );
  await repo.deleteBallots(ex, id);
  await repo.insertBallots(
    ex,
    id,
    shuffle(box).map((ballot) => ({ id: newBallotId(), ballot })),
  );
  await repo.touchRoll(ex, id);
  const at = nowIso();
  await repo.updateSession(ex, id, {
    status: 'closed',
    closed_at: at,
    ballot_count: box.length,
    result: Object.fromEntries(counts),
    updated_at: at,
  });
  const summary = { ballots: box.length, rollSize: s.roll_size, by: actor ? 'hand' : 'schedule' };
  if (actor) await audit(ex, actor, { action: 'vote.close', targetType: 'vote_session', targetId: id, summary });
  else await auditAnonymous(ex, { action: 'vote.close', targetType: 'vote_session', targetId: id, summary, ip: null, orgId: s.org_id, orgPath: s.org_path });
  return sessionResult(ex, id);
}

export function sealed() {
  return conflict('RESULTS_SEALED', '投票结束前结果密封，不能查看', 'Results stay sealed until the session closes');
}

/** The report of a closed session; refused (409 RESULTS_SEALED) before close. */
export async function sessionResult(ex: Executor, id: number, row?: SessionRow): Promise<SessionResult> {
  const s = row ?? (await repo.session(ex, id));
  if (!s) throw notFound(SESSION);
  if (s.status !== 'closed' || s.result == null) throw sealed();
  const settings = s.settings;
  const scale = BALLOT_SCALES[s.scale as ScaleCode];
  const stored = s.result;
  const subjects = await repo.subjects(ex, id);
  const report = reportBallots(
    scale,
    settings,
    s.roll_size,
    s.ballot_count ?? 0,
    subjects.map((x) => ({
      subjectId: x.id,
      exempt: x.exempt === 1,
      counts: stored[String(x.id)] ?? {},
      upperScore: x.upper_score,
    })),
  );
  return {
    sessionId: id,
    rollSize: report.rollSize,
    ballots: report.ballots,
    turnout: report.turnout,
    quorum: { ...settings.quorum, met: report.quorumMet },
    minGroup: settings.minGroup,
    withheld: report.withheld,
    subjects: report.subjects.map((r, i) => {
      const x = subjects[i];
      return { ...r, label: x.label, detail: x.detail, memberId: x.member_id, refType: x.ref_type, refId: x.ref_id, exemptReason: x.exempt_reason };
    }),
  };
}

export async function sessionSummary(ex: Executor, id: number): Promise<SessionSummary> {
  const s = await repo.session(ex, id);
  if (!s) throw notFound(SESSION);
  const roll = await repo.rollCounts(ex, id);
  return {
    id: s.id,
    orgId: s.org_id,
    kind: s.kind as VoteKind,
    scale: s.scale as ScaleCode,
    titleZh: s.title_zh,
    titleEn: s.title_en,
    status: s.status,
    opensAt: s.opens_at,
    closesAt: s.closes_at,
    openedAt: s.opened_at,
    closedAt: s.closed_at,
    rollSize: s.status === 'draft' ? roll.size : s.roll_size,
    votedCount: roll.voted,
    refType: s.ref_type,
    refId: s.ref_id,
  };
}

/**
 * After a close has committed (any area's: ratings, member evaluations, exemplar votes): the old
 * ballot rows must not survive where the box's former order and transaction ids could be read —
 * PostgreSQL vacuums the box and the roll; SQLite (which zeroes deleted cells: `secure_delete` is
 * on from db/database.ts) checkpoints and truncates its WAL. See docs/votes.md.
 */
export async function scrubAfterClose(ctx: { db: Executor; dialect: 'sqlite' | 'postgres' }): Promise<void> {
  try {
    await repo.scrubBallots(ctx.db, ctx.dialect);
  } catch {
    /* best effort: a busy checkpoint or vacuum is retried after the next close */
  }
}

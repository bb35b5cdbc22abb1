import { z } from 'zod';
import { SCALE_CODES, VOTE_KINDS } from '@zx/domain/assessment/ballot';
import { localizedText, timestamp } from './common.ts';

/** 评议投票: representatives, cadre ratings and every session of the ballot engine, the voter's ballot and the report. */

export const scaleCode = z.enum(SCALE_CODES);
export const voteKind = z.enum(VOTE_KINDS);
export const voteSessionStatus = z.enum(['draft', 'open', 'closed', 'cancelled']);

export const ballotSettings = z.object({
  quorum: z.object({ num: z.number().int(), den: z.number().int(), strict: z.boolean() }),
  minGroup: z.number().int(),
  weighting: z.object({ memberWeight: z.number().int(), upperWeight: z.number().int() }).nullable(),
  flagBelow: z.number(),
  exemptMonths: z.number().int(),
});

/** 团员代表: a member of the organization or of a unit below it. */
export const representative = z.object({
  memberId: z.number().int(),
  name: z.string(),
  gender: z.enum(['male', 'female']),
  position: z.string(),
  status: z.string(),
  orgId: z.number().int(),
  orgName: z.string(),
  addedAt: timestamp,
});

export const representativeList = z.object({ orgId: z.number().int(), orgName: z.string(), canEdit: z.boolean(), items: z.array(representative) });

/** The cadres a rating would list today, who is exempt and why, and the roll it would freeze. */
export const cadrePreview = z.object({
  orgId: z.number().int(),
  orgName: z.string(),
  cadres: z.array(
    z.object({
      memberId: z.number().int(),
      name: z.string(),
      position: z.string(),
      positionSince: z.string().nullable(),
      exempt: z.boolean(),
      exemptReason: z.string().nullable(),
    }),
  ),
  roll: z.array(z.object({ memberId: z.number().int(), name: z.string(), orgName: z.string() })),
  /** False for a cadre the rating would rate: they draft it, someone else sets its times. */
  canSchedule: z.boolean(),
});

export const voteSession = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string().nullable(),
  kind: voteKind,
  titleZh: z.string(),
  titleEn: z.string().nullable(),
  scale: scaleCode,
  settings: ballotSettings,
  rollSource: z.enum(['explicit', 'representatives']),
  status: voteSessionStatus,
  reportYear: z.number().int().nullable(),
  opensAt: timestamp.nullable(),
  closesAt: timestamp.nullable(),
  openedAt: timestamp.nullable(),
  closedAt: timestamp.nullable(),
  rollSize: z.number().int(),
  votedCount: z.number().int(),
  refType: z.string().nullable(),
  refId: z.number().int().nullable(),
  createdAt: timestamp,
  canManage: z.boolean(),
  canScoreUpper: z.boolean(),
});
export const voteSessionList = z.array(voteSession);

export const sessionSubject = z.object({
  id: z.number().int(),
  label: z.string(),
  detail: z.string().nullable(),
  memberId: z.number().int().nullable(),
  exempt: z.boolean(),
  exemptReason: z.string().nullable(),
  upperScore: z.number().nullable(),
});

export const sessionDetail = voteSession.extend({
  /** The signed-in cadre is rated in this session: someone else runs it. */
  ratedHere: z.boolean(),
  subjects: z.array(sessionSubject),
});

/** The roll and who has voted (never what); a representatives roll is a preview until it is frozen. */
export const voteRoll = z.object({
  frozen: z.boolean(),
  items: z.array(z.object({ memberId: z.number().int(), name: z.string(), position: z.string(), orgName: z.string(), voted: z.boolean() })),
});

/** The report of a closed session (withheld below the quorum or the smallest reported group). */
export const sessionResult = z.object({
  sessionId: z.number().int(),
  rollSize: z.number().int(),
  ballots: z.number().int(),
  turnout: z.number(),
  quorum: z.object({ num: z.number().int(), den: z.number().int(), strict: z.boolean(), met: z.boolean() }),
  minGroup: z.number().int(),
  withheld: z.object({ code: z.enum(['QUORUM_NOT_MET', 'TOO_FEW_VOTERS']), message: localizedText }).nullable(),
  subjects: z.array(
    z.object({
      subjectId: z.number().int(),
      label: z.string(),
      detail: z.string().nullable(),
      memberId: z.number().int().nullable(),
      refType: z.string().nullable(),
      refId: z.number().int().nullable(),
      exempt: z.boolean(),
      exemptReason: z.string().nullable(),
      answered: z.number().int(),
      counts: z.record(z.string(), z.number().int()),
      score: z.number().nullable(),
      satisfactionRate: z.number().nullable(),
      upperScore: z.number().nullable(),
      weightedScore: z.number().nullable(),
      flagged: z.boolean(),
    }),
  ),
});

/** A session whose roll holds the signed-in account's member. */
export const myVote = z.object({
  id: z.number().int(),
  kind: voteKind,
  titleZh: z.string(),
  titleEn: z.string().nullable(),
  status: voteSessionStatus,
  opensAt: timestamp.nullable(),
  closesAt: timestamp.nullable(),
  closedAt: timestamp.nullable(),
  orgId: z.number().int(),
  orgName: z.string(),
  voted: z.boolean(),
});
export const myVotes = z.array(myVote);

/** The ballot paper: what is voted on and how; whether this voter has voted (never what). */
export const ballotPaper = z.object({
  id: z.number().int(),
  kind: voteKind,
  titleZh: z.string(),
  titleEn: z.string().nullable(),
  orgName: z.string(),
  status: voteSessionStatus,
  opensAt: timestamp.nullable(),
  closesAt: timestamp.nullable(),
  reportYear: z.number().int().nullable(),
  voted: z.boolean(),
  scale: z.object({
    code: scaleCode,
    kind: z.enum(['options', 'points']),
    options: z.array(z.object({ key: z.string(), zh: z.string(), en: z.string() })),
  }),
  /** report: a cadre rating's year-end report state ('submitted' = readable). */
  subjects: z.array(
    z.object({
      id: z.number().int(),
      label: z.string(),
      detail: z.string().nullable(),
      memberId: z.number().int().nullable(),
      refType: z.string().nullable(),
      refId: z.number().int().nullable(),
      report: z.enum(['submitted', 'none']).nullable(),
    }),
  ),
  exempt: z.array(z.object({ id: z.number().int(), label: z.string(), detail: z.string().nullable(), reason: z.string().nullable() })),
});

export const ballotCast = z.object({ voted: z.literal(true) });

export type ScaleCode = z.infer<typeof scaleCode>;
export type VoteSessionStatus = z.infer<typeof voteSessionStatus>;
export type BallotSettings = z.infer<typeof ballotSettings>;
export type Representative = z.infer<typeof representative>;
export type RepresentativeList = z.infer<typeof representativeList>;
export type CadrePreview = z.infer<typeof cadrePreview>;
export type VoteSession = z.infer<typeof voteSession>;
export type SessionSubject = z.infer<typeof sessionSubject>;
export type SessionDetail = z.infer<typeof sessionDetail>;
export type VoteRoll = z.infer<typeof voteRoll>;
export type SessionResult = z.infer<typeof sessionResult>;
export type MyVote = z.infer<typeof myVote>;
export type BallotPaper = z.infer<typeof ballotPaper>;

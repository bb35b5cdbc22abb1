import { z } from 'zod';
import { EVALUATION_GRADES, EVALUATION_STAGES } from '@zx/domain/assessment/evaluation';
import { isoDate, ok, timestamp } from './common.ts';

/** 团员教育评议: a branch's annual round (study → self-assessment → peer comments → vote → proposal → approval) and the negative list. */

const int = z.number().int();
export const evaluationGrade = z.enum(EVALUATION_GRADES);
export const evaluationStage = z.enum(EVALUATION_STAGES);
export const unitStage = z.enum(['not_started', ...EVALUATION_STAGES]);

/** Votes per grade for one participant (only the grades that were counted). */
export const gradeVoteCounts = z.partialRecord(evaluationGrade, int);

export const evaluationSettings = z.object({
  quorum: z.object({ num: int, den: int, strict: z.boolean() }),
  excellentCapPercent: int,
  reevaluationMonths: int,
  reevaluationMinMonths: int,
  reevaluationMaxMonths: int,
});

export const evaluationSettingsView = z.object({ settings: evaluationSettings, canEdit: z.boolean() });

/** A participant as the committee and the levels above see them. */
export const fullParticipant = z.object({
  memberId: int,
  name: z.string(),
  position: z.string(),
  memberStatus: z.string(),
  selfAssessment: z.string().nullable(),
  selfAssessedAt: timestamp.nullable(),
  selfAssessmentByMember: z.boolean(),
  commentsReceived: int,
  votes: gradeVoteCounts.nullable(),
  leading: z.array(evaluationGrade),
  proposedGrade: evaluationGrade.nullable(),
  overrideReason: z.string().nullable(),
  departs: z.boolean(),
  finalGrade: evaluationGrade.nullable(),
  reevaluation: z.object({ dueOn: isoDate, grade: evaluationGrade.nullable(), heldOn: isoDate.nullable(), note: z.string().nullable() }).nullable(),
});

/** A participant as another participant sees them: who takes part and whether they wrote a self-assessment. */
export const peerParticipant = z.object({ memberId: int, name: z.string(), position: z.string(), selfAssessedAt: timestamp.nullable() });

/** One round: the committee and the levels above see every participant in full; a participant sees their own part. */
export const evaluation = z.object({
  id: int,
  year: int,
  stage: evaluationStage,
  settings: evaluationSettings,
  org: z.object({ id: int, name: z.string(), parentName: z.string().nullable() }),
  study: z.object({ heldOn: isoDate.nullable(), note: z.string().nullable() }),
  figures: z.object({
    participants: int,
    selfAssessed: int,
    commented: int,
    quorumMinimum: int,
    excellentCap: int,
    /** Only for the committee and the levels above. */
    excellent: int.optional(),
    byGrade: z.record(evaluationGrade, int).optional(),
  }),
  vote: z.object({
    mode: z.enum(['ballot', 'paper']).nullable(),
    sessionId: int.nullable(),
    present: int.nullable(),
    quorumMet: z.boolean().nullable(),
    closedAt: timestamp.nullable(),
    session: z.object({ status: z.enum(['draft', 'open', 'closed', 'cancelled']), rollSize: int, votedCount: int, closesAt: timestamp.nullable() }).nullable(),
    myVoted: z.boolean().nullable(),
  }),
  review: z.object({
    submittedAt: timestamp.nullable(),
    submittedBy: z.string().nullable(),
    decidedAt: timestamp.nullable(),
    decidedBy: z.string().nullable(),
    returnComment: z.string().nullable(),
  }),
  // The full shape first: a full row also carries every field of the peer shape.
  participants: z.array(z.union([fullParticipant, peerParticipant])),
  me: z
    .object({
      memberId: int,
      selfAssessment: z.string().nullable(),
      selfAssessedAt: timestamp.nullable(),
      comments: z.array(z.object({ memberId: int, text: z.string(), updatedAt: timestamp })),
      finalGrade: evaluationGrade.nullable(),
      reevaluationDueOn: isoDate.nullable(),
    })
    .nullable(),
  canManage: z.boolean(),
  canApprove: z.boolean(),
  canReadComments: z.boolean(),
  full: z.boolean(),
});

/** The round after the online vote is closed, with what the count came to. */
export const evaluationVoteClosed = evaluation.extend({
  outcome: z.object({ met: z.boolean(), withheld: z.object({ code: z.string(), message: z.object({ zh: z.string(), en: z.string() }) }).nullable() }),
});

/** A unit holding members, with its round of the year (or none yet). */
export const evaluationUnitRow = z.object({
  orgId: int,
  orgName: z.string(),
  parentName: z.string().nullable(),
  responsiblePerson: z.string().nullable(),
  members: int,
  evaluationId: int.nullable(),
  stage: unitStage,
  participants: int,
  selfAssessed: int,
  excellent: int,
  unqualified: int,
  submittedAt: timestamp.nullable(),
  decidedAt: timestamp.nullable(),
  updatedAt: timestamp.nullable(),
  canApprove: z.boolean(),
  canOpen: z.boolean(),
});

export const evaluationUnitList = z.object({
  items: z.array(evaluationUnitRow),
  total: int,
  page: int,
  pageSize: int,
  counts: z.record(z.enum(['not_started', ...EVALUATION_STAGES, 'all']), int),
});

/** A round the signed-in member takes part in. */
export const myEvaluationRound = z.object({
  evaluationId: int,
  orgId: int,
  orgName: z.string(),
  year: int,
  stage: evaluationStage,
  selfAssessmentDone: z.boolean(),
  vote: z.object({ sessionId: int, status: z.enum(['draft', 'open', 'closed', 'cancelled']), voted: z.boolean() }).nullable(),
  finalGrade: evaluationGrade.nullable(),
});
export const myEvaluations = z.object({ memberId: int.nullable(), items: z.array(myEvaluationRound) });

/** A peer comment, for the committee and the level above. */
export const evaluationComment = z.object({ memberId: int, authorMemberId: int, authorName: z.string(), text: z.string(), updatedAt: timestamp });
export const evaluationComments = z.array(evaluationComment);

/** An entry of the negative list (负面清单). */
export const negativeEntry = z.object({
  id: int,
  memberId: int,
  reason: z.string(),
  startsOn: isoDate,
  endsOn: isoDate.nullable(),
  createdAt: timestamp,
  createdBy: z.string().nullable(),
  liftedAt: timestamp.nullable(),
  liftedBy: z.string().nullable(),
  liftReason: z.string().nullable(),
  active: z.boolean(),
});
/** An entry of a subtree's negative list names the member and their organization. */
export const negativeListRow = negativeEntry.extend({ memberName: z.string(), orgName: z.string() });
export const negativeList = z.array(negativeListRow);
export const negativeEntryCreated = z.object({ id: int });
export const negativeEntryLifted = ok;

/** An approved grade of one year, for the member's page and the honours rules. */
export const evaluationHistoryEntry = z.object({
  evaluationId: int,
  year: int,
  orgId: int,
  orgName: z.string(),
  grade: evaluationGrade.nullable(),
  votes: gradeVoteCounts.nullable(),
  overrideReason: z.string().nullable(),
  approvedAt: timestamp.nullable(),
  reevaluation: z.object({ dueOn: isoDate.nullable(), grade: evaluationGrade.nullable(), heldOn: isoDate.nullable(), note: z.string().nullable() }).nullable(),
});

export const memberEvaluationHistory = z.object({
  memberId: int,
  evaluations: z.array(evaluationHistoryEntry),
  negativeList: z.array(negativeEntry),
  onNegativeListThisYear: z.boolean(),
  canManage: z.boolean(),
});

export type EvaluationGrade = z.infer<typeof evaluationGrade>;
export type EvaluationStage = z.infer<typeof evaluationStage>;
export type UnitStage = z.infer<typeof unitStage>;
export type GradeVoteCounts = z.infer<typeof gradeVoteCounts>;
export type EvaluationSettings = z.infer<typeof evaluationSettings>;
export type EvaluationSettingsView = z.infer<typeof evaluationSettingsView>;
export type FullParticipant = z.infer<typeof fullParticipant>;
export type PeerParticipant = z.infer<typeof peerParticipant>;
export type Evaluation = z.infer<typeof evaluation>;
export type EvaluationVoteClosed = z.infer<typeof evaluationVoteClosed>;
export type EvaluationUnitRow = z.infer<typeof evaluationUnitRow>;
export type EvaluationUnitList = z.infer<typeof evaluationUnitList>;
export type MyEvaluationRound = z.infer<typeof myEvaluationRound>;
export type MyEvaluations = z.infer<typeof myEvaluations>;
export type EvaluationComment = z.infer<typeof evaluationComment>;
export type NegativeEntry = z.infer<typeof negativeEntry>;
export type NegativeListRow = z.infer<typeof negativeListRow>;
export type EvaluationHistoryEntry = z.infer<typeof evaluationHistoryEntry>;
export type MemberEvaluationHistory = z.infer<typeof memberEvaluationHistory>;

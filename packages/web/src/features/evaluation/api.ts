import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { EvaluationGrade, EvaluationSettings, EvaluationStage, GradeVoteCounts } from '@zx/domain/assessment/evaluation';
import { api } from '../../api/client.ts';

export type { EvaluationGrade, EvaluationSettings, EvaluationStage, GradeVoteCounts };
export type UnitStage = EvaluationStage | 'not_started';

export interface FullParticipant {
  memberId: number;
  name: string;
  position: string;
  memberStatus: string;
  selfAssessment: string | null;
  selfAssessedAt: string | null;
  selfAssessmentByMember: boolean;
  commentsReceived: number;
  votes: GradeVoteCounts | null;
  leading: EvaluationGrade[];
  proposedGrade: EvaluationGrade | null;
  overrideReason: string | null;
  departs: boolean;
  finalGrade: EvaluationGrade | null;
  reevaluation: { dueOn: string; grade: EvaluationGrade | null; heldOn: string | null; note: string | null } | null;
}

export interface Evaluation {
  id: number;
  year: number;
  stage: EvaluationStage;
  settings: EvaluationSettings;
  org: { id: number; name: string; parentName: string | null };
  study: { heldOn: string | null; note: string | null };
  figures: {
    participants: number;
    selfAssessed: number;
    commented: number;
    quorumMinimum: number;
    excellentCap: number;
    excellent: number;
    byGrade: Record<EvaluationGrade, number>;
  };
  vote: {
    mode: 'ballot' | 'paper' | null;
    sessionId: number | null;
    present: number | null;
    quorumMet: boolean | null;
    closedAt: string | null;
    session: { status: 'draft' | 'open' | 'closed' | 'cancelled'; rollSize: number; votedCount: number; closesAt: string | null } | null;
    myVoted: boolean | null;
  };
  review: { submittedAt: string | null; submittedBy: string | null; decidedAt: string | null; decidedBy: string | null; returnComment: string | null };
  /** Full rows for the committee and the levels above; a participant gets name and whether a self-assessment exists. */
  participants: Array<FullParticipant | { memberId: number; name: string; position: string; selfAssessedAt: string | null }>;
  me: {
    memberId: number;
    selfAssessment: string | null;
    selfAssessedAt: string | null;
    comments: { memberId: number; text: string; updatedAt: string }[];
    finalGrade: EvaluationGrade | null;
    reevaluationDueOn: string | null;
  } | null;
  canManage: boolean;
  canApprove: boolean;
  canReadComments: boolean;
  full: boolean;
  outcome?: { met: boolean; withheld: { code: string; message: { zh: string; en: string } } | null };
}

export interface UnitRow {
  orgId: number;
  orgName: string;
  parentName: string | null;
  responsiblePerson: string | null;
  members: number;
  evaluationId: number | null;
  stage: UnitStage;
  participants: number;
  selfAssessed: number;
  excellent: number;
  unqualified: number;
  submittedAt: string | null;
  decidedAt: string | null;
  canApprove: boolean;
  canOpen: boolean;
}

export interface MyRound {
  evaluationId: number;
  orgId: number;
  orgName: string;
  year: number;
  stage: EvaluationStage;
  selfAssessmentDone: boolean;
  vote: { sessionId: number; status: string; voted: boolean } | null;
  finalGrade: EvaluationGrade | null;
}

export interface NegativeEntry {
  id: number;
  memberId: number;
  memberName?: string;
  orgName?: string;
  reason: string;
  startsOn: string;
  endsOn: string | null;
  createdAt: string;
  createdBy: string | null;
  liftedAt: string | null;
  liftedBy: string | null;
  liftReason: string | null;
  active: boolean;
}

export interface MemberHistory {
  memberId: number;
  evaluations: Array<{
    evaluationId: number;
    year: number;
    orgName: string;
    grade: EvaluationGrade | null;
    votes: GradeVoteCounts | null;
    overrideReason: string | null;
    approvedAt: string | null;
    reevaluation: { dueOn: string | null; grade: EvaluationGrade | null; heldOn: string | null; note: string | null } | null;
  }>;
  negativeList: NegativeEntry[];
  onNegativeListThisYear: boolean;
  canManage: boolean;
}

export const isFull = (p: Evaluation['participants'][number]): p is FullParticipant => 'votes' in p;

const KEY = ['evaluations'] as const;

export const useEvaluation = (id: number) => useQuery({ queryKey: [...KEY, id], queryFn: () => api.get<Evaluation>(`/evaluations/${id}`), enabled: id > 0 });
export const useMyEvaluations = () =>
  useQuery({ queryKey: [...KEY, 'mine'], queryFn: () => api.get<{ memberId: number | null; items: MyRound[] }>('/evaluations/mine') });
export const useEvaluationUnits = (q: { year: number; stage?: string; orgId?: number; page: number; q?: string }, enabled = true) =>
  useQuery({
    queryKey: [...KEY, 'units', q],
    queryFn: () =>
      api.get<{ items: UnitRow[]; total: number; page: number; pageSize: number; counts: Record<string, number> }>('/evaluations', { ...q, pageSize: 20 }),
    placeholderData: keepPreviousData,
    enabled,
  });
export const useEvaluationComments = (id: number, enabled: boolean) =>
  useQuery({
    queryKey: [...KEY, id, 'comments'],
    queryFn: () => api.get<{ memberId: number; authorMemberId: number; authorName: string; text: string; updatedAt: string }[]>(`/evaluations/${id}/comments`),
    enabled,
  });
export const useEvaluationSettings = () =>
  useQuery({ queryKey: [...KEY, 'settings'], queryFn: () => api.get<{ settings: EvaluationSettings; canEdit: boolean }>('/evaluations/settings') });
export const useMemberHistory = (memberId: number) =>
  useQuery({ queryKey: [...KEY, 'history', memberId], queryFn: () => api.get<MemberHistory>(`/evaluations/history/${memberId}`), enabled: memberId > 0 });
export const useNegativeList = (includeLifted: boolean) =>
  useQuery({
    queryKey: [...KEY, 'negative', includeLifted],
    queryFn: () => api.get<NegativeEntry[]>('/evaluations/negative-list', { includeLifted: includeLifted ? '1' : '0' }),
  });

/** Every write answers with the round (or ok); the evaluation queries are refreshed after it. */
export function useEvaluationMutation<V, R = Evaluation>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: KEY }) });
}

export const evaluationApi = {
  open: (orgId: number, year: number) => api.post<Evaluation>('/evaluations', { orgId, year }),
  study: (id: number, heldOn: string | null, note: string | null) => api.put<Evaluation>(`/evaluations/${id}/study`, { heldOn, note }),
  advance: (id: number, stage: 'self_assessment' | 'peer_review') => api.post<Evaluation>(`/evaluations/${id}/advance`, { stage }),
  selfAssessment: (id: number, memberId: number, text: string) => api.put<Evaluation>(`/evaluations/${id}/participants/${memberId}/self-assessment`, { text }),
  comment: (id: number, memberId: number, text: string) => api.put<Evaluation>(`/evaluations/${id}/participants/${memberId}/comment`, { text }),
  openVote: (id: number, closesAt: string | null) => api.post<Evaluation>(`/evaluations/${id}/vote`, { closesAt }),
  closeVote: (id: number) => api.post<Evaluation>(`/evaluations/${id}/vote/close`),
  paper: (id: number, present: number, counts: Array<{ memberId: number } & GradeVoteCounts>) =>
    api.post<Evaluation>(`/evaluations/${id}/vote/paper`, { present, counts }),
  proposal: (id: number, grades: { memberId: number; grade: EvaluationGrade | null; reason: string | null }[]) =>
    api.put<Evaluation>(`/evaluations/${id}/proposal`, { grades }),
  submit: (id: number, grades: { memberId: number; grade: EvaluationGrade | null; reason: string | null }[]) =>
    api.post<Evaluation>(`/evaluations/${id}/submit`, { grades }),
  review: (id: number, decision: 'approve' | 'return', comment: string | null) => api.post<Evaluation>(`/evaluations/${id}/review`, { decision, comment }),
  reevaluate: (id: number, memberId: number, body: { grade: EvaluationGrade; heldOn: string; note: string }) =>
    api.post<Evaluation>(`/evaluations/${id}/participants/${memberId}/reevaluation`, body),
  saveSettings: (s: EvaluationSettings) => api.put<{ settings: EvaluationSettings; canEdit: boolean }>('/evaluations/settings', s),
  addNegative: (body: { memberId: number; reason: string; startsOn: string; endsOn: string | null }) =>
    api.post<{ id: number }>('/evaluations/negative-list', body),
  liftNegative: (id: number, reason: string) => api.post<{ ok: true }>(`/evaluations/negative-list/${id}/lift`, { reason }),
};

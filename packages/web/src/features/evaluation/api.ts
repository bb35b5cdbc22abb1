import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Evaluation,
  EvaluationGrade,
  EvaluationSettings,
  EvaluationStage,
  EvaluationUnitRow,
  FullParticipant,
  GradeVoteCounts,
  MemberEvaluationHistory,
  MyEvaluationRound,
  NegativeListRow,
  NegativeEntry as StoredNegativeEntry,
  UnitStage,
} from '@zx/contract/evaluation';
import { api } from '../../api/client.ts';

export type { Evaluation, EvaluationGrade, EvaluationSettings, EvaluationStage, FullParticipant, GradeVoteCounts, UnitStage };
export type UnitRow = EvaluationUnitRow;
export type MyRound = MyEvaluationRound;
export type MemberHistory = MemberEvaluationHistory;
/** An entry as a member's history shows it, or as the subtree's list shows it (with the member and organization). */
export type NegativeEntry = StoredNegativeEntry & Partial<Pick<NegativeListRow, 'memberName' | 'orgName'>>;

export const isFull = (p: Evaluation['participants'][number]): p is FullParticipant => 'votes' in p;

const KEY = ['evaluations'] as const;

export const useEvaluation = (id: number) =>
  useQuery({ queryKey: [...KEY, id], queryFn: () => api.GET('/evaluations/{id}', { params: { path: { id } } }), enabled: id > 0 });
export const useMyEvaluations = () => useQuery({ queryKey: [...KEY, 'mine'], queryFn: () => api.GET('/evaluations/mine') });
export const useEvaluationUnits = (q: { year: number; stage?: UnitStage; orgId?: number; page: number; q?: string }, enabled = true) =>
  useQuery({
    queryKey: [...KEY, 'units', q],
    queryFn: () => api.GET('/evaluations', { params: { query: { ...q, pageSize: 20 } } }),
    placeholderData: keepPreviousData,
    enabled,
  });
export const useEvaluationComments = (id: number, enabled: boolean) =>
  useQuery({
    queryKey: [...KEY, id, 'comments'],
    queryFn: () => api.GET('/evaluations/{id}/comments', { params: { path: { id } } }),
    enabled,
  });
export const useEvaluationSettings = () => useQuery({ queryKey: [...KEY, 'settings'], queryFn: () => api.GET('/evaluations/settings') });
export const useMemberHistory = (memberId: number) =>
  useQuery({
    queryKey: [...KEY, 'history', memberId],
    queryFn: () => api.GET('/evaluations/history/{memberId}', { params: { path: { memberId } } }),
    enabled: memberId > 0,
  });
export const useNegativeList = (includeLifted: boolean) =>
  useQuery({
    queryKey: [...KEY, 'negative', includeLifted],
    queryFn: () => api.GET('/evaluations/negative-list', { params: { query: { includeLifted: includeLifted ? '1' : '0' } } }),
  });

/** Every write answers with the round (or ok); the evaluation queries are refreshed after it. */
export function useEvaluationMutation<V, R = Evaluation>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: KEY }) });
}

export const evaluationApi = {
  open: (orgId: number, year: number) => api.POST('/evaluations', { body: { orgId, year } }),
  study: (id: number, heldOn: string | null, note: string | null) => api.PUT('/evaluations/{id}/study', { params: { path: { id } }, body: { heldOn, note } }),
  advance: (id: number, stage: 'self_assessment' | 'peer_review') => api.POST('/evaluations/{id}/advance', { params: { path: { id } }, body: { stage } }),
  selfAssessment: (id: number, memberId: number, text: string) =>
    api.PUT('/evaluations/{id}/participants/{memberId}/self-assessment', { params: { path: { id, memberId } }, body: { text } }),
  comment: (id: number, memberId: number, text: string) =>
    api.PUT('/evaluations/{id}/participants/{memberId}/comment', { params: { path: { id, memberId } }, body: { text } }),
  openVote: (id: number, closesAt: string | null) => api.POST('/evaluations/{id}/vote', { params: { path: { id } }, body: { closesAt } }),
  closeVote: (id: number) => api.POST('/evaluations/{id}/vote/close', { params: { path: { id } } }),
  paper: (id: number, present: number, counts: Array<{ memberId: number } & GradeVoteCounts>) =>
    api.POST('/evaluations/{id}/vote/paper', { params: { path: { id } }, body: { present, counts } }),
  proposal: (id: number, grades: { memberId: number; grade: EvaluationGrade | null; reason: string | null }[]) =>
    api.PUT('/evaluations/{id}/proposal', { params: { path: { id } }, body: { grades } }),
  submit: (id: number, grades: { memberId: number; grade: EvaluationGrade | null; reason: string | null }[]) =>
    api.POST('/evaluations/{id}/submit', { params: { path: { id } }, body: { grades } }),
  review: (id: number, decision: 'approve' | 'return', comment: string | null) =>
    api.POST('/evaluations/{id}/review', { params: { path: { id } }, body: { decision, comment } }),
  reevaluate: (id: number, memberId: number, body: { grade: EvaluationGrade; heldOn: string; note: string }) =>
    api.POST('/evaluations/{id}/participants/{memberId}/reevaluation', { params: { path: { id, memberId } }, body }),
  saveSettings: (s: EvaluationSettings) => api.PUT('/evaluations/settings', { body: s }),
  addNegative: (body: { memberId: number; reason: string; startsOn: string; endsOn: string | null }) => api.POST('/evaluations/negative-list', { body }),
  liftNegative: (id: number, reason: string) => api.POST('/evaluations/negative-list/{id}/lift', { params: { path: { id } }, body: { reason } }),
};

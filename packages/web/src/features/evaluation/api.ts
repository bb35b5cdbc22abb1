import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Evaluation,
  EvaluationComment,
  EvaluationGrade,
  EvaluationSettings,
  EvaluationSettingsView,
  EvaluationStage,
  EvaluationUnitList,
  EvaluationUnitRow,
  EvaluationVoteClosed,
  FullParticipant,
  GradeVoteCounts,
  MemberEvaluationHistory,
  MyEvaluationRound,
  MyEvaluations,
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

export const useEvaluation = (id: number) => useQuery({ queryKey: [...KEY, id], queryFn: () => api.get<Evaluation>(`/evaluations/${id}`), enabled: id > 0 });
export const useMyEvaluations = () => useQuery({ queryKey: [...KEY, 'mine'], queryFn: () => api.get<MyEvaluations>('/evaluations/mine') });
export const useEvaluationUnits = (q: { year: number; stage?: string; orgId?: number; page: number; q?: string }, enabled = true) =>
  useQuery({
    queryKey: [...KEY, 'units', q],
    queryFn: () => api.get<EvaluationUnitList>('/evaluations', { ...q, pageSize: 20 }),
    placeholderData: keepPreviousData,
    enabled,
  });
export const useEvaluationComments = (id: number, enabled: boolean) =>
  useQuery({
    queryKey: [...KEY, id, 'comments'],
    queryFn: () => api.get<EvaluationComment[]>(`/evaluations/${id}/comments`),
    enabled,
  });
export const useEvaluationSettings = () =>
  useQuery({ queryKey: [...KEY, 'settings'], queryFn: () => api.get<EvaluationSettingsView>('/evaluations/settings') });
export const useMemberHistory = (memberId: number) =>
  useQuery({ queryKey: [...KEY, 'history', memberId], queryFn: () => api.get<MemberHistory>(`/evaluations/history/${memberId}`), enabled: memberId > 0 });
export const useNegativeList = (includeLifted: boolean) =>
  useQuery({
    queryKey: [...KEY, 'negative', includeLifted],
    queryFn: () => api.get<NegativeListRow[]>('/evaluations/negative-list', { includeLifted: includeLifted ? '1' : '0' }),
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
  closeVote: (id: number) => api.post<EvaluationVoteClosed>(`/evaluations/${id}/vote/close`),
  paper: (id: number, present: number, counts: Array<{ memberId: number } & GradeVoteCounts>) =>
    api.post<Evaluation>(`/evaluations/${id}/vote/paper`, { present, counts }),
  proposal: (id: number, grades: { memberId: number; grade: EvaluationGrade | null; reason: string | null }[]) =>
    api.put<Evaluation>(`/evaluations/${id}/proposal`, { grades }),
  submit: (id: number, grades: { memberId: number; grade: EvaluationGrade | null; reason: string | null }[]) =>
    api.post<Evaluation>(`/evaluations/${id}/submit`, { grades }),
  review: (id: number, decision: 'approve' | 'return', comment: string | null) => api.post<Evaluation>(`/evaluations/${id}/review`, { decision, comment }),
  reevaluate: (id: number, memberId: number, body: { grade: EvaluationGrade; heldOn: string; note: string }) =>
    api.post<Evaluation>(`/evaluations/${id}/participants/${memberId}/reevaluation`, body),
  saveSettings: (s: EvaluationSettings) => api.put<EvaluationSettingsView>('/evaluations/settings', s),
  addNegative: (body: { memberId: number; reason: string; startsOn: string; endsOn: string | null }) =>
    api.post<{ id: number }>('/evaluations/negative-list', body),
  liftNegative: (id: number, reason: string) => api.post<{ ok: true }>(`/evaluations/negative-list/${id}/lift`, { reason }),
};

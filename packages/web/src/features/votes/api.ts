import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../api/client.ts';

import type {
  BallotPaper,
  BallotSettings,
  CadrePreview,
  MyVote,
  Representative,
  RepresentativeList,
  ScaleCode,
  SessionDetail,
  SessionResult,
  SessionSubject,
  VoteRoll,
  VoteSession,
  VoteSessionStatus,
} from '@zx/contract/votes';

export type { BallotSettings, CadrePreview, MyVote, Representative, ScaleCode, SessionDetail, SessionResult, SessionSubject, VoteSession };
export type SessionStatus = VoteSessionStatus;
export type Ballot = BallotPaper;
export type RollEntry = VoteRoll['items'][number];

export const useRepresentatives = (orgId: number | null) =>
  useQuery({
    queryKey: ['votes', 'reps', orgId],
    queryFn: () => api.get<RepresentativeList>('/votes/representatives', { orgId: orgId! }),
    enabled: !!orgId,
  });

export function useSetRepresentatives() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: { orgId: number; memberIds: number[] }) => api.put<RepresentativeList>('/votes/representatives', b),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['votes'] }),
  });
}

export const useCadrePreview = (orgId: number | null, exemptMonths?: number | null) =>
  useQuery({
    queryKey: ['votes', 'preview', orgId, exemptMonths ?? null],
    queryFn: () => api.get<CadrePreview>('/votes/cadre-preview', { orgId: orgId!, exemptMonths: exemptMonths ?? undefined }),
    enabled: !!orgId,
    placeholderData: (prev) => prev,
  });

export const useSessions = (orgId: number | null) =>
  useQuery({ queryKey: ['votes', 'sessions', orgId], queryFn: () => api.get<VoteSession[]>('/votes/sessions', { orgId: orgId ?? undefined }) });

export const useSession = (id: number) => useQuery({ queryKey: ['votes', 'session', id], queryFn: () => api.get<SessionDetail>(`/votes/sessions/${id}`) });

export const useRoll = (id: number, enabled: boolean) =>
  useQuery({ queryKey: ['votes', 'roll', id], queryFn: () => api.get<VoteRoll>(`/votes/sessions/${id}/roll`), enabled });

/** The report of a closed session (null while sealed). */
export const useResult = (id: number, enabled: boolean) =>
  useQuery({
    queryKey: ['votes', 'result', id],
    queryFn: async () => {
      try {
        return await api.get<SessionResult>(`/votes/sessions/${id}/result`);
      } catch (e) {
        if (isApiError(e) && e.code === 'RESULTS_SEALED') return null;
        throw e;
      }
    },
    enabled,
  });

export function useVoteAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: number; action: 'open' | 'close' | 'delete' }) =>
      action === 'delete' ? api.del(`/votes/sessions/${id}`) : api.post<SessionDetail>(`/votes/sessions/${id}/${action}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['votes'] }),
  });
}

export function useCreateRating() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: Record<string, unknown>) => api.post<SessionDetail>('/votes/sessions', b),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['votes'] }),
  });
}

export function useUpperScore(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ subjectId, score }: { subjectId: number; score: number | null }) =>
      api.put<SessionDetail>(`/votes/sessions/${id}/subjects/${subjectId}/upper-score`, { score }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['votes'] }),
  });
}

export const useMyVotes = () => useQuery({ queryKey: ['votes', 'mine'], queryFn: () => api.get<MyVote[]>('/votes/mine') });

export const useBallot = (id: number) => useQuery({ queryKey: ['votes', 'ballot', id], queryFn: () => api.get<Ballot>(`/votes/sessions/${id}/ballot`) });

export function useCast(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (answers: Record<string, string>) => api.post<{ voted: true }>(`/votes/sessions/${id}/ballot`, { answers }),
    onSettled: () => qc.invalidateQueries({ queryKey: ['votes'] }),
  });
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError, type RequestBody } from '../../api/client.ts';

import type {
  BallotPaper,
  BallotSettings,
  CadrePreview,
  MyVote,
  Representative,
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
    queryFn: () => api.GET('/votes/representatives', { params: { query: { orgId: orgId! } } }),
    enabled: !!orgId,
  });

export function useSetRepresentatives() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: { orgId: number; memberIds: number[] }) => api.PUT('/votes/representatives', { body: b }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['votes'] }),
  });
}

export const useCadrePreview = (orgId: number | null, exemptMonths?: number | null) =>
  useQuery({
    queryKey: ['votes', 'preview', orgId, exemptMonths ?? null],
    queryFn: () => api.GET('/votes/cadre-preview', { params: { query: { orgId: orgId!, exemptMonths: exemptMonths ?? undefined } } }),
    enabled: !!orgId,
    placeholderData: (prev) => prev,
  });

export const useSessions = (orgId: number | null) =>
  useQuery({ queryKey: ['votes', 'sessions', orgId], queryFn: () => api.GET('/votes/sessions', { params: { query: { orgId: orgId ?? undefined } } }) });

export const useSession = (id: number) =>
  useQuery({ queryKey: ['votes', 'session', id], queryFn: () => api.GET('/votes/sessions/{id}', { params: { path: { id } } }) });

export const useRoll = (id: number, enabled: boolean) =>
  useQuery({ queryKey: ['votes', 'roll', id], queryFn: () => api.GET('/votes/sessions/{id}/roll', { params: { path: { id } } }), enabled });

/** The report of a closed session (null while sealed). */
export const useResult = (id: number, enabled: boolean) =>
  useQuery({
    queryKey: ['votes', 'result', id],
    queryFn: async () => {
      try {
        return await api.GET('/votes/sessions/{id}/result', { params: { path: { id } } });
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
    mutationFn: async ({ id, action }: { id: number; action: 'open' | 'close' | 'delete' }) => {
      const at = { params: { path: { id } } };
      if (action === 'delete') return api.DELETE('/votes/sessions/{id}', at);
      return api.POST(action === 'open' ? '/votes/sessions/{id}/open' : '/votes/sessions/{id}/close', at);
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: ['votes'] }),
  });
}

export function useCreateRating() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: RequestBody<'post', '/votes/sessions'>) => api.POST('/votes/sessions', { body: b }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['votes'] }),
  });
}

export function useUpperScore(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ subjectId, score }: { subjectId: number; score: number | null }) =>
      api.PUT('/votes/sessions/{id}/subjects/{subjectId}/upper-score', { params: { path: { id, subjectId } }, body: { score } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['votes'] }),
  });
}

export const useMyVotes = () => useQuery({ queryKey: ['votes', 'mine'], queryFn: () => api.GET('/votes/mine') });

export const useBallot = (id: number) =>
  useQuery({ queryKey: ['votes', 'ballot', id], queryFn: () => api.GET('/votes/sessions/{id}/ballot', { params: { path: { id } } }) });

export function useCast(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (answers: Record<string, string>) => api.POST('/votes/sessions/{id}/ballot', { params: { path: { id } }, body: { answers } }),
    onSettled: () => qc.invalidateQueries({ queryKey: ['votes'] }),
  });
}

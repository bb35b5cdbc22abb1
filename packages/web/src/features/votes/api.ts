import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../api/client.ts';

export type ScaleCode = 'satisfaction3' | 'grade4' | 'points10' | 'member_grade4' | 'approve3';
export type SessionStatus = 'draft' | 'open' | 'closed' | 'cancelled';

export interface BallotSettings {
  quorum: { num: number; den: number; strict: boolean };
  minGroup: number;
  weighting: { memberWeight: number; upperWeight: number } | null;
  flagBelow: number;
  exemptMonths: number;
}

export interface VoteSession {
  id: number;
  orgId: number;
  orgName: string | null;
  kind: string;
  titleZh: string;
  titleEn: string | null;
  scale: ScaleCode;
  settings: BallotSettings;
  rollSource: 'explicit' | 'representatives';
  status: SessionStatus;
  reportYear: number | null;
  opensAt: string | null;
  closesAt: string | null;
  openedAt: string | null;
  closedAt: string | null;
  rollSize: number;
  votedCount: number;
  refType: string | null;
  createdAt: string;
  canManage: boolean;
  /** Only in the detail: the signed-in cadre is rated in this session (someone else runs it). */
  ratedHere?: boolean;
  canScoreUpper: boolean;
}

export interface SessionSubject {
  id: number;
  label: string;
  detail: string | null;
  memberId: number | null;
  exempt: boolean;
  exemptReason: string | null;
  upperScore: number | null;
}

export type SessionDetail = VoteSession & { subjects: SessionSubject[] };

export interface SessionResult {
  sessionId: number;
  rollSize: number;
  ballots: number;
  turnout: number;
  quorum: { num: number; den: number; strict: boolean; met: boolean };
  minGroup: number;
  withheld: null | { code: string; message: { zh: string; en: string } };
  subjects: Array<{
    subjectId: number;
    label: string;
    detail: string | null;
    memberId: number | null;
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

export interface Representative {
  memberId: number;
  name: string;
  gender: string;
  position: string;
  status: string;
  orgId: number;
  orgName: string;
  addedAt: string;
}

export interface CadrePreview {
  orgId: number;
  orgName: string;
  cadres: { memberId: number; name: string; position: string; positionSince: string | null; exempt: boolean; exemptReason: string | null }[];
  roll: { memberId: number; name: string; orgName: string }[];
  /** False for a cadre the rating would rate: they draft it, someone else sets its times. */
  canSchedule: boolean;
}

export interface MyVote {
  id: number;
  kind: string;
  titleZh: string;
  titleEn: string | null;
  status: SessionStatus;
  opensAt: string | null;
  closesAt: string | null;
  closedAt: string | null;
  orgName: string;
  voted: boolean;
}

export interface Ballot {
  id: number;
  kind: string;
  titleZh: string;
  titleEn: string | null;
  orgName: string;
  status: SessionStatus;
  opensAt: string | null;
  closesAt: string | null;
  reportYear: number | null;
  voted: boolean;
  scale: { code: ScaleCode; kind: 'options' | 'points'; options: { key: string; zh: string; en: string }[] };
  /** report: a cadre rating's year-end report state ('submitted' = readable). */
  subjects: { id: number; label: string; detail: string | null; memberId: number | null; report: 'submitted' | 'none' | null }[];
  exempt: { id: number; label: string; detail: string | null; reason: string | null }[];
}

export interface RollEntry {
  memberId: number;
  name: string;
  position: string;
  orgName: string;
  voted: boolean;
}

export const useRepresentatives = (orgId: number | null) =>
  useQuery({
    queryKey: ['votes', 'reps', orgId],
    queryFn: () => api.get<{ orgId: number; orgName: string; canEdit: boolean; items: Representative[] }>('/votes/representatives', { orgId: orgId! }),
    enabled: !!orgId,
  });

export function useSetRepresentatives() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: { orgId: number; memberIds: number[] }) => api.put<{ items: Representative[] }>('/votes/representatives', b),
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
  useQuery({ queryKey: ['votes', 'roll', id], queryFn: () => api.get<{ frozen: boolean; items: RollEntry[] }>(`/votes/sessions/${id}/roll`), enabled });

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

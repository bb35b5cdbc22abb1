import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { RoundBody } from '@zx/domain/assessment/honour';
import type {
  CandidateAdded,
  DuesList,
  EligibleList,
  EligibleSubject,
  HonourCandidate,
  HonourCandidateStatus,
  HonourKind,
  HonourObjection,
  HonourRound,
  HonourRoundStatus,
  HonourSettingsPage,
  MyHonourObjection,
  RoundList,
  RoundSummary,
  RuleCheck,
  VolunteerHoursList,
} from '@zx/contract/honours';
export type { RoundBody };

export type { DuesList, HonourKind, RoundSummary, RuleCheck };
export type RoundStatus = HonourRoundStatus;
export type CandidateStatus = HonourCandidateStatus;
export type Candidate = HonourCandidate;
/** The managers see who objected and how to reach them; the objector sees their own without. */
export type Objection = MyHonourObjection & Partial<Pick<HonourObjection, 'contact' | 'objectorName' | 'objectorOrgName'>>;
export type Round = HonourRound;
export type EligibleItem = EligibleSubject;
export type HoursList = VolunteerHoursList;

export const useRounds = () => useQuery({ queryKey: ['honour-rounds'], queryFn: () => api.get<RoundList>('/honours/rounds') });
export const useRound = (id: number) => useQuery({ queryKey: ['honour-round', id], queryFn: () => api.get<Round>(`/honours/rounds/${id}`), enabled: id > 0 });
export const useHonourSettings = () => useQuery({ queryKey: ['honour-settings'], queryFn: () => api.get<HonourSettingsPage>('/honours/settings') });

export const useEligible = (id: number, kind: HonourKind, all: boolean, q: string, enabled: boolean) =>
  useQuery({
    queryKey: ['honour-eligible', id, kind, all, q],
    queryFn: () => api.get<EligibleList>(`/honours/rounds/${id}/eligible`, { kind, all: all ? 1 : 0, q: q || undefined }),
    enabled,
  });

function useInvalidate() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: ['honour-rounds'] });
    void qc.invalidateQueries({ queryKey: ['honour-round'] });
    void qc.invalidateQueries({ queryKey: ['honour-eligible'] });
  };
}

export function useCreateRound() {
  const done = useInvalidate();
  return useMutation({ mutationFn: (b: RoundBody) => api.post<Round>('/honours/rounds', b), onSuccess: done });
}

export function useRoundAction(id: number) {
  const done = useInvalidate();
  return useMutation({
    mutationFn: ({ action, body }: { action: 'open-recommendations' | 'publish' | 'finalize'; body?: Record<string, unknown> }) =>
      api.post<Round>(`/honours/rounds/${id}/${action}`, body ?? {}),
    onSuccess: done,
  });
}

export function useAddCandidate(id: number) {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (b: { kind: HonourKind; memberId?: number | null; orgId?: number | null; note?: string }) =>
      api.post<CandidateAdded>(`/honours/rounds/${id}/candidates`, b),
    onSuccess: done,
  });
}

export function useCandidateAction() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: ({ id, action, body }: { id: number; action: 'decide' | 'remove'; body?: Record<string, unknown> }) =>
      api.post(`/honours/candidates/${id}/${action}`, body ?? {}),
    onSuccess: done,
  });
}

export function useObject() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: ({ candidateId, reason, contact }: { candidateId: number; reason: string; contact?: string }) =>
      api.post<{ id: number }>(`/honours/candidates/${candidateId}/objections`, { reason, contact: contact || null }),
    onSuccess: done,
  });
}

export function useHandleObjection() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: ({ id, decision, reply }: { id: number; decision: 'upheld' | 'dismissed'; reply: string }) =>
      api.post(`/honours/objections/${id}/handle`, { decision, reply }),
    onSuccess: done,
  });
}

export const useVolunteerHours = (orgId: number, year: number) =>
  useQuery({ queryKey: ['honour-hours', orgId, year], queryFn: () => api.get<HoursList>('/honours/volunteer-hours', { orgId, year }), enabled: orgId > 0 });

export function useSaveHours() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: { orgId: number; year: number; entries: { memberId: number; hours: number | null }[] }) =>
      api.put<{ changed: number }>('/honours/volunteer-hours', b),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['honour-hours'] }),
  });
}

export const useDues = (orgId: number, year: number) =>
  useQuery({ queryKey: ['honour-dues', orgId, year], queryFn: () => api.get<DuesList>('/honours/dues', { orgId, year }), enabled: orgId > 0 });

export function useSaveDues() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: { orgId: number; year: number; membersDue: number; membersInArrears: number }) => api.put('/honours/dues', b),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['honour-dues'] }),
  });
}

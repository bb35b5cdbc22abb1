import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type RequestBody } from '../../api/client.ts';
import type { RoundBody } from '@zx/domain/assessment/honour';
import type {
  DuesList,
  EligibleSubject,
  HonourCandidate,
  HonourCandidateStatus,
  HonourKind,
  HonourObjection,
  HonourRound,
  HonourRoundStatus,
  MyHonourObjection,
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

export const useRounds = () => useQuery({ queryKey: ['honour-rounds'], queryFn: () => api.GET('/honours/rounds') });
export const useRound = (id: number) =>
  useQuery({ queryKey: ['honour-round', id], queryFn: () => api.GET('/honours/rounds/{id}', { params: { path: { id } } }), enabled: id > 0 });
export const useHonourSettings = () => useQuery({ queryKey: ['honour-settings'], queryFn: () => api.GET('/honours/settings') });

export const useEligible = (id: number, kind: HonourKind, all: boolean, q: string, enabled: boolean) =>
  useQuery({
    queryKey: ['honour-eligible', id, kind, all, q],
    queryFn: () => api.GET('/honours/rounds/{id}/eligible', { params: { path: { id }, query: { kind, all: all ? '1' : '0', q: q || undefined } } }),
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
  return useMutation({ mutationFn: (b: RoundBody) => api.POST('/honours/rounds', { body: b }), onSuccess: done });
}

export function useRoundAction(id: number) {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (action: 'open-recommendations' | 'publish' | 'finalize') => {
      const at = { params: { path: { id } } };
      if (action === 'publish') return api.POST('/honours/rounds/{id}/publish', { ...at, body: {} });
      return api.POST(action === 'finalize' ? '/honours/rounds/{id}/finalize' : '/honours/rounds/{id}/open-recommendations', at);
    },
    onSuccess: done,
  });
}

export function useAddCandidate(id: number) {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (b: { kind: HonourKind; memberId?: number | null; orgId?: number | null; note?: string }) =>
      api.POST('/honours/rounds/{id}/candidates', { params: { path: { id } }, body: b }),
    onSuccess: done,
  });
}

/** Accept or reject a recommended candidate, or remove one. */
export type CandidateAction = { id: number; action: 'decide'; body: RequestBody<'post', '/honours/candidates/{id}/decide'> } | { id: number; action: 'remove' };

export function useCandidateAction() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (a: CandidateAction) =>
      a.action === 'decide'
        ? api.POST('/honours/candidates/{id}/decide', { params: { path: { id: a.id } }, body: a.body })
        : api.POST('/honours/candidates/{id}/remove', { params: { path: { id: a.id } } }),
    onSuccess: done,
  });
}

export function useObject() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: ({ candidateId, reason, contact }: { candidateId: number; reason: string; contact?: string }) =>
      api.POST('/honours/candidates/{id}/objections', { params: { path: { id: candidateId } }, body: { reason, contact: contact || null } }),
    onSuccess: done,
  });
}

export function useHandleObjection() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: ({ id, decision, reply }: { id: number; decision: 'upheld' | 'dismissed'; reply: string }) =>
      api.POST('/honours/objections/{id}/handle', { params: { path: { id } }, body: { decision, reply } }),
    onSuccess: done,
  });
}

export const useVolunteerHours = (orgId: number, year: number) =>
  useQuery({
    queryKey: ['honour-hours', orgId, year],
    queryFn: () => api.GET('/honours/volunteer-hours', { params: { query: { orgId, year } } }),
    enabled: orgId > 0,
  });

export function useSaveHours() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: { orgId: number; year: number; entries: { memberId: number; hours: number | null }[] }) => api.PUT('/honours/volunteer-hours', { body: b }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['honour-hours'] }),
  });
}

export const useDues = (orgId: number, year: number) =>
  useQuery({ queryKey: ['honour-dues', orgId, year], queryFn: () => api.GET('/honours/dues', { params: { query: { orgId, year } } }), enabled: orgId > 0 });

export function useSaveDues() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: { orgId: number; year: number; membersDue: number; membersInArrears: number }) => api.PUT('/honours/dues', { body: b }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['honour-dues'] }),
  });
}

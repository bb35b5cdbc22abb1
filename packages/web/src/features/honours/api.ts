import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { HonourKind, HonourSettings, RoundBody, RuleCheck } from '@zx/domain/assessment/honour';
export type { RoundBody };

export type { HonourKind, RuleCheck };
export type RoundStatus = 'draft' | 'recommending' | 'notice' | 'final';
export type CandidateStatus = 'recommended' | 'candidate' | 'rejected' | 'withdrawn' | 'awarded';

export interface RoundSummary {
  id: number;
  orgId: number;
  orgName: string;
  name: string;
  year: number;
  status: RoundStatus;
  kinds: HonourKind[];
  noticeStartsOn: string | null;
  noticeEndsOn: string | null;
  finalizedAt: string | null;
  canManage: boolean;
}

export interface Candidate {
  id: number;
  kind: HonourKind;
  subjectKey: string;
  subject: 'unit' | 'person';
  name: string;
  orgId: number;
  orgName: string;
  memberId: number | null;
  status: CandidateStatus;
  recommenderOrgId: number;
  recommenderOrgName: string;
  note: string | null;
  checks: RuleCheck[];
  objectionCount: number | null;
  updatedAt: string;
}

export interface Objection {
  id: number;
  candidateId: number;
  candidateName: string;
  kind: HonourKind;
  reason: string;
  contact?: string | null;
  objectorName?: string;
  objectorOrgName?: string;
  status: 'pending' | 'upheld' | 'dismissed';
  reply: string | null;
  handledAt: string | null;
  createdAt: string;
}

export interface Round {
  id: number;
  orgId: number;
  orgName: string;
  name: string;
  year: number;
  referenceDate: string;
  kinds: HonourKind[];
  settings: HonourSettings;
  requireLowerTitle: boolean;
  campaignId: number | null;
  campaignName: string | null;
  status: RoundStatus;
  noticeStartsOn: string | null;
  noticeEndsOn: string | null;
  noticeOpen: boolean;
  publishedAt: string | null;
  finalizedAt: string | null;
  quotas: { kind: HonourKind; nameZh: string; nameEn: string; percent: number; base: number; quota: number; used: number }[];
  candidates: Candidate[];
  objections: Objection[];
  myObjections: Objection[];
  awards: { id: number; candidateId: number; kind: HonourKind; name: string; certificateNo: string; awardedOn: string; certificateUrl: string | null }[];
  can: {
    manage: boolean;
    edit: boolean;
    openRecommendations: boolean;
    recommend: boolean;
    publish: boolean;
    object: boolean;
    finalize: boolean;
    certificates: boolean;
  };
  finalizeBlockers: ('notice_open' | 'objections_pending')[];
  pendingObjections: number | null;
}

export interface EligibleItem {
  subjectKey: string;
  kind: HonourKind;
  orgId: number;
  orgName: string;
  memberId: number | null;
  name: string;
  position: string | null;
  eligible: boolean;
  checks: RuleCheck[];
  candidateStatus: CandidateStatus | null;
}

export const useRounds = () =>
  useQuery({ queryKey: ['honour-rounds'], queryFn: () => api.get<{ items: RoundSummary[]; canCreate: boolean }>('/honours/rounds') });
export const useRound = (id: number) => useQuery({ queryKey: ['honour-round', id], queryFn: () => api.get<Round>(`/honours/rounds/${id}`), enabled: id > 0 });
export const useHonourSettings = () =>
  useQuery({ queryKey: ['honour-settings'], queryFn: () => api.get<{ settings: HonourSettings; canEdit: boolean }>('/honours/settings') });

export const useEligible = (id: number, kind: HonourKind, all: boolean, q: string, enabled: boolean) =>
  useQuery({
    queryKey: ['honour-eligible', id, kind, all, q],
    queryFn: () => api.get<{ items: EligibleItem[]; truncated: boolean }>(`/honours/rounds/${id}/eligible`, { kind, all: all ? 1 : 0, q: q || undefined }),
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
      api.post<{ id: number }>(`/honours/rounds/${id}/candidates`, b),
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

export interface HoursList {
  org: { id: number; name: string };
  year: number;
  canEdit: boolean;
  items: { memberId: number; name: string; position: string; hours: number | null; updatedAt: string | null }[];
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

export interface DuesList {
  org: { id: number; name: string };
  year: number;
  items: {
    orgId: number;
    name: string;
    typeCode: string;
    self: boolean;
    activeMembers: number;
    membersDue: number | null;
    membersInArrears: number | null;
    updatedAt: string | null;
    canEdit: boolean;
  }[];
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

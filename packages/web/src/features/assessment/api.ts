import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Rubric, RubricItem, RubricSettings, TierCode, TitleCode } from '@zx/domain/assessment/rubric';
import { api } from '../../api/client.ts';

export type { Rubric, RubricSettings, TierCode, TitleCode };
export type AssessmentStatus = 'missing' | 'draft' | 'submitted' | 'returned' | 'verified';
export type TierChange = 'up' | 'down' | 'same' | 'new' | 'none';

export interface Reason {
  code: string;
  zh: string;
  en: string;
}
export interface Outcome {
  total: number;
  tier: TierCode | null;
  tierByScore: TierCode;
  reasons: Reason[];
}
export interface EvidenceActivity {
  id: number;
  title: string;
  heldOn: string;
  type: string;
}
export interface EvidenceFile {
  id: number;
  name: string;
  mime: string;
  size: number;
  kind: 'file' | 'photo';
  url: string;
  thumbUrl: string | null;
}

export interface SheetItem extends RubricItem {
  selfScore: number | null;
  verifiedScore: number | null;
  reason: string | null;
  note: string | null;
  activities: EvidenceActivity[];
  attachments: EvidenceFile[];
}
export interface SheetVeto {
  key: string;
  textZh: string;
  textEn: string;
  selfFailed: boolean | null;
  verifiedFailed: boolean | null;
  reason: string | null;
  note: string | null;
}

export interface Sheet {
  campaign: { id: number; name: string; year: number };
  org: {
    id: number;
    name: string;
    typeCode: string;
    foundedOn: string | null;
    parentId: number | null;
    parentName: string | null;
    responsiblePerson: string | null;
  };
  required: boolean;
  status: AssessmentStatus;
  rubric: { key: string; nameZh: string; nameEn: string; maxPoints: number; settings: RubricSettings };
  dimensions: Array<{ key: string; nameZh: string; nameEn: string; max: number; items: SheetItem[] }>;
  vetoes: SheetVeto[];
  summary: string;
  selfTotal: number;
  secretary: { name: string | null; signedAt: string } | null;
  representative: { name: string | null; signedAt: string } | null;
  submittedAt: string | null;
  verification:
    | (Outcome & {
        dimensions: Array<{ key: string; nameZh: string; nameEn: string; score: number; max: number }>;
        verifiedBy: string | null;
        verifiedAt: string | null;
      })
    | null;
  returned: { comment: string; at: string | null } | null;
  preview: Outcome | null;
  updatedAt: string | null;
  canEdit: boolean;
  canSign: boolean;
  canConfirm: boolean;
  canVerify: boolean;
}

export interface SelfBody {
  summary: string | null;
  items: Array<{ key: string; score: number; note: string | null; activityIds: number[]; attachmentIds: number[] }>;
  vetoes: Array<{ key: string; failed: boolean; note: string | null }>;
}
export interface VerifyBody {
  items: Array<{ key: string; score: number; reason: string | null }>;
  vetoes: Array<{ key: string; failed: boolean; reason: string | null }>;
  comment?: string | null;
  dryRun?: boolean;
}

export interface QueueRow {
  orgId: number;
  name: string;
  typeCode: string;
  parentName: string | null;
  responsiblePerson: string | null;
  foundedOn: string | null;
  status: AssessmentStatus;
  selfTotal: number | null;
  verifiedTotal: number | null;
  tier: TierCode | null;
  secretarySigned: boolean;
  representativeSigned: boolean;
  submittedAt: string | null;
  verifiedAt: string | null;
  updatedAt: string | null;
  canVerify: boolean;
}
export interface Queue {
  campaign: { id: number; name: string; year: number };
  items: QueueRow[];
  total: number;
  page: number;
  pageSize: number;
  counts: Record<AssessmentStatus | 'all', number>;
}

export interface RubricRecord {
  id: number;
  key: string;
  nameZh: string;
  nameEn: string;
  builtin: boolean;
  updatedAt: string;
  maxPoints: number;
  definition: Rubric;
}

export interface TitleOption {
  title: TitleCode;
  nameZh: string;
  nameEn: string;
  held: boolean;
  problems: Reason[];
  canAward: boolean;
}
export interface TitleRow {
  id: number;
  orgId?: number;
  orgName?: string;
  year: number;
  title: TitleCode;
  nameZh: string;
  nameEn: string;
  note: string | null;
  awardedBy: string | null;
  awarderOrgName: string;
  awardedAt: string;
  canRevoke: boolean;
}
export interface History {
  org: { id: number; name: string; typeCode: string; foundedOn: string | null };
  tiers: Array<{
    year: number;
    tier: TierCode | null;
    score: number | null;
    campaignId: number | null;
    campaignName: string | null;
    decidedAt: string;
    change: TierChange;
  }>;
  titles: TitleRow[];
  year: number;
  titleOptions: TitleOption[];
}
export interface UpgradeRow {
  orgId: number;
  name: string;
  typeCode: string;
  parentName: string | null;
  last: TierCode | null;
  now: TierCode | null;
  lastScore: number | null;
  nowScore: number | null;
  change: TierChange;
}
export interface UpgradeReport {
  org: { id: number; name: string };
  year: number;
  counts: Record<TierChange, number>;
  byTier: Record<string, { last: number; now: number }>;
  total: number;
  page: number;
  pageSize: number;
  items: UpgradeRow[];
}
export interface ToConfirm {
  items: Array<{
    campaignId: number;
    campaignName: string;
    orgId: number;
    orgName: string;
    selfTotal: number;
    secretaryName: string | null;
    signedAt: string | null;
  }>;
}

const KEY = ['assessment'] as const;

/** The unit's own activities in the campaign (evidence to pick), fetched only for the unit's editor. */
export const useUnitActivities = (campaignId: number, orgId: number, enabled: boolean) =>
  useQuery({
    queryKey: ['activities', 'list', { campaignId, orgId, evidence: true }],
    queryFn: () =>
      api.get<{ items: Array<{ id: number; orgId: number; title: string; heldOn: string }> }>('/activities', {
        campaignId,
        orgId,
        subtree: 0,
        page: 1,
        pageSize: 100,
      }),
    enabled,
  });

export const useSheet = (campaignId: number | null, orgId: number | null) =>
  useQuery({
    queryKey: [...KEY, 'sheet', campaignId, orgId],
    queryFn: () => api.get<Sheet>(`/campaigns/${campaignId}/assessments/${orgId}`),
    enabled: !!campaignId && !!orgId,
    retry: false,
  });

export const useQueue = (campaignId: number | null, q: { status?: AssessmentStatus; q?: string; page: number; pageSize: number }) =>
  useQuery({
    queryKey: [...KEY, 'queue', campaignId, q],
    queryFn: () => api.get<Queue>(`/campaigns/${campaignId}/assessments`, q),
    enabled: !!campaignId,
    placeholderData: keepPreviousData,
  });

export const useToConfirm = () => useQuery({ queryKey: [...KEY, 'to-confirm'], queryFn: () => api.get<ToConfirm>('/assessment/to-confirm') });
export const useRubrics = () =>
  useQuery({ queryKey: [...KEY, 'rubrics'], queryFn: () => api.get<RubricRecord[]>('/rubrics'), staleTime: 5 * 60_000, refetchOnWindowFocus: false });
export const useHistory = (orgId: number | null, year: number) =>
  useQuery({ queryKey: [...KEY, 'history', orgId, year], queryFn: () => api.get<History>(`/assessment/orgs/${orgId}/history`, { year }), enabled: !!orgId });
export const useUpgradeReport = (q: { orgId?: number; year: number; change?: TierChange; page: number; pageSize: number }) =>
  useQuery({ queryKey: [...KEY, 'upgrade', q], queryFn: () => api.get<UpgradeReport>('/assessment/upgrade-report', q), placeholderData: keepPreviousData });
export const useTitles = (q: { orgId?: number; year: number; title?: TitleCode; page: number; pageSize: number }) =>
  useQuery({
    queryKey: [...KEY, 'titles', q],
    queryFn: () => api.get<{ items: TitleRow[]; total: number }>('/assessment/titles', q),
    placeholderData: keepPreviousData,
  });

/** Every write answers the new sheet; the lists and the dashboard are refreshed around it. */
export function useSheetActions(campaignId: number, orgId: number) {
  const qc = useQueryClient();
  const base = `/campaigns/${campaignId}/assessments/${orgId}`;
  const done = (sheet: Sheet) => {
    qc.setQueryData([...KEY, 'sheet', campaignId, orgId], sheet);
    void qc.invalidateQueries({ queryKey: [...KEY, 'queue'] });
    void qc.invalidateQueries({ queryKey: [...KEY, 'to-confirm'] });
    void qc.invalidateQueries({ queryKey: ['dashboard'] });
  };
  return {
    save: useMutation({ mutationFn: (b: SelfBody) => api.put<Sheet>(base, b), onSuccess: done }),
    sign: useMutation({ mutationFn: () => api.post<Sheet>(`${base}/sign`), onSuccess: done }),
    confirm: useMutation({ mutationFn: () => api.post<Sheet>(`${base}/confirm`), onSuccess: done }),
    preview: useMutation({ mutationFn: (b: VerifyBody) => api.post<{ preview: Outcome }>(`${base}/verify`, { ...b, dryRun: true }) }),
    verify: useMutation({ mutationFn: (b: VerifyBody) => api.post<Sheet>(`${base}/verify`, b), onSuccess: done }),
    sendBack: useMutation({ mutationFn: (comment: string) => api.post<Sheet>(`${base}/return`, { comment }), onSuccess: done }),
  };
}

export function useSaveRubric() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, rubric }: { id: number; rubric: Omit<Rubric, 'key'> }) => api.put<RubricRecord>(`/rubrics/${id}`, rubric),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...KEY, 'rubrics'] }),
  });
}

export function useTitleActions() {
  const qc = useQueryClient();
  const done = () => {
    void qc.invalidateQueries({ queryKey: KEY });
    void qc.invalidateQueries({ queryKey: ['dashboard'] });
  };
  return {
    award: useMutation({
      mutationFn: (b: { orgId: number; year: number; title: TitleCode; note?: string | null }) => api.post<{ id: number }>('/assessment/titles', b),
      onSuccess: done,
    }),
    revoke: useMutation({ mutationFn: (id: number) => api.del<void>(`/assessment/titles/${id}`), onSuccess: done }),
  };
}

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Attachment } from '@zx/contract/attachments';
import type {
  AssessmentEvidenceActivity,
  AssessmentQueue,
  AssessmentQueueRow,
  AssessmentSheet,
  AssessmentStatusCode,
  RubricRecord,
  SheetItem,
  SheetVeto,
  TierChangeCode,
  TierHistory,
  TierOutcome,
  TierReason,
  TitleListRow,
  TitleOption,
  ToConfirm,
  UpgradeReport,
  UpgradeRow,
  VerifyPreview,
} from '@zx/contract/assessment';
import type { Rubric, RubricSettings, TierCode, TitleCode } from '@zx/domain/assessment/rubric';
import { api } from '../../api/client.ts';

export type { Rubric, RubricSettings, TierCode, TitleCode };
export type { RubricRecord, SheetItem, SheetVeto, TitleOption, ToConfirm, UpgradeReport, UpgradeRow };
export type AssessmentStatus = AssessmentStatusCode;
export type TierChange = TierChangeCode;
export type Reason = TierReason;
export type Outcome = TierOutcome;
export type EvidenceActivity = AssessmentEvidenceActivity;
export type EvidenceFile = Attachment;
export type Sheet = AssessmentSheet;
export type QueueRow = AssessmentQueueRow;
export type Queue = AssessmentQueue;
/** A title as a unit's history shows it; the subtree's list also names the unit. */
export type TitleRow = TierHistory['titles'][number] & Partial<Pick<TitleListRow, 'orgId' | 'orgName'>>;
export type History = TierHistory;

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

const KEY = ['assessment'] as const;

/** The unit's own activities in the campaign (evidence to pick), fetched only for the unit's editor. */
export const useUnitActivities = (campaignId: number, orgId: number, enabled: boolean) =>
  useQuery({
    queryKey: ['activities', 'list', { campaignId, orgId, evidence: true }],
    queryFn: () => api.GET('/activities', { params: { query: { campaignId, orgId, subtree: '0', page: 1, pageSize: 100 } } }),
    enabled,
  });

export const useSheet = (campaignId: number | null, orgId: number | null) =>
  useQuery({
    queryKey: [...KEY, 'sheet', campaignId, orgId],
    queryFn: () => api.GET('/campaigns/{id}/assessments/{orgId}', { params: { path: { id: campaignId!, orgId: orgId! } } }),
    enabled: !!campaignId && !!orgId,
    retry: false,
  });

export const useQueue = (campaignId: number | null, q: { status?: AssessmentStatus; q?: string; page: number; pageSize: number }) =>
  useQuery({
    queryKey: [...KEY, 'queue', campaignId, q],
    queryFn: () => api.GET('/campaigns/{id}/assessments', { params: { path: { id: campaignId! }, query: q } }),
    enabled: !!campaignId,
    placeholderData: keepPreviousData,
  });

export const useToConfirm = () => useQuery({ queryKey: [...KEY, 'to-confirm'], queryFn: () => api.GET('/assessment/to-confirm') });
export const useRubrics = () =>
  useQuery({ queryKey: [...KEY, 'rubrics'], queryFn: () => api.GET('/rubrics'), staleTime: 5 * 60_000, refetchOnWindowFocus: false });
export const useHistory = (orgId: number | null, year: number) =>
  useQuery({
    queryKey: [...KEY, 'history', orgId, year],
    queryFn: () => api.GET('/assessment/orgs/{id}/history', { params: { path: { id: orgId! }, query: { year } } }),
    enabled: !!orgId,
  });
export const useUpgradeReport = (q: { orgId?: number; year: number; change?: TierChange; page: number; pageSize: number }) =>
  useQuery({
    queryKey: [...KEY, 'upgrade', q],
    queryFn: () => api.GET('/assessment/upgrade-report', { params: { query: q } }),
    placeholderData: keepPreviousData,
  });
export const useTitles = (q: { orgId?: number; year: number; title?: TitleCode; page: number; pageSize: number }) =>
  useQuery({
    queryKey: [...KEY, 'titles', q],
    queryFn: () => api.GET('/assessment/titles', { params: { query: q } }),
    placeholderData: keepPreviousData,
  });

/** Verify answers a dry run with the outcome alone (`{ preview }`) and a verification with the sheet. */
const isSheet = (r: Sheet | VerifyPreview): r is Sheet => 'campaign' in r;

/** Every write answers the new sheet; the lists and the dashboard are refreshed around it. */
export function useSheetActions(campaignId: number, orgId: number) {
  const qc = useQueryClient();
  const at = { params: { path: { id: campaignId, orgId } } };
  const done = (sheet: Sheet) => {
    qc.setQueryData([...KEY, 'sheet', campaignId, orgId], sheet);
    void qc.invalidateQueries({ queryKey: [...KEY, 'queue'] });
    void qc.invalidateQueries({ queryKey: [...KEY, 'to-confirm'] });
    void qc.invalidateQueries({ queryKey: ['dashboard'] });
  };
  return {
    save: useMutation({ mutationFn: (b: SelfBody) => api.PUT('/campaigns/{id}/assessments/{orgId}', { ...at, body: b }), onSuccess: done }),
    sign: useMutation({ mutationFn: () => api.POST('/campaigns/{id}/assessments/{orgId}/sign', at), onSuccess: done }),
    confirm: useMutation({ mutationFn: () => api.POST('/campaigns/{id}/assessments/{orgId}/confirm', at), onSuccess: done }),
    preview: useMutation({
      mutationFn: async (b: VerifyBody) => {
        const r = await api.POST('/campaigns/{id}/assessments/{orgId}/verify', { ...at, body: { ...b, dryRun: true } });
        if (isSheet(r)) throw new Error('verify: a dry run answered with the sheet');
        return r;
      },
    }),
    verify: useMutation({
      mutationFn: async (b: VerifyBody) => {
        const r = await api.POST('/campaigns/{id}/assessments/{orgId}/verify', { ...at, body: b });
        if (!isSheet(r)) throw new Error('verify: answered with a preview');
        return r;
      },
      onSuccess: done,
    }),
    sendBack: useMutation({
      mutationFn: (comment: string) => api.POST('/campaigns/{id}/assessments/{orgId}/return', { ...at, body: { comment } }),
      onSuccess: done,
    }),
  };
}

export function useSaveRubric() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, rubric }: { id: number; rubric: Omit<Rubric, 'key'> }) => api.PUT('/rubrics/{id}', { params: { path: { id } }, body: rubric }),
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
      mutationFn: (b: { orgId: number; year: number; title: TitleCode; note?: string | null }) => api.POST('/assessment/titles', { body: b }),
      onSuccess: done,
    }),
    revoke: useMutation({ mutationFn: (id: number) => api.DELETE('/assessment/titles/{id}', { params: { path: { id } } }), onSuccess: done }),
  };
}

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { NewReportRequest } from '@zx/domain';
import { api } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';

/** Disjoint: on time, after the deadline, not submitted and overdue, not submitted and not yet due. */
export type BoardStatus = 'submitted' | 'late' | 'missing' | 'pending';
export const BOARD_STATUSES: BoardStatus[] = ['submitted', 'late', 'missing', 'pending'];

export interface ReportAttachment {
  id: number;
  name: string;
  mime: string;
  size: number;
  url: string;
}

export interface ReportRequest {
  id: number;
  orgId: number;
  orgName: string;
  campaignId: number | null;
  campaignName: string | null;
  taskKey: string | null;
  title: string;
  guidance: string;
  dueOn: string;
  /** Days from today to the deadline (negative once past). */
  daysLeft: number;
  filter: { types?: string[]; depth?: number };
  createdAt: string;
}

export interface SentRequest extends ReportRequest {
  targets: number;
  submittedCount: number;
}

export interface ReceivedRequest extends ReportRequest {
  submission: {
    status: 'pending' | 'submitted';
    boardStatus: BoardStatus;
    submittedAt: string | null;
    late: boolean;
    reviewComment: string | null;
    reviewedAt: string | null;
  };
}

export interface Submission {
  orgId: number;
  orgName: string;
  status: 'pending' | 'submitted';
  boardStatus: BoardStatus;
  late: boolean;
  content: string;
  attachments: ReportAttachment[];
  submittedAt: string | null;
  reviewComment: string | null;
  reviewedAt: string | null;
}

export interface BoardRow {
  orgId: number;
  orgName: string;
  typeCode: string;
  parentName: string | null;
  responsiblePerson: string | null;
  status: BoardStatus;
  submittedAt: string | null;
  late: boolean;
  reviewComment: string | null;
  reviewedAt: string | null;
}

export type ReportDetail =
  | { side: 'requester'; request: ReportRequest; canReview: boolean; board: { counts: Record<BoardStatus, number> & { total: number }; rows: Page<BoardRow> } }
  | { side: 'target'; request: ReportRequest; submission: Submission };

const KEY = ['report-requests'] as const;

export const useReportList = (box: 'sent' | 'received', page: number, enabled = true) =>
  useQuery({
    queryKey: [...KEY, 'list', box, page],
    queryFn: () => api.get<Page<SentRequest | ReceivedRequest>>('/report-requests', { box, page }),
    placeholderData: keepPreviousData,
    enabled,
  });

export const useReport = (id: number, q: { status?: BoardStatus; page: number }) =>
  useQuery({
    queryKey: [...KEY, id, q],
    queryFn: () => api.get<ReportDetail>(`/report-requests/${id}`, { status: q.status, page: q.page }),
    placeholderData: keepPreviousData,
  });

export const useSubmission = (id: number, orgId: number | null) =>
  useQuery({
    queryKey: [...KEY, id, 'submission', orgId],
    queryFn: () => api.get<Submission>(`/report-requests/${id}/submissions/${orgId}`),
    enabled: orgId !== null,
  });

export function useCreateReport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NewReportRequest) => api.post<ReportDetail>('/report-requests', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useSaveSubmission(id: number, orgId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { content: string; attachmentIds: number[]; submit: boolean }) =>
      api.put<Submission>(`/report-requests/${id}/submissions/${orgId}`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useReview(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ orgId, comment }: { orgId: number; comment: string }) =>
      api.post<Submission>(`/report-requests/${id}/submissions/${orgId}/review`, { comment }),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

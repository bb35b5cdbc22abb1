import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { NewReportRequest } from '@zx/domain';
import { api } from '../../api/client.ts';

import {
  REPORT_BOARD_STATUSES,
  type ReportBoardRow,
  type ReportBoardStatus,
  type ReportDetail,
  type ReportRequest,
  type ReportSubmission,
  type ReceivedReportRequest,
  type SentReportRequest,
} from '@zx/contract/reports';
import type { Attachment } from '@zx/contract/attachments';

/** Disjoint: on time, after the deadline, not submitted and overdue, not submitted and not yet due. */
export type BoardStatus = ReportBoardStatus;
export const BOARD_STATUSES: BoardStatus[] = [...REPORT_BOARD_STATUSES];
export type ReportAttachment = Attachment;
export type SentRequest = SentReportRequest;
export type ReceivedRequest = ReceivedReportRequest;
export type Submission = ReportSubmission;
export type BoardRow = ReportBoardRow;
export type { ReportDetail, ReportRequest };

const KEY = ['report-requests'] as const;

export const useReportList = (box: 'sent' | 'received', page: number, enabled = true) =>
  useQuery({
    queryKey: [...KEY, 'list', box, page],
    queryFn: () => api.GET('/report-requests', { params: { query: { box, page } } }),
    placeholderData: keepPreviousData,
    enabled,
  });

export const useReport = (id: number, q: { status?: BoardStatus; page: number }) =>
  useQuery({
    queryKey: [...KEY, id, q],
    queryFn: () => api.GET('/report-requests/{id}', { params: { path: { id }, query: { status: q.status, page: q.page } } }),
    placeholderData: keepPreviousData,
  });

export const useSubmission = (id: number, orgId: number | null) =>
  useQuery({
    queryKey: [...KEY, id, 'submission', orgId],
    queryFn: () => api.GET('/report-requests/{id}/submissions/{orgId}', { params: { path: { id, orgId: orgId! } } }),
    enabled: orgId !== null,
  });

export function useCreateReport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NewReportRequest) => api.POST('/report-requests', { body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useSaveSubmission(id: number, orgId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { content: string; attachmentIds: number[]; submit: boolean }) =>
      api.PUT('/report-requests/{id}/submissions/{orgId}', { params: { path: { id, orgId } }, body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useReview(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ orgId, comment }: { orgId: number; comment: string }) =>
      api.POST('/report-requests/{id}/submissions/{orgId}/review', { params: { path: { id, orgId } }, body: { comment } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

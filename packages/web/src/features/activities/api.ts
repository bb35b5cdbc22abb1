import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ActivityTypeCode, PartyEducationForm } from '@zx/domain/campaign/activity-types';
import { api } from '../../api/client.ts';

import type { Attachment } from '@zx/contract/attachments';
import type { Activity, ActivityAttendee, ActivityCalendarEntry, ActivityList, ActivitySummary } from '@zx/contract/activities';

/** POST /attachments answer (shared with plans and reports). */
export type { Activity, ActivityList, ActivitySummary, Attachment };
export type Attendee = ActivityAttendee;
export type CalendarEntry = ActivityCalendarEntry;

export interface ActivityQuery {
  campaignId?: number | null;
  orgId?: number | null;
  type?: ActivityTypeCode | null;
  from?: string | null;
  to?: string | null;
  notable?: boolean | null;
  q?: string;
  page: number;
  pageSize: number;
}

export interface ActivityBody {
  campaignId: number;
  orgId: number;
  type: ActivityTypeCode;
  form: PartyEducationForm | null;
  title: string;
  heldOn: string;
  place: string;
  summary: string;
  minutes: string | null;
  taskKeys: string[];
  photoIds: number[];
  attendeeIds: number[];
  demoSiteId?: number | null;
}

export const useActivities = (q: ActivityQuery) =>
  useQuery({
    queryKey: ['activities', 'list', q],
    queryFn: () =>
      api.GET('/activities', {
        params: {
          query: {
            campaignId: q.campaignId ?? undefined,
            orgId: q.orgId ?? undefined,
            type: q.type ?? undefined,
            from: q.from ?? undefined,
            to: q.to ?? undefined,
            notable: q.notable === true ? '1' : q.notable === false ? '0' : undefined,
            q: q.q,
            subtree: '1',
            page: q.page,
            pageSize: q.pageSize,
          },
        },
      }),
    placeholderData: (prev) => prev,
  });

export const useActivityCalendar = (q: { campaignId?: number | null; orgId?: number | null; month: string }) =>
  useQuery({
    queryKey: ['activities', 'calendar', q],
    queryFn: () =>
      api.GET('/activities/calendar', { params: { query: { campaignId: q.campaignId ?? undefined, orgId: q.orgId ?? undefined, month: q.month } } }),
    placeholderData: (prev) => prev,
  });

export const useActivity = (id: number) =>
  useQuery({
    queryKey: ['activities', 'detail', id],
    queryFn: () => api.GET('/activities/{id}', { params: { path: { id } } }),
    enabled: Number.isFinite(id) && id > 0,
  });

/** The unit's tasks in the campaign (to link an activity to them). */
export const useCampaignTasks = (campaignId: number | null, orgId: number | null) =>
  useQuery({
    queryKey: ['tasks', campaignId, orgId],
    queryFn: () => api.GET('/campaigns/{id}/tasks', { params: { path: { id: campaignId! }, query: { orgId: orgId! } } }),
    enabled: !!campaignId && !!orgId,
  });

function useInvalidate() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: ['activities'] });
    void qc.invalidateQueries({ queryKey: ['dashboard'] });
    void qc.invalidateQueries({ queryKey: ['tasks'] });
  };
}

export function useSaveActivity(id: number | null) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: ActivityBody) => (id ? api.PATCH('/activities/{id}', { params: { path: { id } }, body }) : api.POST('/activities', { body })),
    onSuccess: invalidate,
  });
}

export function useDeleteActivity() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (id: number) => api.DELETE('/activities/{id}', { params: { path: { id } } }), onSuccess: invalidate });
}

export function useMarkNotable(id: number) {
  const qc = useQueryClient();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (notable: boolean) => api.POST('/activities/{id}/notable', { params: { path: { id } }, body: { notable } }),
    onSuccess: (data) => {
      qc.setQueryData(['activities', 'detail', id], data);
      invalidate();
    },
  });
}

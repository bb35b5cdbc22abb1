import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { UnitTasks } from '../tasks/api.ts';

import type { Attachment } from '@zx/contract/attachments';
import type { Activity, ActivityAttendee, ActivityCalendarEntry, ActivityList, ActivitySummary } from '@zx/contract/activities';

/** POST /attachments answer (shared with plans and reports). */
export type { Activity, ActivityList, ActivitySummary, Attachment };
export type Attendee = ActivityAttendee;
export type CalendarEntry = ActivityCalendarEntry;

export interface ActivityQuery {
  campaignId?: number | null;
  orgId?: number | null;
  type?: string | null;
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
  type: string;
  form: string | null;
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
    queryFn: () => api.get<ActivityList>('/activities', { ...q, subtree: 1, notable: q.notable ?? undefined }),
    placeholderData: (prev) => prev,
  });

export const useActivityCalendar = (q: { campaignId?: number | null; orgId?: number | null; month: string }) =>
  useQuery({ queryKey: ['activities', 'calendar', q], queryFn: () => api.get<CalendarEntry[]>('/activities/calendar', q), placeholderData: (prev) => prev });

export const useActivity = (id: number) =>
  useQuery({ queryKey: ['activities', 'detail', id], queryFn: () => api.get<Activity>(`/activities/${id}`), enabled: Number.isFinite(id) && id > 0 });

/** The unit's tasks in the campaign (to link an activity to them). */
export const useCampaignTasks = (campaignId: number | null, orgId: number | null) =>
  useQuery({
    queryKey: ['tasks', campaignId, orgId],
    queryFn: () => api.get<UnitTasks>(`/campaigns/${campaignId}/tasks`, { orgId }),
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
    mutationFn: (body: ActivityBody) => (id ? api.patch<Activity>(`/activities/${id}`, body) : api.post<Activity>('/activities', body)),
    onSuccess: invalidate,
  });
}

export function useDeleteActivity() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (id: number) => api.del<{ ok: true }>(`/activities/${id}`), onSuccess: invalidate });
}

export function useMarkNotable(id: number) {
  const qc = useQueryClient();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (notable: boolean) => api.post<Activity>(`/activities/${id}/notable`, { notable }),
    onSuccess: (data) => {
      qc.setQueryData(['activities', 'detail', id], data);
      invalidate();
    },
  });
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { CheckinInfo, CheckinState, VolunteerEntry } from '@zx/contract/service';

export type { CheckinInfo, CheckinState, VolunteerEntry };

/** The secretary's check-in screen: polled every 3 s for the live count (and a fresh code when it rotates). */
export const useCheckinState = (id: number) =>
  useQuery({
    queryKey: ['checkin', id],
    queryFn: () => api.GET('/activities/{id}/check-in', { params: { path: { id } } }),
    refetchInterval: 3000,
  });

export function useCheckinActions(id: number) {
  const qc = useQueryClient();
  const done = (s: CheckinState) => qc.setQueryData(['checkin', id], s);
  return {
    open: useMutation({ mutationFn: () => api.POST('/activities/{id}/check-in/open', { params: { path: { id } }, body: {} }), onSuccess: done }),
    close: useMutation({ mutationFn: () => api.POST('/activities/{id}/check-in/close', { params: { path: { id } }, body: {} }), onSuccess: done }),
  };
}

export const useCheckinInfo = (id: number) =>
  useQuery({ queryKey: ['checkin', 'mine', id], queryFn: () => api.GET('/activities/{id}/check-in/mine', { params: { path: { id } } }), retry: false });

export const useCheckIn = (id: number) =>
  useMutation({ mutationFn: (token: string) => api.POST('/activities/{id}/check-ins', { params: { path: { id } }, body: { token } }) });

export const useMyVolunteer = (year: number) =>
  useQuery({ queryKey: ['volunteer', 'mine', year], queryFn: () => api.GET('/volunteer/entries/mine', { params: { query: { year } } }) });

export const useVolunteerQueue = (orgId: number, status: 'pending' | 'verified' | 'rejected', page: number) =>
  useQuery({
    queryKey: ['volunteer', 'queue', orgId, status, page],
    queryFn: () => api.GET('/volunteer/entries', { params: { query: { orgId, status, page, pageSize: 20 } } }),
  });

export interface VolunteerBody {
  servedOn: string;
  hours: number;
  description: string;
  photoId: number | null;
}

export function useVolunteerActions() {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: ['volunteer'] });
  return {
    create: useMutation({ mutationFn: (b: VolunteerBody) => api.POST('/volunteer/entries', { body: b }), onSuccess: refresh }),
    update: useMutation({
      mutationFn: ({ id, ...b }: VolunteerBody & { id: number }) => api.PATCH('/volunteer/entries/{id}', { params: { path: { id } }, body: b }),
      onSuccess: refresh,
    }),
    remove: useMutation({ mutationFn: (id: number) => api.DELETE('/volunteer/entries/{id}', { params: { path: { id } } }), onSuccess: refresh }),
    review: useMutation({
      mutationFn: ({ id, decision, reason }: { id: number; decision: 'verify' | 'reject'; reason?: string }) =>
        api.POST('/volunteer/entries/{id}/review', { params: { path: { id } }, body: { decision, reason: reason ?? null } }),
      onSuccess: refresh,
    }),
  };
}

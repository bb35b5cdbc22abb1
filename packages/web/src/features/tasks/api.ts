import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { UnitTask, UnitTasks } from '@zx/contract/dashboard';
import { api } from '../../api/client.ts';

export type { UnitTask, UnitTasks };

export const useCampaign = (id: number) => useQuery({ queryKey: ['campaigns', id], queryFn: () => api.GET('/campaigns/{id}', { params: { path: { id } } }) });

export const useUnitTasks = (campaignId: number, orgId: number | null) =>
  useQuery({
    queryKey: ['tasks', campaignId, orgId],
    queryFn: () => api.GET('/campaigns/{id}/tasks', { params: { path: { id: campaignId }, query: { orgId: orgId ?? undefined } } }),
  });

/** Confirm (with an optional note) or withdraw a confirmation-type task; answers the unit's tasks. */
export function useConfirmTask(campaignId: number, orgIdParam: number | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ taskKey, orgId, confirmed, note }: { taskKey: string; orgId: number; confirmed: boolean; note?: string }) =>
      confirmed
        ? api.POST('/campaigns/{id}/tasks/{taskKey}/confirm', { params: { path: { id: campaignId, taskKey } }, body: { orgId, note: note?.trim() || null } })
        : api.DELETE('/campaigns/{id}/tasks/{taskKey}/confirm', { params: { path: { id: campaignId, taskKey }, query: { orgId } } }),
    onSuccess: (data) => {
      if (data?.tasks) qc.setQueryData(['tasks', campaignId, orgIdParam], data);
      void qc.invalidateQueries({ queryKey: ['tasks', campaignId] });
      void qc.invalidateQueries({ queryKey: ['dashboard', campaignId] });
    },
  });
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

import type { BranchPledges, MyPledge } from '@zx/contract/pledges';

export type { BranchPledges, MyPledge };

export const useMyPledges = () => useQuery({ queryKey: ['pledges', 'mine'], queryFn: () => api.GET('/pledges/mine') });

export const useMyBranchPledges = (campaignId: number | null) =>
  useQuery({
    queryKey: ['pledges', 'branch', campaignId],
    queryFn: () => api.GET('/pledges/mine/{id}/branch', { params: { path: { id: campaignId! } } }),
    enabled: !!campaignId,
  });

export const useUnitPledges = (campaignId: number | null, orgId: number) =>
  useQuery({
    queryKey: ['pledges', 'unit', campaignId, orgId],
    queryFn: () => api.GET('/pledges', { params: { query: { campaignId: campaignId!, orgId } } }),
    enabled: !!campaignId,
  });

export function useSavePledge() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ campaignId, post, pledge }: { campaignId: number; post: string; pledge: string }) =>
      api.PUT('/pledges/mine/{id}', { params: { path: { id: campaignId } }, body: { post, pledge } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['pledges'] }),
  });
}

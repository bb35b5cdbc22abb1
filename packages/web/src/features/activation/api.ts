import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

export type { ActivationRoster, ActivationSheet } from '@zx/contract/activation';

export const useActivationRoster = (orgId: number) =>
  useQuery({ queryKey: ['activation', orgId], queryFn: () => api.GET('/activation/unit', { params: { query: { orgId } } }) });

/** Issuing and revoking codes; both refresh the roster. */
export function useActivationActions(orgId: number) {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: ['activation', orgId] });
  const issue = useMutation({
    mutationFn: (body: { memberIds?: number[]; validDays?: number }) => api.POST('/activation/codes', { body: { orgId, ...body } }),
    onSuccess: refresh,
  });
  const revoke = useMutation({ mutationFn: (memberId: number) => api.POST('/activation/revoke', { body: { memberId } }), onSuccess: refresh });
  return { issue, revoke };
}

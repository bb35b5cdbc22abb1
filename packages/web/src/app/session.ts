import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, rememberCsrfToken } from '../api/client.ts';
import type { Me } from '../api/types.ts';

export const ME_KEY = ['me'] as const;

export async function fetchMe(): Promise<Me> {
  const me = await api.GET('/auth/me');
  rememberCsrfToken(me.csrfToken);
  return me;
}

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 60_000, retry: false });
}

/** The signed-in user's session; only for components rendered inside RequireAuth. */
export function useSession(): Me {
  const qc = useQueryClient();
  const { data } = useMe();
  const me = data ?? qc.getQueryData<Me>(ME_KEY);
  if (!me) throw new Error('useSession outside RequireAuth');
  return me;
}

export function useCan() {
  const me = useSession();
  return (permission: string) => (me.permissions as readonly string[]).includes(permission);
}

import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

export type { Home, MyRecord, TodoItem } from '@zx/contract/home';

/** 首页: campaigns, to-dos and the member's record in figures, for the active grant. */
export const useHome = (grantId: number) => useQuery({ queryKey: ['home', grantId], queryFn: () => api.GET('/home') });

export const useMyRecord = () => useQuery({ queryKey: ['me', 'record'], queryFn: () => api.GET('/me/record'), retry: false });

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { OrgNode } from '../../api/types.ts';
import { useSession } from '../../app/session.ts';

export const orgChildrenKey = (parentId: number | string) => ['orgs', 'tree', String(parentId)] as const;

export const fetchChildren = (parentId: number | string) => api.GET('/orgs/tree', { params: { query: { parentId: Number(parentId) } } });

export function useOrgChildren(parentId: number | null | undefined) {
  return useQuery({
    queryKey: orgChildrenKey(parentId ?? ''),
    queryFn: () => fetchChildren(parentId!),
    enabled: parentId != null,
  });
}

/**
 * The top of the caller's tree. `GET /orgs/tree` without parentId answers the caller's root;
 * if a server answers the root's children instead, the root is fetched and put above them.
 */
export function useOrgRoots() {
  const me = useSession();
  const qc = useQueryClient();
  const rootId = me.grant.orgId;
  return useQuery({
    queryKey: ['orgs', 'tree', 'root', me.grant.id],
    queryFn: async () => {
      const list = await api.GET('/orgs/tree');
      if (list.length === 0 || list.some((n) => n.id === rootId)) return list;
      const root = await api.GET('/orgs/{id}', { params: { path: { id: rootId } } });
      qc.setQueryData(orgChildrenKey(rootId), list);
      return [root as OrgNode];
    },
  });
}

export function useOrgDetail(id: number | null | undefined) {
  return useQuery({
    queryKey: ['orgs', 'detail', id],
    queryFn: () => api.GET('/orgs/{id}', { params: { path: { id: id! } } }),
    enabled: id != null,
  });
}

export function useOrgSearch(q: string) {
  const term = q.trim();
  return useQuery({
    queryKey: ['orgs', 'search', term],
    queryFn: () => api.GET('/orgs/search', { params: { query: { q: term } } }),
    enabled: term.length > 0,
    staleTime: 30_000,
    placeholderData: (prev) => prev,
  });
}

/** Ids in a materialized path '/1/23/456/' from the top down. */
export function pathIds(path: string): number[] {
  return path.split('/').filter(Boolean).map(Number);
}

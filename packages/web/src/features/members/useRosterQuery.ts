import { useSearchParams } from 'react-router';
import { MEMBER_STATUSES, POSITIONS } from '@zx/domain/people/positions';
import { codeIn } from '../../app/codes.ts';
import { useSession } from '../../app/session.ts';
import type { RosterQuery } from './api.ts';

/** Roster filters live in the URL: a refresh or the back button from a member keeps them. */
export function useRosterQuery(): [RosterQuery, (patch: Partial<RosterQuery>) => void] {
  const me = useSession();
  const [params, setParams] = useSearchParams();
  const status = params.get('status');
  const order = params.get('order');
  const query: RosterQuery = {
    orgId: Number(params.get('orgId')) || me.grant.orgId,
    subtree: params.get('subtree') !== '0',
    q: params.get('q') ?? '',
    status: status === null ? 'active' : (codeIn(MEMBER_STATUSES, status) ?? ''),
    position: codeIn(POSITIONS, params.get('position')) ?? '',
    gender: codeIn(['male', 'female'], params.get('gender')) ?? '',
    page: Number(params.get('page')) || 1,
    pageSize: Number(params.get('pageSize')) || 20,
    sort: params.get('sort') ?? '',
    order: order === 'asc' || order === 'desc' ? order : '',
  };
  const update = (patch: Partial<RosterQuery>) => {
    const next = { ...query, ...patch };
    // Any filter change goes back to page 1.
    if (!('page' in patch)) next.page = 1;
    const p = new URLSearchParams();
    if (next.orgId !== me.grant.orgId) p.set('orgId', String(next.orgId));
    if (!next.subtree) p.set('subtree', '0');
    if (next.q) p.set('q', next.q);
    if (next.status !== 'active') p.set('status', next.status || 'all');
    if (next.position) p.set('position', next.position);
    if (next.gender) p.set('gender', next.gender);
    if (next.page > 1) p.set('page', String(next.page));
    if (next.pageSize !== 20) p.set('pageSize', String(next.pageSize));
    if (next.order && next.sort) {
      p.set('sort', next.sort);
      p.set('order', next.order);
    }
    setParams(p, { replace: true });
  };
  return [query, update];
}

import type { Executor } from '../db/database.ts';
import { voteRepository as repo } from './repository.ts';

/**
 * Whether the member is an active representative (团员代表) of this organization itself (not of a
 * unit below it). Other areas ask this, e.g. a self-assessment confirmed by a representative.
 */
export async function isRepresentative(ex: Executor, orgId: number, memberId: number): Promise<boolean> {
  const row = await ex
    .selectFrom('org_representative as r')
    .innerJoin('member as m', 'm.id', 'r.member_id')
    .select('r.member_id')
    .where('r.org_id', '=', orgId)
    .where('r.member_id', '=', memberId)
    .where('m.status', '=', 'active')
    .executeTakeFirst();
  return !!row;
}

/** Active members who are representatives of the organization, by member id. */
export const representativeIds = (ex: Executor, orgId: number): Promise<number[]> => repo.activeRepresentativeIds(ex, orgId);

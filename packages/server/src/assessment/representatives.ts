import type { Executor } from '../db/database.ts';
import { isRepresentative } from '../votes/representatives.ts';
import { voteRepository } from '../votes/repository.ts';
import { assessmentRepository } from './repository.ts';

/**
 * Member representatives (团员青年代表) of a unit confirm its self-assessment. The ballots area
 * owns the `org_representative` table; only active members count.
 */
export async function isUnitRepresentative(ex: Executor, orgId: number, memberId: number | null): Promise<boolean> {
  return memberId ? isRepresentative(ex, orgId, memberId) : false;
}

/** Organizations where the (active) member is a representative. */
export async function representedOrgIds(ex: Executor, memberId: number | null): Promise<number[]> {
  if (!memberId) return [];
  return assessmentRepository.representedOrgIds(ex, memberId);
}

/** The unit's active representatives with their organization (each is asked to confirm). */
export async function activeRepresentatives(ex: Executor, orgId: number) {
  return (await voteRepository.representatives(ex, orgId)).filter((r) => r.status === 'active');
}

import { fieldError } from '@zx/domain';
import type { AppContext } from '../context.ts';
import { nowIso, type Executor } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { requireAccess, requireAll } from '../access/index.ts';
import { audit } from '../audit/service.ts';
import { validationFailed } from '../http/errors.ts';
import { voteRepository as repo } from './repository.ts';
import { cadrePicksOwnRaters, votePolicy } from './policy.ts';

/**
 * Whether the member is an active representative (团员代表) of this organization itself (not of a
 * unit below it). Other areas ask this, e.g. a self-assessment confirmed by a representative.
 */
export const isRepresentative = (ex: Executor, orgId: number, memberId: number): Promise<boolean> => repo.isRepresentative(ex, orgId, memberId);

/** Active members who are representatives of the organization, by member id. */
export const representativeIds = (ex: Executor, orgId: number): Promise<number[]> => repo.activeRepresentativeIds(ex, orgId);

/** 团员代表: the roll of the organization's cadre ratings, picked from the roster. */
export const representativeService = {
  async representatives(ctx: AppContext, actor: Actor, orgId: number) {
    const org = await requireAccess(ctx.db, actor, 'vote.manage', 'org', orgId);
    const rows = await repo.representatives(ctx.db, org.id);
    const canEdit = votePolicy.pickRepresentatives(
      actor,
      (await repo.cadres(ctx.db, org.id)).map((c) => c.id),
    );
    return {
      orgId: org.id,
      orgName: org.name,
      canEdit,
      items: rows.map((r) => ({
        memberId: r.member_id,
        name: r.name,
        gender: r.gender,
        position: r.position,
        status: r.status,
        orgId: r.org_id,
        orgName: r.org_name,
        addedAt: r.added_at,
      })),
    };
  },

  /** Replaces the list: representatives are members of the organization or of units below it. */
  async setRepresentatives(ctx: AppContext, actor: Actor, orgId: number, memberIds: number[]) {
    const ids = [...new Set(memberIds)];
    await ctx.db.transaction().execute(async (trx) => {
      const org = await requireAccess(trx, actor, 'vote.manage', 'org', orgId);
      if (
        !votePolicy.pickRepresentatives(
          actor,
          (await repo.cadres(trx, org.id)).map((c) => c.id),
        )
      )
        throw cadrePicksOwnRaters();
      // Members outside the actor's scope: 404 on their position, like any foreign id.
      await requireAll(trx, actor, 'vote.manage', 'member', memberIds, 'memberIds');
      if (ids.length) {
        const ok = await repo.activeMemberIdsUnder(trx, ids, org.path);
        if (ok.length !== ids.length) {
          const good = new Set(ok);
          throw validationFailed(
            ids
              .map((id, i) =>
                good.has(id)
                  ? null
                  : fieldError(
                      `memberIds.${i}`,
                      'REPRESENTATIVE_NOT_IN_ORG',
                      '代表应为本组织及下级组织在册团员',
                      'A representative must be an active member of this organization or a unit below it',
                    ),
              )
              .filter((e) => e !== null),
          );
        }
      }
      const before = await repo.representativeIds(trx, org.id);
      const added = ids.filter((id) => !before.includes(id));
      const removed = before.filter((id) => !ids.includes(id));
      await repo.changeRepresentatives(trx, org.id, { added, removed, at: nowIso(), by: actor.userId });
      await audit(trx, actor, { action: 'representatives.set', targetType: 'organization', targetId: org.id, summary: { added, removed, count: ids.length } });
    });
    return representativeService.representatives(ctx, actor, orgId);
  },
};

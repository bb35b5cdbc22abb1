import { sql, type RawBuilder } from 'kysely';
import { roleAllows, type Action } from '@zx/domain';
import type { Actor } from '../../auth/actor.ts';
import { pathInSubtree } from './subtree.ts';
import { coversActorOrg, defineKind, hasSubtree } from './define.ts';

const anyOf = (parts: RawBuilder<unknown>[]) => (parts.length ? sql<boolean>`(${sql.join(parts, sql` or `)})` : sql<boolean>`1 = 0`);
const holds = (actor: Actor, action: Action) => roleAllows(actor.grant.role, action);

const PUBLISHED = sql`r.status in ('notice', 'final')`;
const PUBLIC_CANDIDATE = sql`c.status in ('candidate', 'awarded')`;

/**
 * Honour rounds (alias `r`) an actor reaches with `action`, as one SQL predicate (the kind and the
 * round list share it):
 * - managing (`honour.manage`): rounds of the actor's subtree, and — to recommend — rounds above
 *   it that are open for recommendations;
 * - reading: rounds of the subtree (`honour.read`); a round above the actor's organization once
 *   its public notice (公示) or final list is published (`honour.notice` — a plain member too);
 *   a round above it open for recommendations, for those who recommend (`honour.manage`).
 */
export function roundScope(actor: Actor, action: Action | null) {
  const covers = coversActorOrg('r.org_path', actor);
  const subtree = pathInSubtree('r.org_path', actor.grant.orgPath);
  const recommending = sql`(${covers} and r.status = 'recommending')`;
  if (!hasSubtree(actor)) return holds(actor, 'honour.notice') ? sql<boolean>`(${covers} and ${PUBLISHED})` : sql<boolean>`1 = 0`;
  if (action === 'honour.manage') return holds(actor, 'honour.manage') ? anyOf([subtree, recommending]) : sql<boolean>`1 = 0`;
  const parts: RawBuilder<unknown>[] = [];
  if (holds(actor, 'honour.read')) parts.push(subtree);
  if (holds(actor, 'honour.read') || holds(actor, 'honour.notice')) parts.push(sql`(${covers} and ${PUBLISHED})`);
  if (holds(actor, 'honour.manage')) parts.push(recommending);
  return anyOf(parts);
}

/**
 * Candidates (alias `c`, their round `r`):
 * - managing: every candidate of a round of the subtree; on a round above that is open for
 *   recommendations, those of the actor's own subtree (its recommendations);
 * - `honour.notice`: the names on a published list (candidate or awarded) of a round the actor reads;
 * - reading: the same, plus the candidates of the subtree's rounds and of the actor's own subtree.
 */
function candidateScope(actor: Actor, action: Action | null) {
  const round = roundScope(actor, action);
  const onPublicList = sql`(${PUBLISHED} and ${PUBLIC_CANDIDATE})`;
  if (!hasSubtree(actor) || action === 'honour.notice') return sql<boolean>`(${round} and ${onPublicList})`;
  const ownSubtree = pathInSubtree('c.org_path', actor.grant.orgPath);
  const roundInSubtree = pathInSubtree('r.org_path', actor.grant.orgPath);
  if (action === 'honour.manage') return sql<boolean>`(${round} and (${roundInSubtree} or ${ownSubtree}))`;
  return sql<boolean>`(${round} and (${holds(actor, 'honour.read') ? roundInSubtree : sql`1 = 0`} or ${ownSubtree} or ${onPublicList}))`;
}

/** Honours (两红两优): rounds, candidates, objections and awards. */
export const honourKinds = {
  honourRound: defineKind({ zh: '评选', en: 'Honour round' }, (ex, actor, action, ids) =>
    ex
      .selectFrom('honour_round as r')
      .innerJoin('organization as o', 'o.id', 'r.org_id')
      .selectAll('r')
      .select(['o.name as org_name', 'o.depth'])
      .where('r.id', 'in', ids)
      .where(roundScope(actor, action))
      .execute(),
  ),

  honourCandidate: defineKind({ zh: '候选对象', en: 'Candidate' }, (ex, actor, action, ids) =>
    ex
      .selectFrom('honour_candidate as c')
      .innerJoin('honour_round as r', 'r.id', 'c.round_id')
      .innerJoin('organization as o', 'o.id', 'c.org_id')
      .innerJoin('organization as ro', 'ro.id', 'c.recommender_org_id')
      .selectAll('c')
      .select(['o.name as org_name', 'ro.name as recommender_org_name'])
      .where('c.id', 'in', ids)
      .where(candidateScope(actor, action))
      .execute(),
  ),

  /**
   * An objection names who raised it: it is handled by those who manage its round (honour.manage,
   * the round in the subtree); anyone else reaches only the objections they raised themself.
   */
  honourObjection: defineKind({ zh: '异议', en: 'Objection' }, (ex, actor, action, ids) => {
    const q = ex.selectFrom('honour_objection as j').innerJoin('honour_round as r', 'r.id', 'j.round_id').selectAll('j').where('j.id', 'in', ids);
    return (
      action === 'honour.manage' && hasSubtree(actor) && holds(actor, 'honour.manage')
        ? q.where(pathInSubtree('r.org_path', actor.grant.orgPath))
        : q.where('j.objector_user_id', '=', actor.userId)
    ).execute();
  }),

  /** An award: the member's own, whatever the role; every award of the subtree for those who read honours there. */
  honourAward: defineKind({ zh: '荣誉', en: 'Award' }, (ex, actor, _action, ids) =>
    ex
      .selectFrom('honour_award as a')
      .selectAll('a')
      .where('a.id', 'in', ids)
      .where((eb) =>
        eb.or([
          eb('a.member_id', '=', actor.memberId ?? -1),
          ...(hasSubtree(actor) && holds(actor, 'honour.read') ? [pathInSubtree('a.org_path', actor.grant.orgPath) as never] : []),
        ]),
      )
      .execute(),
  ),
};

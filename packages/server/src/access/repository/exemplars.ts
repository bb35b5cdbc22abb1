import { sql } from 'kysely';
import { roleAllows } from '@zx/domain';
import type { Actor } from '../../auth/actor.ts';
import { idsOnPath } from '../paths.ts';
import { exemplarRecord } from '../../exemplars/repository.ts';
import { pathInSubtree } from './subtree.ts';
import { defineKind, hasSubtree, none } from './define.ts';
import { measureFromRow } from '../../benchmarking/repository.ts';

/**
 * Exemplars (alias `e`) an actor sees, as one SQL predicate (the kind below and the exemplar
 * list share it):
 * - a nomination, whatever its status, from the nominating organization up (roles with a subtree);
 * - a selected exemplar everywhere in the selecting organization's subtree: the selector is the
 *   actor's organization or one above it (a plain member too), or — for roles with a subtree —
 *   an organization inside the actor's subtree.
 */
export function exemplarScope(actor: Actor) {
  if (!roleAllows(actor.grant.role, 'exemplar.read')) return sql<boolean>`1 = 0`;
  const covering = sql`e.selector_org_id in (${sql.join(idsOnPath(actor.grant.orgPath))})`;
  if (!hasSubtree(actor)) return sql<boolean>`(e.status = 'selected' and ${covering})`;
  const path = actor.grant.orgPath;
  return sql<boolean>`(${pathInSubtree('e.nominator_org_path', path)} or (e.status = 'selected' and (${pathInSubtree('e.selector_org_path', path)} or ${covering})))`;
}

/** `e.photo_ids` (a JSON array of numbers, written by JSON.stringify) holds the attachment `a.id`. */
const photoOf = sql<boolean>`(e.photo_ids = '[' || cast(a.id as text) || ']' or e.photo_ids like '[' || cast(a.id as text) || ',%'
  or e.photo_ids like '%,' || cast(a.id as text) || ',%' or e.photo_ids like '%,' || cast(a.id as text) || ']')`;

/** Exemplars and demonstration sites, and the benchmarking against them. */
export const exemplarKinds = {
  /** An exemplar record with the names the pages show (see exemplarScope), its photo ids parsed. */
  exemplar: defineKind({ zh: '先进典型', en: 'Exemplar' }, (ex, actor, _action, ids) =>
    ex
      .selectFrom('exemplar as e')
      .innerJoin('organization as no', 'no.id', 'e.nominee_org_id')
      .innerJoin('organization as nr', 'nr.id', 'e.nominator_org_id')
      .leftJoin('organization as so', 'so.id', 'e.selector_org_id')
      .leftJoin('member as m', 'm.id', 'e.nominee_member_id')
      .selectAll('e')
      .select([
        'no.name as nominee_org_name',
        'no.type_code as nominee_org_type',
        'm.name as nominee_member_name',
        'nr.name as nominator_org_name',
        'so.name as selector_org_name',
      ])
      .where('e.id', 'in', ids)
      .where(exemplarScope(actor))
      .execute()
      .then((rows) => rows.map(exemplarRecord)),
  ),

  /**
   * A photo of an exemplar the actor sees: readable through the exemplar even where the file
   * itself (an attachment of the nominating unit) is not.
   */
  exemplarPhoto: defineKind({ zh: '照片', en: 'Photo' }, (ex, actor, _action, ids) =>
    ex
      .selectFrom('attachment as a')
      .select(['a.id', 'a.hash', 'a.thumb_hash', 'a.mime', 'a.name'])
      .where('a.id', 'in', ids)
      .where((eb) => eb.exists(eb.selectFrom('exemplar as e').select('e.id').where(exemplarScope(actor)).where(photoOf)))
      .execute(),
  ),

  /** Catch-up measures of units in the subtree (the member role has none). */
  measure: defineKind({ zh: '赶超措施', en: 'Catch-up measure' }, async (ex, actor, _action, ids) =>
    hasSubtree(actor) && roleAllows(actor.grant.role, 'benchmark.read')
      ? (
          await ex
            .selectFrom('catch_up_measure as m')
            .innerJoin('benchmark as b', 'b.id', 'm.benchmark_id')
            .innerJoin('organization as o', 'o.id', 'm.org_id')
            .innerJoin('member as mem', 'mem.id', 'm.owner_member_id')
            .selectAll('m')
            .select(['o.name as org_name', 'mem.name as owner_name', 'b.campaign_id'])
            .where('m.id', 'in', ids)
            .where(pathInSubtree('m.org_path', actor.grant.orgPath))
            .execute()
        ).map(measureFromRow)
      : none(),
  ),
};

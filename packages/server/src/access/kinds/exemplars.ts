import { sql } from 'kysely';
import { idsOnPath, pathInSubtree } from '../paths.ts';
import { defineKind, hasSubtree } from './define.ts';

/**
 * PROVISIONAL (issue 11, group 1): the minimal `exemplar` kind the activities rule needs for
 * `demoSiteId`. It reproduces exemplars/repository.ts `visibleTo` as it stands; the exemplars
 * conversion owns this kind and its real definition replaces this file when branches merge.
 *
 * - a nomination (any status) from the nominating organization up, for roles with a subtree;
 * - a selected exemplar also everywhere in the selecting organization's subtree (the selector
 *   is the actor's organization or one above it) — for the member role too.
 */
export const exemplarKinds = {
  exemplar: defineKind({ zh: '先进典型', en: 'Exemplar' }, (ex, actor, _action, ids) => {
    const root = actor.grant.orgPath;
    return ex.selectFrom('exemplar as e').selectAll('e').where('e.id', 'in', ids)
      .where(sql<boolean>`(${hasSubtree(actor) ? pathInSubtree('e.nominator_org_path', root) : sql`1 = 0`}
        or (e.status = 'selected' and (${pathInSubtree('e.selector_org_path', root)} or e.selector_org_id in (${sql.join(idsOnPath(root))}))))`)
      .execute();
  }),
};

import { sql } from 'kysely';
import { roleAllows, type BulletinBody, type ScoreWeights } from '@zx/domain';
import type { Actor } from '../../auth/actor.ts';
import { pathsUpTo } from '../paths.ts';
import { pathInSubtree } from './subtree.ts';
import { defineKind, hasSubtree, none } from './define.ts';

/**
 * Who reads a bulletin (table alias `b`), from the root of the reader's subtree:
 *  - a draft: holders of bulletin.write whose subtree contains the issuing organization;
 *  - a published one: anyone whose subtree contains the issuing organization, and every
 *    organization at or below the issuing one (the audience it was published to).
 * The list query (bulletins/repository.ts) uses the same predicate.
 */
export function bulletinReadable(root: string, canWrite: boolean) {
  return sql<boolean>`(
    ${canWrite ? pathInSubtree('b.org_path', root) : sql`(${pathInSubtree('b.org_path', root)} and b.status = 'published')`}
    or (b.status = 'published' and b.org_path in (${sql.join(pathsUpTo(root))}))
  )`;
}

const canWrite = (actor: Actor) => roleAllows(actor.grant.role, 'bulletin.write');

/** Bulletins (通报). */
export const bulletinKinds = {
  /**
   * Read: bulletinReadable. Changed (bulletin.write: edit, number, publish, delete): issued by an
   * organization in the actor's subtree, whatever its status (a published one answers 409).
   * The member role reaches none. The body and the score weights come parsed.
   */
  bulletin: defineKind({ zh: '通报', en: 'Bulletin' }, (ex, actor, action, ids) => {
    if (!hasSubtree(actor)) return none();
    const root = actor.grant.orgPath;
    const q = ex
      .selectFrom('bulletin as b')
      .innerJoin('organization as o', 'o.id', 'b.org_id')
      .innerJoin('campaign as c', 'c.id', 'b.campaign_id')
      .selectAll('b')
      .select(['o.name as org_name', 'c.name as campaign_name'])
      .where('b.id', 'in', ids);
    return (action === 'bulletin.write' ? q.where(pathInSubtree('b.org_path', root)) : q.where(bulletinReadable(root, canWrite(actor))))
      .execute()
      .then((rows) => rows.map((r) => ({ ...r, body: JSON.parse(r.body) as BulletinBody, score_weights: JSON.parse(r.score_weights) as ScoreWeights })));
  }),
};

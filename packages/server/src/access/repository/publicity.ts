import { postRecord } from '../../publicity/repository.ts';
import { pathInSubtree } from './subtree.ts';
import { defineKind, hasSubtree, none } from './define.ts';

/** Publicity: posts and media coverage records of organizations in the actor's subtree. The member role reaches none. */
export const publicityKinds = {
  post: defineKind({ zh: '宣传稿件', en: 'Post' }, (ex, actor, _action, ids) =>
    hasSubtree(actor)
      ? ex
          .selectFrom('post as p')
          .innerJoin('organization as o', 'o.id', 'p.org_id')
          .innerJoin('campaign as c', 'c.id', 'p.campaign_id')
          .selectAll('p')
          .select(['o.name as org_name', 'c.name as campaign_name'])
          .where('p.id', 'in', ids)
          .where(pathInSubtree('p.org_path', actor.grant.orgPath))
          .execute()
          .then((rows) => rows.map(postRecord))
      : none(),
  ),
  mediaCoverage: defineKind({ zh: '媒体报道', en: 'Media coverage' }, (ex, actor, _action, ids) =>
    hasSubtree(actor)
      ? ex
          .selectFrom('media_coverage as m')
          .innerJoin('organization as o', 'o.id', 'm.org_id')
          .selectAll('m')
          .select('o.name as org_name')
          .where('m.id', 'in', ids)
          .where(pathInSubtree('m.org_path', actor.grant.orgPath))
          .execute()
      : none(),
  ),
};

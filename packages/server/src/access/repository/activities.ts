import { activityRecord } from '../../activities/repository.ts';
import { pathInSubtree } from './subtree.ts';
import { defineKind, hasSubtree, none } from './define.ts';

/** Activity records (活动记录). */
export const activityKinds = {
  /** Activities of organizations in the actor's subtree, with their organization's and campaign's names, their lists parsed. The member role reaches none. */
  activity: defineKind({ zh: '活动记录', en: 'Activity' }, (ex, actor, _action, ids) =>
    hasSubtree(actor)
      ? ex
          .selectFrom('activity as a')
          .innerJoin('organization as o', 'o.id', 'a.org_id')
          .innerJoin('campaign as c', 'c.id', 'a.campaign_id')
          .selectAll('a')
          .select(['o.name as org_name', 'c.name as campaign_name'])
          .where('a.id', 'in', ids)
          .where(pathInSubtree('a.org_path', actor.grant.orgPath))
          .execute()
          .then((rows) => rows.map(activityRecord))
      : none(),
  ),
};

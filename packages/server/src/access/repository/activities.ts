import { activityRecord } from '../../activities/repository.ts';
import { pathInSubtree } from './subtree.ts';
import { coversActorOrg, defineKind, hasSubtree, none } from './define.ts';

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

  /**
   * Activities one checks in to or links service to: for the member role those of their own
   * organization or one above it (an activity of a sibling branch is not theirs); for the other
   * roles those of the subtree.
   */
  checkin_activity: defineKind({ zh: '活动', en: 'Activity' }, (ex, actor, _action, ids) =>
    ex
      .selectFrom('activity as a')
      .innerJoin('organization as o', 'o.id', 'a.org_id')
      .select(['a.id', 'a.campaign_id', 'a.org_id', 'a.org_path', 'a.title', 'a.held_on', 'o.name as org_name'])
      .where('a.id', 'in', ids)
      .where(hasSubtree(actor) ? pathInSubtree('a.org_path', actor.grant.orgPath) : coversActorOrg('a.org_path', actor))
      .execute(),
  ),
};

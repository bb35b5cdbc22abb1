import { pathInSubtree } from '../paths.ts';
import { coversActorOrg, defineKind, hasSubtree, none } from './define.ts';

/** Campaigns and what units do in them. */
export const campaignKinds = {
  /**
   * Campaigns an actor reads: launched at or above its organization (they cover it) or inside
   * its subtree. Managing one (campaign.manage) needs it launched inside the subtree.
   */
  campaign: defineKind({ zh: '主题实践活动', en: 'Campaign' }, (ex, actor, action, ids) => {
    if (!hasSubtree(actor)) return none();
    const q = ex.selectFrom('campaign as c').innerJoin('organization as o', 'o.id', 'c.org_id').selectAll('c').select('o.name as org_name').where('c.id', 'in', ids);
    return (action === 'campaign.manage'
      ? q.where(pathInSubtree('c.org_path', actor.grant.orgPath))
      : q.where((eb) => eb.or([pathInSubtree('c.org_path', actor.grant.orgPath), coversActorOrg('c.org_path', actor)]))
    ).execute();
  }),

  /**
   * Activities of units in the subtree (the member role has none). Also used as evidence (a
   * catch-up measure closed with an activity of its unit).
   */
  activity: defineKind({ zh: '活动', en: 'Activity' }, (ex, actor, _action, ids) =>
    hasSubtree(actor)
      ? ex.selectFrom('activity').selectAll().where('id', 'in', ids).where(pathInSubtree('org_path', actor.grant.orgPath)).execute()
      : none()),
};

import { campaignFromRow, templateFromRow } from '../../campaigns/repository.ts';
import { pathInSubtree } from './subtree.ts';
import { coversActorOrg, defineKind, hasSubtree, none } from './define.ts';

/** Campaigns and what units do in them. */
export const campaignKinds = {
  /**
   * Campaigns an actor reads: launched at or above its organization (they cover it) or inside
   * its subtree. Managing one (campaign.manage) needs it launched inside the subtree. The rows
   * are the campaign read model (campaigns/model.ts).
   */
  campaign: defineKind({ zh: '主题实践活动', en: 'Campaign' }, async (ex, actor, action, ids) => {
    if (!hasSubtree(actor)) return none();
    const q = ex
      .selectFrom('campaign as c')
      .innerJoin('organization as o', 'o.id', 'c.org_id')
      .selectAll('c')
      .select('o.name as org_name')
      .where('c.id', 'in', ids);
    const rows = await (action === 'campaign.manage'
      ? q.where(pathInSubtree('c.org_path', actor.grant.orgPath))
      : q.where((eb) => eb.or([pathInSubtree('c.org_path', actor.grant.orgPath), coversActorOrg('c.org_path', actor)]))
    ).execute();
    return rows.map(campaignFromRow);
  }),

  /**
   * Campaign templates belong to the whole deployment, not to an organization: whoever holds the
   * route's action reaches every one (campaign.manage to launch from it, template.write to edit
   * it; that edits happen only at the top of the tree is campaigns/policy.ts's rule).
   */
  template: defineKind({ zh: '模板', en: 'Template' }, async (ex, _actor, _action, ids) =>
    (await ex.selectFrom('campaign_template').selectAll().where('id', 'in', ids).execute()).map(templateFromRow),
  ),
};

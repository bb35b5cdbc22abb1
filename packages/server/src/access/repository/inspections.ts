import { pathInSubtree } from './subtree.ts';
import { defineKind, hasSubtree, none } from './define.ts';

/** Inspection visits (检查指导) and their rectification items (整改事项). */
export const inspectionKinds = {
  /** Visits to organizations in the actor's subtree (the inspected unit, not the inspecting one, places it). */
  inspection: defineKind({ zh: '检查记录', en: 'Inspection' }, (ex, actor, _action, ids) =>
    hasSubtree(actor)
      ? ex
          .selectFrom('inspection as i')
          .innerJoin('organization as o', 'o.id', 'i.org_id')
          .leftJoin('campaign as c', 'c.id', 'i.campaign_id')
          .selectAll('i')
          .select(['o.name as org_name', 'c.name as campaign_name'])
          .where('i.id', 'in', ids)
          .where(pathInSubtree('i.org_path', actor.grant.orgPath))
          .execute()
      : none(),
  ),

  /** Items of units in the actor's subtree, with the inspecting organization's path (who closes them is inspections/policy.ts's). */
  rectification: defineKind({ zh: '整改事项', en: 'Rectification item' }, (ex, actor, _action, ids) =>
    hasSubtree(actor)
      ? ex
          .selectFrom('rectification as r')
          .innerJoin('inspection as i', 'i.id', 'r.inspection_id')
          .selectAll('r')
          .select('i.inspector_org_path')
          .where('r.id', 'in', ids)
          .where(pathInSubtree('r.org_path', actor.grant.orgPath))
          .execute()
      : none(),
  ),
};

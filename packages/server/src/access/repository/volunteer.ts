import { pathInSubtree } from './subtree.ts';
import { defineKind, hasSubtree, none } from './define.ts';

/** 为青年服务 (issue 13): volunteer service entries. */
export const serviceKinds = {
  /** Entries of members whose organization is in the actor's subtree; the member role reaches only its own. */
  volunteer_entry: defineKind({ zh: '志愿服务记录', en: 'Volunteer service entry' }, (ex, actor, _action, ids) => {
    const q = ex
      .selectFrom('volunteer_service as v')
      .innerJoin('member as m', 'm.id', 'v.member_id')
      .innerJoin('organization as o', 'o.id', 'm.org_id')
      .selectAll('v')
      .select(['m.name as member_name', 'm.org_id', 'o.path as org_path', 'o.name as org_name'])
      .where('v.id', 'in', ids);
    if (hasSubtree(actor)) return q.where(pathInSubtree('o.path', actor.grant.orgPath)).execute();
    return actor.memberId ? q.where('v.member_id', '=', actor.memberId).execute() : none();
  }),
};

import { campaignFromRow } from '../../campaigns/repository.ts';
import { noticeFromRow } from '../../notices/repository.ts';
import { pathsUpTo } from '../paths.ts';
import { pathInSubtree } from './subtree.ts';
import { defineKind, hasSubtree, none } from './define.ts';

/** Notices to members (知晓率) and members' pledges (issue 13, docs/notices.md). */
export const reachKinds = {
  /** Notices written at an organization of the actor's subtree (drafts included). */
  notice: defineKind({ zh: '通知', en: 'Notice' }, async (ex, actor, _action, ids) =>
    hasSubtree(actor)
      ? (await ex.selectFrom('notice').selectAll().where('id', 'in', ids).where(pathInSubtree('org_path', actor.grant.orgPath)).execute()).map(noticeFromRow)
      : none(),
  ),

  /** Sent notices addressed to the signed-in account's member, whatever its role: a member reads only their own. */
  receivedNotice: defineKind({ zh: '通知', en: 'Notice' }, async (ex, actor, _action, ids) =>
    actor.memberId == null
      ? none()
      : (
          await ex
            .selectFrom('notice as n')
            .innerJoin('notice_recipient as r', 'r.notice_id', 'n.id')
            .selectAll('n')
            .where('n.id', 'in', ids)
            .where('n.status', '=', 'sent')
            .where('r.member_id', '=', actor.memberId)
            .execute()
        ).map(noticeFromRow),
  ),

  /** Campaigns covering the organization where the signed-in account's member is now (their own pledge). */
  memberCampaign: defineKind({ zh: '主题实践活动', en: 'Campaign' }, async (ex, actor, _action, ids) => {
    if (actor.memberId == null) return none();
    const m = await ex
      .selectFrom('member as m')
      .innerJoin('organization as o', 'o.id', 'm.org_id')
      .select('o.path')
      .where('m.id', '=', actor.memberId)
      .where('m.status', '=', 'active')
      .executeTakeFirst();
    if (!m) return none();
    return (await ex.selectFrom('campaign').selectAll().where('id', 'in', ids).where('org_path', 'in', pathsUpTo(m.path)).execute()).map(campaignFromRow);
  }),
};

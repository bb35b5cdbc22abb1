import { pathInSubtree } from './subtree.ts';
import { defineKind, hasSubtree, none } from './define.ts';
import { noticeAudience } from './notices.ts';
import { jobRecord } from '../../jobs/repository.ts';

/** Organizations, people, accounts, files, notices and jobs. */
export const foundationKinds = {
  org: defineKind({ zh: '组织', en: 'Organization' }, (ex, actor, _action, ids) =>
    hasSubtree(actor) ? ex.selectFrom('organization').selectAll().where('id', 'in', ids).where(pathInSubtree('path', actor.grant.orgPath)).execute() : none(),
  ),

  /** Members of the subtree; the member role reaches only its own record. */
  member: defineKind({ zh: '团员', en: 'Member' }, (ex, actor, _action, ids) => {
    const q = ex
      .selectFrom('member as m')
      .innerJoin('organization as o', 'o.id', 'm.org_id')
      .selectAll('m')
      .select(['o.path as org_path', 'o.name as org_name'])
      .where('m.id', 'in', ids);
    if (hasSubtree(actor)) return q.where(pathInSubtree('o.path', actor.grant.orgPath)).execute();
    return actor.memberId ? q.where('m.id', '=', actor.memberId).execute() : none();
  }),

  /** Accounts holding at least one grant in the subtree (whether the actor may change one is accounts/policy.ts's). */
  account: defineKind({ zh: '账号', en: 'Account' }, (ex, actor, _action, ids) =>
    hasSubtree(actor)
      ? ex
          .selectFrom('user_account as u')
          .selectAll('u')
          .where('u.id', 'in', ids)
          .where((eb) =>
            eb.exists(
              eb
                .selectFrom('role_grant as g')
                .innerJoin('organization as o', 'o.id', 'g.org_id')
                .select('g.id')
                .whereRef('g.user_id', '=', 'u.id')
                .where(pathInSubtree('o.path', actor.grant.orgPath)),
            ),
          )
          .execute()
      : none(),
  ),

  /** Files of the subtree; a member reaches only the files they uploaded themself. */
  attachment: defineKind({ zh: '附件', en: 'Attachment' }, (ex, actor, _action, ids) => {
    const q = ex.selectFrom('attachment').selectAll().where('id', 'in', ids);
    return (hasSubtree(actor) ? q.where(pathInSubtree('org_path', actor.grant.orgPath)) : q.where('uploaded_by', '=', actor.userId)).execute();
  }),

  /** Notices are read and marked by the people they are addressed to (noticeAudience). */
  notification: defineKind({ zh: '通知', en: 'Notification' }, (ex, actor, _action, ids) =>
    ex.selectFrom('notification as n').select(['n.id']).where('n.id', 'in', ids).where(noticeAudience(actor)).execute(),
  ),

  /** Jobs (imports, exports) are private to the account that started them. */
  job: defineKind({ zh: '任务', en: 'Job' }, async (ex, actor, _action, ids) =>
    (await ex.selectFrom('job').selectAll().where('id', 'in', ids).where('user_id', '=', actor.userId).execute()).map(jobRecord),
  ),
};

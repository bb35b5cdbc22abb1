import { requestFromRow } from '../../reports/repository.ts';
import { pathInSubtree } from './subtree.ts';
import { defineKind, hasSubtree, none } from './define.ts';

/** Written reports (书面汇报). */
export const reportKinds = {
  /**
   * A report request is reached by its requesting side — made by an organization in the
   * actor's subtree — and by the units it was sent to: a submission of it belongs to an
   * organization in the subtree. Acting as the requester (report.request: review the
   * submissions) needs the requesting side. The member role reaches none.
   */
  reportRequest: defineKind({ zh: '书面汇报', en: 'Written report' }, async (ex, actor, action, ids) => {
    if (!hasSubtree(actor)) return none();
    const root = actor.grant.orgPath;
    const q = ex
      .selectFrom('report_request as r')
      .innerJoin('organization as o', 'o.id', 'r.org_id')
      .leftJoin('campaign as c', 'c.id', 'r.campaign_id')
      .selectAll('r')
      .select(['o.name as org_name', 'c.name as campaign_name'])
      .where('r.id', 'in', ids);
    const rows =
      action === 'report.request'
        ? await q.where(pathInSubtree('r.org_path', root)).execute()
        : await q
            .where((eb) =>
              eb.or([
                pathInSubtree('r.org_path', root),
                eb.exists(
                  eb.selectFrom('report_submission as s').select('s.id').whereRef('s.request_id', '=', 'r.id').where(pathInSubtree('s.org_path', root)),
                ),
              ]),
            )
            .execute();
    return rows.map(requestFromRow);
  }),
};

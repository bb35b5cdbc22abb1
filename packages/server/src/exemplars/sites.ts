import type { Executor } from '../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { findAccessible } from '../access/index.ts';
import { validationFailed } from '../http/errors.ts';
import { exemplarRepository as repo } from './repository.ts';

/**
 * 示范点参观: an activity of type 'demo_site_visit' names the demonstration site it visited.
 * Called by the activities service in the transaction that saves the activity. `siteId`
 * undefined keeps the link as it is, null removes it; any other type drops the link.
 */
export async function linkDemoSiteVisit(trx: Executor, actor: Actor, activityId: number, type: string, siteId: number | null | undefined): Promise<void> {
  if (type !== 'demo_site_visit') {
    await repo.setVisit(trx, activityId, null);
    return;
  }
  if (siteId === undefined) return;
  if (siteId !== null) {
    const site = await findAccessible(trx, actor, 'exemplar.read', 'exemplar', siteId);
    if (site?.status !== 'selected' || site.demo_site !== 1) {
      throw validationFailed([
        { field: 'demoSiteId', code: 'DEMO_SITE_UNKNOWN', message: { zh: '请选择一个可见的示范点', en: 'Choose a demonstration site you can see' } },
      ]);
    }
  }
  await repo.setVisit(trx, activityId, siteId);
}

/** The site an activity visited, for the activity's page. */
export async function demoSiteOfActivity(ex: Executor, activityId: number) {
  const s = await repo.siteOfActivity(ex, activityId);
  return s ? { id: s.id, title: s.title, orgName: s.org_name } : null;
}

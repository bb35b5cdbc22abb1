import type { KindDef } from './kinds/define.ts';
import { foundationKinds } from './kinds/foundation.ts';
import { campaignKinds } from './kinds/campaigns.ts';
import { activityKinds } from './kinds/activities.ts';
import { reportKinds } from './kinds/reports.ts';
import { inspectionKinds } from './kinds/inspections.ts';
import { bulletinKinds } from './kinds/bulletins.ts';
import { exemplarKinds } from './kinds/exemplars.ts';
import { honourKinds } from './kinds/honours.ts';
import { assessmentKinds } from './kinds/assessment.ts';

/**
 * The access repository: one scoped query per resource kind (ids in, the rows the actor may
 * reach out), grouped by area in kinds/. Every id the API receives — in a path, a query string
 * or a body — is looked up here before it is used. A kind's scope is its organization's place in
 * the actor's subtree unless it says otherwise; the member role (no subtree) reaches only what
 * is its own or addressed to it.
 */
export const KINDS = {
  ...foundationKinds,
  ...campaignKinds,
  ...activityKinds,
  ...reportKinds,
  ...inspectionKinds,
  ...bulletinKinds,
  ...exemplarKinds,
  ...honourKinds,
  ...assessmentKinds,
};

export type ResourceKind = keyof typeof KINDS;
export type ResourceRow<K extends ResourceKind> = (typeof KINDS)[K] extends KindDef<infer R> ? R : never;

export { hasSubtree } from './kinds/define.ts';
export { noticeAudience } from './kinds/notices.ts';

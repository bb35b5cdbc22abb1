import type { KindDef } from './define.ts';
import { foundationKinds } from './foundation.ts';
import { campaignKinds } from './campaigns.ts';
import { activityKinds } from './activities.ts';
import { reportKinds } from './reports.ts';
import { inspectionKinds } from './inspections.ts';
import { bulletinKinds } from './bulletins.ts';
import { exemplarKinds } from './exemplars.ts';
import { honourKinds } from './honours.ts';
import { assessmentKinds } from './assessment.ts';
import { reachKinds } from './reach.ts';
import { publicityKinds } from './publicity.ts';
import { serviceKinds } from './volunteer.ts';

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
  ...reachKinds,
  ...publicityKinds,
  ...serviceKinds,
};

export type ResourceKind = keyof typeof KINDS;
export type ResourceRow<K extends ResourceKind> = (typeof KINDS)[K] extends KindDef<infer R> ? R : never;

export { hasSubtree } from './define.ts';
export { noticeAudience } from './notices.ts';

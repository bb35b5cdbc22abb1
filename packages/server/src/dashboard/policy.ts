import type { Actor } from '../auth/actor.ts';
import { can, covers, isBelow } from '../access/index.ts';

/** Dashboards and a unit's tasks (the campaign and the organization are already in the actor's reach). */
export const dashboardPolicy = {
  /**
   * With no organization named, a dashboard opens on the campaign's own organization when the
   * campaign was launched strictly below the actor's, else on the actor's (the campaign covers it).
   */
  opensOnCampaignOrg: (actor: Actor, c: { orgPath: string }) => isBelow(actor, c.orgPath),
  /** The breadcrumb shows the ancestors the actor may open. */
  showsAncestor: (actor: Actor, org: { path: string }) => covers(actor, org.path),
  /** Tick or untick a confirmation task of the actor's organization or one below it. */
  /** Member names behind a figure: only the unit's own cadres (granted at the unit itself). */
  readsMembersOf: (actor: Actor, org: { id: number }) => actor.grant.orgId === org.id && can(actor, 'member.read'),
  confirm: (actor: Actor, unit: { path: string }) => can(actor, 'task.confirm') && covers(actor, unit.path),
};

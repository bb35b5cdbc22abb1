import type { AppContext } from '../context.ts';
import type { Actor } from '../auth/actor.ts';
import { requireAccess } from '../access/index.ts';
import { isInSubtree } from '../access/paths.ts';
import { forbidden, notFound } from '../http/errors.ts';
import { COVERAGE_UNIT_TYPE, METRIC } from '../campaigns/rollup.ts';
import type { DashboardMemberFigure } from '@zx/contract/dashboard';
import { dashboardPolicy } from './policy.ts';
import { dashboardRepository as repo, type Stats } from './repository.ts';

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

/** The roll-up metrics a child row's reach figures read (besides participants). */
export const REACH_METRICS = [METRIC.membersAware, METRIC.membersPledged, METRIC.branchWithActivity, METRIC.media];

/**
 * 知晓率, 承诺率, 覆盖面 and media coverage of one organization, from its subtree row set, its
 * type counts and its active members — the same roll-up rows as every other dashboard figure.
 */
export function reachFigures(s: Stats, types: Record<string, number>, members: number) {
  const get = (k: string) => s.get(k) ?? 0;
  const aware = get(METRIC.membersAware);
  const pledged = get(METRIC.membersPledged);
  const branches = types[COVERAGE_UNIT_TYPE] ?? 0;
  const branchesWithActivity = get(METRIC.branchWithActivity);
  const attended = get(METRIC.participants);
  const byPrefix = (prefix: string) =>
    [...s]
      .filter(([k, n]) => k.startsWith(prefix) && n > 0)
      .map(([k, n]) => [k.slice(prefix.length), n] as const)
      .sort(([a], [b]) => a.localeCompare(b));
  return {
    awareness: { members, aware, rate: ratio(aware, members) },
    pledges: { members, pledged, rate: ratio(pledged, members) },
    coverage: {
      branches,
      branchesWithActivity,
      branchRate: ratio(branchesWithActivity, branches),
      members,
      membersAttended: attended,
      memberRate: ratio(attended, members),
    },
    media: {
      total: get(METRIC.media),
      byKind: byPrefix(METRIC.mediaKind('')).map(([kind, count]) => ({ kind, count })),
      byLevel: byPrefix(METRIC.mediaLevel('')).map(([level, count]) => ({ level, count })),
      postsPublished: get(METRIC.postsPublished),
    },
  };
}

/** The reach columns of a child row. */
export function reachColumns(s: Stats, types: Record<string, number>, members: number) {
  const r = reachFigures(s, types, members);
  return {
    aware: r.awareness.aware,
    awarenessRate: r.awareness.rate,
    pledged: r.pledges.pledged,
    pledgeRate: r.pledges.rate,
    branches: r.coverage.branches,
    branchesWithActivity: r.coverage.branchesWithActivity,
    branchCoverageRate: r.coverage.branchRate,
    media: r.media.total,
  };
}

const CAMPAIGN = { zh: '主题实践活动', en: 'Campaign' };

export const reachService = {
  /**
   * The active members of a unit and whether each counts in a figure (attended an activity of
   * the campaign …), `missing` first-class: "who has not yet". Names of members, so only the
   * unit's own cadres read it — a committee above drills down to units, not to people.
   */
  async members(
    ctx: AppContext,
    actor: Actor,
    campaignId: number,
    q: { orgId: number; figure: DashboardMemberFigure; state?: 'done' | 'missing'; page: number; pageSize: number },
  ) {
    const c = await requireAccess(ctx.db, actor, 'member.read', 'campaign', campaignId);
    const org = await requireAccess(ctx.db, actor, 'member.read', 'org', q.orgId);
    if (!isInSubtree(c.orgPath, org.path)) throw notFound(CAMPAIGN);
    if (!dashboardPolicy.readsMembersOf(actor, org)) throw forbidden();
    const [rows, total] = await repo.membersByFigure(ctx.db, {
      campaignId,
      orgId: org.id,
      figure: q.figure,
      state: q.state,
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    return {
      items: rows.map((r) => ({ memberId: r.id, name: r.name, done: Number(r.done) > 0 })),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  },
};

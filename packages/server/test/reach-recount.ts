import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema.ts';

/**
 * The reach figures of the dashboard (覆盖面, 知晓率, pledges, media) of `org` in a campaign,
 * recounted from raw rows for dashboard/recount.test.ts — independently of the roll-up code.
 * Each capability that feeds a reach figure adds its recount here.
 */
const inSubtree = (col: string, path: string) => sql<boolean>`(${sql.ref(col)} >= ${path} and ${sql.ref(col)} < ${`${path.slice(0, -1)}0`})`;
const n = (r: { n: unknown } | undefined) => Number(r?.n ?? 0);

export async function recountReach(db: Kysely<DB>, campaignId: number, org: { path: string }) {
  const branches = db.selectFrom('organization as o').where(inSubtree('o.path', org.path)).where('o.status', '=', 'active').where('o.type_code', '=', 'branch');
  return {
    branches: n(await branches.select(sql`count(*)`.as('n')).executeTakeFirst()),
    branchesWithActivity: n(
      await branches
        .where(sql<boolean>`exists (select 1 from activity a where a.org_id = o.id and a.campaign_id = ${campaignId})`)
        .select(sql`count(*)`.as('n'))
        .executeTakeFirst(),
    ),
    ...(await recountAwareAndPledged(db, campaignId, org)),
  };
}

/**
 * 知晓率 and pledges (notices/, pledges/): active members of the subtree (where they are now) who
 * acknowledged — or passed the quiz of, when it has one — at least one sent notice of the campaign
 * addressed to them; and those with a pledge in the campaign.
 */
async function recountAwareAndPledged(db: Kysely<DB>, campaignId: number, org: { path: string }) {
  const active = db
    .selectFrom('member as m')
    .innerJoin('organization as o', 'o.id', 'm.org_id')
    .where('m.status', '=', 'active')
    .where('o.status', '=', 'active')
    .where(inSubtree('o.path', org.path));
  const aware = sql<boolean>`exists (select 1 from notice_recipient r join notice x on x.id = r.notice_id
    where r.member_id = m.id and x.campaign_id = ${campaignId} and x.status = 'sent'
    and ((x.quiz is null and r.acknowledged_at is not null) or (x.quiz is not null and r.passed_at is not null)))`;
  const pledged = sql<boolean>`exists (select 1 from member_pledge p where p.member_id = m.id and p.campaign_id = ${campaignId})`;
  return {
    aware: n(await active.where(aware).select(sql`count(*)`.as('n')).executeTakeFirst()),
    pledged: n(await active.where(pledged).select(sql`count(*)`.as('n')).executeTakeFirst()),
  };
}

/** The same figures as the dashboard of `org` shows them (its answer, or a child row of its parent's). */
export function reachShown(d: { coverage: { branches: number; branchesWithActivity: number }; awareness: { aware: number }; pledges: { pledged: number } }) {
  return { branches: d.coverage.branches, branchesWithActivity: d.coverage.branchesWithActivity, aware: d.awareness.aware, pledged: d.pledges.pledged };
}
export function reachShownInChild(child: { branches: number; branchesWithActivity: number; aware: number; pledged: number }) {
  return { branches: child.branches, branchesWithActivity: child.branchesWithActivity, aware: child.aware, pledged: child.pledged };
}

/** The city's roll-up figures checked against recounts from the rows themselves. */
import { sql } from 'kysely';
import type { AppContext } from '../../packages/server/src/context.ts';
import { METRIC } from '../../packages/server/src/campaigns/rollup.ts';
import type { Check } from './dashboard-results.ts';

export const count = async (q: Promise<{ n: number | string | bigint } | undefined>) => Number((await q)?.n ?? 0);

export async function rollupOf(ctx: AppContext, campaignId: number, orgId: number, metric: string): Promise<number> {
  const r = await ctx.db
    .selectFrom('campaign_stat')
    .select('subtree')
    .where('campaign_id', '=', campaignId)
    .where('org_id', '=', orgId)
    .where('metric', '=', metric)
    .executeTakeFirst();
  return Number(r?.subtree ?? 0);
}

/** The city's roll-up figures against recounts from the rows themselves. */
export async function checkFigures(ctx: AppContext, campaignId: number, rootId: number, expectedActivities?: number): Promise<Check[]> {
  const db = ctx.db;
  const activities = await count(
    db
      .selectFrom('activity')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('campaign_id', '=', campaignId)
      .executeTakeFirst(),
  );
  const participants = await count(
    db
      .selectFrom('activity_attendance as aa')
      .innerJoin('activity as a', 'a.id', 'aa.activity_id')
      .innerJoin('member as m', 'm.id', 'aa.member_id')
      .select((eb) => eb.fn.count(sql`distinct aa.member_id`).as('n'))
      .where('a.campaign_id', '=', campaignId)
      .where('m.status', '=', 'active')
      .executeTakeFirst(),
  );
  const plans = await count(
    db
      .selectFrom('unit_plan')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('campaign_id', '=', campaignId)
      .where('status', '=', 'approved')
      .executeTakeFirst(),
  );
  const out: Check[] = [];
  const add = (label: string, rollup: number, recount: number) => out.push({ label, rollup, recount, ok: rollup === recount });
  add('activities', await rollupOf(ctx, campaignId, rootId, METRIC.activities), activities);
  if (expectedActivities !== undefined) add('activities (seeded + created − deleted)', activities, expectedActivities);
  add('participants', await rollupOf(ctx, campaignId, rootId, METRIC.participants), participants);
  add('plans approved', await rollupOf(ctx, campaignId, rootId, METRIC.planApproved), plans);
  return out;
}

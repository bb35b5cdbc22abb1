import { sql, type Kysely } from 'kysely';
import type { CampaignTemplate, PhaseDates } from '@zx/domain';
import type { DB, PlanStatus } from '../src/db/schema.ts';

/**
 * The campaign figures of the dashboard of `org` (members, participants, activities, plans,
 * tasks), recounted from raw rows for dashboard/recount.test.ts — written independently of the
 * roll-up code. The reach figures are in reach-recount.ts.
 */
export const subtree = (col: string, path: string) => sql<boolean>`(${sql.ref(col)} >= ${path} and ${sql.ref(col)} < ${`${path.slice(0, -1)}0`})`;
const n = (r: { n: unknown } | undefined) => Number(r?.n ?? 0);

/** Every figure of the dashboard of `org`, recounted from raw rows. */
export async function recount(db: Kysely<DB>, campaignId: number, org: { id: number; path: string }) {
  const c = await db.selectFrom('campaign').selectAll().where('id', '=', campaignId).executeTakeFirstOrThrow();
  const def = JSON.parse(c.definition) as CampaignTemplate;
  const dates = JSON.parse(c.phase_dates) as PhaseDates[];
  const unitsOf = (types: string[]) =>
    db
      .selectFrom('organization as o')
      .where(subtree('o.path', org.path))
      .where('o.status', '=', 'active')
      .where('o.type_code', 'in', types.length ? types : ['-']);

  const members = n(
    await db
      .selectFrom('member as m')
      .innerJoin('organization as o', 'o.id', 'm.org_id')
      .select(sql`count(*)`.as('n'))
      .where('m.status', '=', 'active')
      .where(subtree('o.path', org.path))
      .executeTakeFirst(),
  );
  const participants = n(
    await db
      .selectFrom('activity_attendance as aa')
      .innerJoin('activity as a', 'a.id', 'aa.activity_id')
      .innerJoin('member as m', 'm.id', 'aa.member_id')
      .innerJoin('organization as o', 'o.id', 'm.org_id')
      .select(sql`count(distinct aa.member_id)`.as('n'))
      .where('a.campaign_id', '=', campaignId)
      .where('m.status', '=', 'active')
      .where('o.status', '=', 'active')
      .where(subtree('o.path', org.path))
      .executeTakeFirst(),
  );
  const activityRows = await db
    .selectFrom('activity as a')
    .innerJoin('organization as o', 'o.id', 'a.org_id')
    .select(['a.type', sql`count(*)`.as('n')])
    .where('a.campaign_id', '=', campaignId)
    .where('o.status', '=', 'active')
    .where(subtree('o.path', org.path))
    .groupBy('a.type')
    .execute();
  const planTypesList = [
    ...new Set(
      def.phases
        .flatMap((p) => p.tasks)
        .filter((x) => x.evidence.kind === 'plan_approved')
        .flatMap((x) => x.orgTypes),
    ),
  ];
  const plansRequired = n(await unitsOf(planTypesList).select(sql`count(*)`.as('n')).executeTakeFirst());
  const plansWith = async (statuses: PlanStatus[]) =>
    n(
      await unitsOf(planTypesList)
        .innerJoin('unit_plan as p', 'p.org_id', 'o.id')
        .select(sql`count(*)`.as('n'))
        .where('p.campaign_id', '=', campaignId)
        .where('p.status', 'in', statuses)
        .executeTakeFirst(),
    );

  const tasks: Record<string, { required: number; done: number }> = {};
  for (const phase of def.phases) {
    const d = dates.find((x) => x.key === phase.key)!;
    for (const task of phase.tasks) {
      const required = n(await unitsOf(task.orgTypes).select(sql`count(*)`.as('n')).executeTakeFirst());
      const e = task.evidence;
      let evidence: ReturnType<typeof sql<boolean>>;
      switch (e.kind) {
        case 'activities':
          evidence = sql<boolean>`(select count(*) from activity x where x.org_id = o.id and x.campaign_id = ${campaignId} and x.type = ${e.activityType}
            ${e.form ? sql`and x.form = ${e.form}` : sql``} and x.held_on >= ${d.startsOn} and x.held_on <= ${d.endsOn}) >= ${e.min}`;
          break;
        case 'plan_approved':
          evidence = sql<boolean>`exists (select 1 from unit_plan p where p.org_id = o.id and p.campaign_id = ${campaignId} and p.status = 'approved')`;
          break;
        case 'report_submitted':
          evidence = sql<boolean>`exists (select 1 from report_submission s join report_request r on r.id = s.request_id where s.org_id = o.id and r.campaign_id = ${campaignId} and r.task_key = ${task.key} and s.status = 'submitted')`;
          break;
        case 'confirmation':
          evidence = sql<boolean>`exists (select 1 from task_confirmation k where k.org_id = o.id and k.campaign_id = ${campaignId} and k.task_key = ${task.key})`;
          break;
        case 'self_assessment_verified':
          evidence = sql<boolean>`exists (select 1 from assessment x where x.org_id = o.id and x.campaign_id = ${campaignId} and x.status = 'verified')`;
          break;
        default:
          evidence = sql<boolean>`1 = 0`;
      }
      const done = n(await unitsOf(task.orgTypes).select(sql`count(*)`.as('n')).where(evidence).executeTakeFirst());
      tasks[task.key] = { required, done };
    }
  }
  return {
    members,
    participants,
    activities: activityRows.reduce((s, r) => s + Number(r.n), 0),
    byType: Object.fromEntries(activityRows.map((r) => [r.type, Number(r.n)])),
    plans: { required: plansRequired, submitted: await plansWith(['submitted', 'approved']), approved: await plansWith(['approved']) },
    tasks,
  };
}

import type { AppContext } from '../src/context.ts';
import { nowIso } from '../src/db/database.ts';
import { loadCampaign, METRIC, tasksOf } from '../src/campaigns/rollup.ts';
import { createMember, type OrgRef } from './factories.ts';

/**
 * Facts the honour rules read, written as rows: approved 优秀 evaluations in `years`, volunteer
 * hours, a verified star tier, dues and campaign task completion. Each helper writes what the
 * real flows would leave behind, so eligibility is computed from data as in production.
 */
export async function excellentEvaluations(ctx: AppContext, org: OrgRef, memberId: number, years: number[]) {
  const at = nowIso();
  for (const year of years) {
    const existing = await ctx.db.selectFrom('member_evaluation').select('id').where('org_id', '=', org.id).where('year', '=', year).executeTakeFirst();
    const { id } =
      existing ??
      (await ctx.db
        .insertInto('member_evaluation')
        .values({
          org_id: org.id,
          org_path: org.path,
          year,
          stage: 'approved',
          settings: JSON.stringify({
            quorum: { num: 2, den: 3, strict: true },
            excellentCapPercent: 30,
            reevaluationMonths: 3,
            reevaluationMinMonths: 3,
            reevaluationMaxMonths: 6,
          }),
          study_held_on: `${year}-11-01`,
          study_note: null,
          vote_mode: 'paper',
          vote_session_id: null,
          vote_present: 3,
          vote_quorum_met: 1,
          vote_closed_at: null,
          return_comment: null,
          submitted_at: null,
          submitted_by: null,
          decided_at: `${year}-12-01T00:00:00.000Z`,
          decided_by: null,
          created_at: at,
          created_by: null,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow());
    await ctx.db
      .insertInto('member_evaluation_participant')
      .values({
        evaluation_id: id,
        member_id: memberId,
        member_name: '参评团员',
        votes: JSON.stringify({ excellent: 3 }),
        proposed_grade: 'excellent',
        override_reason: null,
        final_grade: 'excellent',
        reevaluation_due_on: null,
      })
      .execute();
  }
}

/** `hours` of verified volunteer service in `year` (one entry the branch verified; replaces earlier fixture hours of that year). */
export async function volunteerHours(ctx: AppContext, memberId: number, year: number, hours: number, status: 'verified' | 'pending' = 'verified') {
  const at = nowIso();
  await ctx.db.deleteFrom('volunteer_service').where('member_id', '=', memberId).where('year', '=', year).execute();
  await ctx.db
    .insertInto('volunteer_service')
    .values({
      member_id: memberId,
      served_on: `${year}-03-05`,
      year,
      hours_tenths: Math.round(hours * 10),
      description: '社区志愿服务',
      photo_id: null,
      activity_id: null,
      status,
      reason: null,
      source: 'member',
      created_at: at,
      created_by: null,
      updated_at: at,
      reviewed_at: status === 'verified' ? at : null,
      reviewed_by: null,
    })
    .execute();
}

/** A member meeting every person rule in `year` (age 25, member since 2016, 优秀 3 years running, 30 hours). */
export async function eligibleMember(ctx: AppContext, org: OrgRef, year: number, opts: { name?: string; position?: string } = {}) {
  const m = await createMember(ctx, org, opts);
  await excellentEvaluations(ctx, org, m.id, [year - 2, year - 1, year]);
  await volunteerHours(ctx, m.id, year, 30);
  return m.id;
}

/** A unit meeting every unit rule in `year`: 4★ verified, every campaign task done, no dues arrears. */
export async function eligibleUnit(ctx: AppContext, org: OrgRef & { typeCode: string }, year: number, campaignId: number) {
  await ctx.db
    .insertInto('unit_tier')
    .values({ org_id: org.id, year, campaign_id: campaignId, assessment_id: null, tier: 'star4', score: 85, decided_at: nowIso() })
    .execute();
  await ctx.db
    .insertInto('dues_record')
    .values({ org_id: org.id, year, members_due: 20, members_in_arrears: 0, updated_at: nowIso(), updated_by: null })
    .execute();
  const c = (await loadCampaign(ctx.db, campaignId))!;
  for (const t of tasksOf(c.definition).filter((x) => x.orgTypes.includes(org.typeCode))) {
    await ctx.db
      .insertInto('campaign_stat')
      .values({ campaign_id: campaignId, org_id: org.id, metric: METRIC.taskDone(t.key), own: 1, subtree: 1 })
      .onConflict((oc) => oc.columns(['campaign_id', 'org_id', 'metric']).doUpdateSet({ own: 1 }))
      .execute();
  }
}

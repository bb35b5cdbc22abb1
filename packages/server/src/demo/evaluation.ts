import { addCalendarMonths, DEFAULT_EVALUATION_SETTINGS, EVALUATION_GRADES, excellentCap, isoToday, reevaluationDueOn, type EvaluationGrade } from '@zx/domain';
import type { AppContext } from '../context.ts';
import type { Executor } from '../db/database.ts';
import { nowIso } from '../db/database.ts';
import { refreshUnitsInAllCampaigns } from '../campaigns/rollup.ts';

/**
 * Demo member evaluations (团员教育评议): last year's approved round and this year's round at
 * the self-assessment step in the demo secretary's branch (so the demo member has something to
 * write), approved rounds of this year in 40 more branches (the dashboard's excellent-member
 * ratio and the members' histories), and two negative-list entries. Written directly, as
 * deterministic data, then the roll-ups are refreshed.
 */
export async function loadDemoEvaluations(ctx: AppContext, branchIds: number[], userId: number | null) {
  const today = isoToday();
  const year = Number(today.slice(0, 4));
  let seed = 2026;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const settings = JSON.stringify(DEFAULT_EVALUATION_SETTINGS);
  const at = nowIso();
  const approvedOn = today.slice(5) >= '02-01' ? addCalendarMonths(today, -1) : today;
  const graded: number[] = [];

  await ctx.db.transaction().execute(async (trx) => {
    const membersOf = (orgId: number) =>
      trx.selectFrom('member').select(['id', 'name']).where('org_id', '=', orgId).where('status', '=', 'active').orderBy('id').execute();
    const round = async (orgId: number, y: number, stage: 'self_assessment' | 'approved', members: { id: number; name: string }[]) => {
      const org = await trx.selectFrom('organization').select('path').where('id', '=', orgId).executeTakeFirstOrThrow();
      const approved = stage === 'approved';
      const { id } = await trx
        .insertInto('member_evaluation')
        .values({
          org_id: orgId,
          org_path: org.path,
          year: y,
          stage,
          settings,
          study_held_on: approved ? `${y}-11-20` : today,
          study_note: '集中学习团章和团员教育评议有关要求',
          vote_mode: approved ? 'paper' : null,
          vote_session_id: null,
          vote_present: approved ? members.length - (members.length > 6 ? 1 : 0) : null,
          vote_quorum_met: approved ? 1 : null,
          vote_closed_at: approved ? `${y === year ? approvedOn : `${y}-12-15`}T08:00:00.000Z` : null,
          return_comment: null,
          submitted_at: approved ? at : null,
          submitted_by: approved ? userId : null,
          decided_at: approved ? `${y === year ? approvedOn : `${y}-12-20`}T08:00:00.000Z` : null,
          decided_by: approved ? userId : null,
          created_at: at,
          created_by: userId,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const cap = excellentCap(members.length, DEFAULT_EVALUATION_SETTINGS.excellentCapPercent);
      let excellent = 0;
      for (const [i, m] of members.entries()) {
        const r = rnd();
        let grade: EvaluationGrade = r < 0.25 ? 'excellent' : r < 0.93 ? 'qualified' : r < 0.985 ? 'basic' : 'unqualified';
        if (grade === 'excellent' && ++excellent > cap) grade = 'qualified';
        const present = members.length - (members.length > 6 ? 1 : 0);
        const votes = Object.fromEntries(EVALUATION_GRADES.map((g) => [g, 0])) as Record<EvaluationGrade, number>;
        votes[grade] = Math.max(1, present - 1 - (i % 2));
        votes[grade === 'excellent' ? 'qualified' : 'excellent'] = present - votes[grade];
        const self = i % 3 !== 2 ? `${m.name}：本年度认真学习团章，按时参加组织生活和主题团日，积极参加志愿服务。不足是理论学习不够系统。` : null;
        await trx
          .insertInto('member_evaluation_participant')
          .values({
            evaluation_id: id,
            member_id: m.id,
            member_name: m.name,
            self_assessment: approved || self ? (self ?? `${m.name}：认真履行团员义务。`) : null,
            self_assessed_at: approved || self ? at : null,
            self_assessed_by: userId,
            self_assessment_by_member: 0,
            votes: approved ? JSON.stringify(votes) : null,
            proposed_grade: approved ? grade : null,
            override_reason: null,
            final_grade: approved ? grade : null,
            reevaluation_due_on:
              approved && grade === 'unqualified' ? reevaluationDueOn(y === year ? approvedOn : `${y}-12-20`, DEFAULT_EVALUATION_SETTINGS) : null,
          })
          .execute();
      }
      return id;
    };
    const [home, ...others] = branchIds;
    const homeMembers = await membersOf(home);
    if (homeMembers.length) {
      await round(home, year - 1, 'approved', homeMembers);
      await round(home, year, 'self_assessment', homeMembers);
    }
    for (const orgId of others.slice(0, 40)) {
      const ms = await membersOf(orgId);
      if (ms.length < 3) continue;
      await round(orgId, year, 'approved', ms);
      graded.push(orgId);
      if (graded.length === 1) await negative(trx, ms[0].id, orgId, `${year}-03-01`, `${year + 1}-02-28`, '受到团内警告处分', userId);
      if (graded.length === 2) await negative(trx, ms[1].id, orgId, `${year}-06-01`, null, '连续 6 个月未参加组织生活、未交纳团费', userId);
    }
    await refreshUnitsInAllCampaigns(trx, graded);
  });
}

async function negative(trx: Executor, memberId: number, orgId: number, startsOn: string, endsOn: string | null, reason: string, userId: number | null) {
  await trx
    .insertInto('member_negative_entry')
    .values({
      member_id: memberId,
      org_id: orgId,
      reason,
      starts_on: startsOn,
      ends_on: endsOn,
      created_at: nowIso(),
      created_by: userId,
      lifted_at: null,
      lifted_by: null,
      lift_reason: null,
    })
    .execute();
}

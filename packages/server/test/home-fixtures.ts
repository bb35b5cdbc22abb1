import { isoToday } from '@zx/domain';
import type { AppContext } from '../src/context.ts';
import { nowIso } from '../src/db/database.ts';
import type { OrgRef } from './factories.ts';

/** Rows behind home's to-dos (home/home.test.ts): an open ballot, a member evaluation, a public notice, a rectification item. */
export const day = (offset: number) => new Date(Date.parse(`${isoToday()}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

export async function openBallot(ctx: AppContext, org: OrgRef, memberId: number, title: string, closesInDays: number) {
  const at = nowIso();
  const { id } = await ctx.db
    .insertInto('vote_session')
    .values({
      org_id: org.id,
      org_path: org.path,
      kind: 'cadre_rating',
      title_zh: title,
      title_en: null,
      scale: 'satisfaction3',
      settings: '{}',
      roll_source: 'explicit',
      status: 'open',
      report_year: null,
      opens_at: null,
      closes_at: `${day(closesInDays)}T10:00:00.000Z`,
      opened_at: at,
      closed_at: null,
      ballot_count: null,
      result: null,
      ref_type: null,
      ref_id: null,
      created_at: at,
      created_by: null,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ctx.db.insertInto('vote_roll').values({ session_id: id, member_id: memberId }).execute();
  return id;
}

export async function evaluationAt(ctx: AppContext, org: OrgRef, stage: 'self_assessment' | 'peer_review' | 'submitted', memberId: number | null) {
  const at = nowIso();
  const { id } = await ctx.db
    .insertInto('member_evaluation')
    .values({
      org_id: org.id,
      org_path: org.path,
      year: Number(isoToday().slice(0, 4)),
      stage,
      settings: '{}',
      study_held_on: null,
      study_note: null,
      vote_mode: null,
      vote_session_id: null,
      vote_present: null,
      vote_quorum_met: null,
      vote_closed_at: null,
      return_comment: null,
      submitted_at: stage === 'submitted' ? at : null,
      submitted_by: null,
      decided_at: null,
      decided_by: null,
      created_at: at,
      created_by: null,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (memberId)
    await ctx.db
      .insertInto('member_evaluation_participant')
      .values({
        evaluation_id: id,
        member_id: memberId,
        member_name: '参评',
        votes: null,
        proposed_grade: null,
        override_reason: null,
        final_grade: null,
        reevaluation_due_on: null,
      })
      .execute();
  return id;
}

export async function noticeRound(ctx: AppContext, org: OrgRef, name: string, endsInDays: number) {
  const at = nowIso();
  const { id } = await ctx.db
    .insertInto('honour_round')
    .values({
      org_id: org.id,
      org_path: org.path,
      name,
      year: Number(isoToday().slice(0, 4)),
      reference_date: isoToday(),
      kinds: '[]',
      settings: '{}',
      require_lower_title: 0,
      campaign_id: null,
      status: 'notice',
      notice_starts_on: day(-1),
      notice_ends_on: day(endsInDays),
      published_at: at,
      finalized_at: null,
      created_at: at,
      created_by: null,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function rectificationAt(ctx: AppContext, org: OrgRef, description: string, dueInDays: number, inspectorPath = '/') {
  const { id: inspectionId } = await ctx.db
    .insertInto('inspection')
    .values({
      campaign_id: null,
      org_id: org.id,
      org_path: org.path,
      visited_on: day(-2),
      findings: '检查发现',
      score: null,
      inspector_user_id: null,
      inspector_name: '督查',
      inspector_org_path: inspectorPath,
      created_at: nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ctx.db
    .insertInto('rectification')
    .values({ inspection_id: inspectionId, org_id: org.id, org_path: org.path, description, owner: '书记', due_on: day(dueInDays), status: 'open' })
    .execute();
}

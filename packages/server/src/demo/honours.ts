import { DEFAULT_HONOUR_SETTINGS, honourQuota, isoToday, noticeEndsOn, type HonourKind } from '@zx/domain';
import type { AppContext } from '../context.ts';
import { nowIso } from '../db/database.ts';
import { idsOnPath } from '../access/paths.ts';
import { pathInSubtree } from '../access/repository/subtree.ts';
import { notify } from '../inbox/service.ts';
import { checkSubject, quotaBase, type RoundRef } from '../honours/eligibility.ts';

/**
 * Demo 两红两优: volunteer hours for the members and dues for the branches of the demo branch's
 * district, two earlier years of approved evaluations where this year's made a member 优秀 (so
 * 3 of 5 can be met), and this year's round of the district on public notice with the members
 * and branches that really pass every rule (up to the quota) — the demo member can read the
 * notice and object on the phone. Runs after the demo evaluations and assessments.
 */
export async function loadDemoHonours(ctx: AppContext, branchIds: number[], userId: number | null) {
  if (!branchIds.length) return;
  const today = isoToday();
  const year = Number(today.slice(0, 4));
  const at = nowIso();
  let seed = 4242;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const home = await ctx.db.selectFrom('organization').select(['id', 'path']).where('id', '=', branchIds[0]).executeTakeFirstOrThrow();
  const district = await ctx.db
    .selectFrom('organization')
    .select(['id', 'path', 'name', 'depth'])
    .where('id', '=', idsOnPath(home.path)[1])
    .executeTakeFirstOrThrow();
  const branches = await ctx.db
    .selectFrom('organization')
    .select(['id', 'path', 'direct_member_count'])
    .where(pathInSubtree('path', district.path))
    .where('type_code', 'in', DEFAULT_HONOUR_SETTINGS.branchTypes)
    .where('status', '=', 'active')
    .execute();

  await ctx.db.transaction().execute(async (trx) => {
    // 志愿服务时长 and 团费 for the district's branches.
    const members = await trx
      .selectFrom('member as m')
      .innerJoin('organization as o', 'o.id', 'm.org_id')
      .select(['m.id', 'm.org_id'])
      .where(pathInSubtree('o.path', district.path))
      .where('m.status', '=', 'active')
      .execute();
    for (let i = 0; i < members.length; i += 400) {
      await trx
        .insertInto('volunteer_service')
        .values(
          members.slice(i, i + 400).map((m) => ({
            member_id: m.id,
            served_on: `${year}-01-01`,
            year,
            hours_tenths: Math.round(rnd() * 60) * 5,
            description: '年度志愿服务时长（支部补录）',
            photo_id: null,
            activity_id: null,
            status: 'verified' as const,
            reason: null,
            source: 'entered' as const,
            created_at: at,
            created_by: userId,
            updated_at: at,
            reviewed_at: at,
            reviewed_by: userId,
          })),
        )
        .execute();
    }
    for (const b of branches) {
      const due = Number(b.direct_member_count);
      const arrears = rnd() < 0.7 ? 0 : Math.ceil(due * rnd() * 0.15);
      await trx
        .insertInto('dues_record')
        .values({ org_id: b.id, year, members_due: due, members_in_arrears: Math.min(due, arrears), updated_at: at, updated_by: userId })
        .execute();
    }

    // Members graded 优秀 this year in the district: two earlier years of 优秀 make them candidates.
    const excellent = await trx
      .selectFrom('member_evaluation_participant as p')
      .innerJoin('member_evaluation as e', 'e.id', 'p.evaluation_id')
      .select(['p.member_id', 'p.member_name', 'e.org_id', 'e.org_path'])
      .where(pathInSubtree('e.org_path', district.path))
      .where('e.year', '=', year)
      .where('e.stage', '=', 'approved')
      .where('p.final_grade', '=', 'excellent')
      .orderBy('p.member_id')
      .limit(12)
      .execute();
    for (const y of [year - 1, year - 2]) {
      for (const orgId of [...new Set(excellent.map((x) => x.org_id))]) {
        const exists = await trx.selectFrom('member_evaluation').select('id').where('org_id', '=', orgId).where('year', '=', y).executeTakeFirst();
        if (exists) continue;
        const ms = excellent.filter((x) => x.org_id === orgId);
        const { id } = await trx
          .insertInto('member_evaluation')
          .values({
            org_id: orgId,
            org_path: ms[0].org_path,
            year: y,
            stage: 'approved',
            settings: JSON.stringify({
              quorum: { num: 2, den: 3, strict: true },
              excellentCapPercent: 30,
              reevaluationMonths: 3,
              reevaluationMinMonths: 3,
              reevaluationMaxMonths: 6,
            }),
            study_held_on: `${y}-11-20`,
            study_note: '集中学习团章和团员教育评议有关要求',
            vote_mode: 'paper',
            vote_session_id: null,
            vote_present: ms.length,
            vote_quorum_met: 1,
            vote_closed_at: `${y}-12-15T08:00:00.000Z`,
            return_comment: null,
            submitted_at: at,
            submitted_by: userId,
            decided_at: `${y}-12-20T08:00:00.000Z`,
            decided_by: userId,
            created_at: at,
            created_by: userId,
            updated_at: at,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        for (const m of ms) {
          await trx
            .insertInto('member_evaluation_participant')
            .values({
              evaluation_id: id,
              member_id: m.member_id,
              member_name: m.member_name,
              self_assessment: `${m.member_name}：认真履行团员义务，积极参加志愿服务。`,
              self_assessed_at: at,
              self_assessed_by: userId,
              votes: JSON.stringify({ excellent: ms.length }),
              proposed_grade: 'excellent',
              override_reason: null,
              final_grade: 'excellent',
              reevaluation_due_on: null,
            })
            .execute();
        }
      }
    }
    for (const m of excellent) {
      await trx
        .updateTable('volunteer_service')
        .set({ hours_tenths: 240 + (m.member_id % 20) * 10 })
        .where('member_id', '=', m.member_id)
        .where('year', '=', year)
        .where('source', '=', 'entered')
        .execute();
    }

    // This year's round of the district, on public notice, with the candidates that pass every rule.
    const campaign = await trx
      .selectFrom('campaign')
      .select('id')
      .where('org_path', '=', `/${idsOnPath(home.path)[0]}/`)
      .orderBy('id')
      .executeTakeFirst();
    const kinds: HonourKind[] = ['red_flag_committee', 'red_flag_branch', 'excellent_member', 'excellent_cadre'];
    const start = today;
    const { id: roundId } = await trx
      .insertInto('honour_round')
      .values({
        org_id: district.id,
        org_path: district.path,
        name: `${year}年度两红两优评选`,
        year,
        reference_date: `${year}-12-31`,
        kinds: JSON.stringify(kinds),
        settings: JSON.stringify(DEFAULT_HONOUR_SETTINGS),
        require_lower_title: 0,
        campaign_id: campaign?.id ?? null,
        status: 'notice',
        notice_starts_on: start,
        notice_ends_on: noticeEndsOn(start, DEFAULT_HONOUR_SETTINGS.noticeDays),
        published_at: at,
        finalized_at: null,
        created_at: at,
        created_by: userId,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const ref: RoundRef = {
      id: roundId,
      org_id: district.id,
      org_path: district.path,
      year,
      reference_date: `${year}-12-31`,
      require_lower_title: 0,
      campaign_id: campaign?.id ?? null,
      settings: DEFAULT_HONOUR_SETTINGS,
      depth: Number(district.depth),
    };
    const add = async (kind: HonourKind, subject: { memberId?: number; orgId?: number }) => {
      const c = await checkSubject(trx, ref, kind, subject);
      if (!c?.eligible) return false;
      await trx
        .insertInto('honour_candidate')
        .values({
          round_id: roundId,
          kind,
          subject_key: c.subjectKey,
          org_id: c.orgId,
          org_path: c.orgPath,
          member_id: c.memberId,
          subject_name: c.name,
          status: 'candidate',
          recommender_org_id: district.id,
          recommender_org_path: district.path,
          note: null,
          checks: JSON.stringify(c.checks),
          created_at: at,
          created_by: userId,
          updated_at: at,
        })
        .execute();
      return true;
    };
    let listed = 0;
    for (const kind of ['excellent_member', 'red_flag_branch'] as const) {
      const quota = honourQuota(DEFAULT_HONOUR_SETTINGS.quotaPercent[kind], await quotaBase(trx, ref, kind));
      let n = 0;
      const subjects = kind === 'excellent_member' ? excellent.map((m) => ({ memberId: m.member_id })) : branches.map((b) => ({ orgId: b.id }));
      for (const s of subjects) {
        if (n >= Math.min(quota, 2)) break;
        if (await add(kind, s)) n++;
      }
      listed += n;
    }
    if (!listed) {
      await trx
        .updateTable('honour_round')
        .set({ status: 'draft', notice_starts_on: null, notice_ends_on: null, published_at: null })
        .where('id', '=', roundId)
        .execute();
      return;
    }
    await notify(trx, {
      org: { id: district.id, path: district.path },
      kind: 'honour_notice_published',
      titleZh: `「${year}年度两红两优评选」候选名单公示`,
      titleEn: `"${year} Two Reds, Two Excellents": candidates on public notice`,
      link: `/honours/${roundId}`,
    });
  });
}

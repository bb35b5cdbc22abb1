import { isoToday } from '@zx/domain';
import type { AppContext } from '../context.ts';
import { nowIso } from '../db/database.ts';
import { idsOnPath } from '../access/paths.ts';

const daysFrom = (iso: string, n: number) => new Date(Date.parse(iso) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * Demo 先进典型 and 对标定位 in the city campaign: two branches of the demo branch's district
 * selected as district-level exemplars (one a demonstration site with visits), a person
 * selected by a committee, one nomination pending, and benchmarking exercises with catch-up
 * measures (one overdue, one closed) for the demo branch and a verified branch.
 * Runs after the demo assessments, whose verified branches make the gaps real.
 */
export async function loadDemoExemplars(ctx: AppContext, branchIds: number[], userId: number | null) {
  const campaign = await ctx.db.selectFrom('campaign').select(['id']).orderBy('id').executeTakeFirst();
  if (!campaign || branchIds.length < 3) return;
  const today = isoToday();
  const at = nowIso();
  const home = await ctx.db.selectFrom('organization').select(['id', 'path', 'parent_id']).where('id', '=', branchIds[0]).executeTakeFirstOrThrow();
  const districtId = idsOnPath(home.path)[1];
  const district = await ctx.db.selectFrom('organization').select(['id', 'path', 'type_code']).where('id', '=', districtId).executeTakeFirstOrThrow();
  // Verified branches, those of the demo branch's district first.
  const verified = await ctx.db
    .selectFrom('assessment as a')
    .innerJoin('organization as o', 'o.id', 'a.org_id')
    .select(['o.id', 'o.path', 'o.parent_id', 'o.name', 'a.verified_total'])
    .where('a.campaign_id', '=', campaign.id)
    .where('a.status', '=', 'verified')
    .where('o.id', '!=', home.id)
    .orderBy('a.verified_total', 'desc')
    .execute();
  const inDistrict = verified.filter((v) => v.path.startsWith(district.path));
  const best = [...inDistrict, ...verified.filter((v) => !v.path.startsWith(district.path))].slice(0, 3);
  if (best.length < 2) return;
  await ctx.db.transaction().execute(async (trx) => {
    // Inside the transaction every read goes through `trx` (SQLite has one connection).
    const parentOf = async (id: number) =>
      trx.selectFrom('organization').select(['id', 'path', 'type_code', 'name']).where('id', '=', id).executeTakeFirstOrThrow();
    const exemplarIds: number[] = [];
    for (const [n, unit] of best.slice(0, 2).entries()) {
      const committee = await parentOf(unit.parent_id!);
      const selector = unit.path.startsWith(district.path) ? district : await parentOf(idsOnPath(unit.path)[1]);
      const { id } = await trx
        .insertInto('exemplar')
        .values({
          campaign_id: campaign.id,
          kind: 'unit',
          nominee_org_id: unit.id,
          nominee_org_path: unit.path,
          nominee_member_id: null,
          title: n === 0 ? '“三会两制一课”规范化建设示范团支部' : '志愿服务品牌团支部',
          materials:
            n === 0
              ? '该团支部坚持“三会两制一课”，建立团员积分管理台账，每月开展主题团日；本年度组织志愿服务 1,260 小时，团员参与率 96%，支部规范化建设经验在全区推广。'
              : '该团支部打造“青春微光”志愿服务品牌，结对帮扶社区老人 40 户，开展义务辅导 120 场次，获评区级优秀志愿服务项目。',
          photo_ids: '[]',
          nominator_org_id: committee.id,
          nominator_org_path: committee.path,
          nominated_by: userId,
          nominated_on: daysFrom(today, -20),
          status: 'selected',
          selector_org_id: selector.id,
          selector_org_path: selector.path,
          level_type_code: selector.type_code,
          decision_method: 'committee',
          decision_note: '经团区委常委会研究决定',
          decided_on: daysFrom(today, -10),
          decided_by: userId,
          decided_at: at,
          vote_session_id: null,
          demo_site: n === 0 ? 1 : 0,
          demo_site_since: n === 0 ? daysFrom(today, -9) : null,
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      exemplarIds.push(id);
    }
    // Visits to the demonstration site: the district's recorded 示范点参观 activities.
    const visits = await trx
      .selectFrom('activity')
      .select('id')
      .where('campaign_id', '=', campaign.id)
      .where('type', '=', 'demo_site_visit')
      .where('org_path', '>=', district.path)
      .where('org_path', '<', `${district.path.slice(0, -1)}0`)
      .orderBy('id')
      .limit(6)
      .execute();
    if (visits.length)
      await trx
        .insertInto('demo_site_visit')
        .values(visits.map((v) => ({ activity_id: v.id, exemplar_id: exemplarIds[0] })))
        .execute();

    // A person selected by a committee, and a nomination still pending at the district.
    const person = await trx
      .selectFrom('member')
      .select(['id', 'org_id'])
      .where('org_id', '=', best[0].id)
      .where('status', '=', 'active')
      .orderBy('id')
      .executeTakeFirst();
    const committee = await parentOf(best[0].parent_id!);
    if (person) {
      await trx
        .insertInto('exemplar')
        .values({
          campaign_id: campaign.id,
          kind: 'person',
          nominee_org_id: best[0].id,
          nominee_org_path: best[0].path,
          nominee_member_id: person.id,
          title: '志愿服务之星',
          materials: '三年来累计志愿服务 400 余小时，带领支部团员开展“青春护河”行动。',
          photo_ids: '[]',
          nominator_org_id: best[0].id,
          nominator_org_path: best[0].path,
          nominated_by: userId,
          nominated_on: daysFrom(today, -15),
          status: 'selected',
          selector_org_id: committee.id,
          selector_org_path: committee.path,
          level_type_code: committee.type_code,
          decision_method: 'committee',
          decision_note: '经团委会研究决定',
          decided_on: daysFrom(today, -5),
          decided_by: userId,
          decided_at: at,
          vote_session_id: null,
          demo_site: 0,
          demo_site_since: null,
          created_at: at,
          updated_at: at,
        })
        .execute();
    }
    if (best[2]) {
      const c2 = await parentOf(best[2].parent_id!);
      await trx
        .insertInto('exemplar')
        .values({
          campaign_id: campaign.id,
          kind: 'unit',
          nominee_org_id: best[2].id,
          nominee_org_path: best[2].path,
          nominee_member_id: null,
          title: '青年突击队先进集体',
          materials: '在防汛抗旱中组建青年突击队，连续奋战 15 天。',
          photo_ids: '[]',
          nominator_org_id: c2.id,
          nominator_org_path: c2.path,
          nominated_by: userId,
          nominated_on: daysFrom(today, -3),
          status: 'nominated',
          created_at: at,
          updated_at: at,
        })
        .execute();
    }

    // Benchmarking: the demo branch (not yet verified) and a verified branch of the district, against the exemplars.
    const units = [home, ...inDistrict.slice(2, 3)];
    for (const [n, unit] of units.entries()) {
      const owner = await trx.selectFrom('member').select('id').where('org_id', '=', unit.id).where('status', '=', 'active').orderBy('id').executeTakeFirst();
      if (!owner) continue;
      const { id: benchmarkId } = await trx
        .insertInto('benchmark')
        .values({
          campaign_id: campaign.id,
          org_id: unit.id,
          org_path: unit.path,
          step: n === 0 ? 'list' : 'supervise',
          reflection: '对照示范团支部，我支部在活动开展和经费保障上差距明显。',
          created_at: at,
          created_by: userId,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('benchmark_exemplar')
        .values(exemplarIds.map((exemplar_id, position) => ({ benchmark_id: benchmarkId, exemplar_id, position })))
        .execute();
      const measures: { dimension_key: string; content: string; due_on: string; status: 'open' | 'closed' }[] = [
        { dimension_key: 'activity', content: '每月开展一次主题团日，邀请示范团支部交流“三会两制一课”做法', due_on: daysFrom(today, 30), status: 'open' },
        { dimension_key: 'support', content: '向上级团委申请活动经费，建立团费使用公开台账', due_on: daysFrom(today, -5), status: 'open' },
        { dimension_key: 'venue', content: '布置团员活动室，上墙团支部工作制度', due_on: daysFrom(today, -12), status: 'closed' },
      ];
      // A closed measure carries its evidence: an activity of the unit (kept open when it has none).
      const evidence = await trx.selectFrom('activity').select('id').where('org_id', '=', unit.id).orderBy('id').executeTakeFirst();
      for (const raw of measures) {
        const m = raw.status === 'closed' && !evidence ? { ...raw, status: 'open' as const } : raw;
        await trx
          .insertInto('catch_up_measure')
          .values({
            benchmark_id: benchmarkId,
            org_id: unit.id,
            org_path: unit.path,
            ...m,
            owner_member_id: owner.id,
            evidence_activity_id: m.status === 'closed' ? evidence!.id : null,
            evidence_attachment_ids: '[]',
            closing_note: m.status === 'closed' ? '活动室已布置完成，制度已上墙。' : null,
            closed_at: m.status === 'closed' ? at : null,
            closed_by: m.status === 'closed' ? userId : null,
            created_at: at,
            created_by: userId,
            updated_at: at,
          })
          .execute();
      }
    }
  });
}

import { isoToday } from '@zx/domain';
import type { AppContext } from '../context.ts';
import { nowIso } from '../db/database.ts';
import { commitmentRepository as repo } from '../commitments/repository.ts';

/**
 * Demo commitments (承诺) and year-end reports (述职) for this year: the cadres of the demo
 * branch secretary's branch (the secretary's report submitted, the deputy's a draft, the others
 * published only) and the secretaries of a few more branches. The demo 'branch.secretary'
 * account is linked to its branch's secretary so that 我的承诺 is theirs.
 */
const TEXTS: [string, string][] = [
  ['每月组织一次主题团日活动，团员参与率不低于 80%', 'organization'],
  ['全年发展新团员 2 名，做好推优入党工作', 'organization'],
  ['组织团员学习党史，开展“重温入团誓词”活动', 'ideology'],
  ['牵头开展社区志愿服务不少于 6 次', 'service'],
  ['建立团员联系青年制度，每名团干部联系 5 名青年', 'service'],
  ['按时收缴团费，规范“三会两制一课”台账', 'conduct'],
];
const REPORT = [
  '按照年初公开的工作承诺，我带领团支部围绕“双争先”主题实践活动，坚持把思想引领放在首位，组织团员系统学习党史和团史，开展“重温入团誓词”主题团日，团员参与率保持在八成以上。',
  '在组织建设方面，严格落实“三会两制一课”，按时收缴团费，台账规范完整；全年发展新团员两名，推荐一名优秀团员作为入党积极分子。',
  '在服务青年方面，牵头开展社区志愿服务、关爱困难青年等活动，建立团干部联系青年制度。不足之处是志愿服务的常态化机制还不够健全，部分承诺只完成了一部分，明年将重点改进。',
].join('\n\n');

export async function loadDemoCommitments(ctx: AppContext, branchIds: number[], userId: number | null) {
  const today = isoToday();
  const year = Number(today.slice(0, 4));
  const at = nowIso();
  await ctx.db.transaction().execute(async (trx) => {
    const cadresOf = (orgId: number) =>
      trx
        .selectFrom('member')
        .select(['id', 'name', 'position'])
        .where('org_id', '=', orgId)
        .where('status', '=', 'active')
        .where('position', '<>', 'none')
        .orderBy('id')
        .execute();
    const publish = async (memberId: number, orgId: number, count: number) => {
      const { id: planId } = await repo.insertPlan(trx, {
        member_id: memberId,
        org_id: orgId,
        year,
        version: 1,
        first_published_at: at,
        last_published_at: at,
        created_at: at,
        created_by: userId,
        updated_at: at,
      });
      const ids: number[] = [];
      for (const [i, [text, category]] of TEXTS.slice(0, count).entries()) {
        ids.push(
          (
            await repo.insertItem(trx, {
              plan_id: planId,
              seq: i + 1,
              text,
              category,
              due_on: `${year}-12-31`,
              state: 'published',
              revises_id: null,
              version: 1,
              created_at: at,
              updated_at: at,
            })
          ).id,
        );
      }
      const snapshot = TEXTS.slice(0, count).map(([text, category], i) => ({
        id: ids[i],
        seq: i + 1,
        text,
        category,
        dueOn: `${year}-12-31`,
        change: 'added' as const,
      }));
      await repo.insertVersion(trx, {
        plan_id: planId,
        version: 1,
        items: snapshot,
        note: '年初公开承诺',
        on_behalf: 0,
        published_at: at,
        published_by: userId,
        published_by_name: '演示数据',
      });
      return { planId, ids };
    };
    const statuses = ['done', 'done', 'partly', 'done', 'not_done', 'done'];
    const writeReport = async (planId: number, ids: number[], orgId: number, submitted: boolean) => {
      const activities = await trx.selectFrom('activity').select('id').where('org_id', '=', orgId).orderBy('held_on', 'desc').limit(ids.length).execute();
      const { id } = await repo.insertReport(trx, { plan_id: planId, status: 'draft', content: REPORT, created_at: at, updated_at: at, updated_by: userId });
      if (submitted) await repo.updateReport(trx, id, { status: 'submitted', submitted_at: at, submitted_by: userId, updated_at: at, updated_by: userId });
      await repo.replaceReportItems(
        trx,
        id,
        ids.map((itemId, i) => ({
          report_id: id,
          item_id: itemId,
          status: submitted || i < 2 ? statuses[i] : null,
          note: statuses[i] === 'done' ? null : statuses[i] === 'partly' ? '完成了大部分，年底前补齐' : '受场地所限未能开展，明年优先落实',
          activity_ids: activities[i] ? [activities[i].id] : [],
          attachment_ids: [],
        })),
      );
    };

    const [home, ...others] = branchIds;
    const cadres = await cadresOf(home);
    for (const [i, c] of cadres.entries()) {
      const { planId, ids } = await publish(c.id, home, [4, 3, 2, 2][i] ?? 2);
      if (i === 0) await writeReport(planId, ids, home, true);
      if (i === 1) await writeReport(planId, ids, home, false);
    }
    const secretary = cadres.find((c) => c.position === 'secretary');
    if (secretary) {
      await trx
        .updateTable('user_account')
        .set({ member_id: secretary.id })
        .where('username', '=', 'branch.secretary')
        .where('member_id', 'is', null)
        .execute();
    }
    for (const orgId of others.slice(0, 8)) {
      const s = (await cadresOf(orgId)).find((c) => c.position === 'secretary');
      if (!s) continue;
      const { planId, ids } = await publish(s.id, orgId, 3 + (orgId % 3));
      if (orgId % 2 === 0) await writeReport(planId, ids, orgId, true);
    }
  });
}

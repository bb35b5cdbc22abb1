import type { AppContext } from '../context.ts';
import { nowIso } from '../db/database.ts';
import { refreshUnits } from '../campaigns/rollup.ts';

const POSTS = [
  {
    title: '青春心向党 · 主题团日活动走进红色教育基地',
    body: '团支部组织团员走进红色教育基地，重温入团誓词，聆听革命先辈的故事。团员们表示，要立足岗位、主动亮明身份，争当优秀共青团员。',
  },
  { title: '“双争先”动员会召开，支部晒出年度目标', body: '支部召开“双争先”主题实践活动动员会，公布年度争创目标和实施方案，号召团员积极参与、比学赶超。' },
  {
    title: '青年志愿者走进社区开展敬老服务',
    body: '团员青年利用周末时间走进社区，为老人打扫卫生、讲解防诈骗知识，用实际行动践行为青年服务、为群众服务的宗旨。',
  },
  { title: '团干部述职评议会顺利举行', body: '支部委员逐一述职，团员代表现场评议。大家围绕履职情况和承诺兑现情况提出意见建议，推动团干部担当作为。' },
  { title: '“青春宣讲团”走进校园', body: '宣讲团成员结合自身经历，讲述新时代青年奋斗故事，引导同学们坚定理想信念、勇担时代使命。' },
];

const MEDIA = [
  { kind: 'new_media', level: 'city', outlet: '示范共青团微信公众号', title: '“双争先”进行时：基层团支部比学赶超' },
  { kind: 'press', level: 'city', outlet: '示范日报', title: '团员青年争当先锋 社区服务暖人心' },
  { kind: 'online', level: 'province', outlet: '省青年网', title: '示范市“双争先”主题实践活动扎实推进' },
  { kind: 'tv', level: 'county', outlet: '区融媒体中心', title: '青春宣讲走进校园' },
];

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);

/**
 * Demo 宣传: a few approved posts of branches in the city campaign (so the public portal at
 * /p/<campaignId> is not empty), one post of the demo branch waiting for review, and media
 * coverage records, with the roll-up refreshed for the units concerned.
 */
export async function loadDemoPublicity(ctx: AppContext, branchIds: number[], userId: number | null) {
  const campaign = await ctx.db.selectFrom('campaign').select(['id']).orderBy('id').executeTakeFirst();
  if (!campaign || branchIds.length < POSTS.length + 1) return;
  const branches = await ctx.db
    .selectFrom('organization')
    .select(['id', 'path'])
    .where('id', 'in', branchIds.slice(0, POSTS.length + 1))
    .orderBy('id')
    .execute();
  await ctx.db.transaction().execute(async (trx) => {
    for (const [i, p] of POSTS.entries()) {
      const b = branches[(i + 1) % branches.length];
      const at = daysAgo(2 + i * 3).toISOString();
      await trx
        .insertInto('post')
        .values({
          campaign_id: campaign.id,
          org_id: b.id,
          org_path: b.path,
          title: p.title,
          body: p.body,
          photo_ids: '[]',
          activity_ids: '[]',
          video_url: null,
          status: 'approved',
          submitted_at: at,
          published_at: at,
          reviewed_at: at,
          reviewed_by: userId,
          created_by: null,
          created_at: at,
          updated_at: at,
        })
        .execute();
    }
    const home = branches[0];
    const at = nowIso();
    await trx
      .insertInto('post')
      .values({
        campaign_id: campaign.id,
        org_id: home.id,
        org_path: home.path,
        title: '支部开展“学习二十大 永远跟党走”主题学习',
        body: '全体团员参加集中学习，并结合岗位实际交流体会。',
        photo_ids: '[]',
        activity_ids: '[]',
        video_url: null,
        status: 'submitted',
        submitted_at: at,
        created_by: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    for (const [i, m] of MEDIA.entries()) {
      const b = branches[i % branches.length];
      await trx
        .insertInto('media_coverage')
        .values({
          campaign_id: campaign.id,
          org_id: b.id,
          org_path: b.path,
          kind: m.kind,
          level: m.level,
          outlet: m.outlet,
          published_on: daysAgo(1 + i * 4)
            .toISOString()
            .slice(0, 10),
          title: m.title,
          url: 'https://www.example.cn/news',
          attachment_id: null,
          post_id: null,
          activity_id: null,
          created_by: userId,
          created_at: at,
          updated_at: at,
        })
        .execute();
    }
    await refreshUnits(
      trx,
      campaign.id,
      branches.map((b) => b.id),
    );
  });
}

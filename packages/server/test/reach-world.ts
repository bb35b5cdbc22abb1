import { createMember, createTree, yearPhases, type OrgRef, type Tree } from './factories.ts';
import type { SignedInClient, TestApp } from './setup.ts';

/**
 * A campaign at the city over the test tree, with members who have their own accounts (the
 * member role, linked to the member) — the world of the notices and pledges tests.
 */
export interface ReachWorld {
  tree: Tree;
  campaignId: number;
  city: SignedInClient;
  /** A member with a signed-in member account at `org`. */
  member(org: OrgRef, name?: string): Promise<{ id: number; client: SignedInClient }>;
  /** The roll-up row of a metric for an organization: its own figure and its subtree's. */
  figure(orgId: number, metric: string): Promise<{ own: number; subtree: number }>;
}

export async function createReachWorld(t: TestApp): Promise<ReachWorld> {
  const tree = await createTree(t.ctx);
  const city = await t.loginAs('org_admin', tree.city);
  const templateId = (await city.get('/api/v1/templates')).body[0].id;
  const res = await city.post('/api/v1/campaigns', { templateId, orgId: tree.city.id, name: '双争先', phases: yearPhases(new Date().getUTCFullYear()) });
  if (res.status !== 201) throw new Error(`campaign: ${res.status} ${JSON.stringify(res.body)}`);
  const campaignId = res.body.id as number;
  return {
    tree,
    campaignId,
    city,
    async member(org, name = '张晓') {
      const m = await createMember(t.ctx, org, { name });
      return { id: m.id, client: await t.loginAs('member', org, { memberId: m.id }) };
    },
    async figure(orgId, metric) {
      const row = await t.ctx.db
        .selectFrom('campaign_stat')
        .select(['own', 'subtree'])
        .where('campaign_id', '=', campaignId)
        .where('org_id', '=', orgId)
        .where('metric', '=', metric)
        .executeTakeFirst();
      return { own: Number(row?.own ?? 0), subtree: Number(row?.subtree ?? 0) };
    },
  };
}

export const QUIZ = {
  questions: [
    { text: '“双争先”指什么？', kind: 'single', options: ['争创先进集体、争当先进个人', '争先恐后'], correct: [0] },
    { text: '五四红旗团组织包括哪些？', kind: 'multiple', options: ['五四红旗团委', '五四红旗团支部', '红旗食堂'], correct: [0, 1] },
  ],
  passMark: { kind: 'count', value: 2 },
} as const;

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { excellentCap, isoToday } from '@zx/domain';
import { createTestApp, type TestApp } from '../../test/setup.ts';
import { createMember, createTree, yearPhases, type Tree } from '../../test/factories.ts';
import { loadDemoEvaluations } from '../demo/evaluation.ts';

/** The demo evaluations obey the rules they demonstrate and feed the dashboard. */
let t: TestApp;
let tree: Tree;
const year = Number(isoToday().slice(0, 4));

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  for (const org of [tree.bA1a, tree.bA1b, tree.gA1x, tree.bA2a, tree.bB1a]) {
    for (let i = 0; i < 12; i++) await createMember(t.ctx, org, { name: `团员${i}` });
  }
});
afterAll(() => t?.close());

describe('demo evaluations', () => {
  it('writes readable rounds within the 优秀 cap and counts them on the city dashboard', async () => {
    const city = await t.loginAs('org_admin', tree.city);
    const c = await city.post('/api/v1/campaigns', { templateId: 1, orgId: tree.city.id, name: '演示活动', phases: yearPhases(year) });
    await loadDemoEvaluations(t.ctx, [tree.bA1a.id, tree.bA1b.id, tree.gA1x.id, tree.bA2a.id, tree.bB1a.id], null);
    const rounds = await t.ctx.db.selectFrom('member_evaluation').selectAll().orderBy('id').execute();
    expect(rounds.map((r) => `${r.org_id}:${r.year}:${r.stage}`)).toEqual([
      `${tree.bA1a.id}:${year - 1}:approved`,
      `${tree.bA1a.id}:${year}:self_assessment`,
      ...[tree.bA1b, tree.gA1x, tree.bA2a, tree.bB1a].map((o) => `${o.id}:${year}:approved`),
    ]);
    for (const r of rounds) {
      const got = await city.get(`/api/v1/evaluations/${r.id}`);
      expect(got.status).toBe(200);
      expect(got.body.figures.excellent).toBeLessThanOrEqual(excellentCap(got.body.figures.participants, 30));
    }
    const dash = (await city.get(`/api/v1/campaigns/${c.body.id}/dashboard?orgId=${tree.city.id}`)).body.assessment;
    expect(dash.membersEvaluated).toBe(48);
    expect(dash.excellentMemberRatio).toBeGreaterThan(0);
    expect(await t.ctx.db.selectFrom('member_negative_entry').select('id').execute()).toHaveLength(2);
  });
});

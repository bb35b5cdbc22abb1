import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoToday } from '@zx/domain';
import { createTestApp, type TestApp } from '../../test/setup.ts';
import { createMember, createTree, type Tree } from '../../test/factories.ts';
import { loadDemoEvaluations } from '../demo/evaluation.ts';
import { loadDemoHonours } from '../demo/honours.ts';

/** The demo round is on notice in the demo branch's district with candidates that pass every rule. */
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

describe('demo honours', () => {
  it('puts eligible candidates on notice, readable by a member of the demo branch', async () => {
    const branches = [tree.bA1a.id, tree.bA1b.id, tree.gA1x.id, tree.bA2a.id, tree.bB1a.id];
    await loadDemoEvaluations(t.ctx, branches, null);
    await loadDemoHonours(t.ctx, branches, null);
    const round = await t.ctx.db.selectFrom('honour_round').selectAll().executeTakeFirstOrThrow();
    expect(round).toMatchObject({ org_id: tree.dA.id, status: 'notice', year });
    const m = (await createMember(t.ctx, tree.bA1a, { name: '演示团员' })).id;
    const member = await t.loginAs('member', tree.bA1a, { memberId: m });
    const seen = await member.get(`/api/v1/honours/rounds/${round.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.candidates.length).toBeGreaterThan(0);
    expect(seen.body.can.object).toBe(true);
    const district = await t.loginAs('org_admin', tree.dA);
    const eligible = await district.get(`/api/v1/honours/rounds/${round.id}/eligible?kind=excellent_member`);
    for (const c of seen.body.candidates) expect(eligible.body.items.map((i: { subjectKey: string }) => i.subjectKey)).toContain(c.subjectKey);
    const hours = await district.get(`/api/v1/honours/volunteer-hours?orgId=${tree.bA1a.id}&year=${year}`);
    expect(hours.body.items.filter((i: { hours: number | null }) => i.hours !== null).length).toBeGreaterThan(0);
    expect((await t.ctx.db.selectFrom('dues_record').select('org_id').execute()).length).toBeGreaterThan(0);
  });
});

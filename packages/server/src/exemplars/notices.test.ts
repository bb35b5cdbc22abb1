import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoToday } from '@zx/domain';
import { createTestApp, type SignedInClient, type TestApp } from '../../test/setup.ts';
import { createMember, createTree, yearPhases, type Tree } from '../../test/factories.ts';
import { kindsOf } from '../../test/notice-probe.ts';

/**
 * Who hears of a nomination and its decision (inbox/audiences.ts): the level above that selects
 * (exemplar.select), then the nominating and the nominee's organizations' cadres who nominate
 * (exemplar.nominate) — never their plain members, never a sibling.
 */
let t: TestApp;
let tree: Tree;
let district: SignedInClient; // org admin at 红星区团委: selects
let committee: SignedInClient; // org admin at 红星中学团委: nominates
let secretary: SignedInClient; // branch secretary at 高一(1)班团支部: the nominee's unit
let sibling: SignedInClient; // branch secretary at 高一(2)班团支部
let inspector: SignedInClient; // inspector at 红星区团委 (reads exemplars, selects nothing)
const members = new Map<string, SignedInClient>(); // plain members at dA, cA1, bA1a
let campaignId: number;

const today = isoToday();
const kinds = kindsOf;

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  const city = await t.loginAs('org_admin', tree.city);
  district = await t.loginAs('org_admin', tree.dA);
  committee = await t.loginAs('org_admin', tree.cA1);
  secretary = await t.loginAs('branch_secretary', tree.bA1a);
  sibling = await t.loginAs('branch_secretary', tree.bA1b);
  inspector = await t.loginAs('inspector', tree.dA);
  for (const [key, org] of [
    ['dA', tree.dA],
    ['cA1', tree.cA1],
    ['bA1a', tree.bA1a],
  ] as const) {
    members.set(key, await t.loginAs('member', org, { memberId: (await createMember(t.ctx, org)).id }));
  }
  const templateId = (await city.get('/api/v1/templates')).body[0].id;
  campaignId = (await city.post('/api/v1/campaigns', { templateId, orgId: tree.city.id, name: '主题实践活动', phases: yearPhases(Number(today.slice(0, 4))) }))
    .body.id;
});
afterAll(() => t?.close());

describe('exemplar notices by audience', () => {
  let id: number;

  it('exemplar_nominated: the selectors of the level above the nominator; not its plain members or inspectors, not the nominee', async () => {
    const res = await committee.post('/api/v1/exemplars', {
      campaignId,
      kind: 'unit',
      nomineeOrgId: tree.bA1a.id,
      title: '红旗团支部创建典型',
      materials: '先进事迹材料',
    });
    expect(res.status).toBe(201);
    id = res.body.id;
    expect(await kinds(district)).toEqual(['exemplar_nominated']);
    for (const c of [members.get('dA')!, inspector, committee, secretary, members.get('bA1a')!]) expect(await kinds(c)).not.toContain('exemplar_nominated');
  });

  it("exemplar_decided: the nominating and the nominee's organizations' cadres; not their plain members, not a sibling", async () => {
    expect((await district.post(`/api/v1/exemplars/${id}/decide`, { decision: 'selected', note: '经团区委研究决定', decidedOn: today })).status).toBe(200);
    expect(await kinds(committee)).toEqual(['exemplar_decided']);
    expect(await kinds(secretary)).toEqual(['exemplar_decided']);
    for (const c of [members.get('cA1')!, members.get('bA1a')!, sibling, members.get('dA')!]) expect(await kinds(c)).not.toContain('exemplar_decided');
  });

  it('lets a plain member read the selected exemplar of their district (exemplar.read), not a pending nomination', async () => {
    const pending = (await committee.post('/api/v1/exemplars', { campaignId, kind: 'unit', nomineeOrgId: tree.bA1b.id, title: '待评选', materials: '材料' }))
      .body.id;
    const member = members.get('bA1a')!;
    expect((await member.get(`/api/v1/exemplars/${id}`)).status).toBe(200);
    expect((await member.get(`/api/v1/exemplars/${pending}`)).status).toBe(404);
    const list = await member.get('/api/v1/exemplars?status=selected');
    expect(list.status).toBe(200);
    expect(list.body.items.map((e: { id: number }) => e.id)).toEqual([id]);
    expect((await member.get('/api/v1/exemplars')).body.items.map((e: { id: number }) => e.id)).toEqual([id]);
  });

  it('shows a plain member only exemplars selected at or above their organization: the member role has no subtree', async () => {
    const general = await t.loginAs('org_admin', tree.gA1);
    const below = (
      await general.post('/api/v1/exemplars', { campaignId, kind: 'unit', nomineeOrgId: tree.gA1x.id, title: '教工示范团支部', materials: '材料' })
    ).body.id;
    expect((await general.post(`/api/v1/exemplars/${below}/decide`, { decision: 'selected', note: '团总支研究决定', decidedOn: today })).status).toBe(200);
    // Selected by 教工团总支, below 红星中学团委: its committee admin reads it (its subtree), the committee's plain member does not.
    expect((await committee.get(`/api/v1/exemplars/${below}`)).status).toBe(200);
    const member = members.get('cA1')!;
    expect((await member.get(`/api/v1/exemplars/${below}`)).status).toBe(404);
    expect((await member.get('/api/v1/exemplars')).body.items.map((e: { id: number }) => e.id)).toEqual([id]);
  });
});

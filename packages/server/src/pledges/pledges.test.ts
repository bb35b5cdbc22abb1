import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedInClient, type TestApp } from '../../test/setup.ts';
import { createReachWorld, type ReachWorld } from '../../test/reach-world.ts';
import { MEMBERS_PLEDGED } from './facts.ts';
import { pledgeTodos } from './todos.ts';
import { noticeTodos } from '../notices/todos.ts';
import type { Actor } from '../auth/actor.ts';

let t: TestApp;
let w: ReachWorld;
let secretary: SignedInClient;

beforeAll(async () => {
  t = await createTestApp();
  w = await createReachWorld(t);
  secretary = await t.loginAs('branch_secretary', w.tree.bA1a);
});
afterAll(() => t?.close());

const pledge = { post: '高一(1)班学习委员', pledge: '带头学习团史，帮助两名同学提高成绩。' };
const actorOf = (memberId: number): Actor => ({
  userId: 0,
  username: 'x',
  displayName: 'x',
  memberId,
  sessionId: 'x',
  ip: null,
  grant: { id: 0, role: 'member', orgId: w.tree.bA1a.id, orgPath: w.tree.bA1a.path, orgName: '' },
});

describe('member pledges', () => {
  it('lets a member pledge and edit it while the campaign runs; the branch figure counts them once', async () => {
    const m = await w.member(w.tree.bA1a, '承诺团员');
    const base = await w.figure(w.tree.bA1a.id, MEMBERS_PLEDGED);
    const cityBase = await w.figure(w.tree.city.id, MEMBERS_PLEDGED);
    expect((await pledgeTodos(t.ctx.db, actorOf(m.id))).map((x) => x.key)).toEqual([`pledge:${w.campaignId}`]);
    const mine = (await m.client.get('/api/v1/pledges/mine')).body;
    expect(mine).toEqual([expect.objectContaining({ campaignId: w.campaignId, running: true, pledge: null })]);
    const first = await m.client.put(`/api/v1/pledges/mine/${w.campaignId}`, pledge);
    expect([first.status, first.body.pledge.post]).toEqual([200, pledge.post]);
    const edit = await m.client.put(`/api/v1/pledges/mine/${w.campaignId}`, { ...pledge, pledge: '改后的承诺' });
    expect(edit.body.pledge.pledge).toBe('改后的承诺');
    expect(await w.figure(w.tree.bA1a.id, MEMBERS_PLEDGED)).toEqual({ own: base.own + 1, subtree: base.subtree + 1 });
    expect((await w.figure(w.tree.city.id, MEMBERS_PLEDGED)).subtree).toBe(cityBase.subtree + 1);
    expect(await pledgeTodos(t.ctx.db, actorOf(m.id))).toEqual([]);
  });

  it('refuses an empty post and a pledge over the length bound, field by field', async () => {
    const m = await w.member(w.tree.bA1a);
    const res = await m.client.put(`/api/v1/pledges/mine/${w.campaignId}`, { post: ' ', pledge: '长'.repeat(501) });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['pledge', 'post']);
    expect(res.body.errors.every((e: { messages: { zh: string; en: string } }) => e.messages.zh && e.messages.en)).toBe(true);
    expect(await t.ctx.db.selectFrom('member_pledge').select('id').where('member_id', '=', m.id).execute()).toHaveLength(0);
  });

  it('shows the pledges to the members of the same branch and its cadres, not to another branch', async () => {
    const a = await w.member(w.tree.bA1a, '甲团员');
    const b = await w.member(w.tree.bA1a, '乙团员');
    const other = await w.member(w.tree.bA1b, '丙团员');
    await a.client.put(`/api/v1/pledges/mine/${w.campaignId}`, pledge);
    const seen = (await b.client.get(`/api/v1/pledges/mine/${w.campaignId}/branch`)).body;
    expect(seen.items.map((x: { name: string }) => x.name)).toContain('甲团员');
    const elsewhere = (await other.client.get(`/api/v1/pledges/mine/${w.campaignId}/branch`)).body;
    expect(elsewhere.items.map((x: { name: string }) => x.name)).not.toContain('甲团员');
    const cadres = await secretary.get(`/api/v1/pledges?campaignId=${w.campaignId}&orgId=${w.tree.bA1a.id}`);
    expect(cadres.body.items.map((x: { name: string }) => x.name)).toContain('甲团员');
    expect((await secretary.get(`/api/v1/pledges?campaignId=${w.campaignId}&orgId=${w.tree.bA1b.id}`)).status).toBe(404);
    const missing = (
      await secretary.get(`/api/v1/campaigns/${w.campaignId}/dashboard/members?orgId=${w.tree.bA1a.id}&figure=pledged&state=missing&pageSize=200`)
    ).body;
    expect(missing.items.map((x: { name: string }) => x.name)).toContain('乙团员');
    expect(missing.items.map((x: { name: string }) => x.name)).not.toContain('甲团员');
  });

  it("does not let a manager write a member's pledge", async () => {
    const m = await w.member(w.tree.bA1a);
    expect((await secretary.put(`/api/v1/pledges/mine/${w.campaignId}`, pledge)).status).toBe(404);
    expect((await w.city.put(`/api/v1/pledges/mine/${w.campaignId}`, pledge)).status).toBe(404);
    expect(await t.ctx.db.selectFrom('member_pledge').select('id').where('member_id', '=', m.id).execute()).toHaveLength(0);
  });

  it('refuses a pledge in a campaign that is over', async () => {
    const y = new Date().getUTCFullYear() - 2;
    const templateId = (await w.city.get('/api/v1/templates')).body[0].id;
    const phases = [
      { key: 'mobilization', startsOn: `${y}-01-01`, endsOn: `${y}-02-28` },
      { key: 'implementation', startsOn: `${y}-03-01`, endsOn: `${y}-08-31` },
      { key: 'deepening', startsOn: `${y}-09-01`, endsOn: `${y}-10-31` },
      { key: 'summary', startsOn: `${y}-11-01`, endsOn: `${y}-12-31` },
    ];
    const old = await w.city.post('/api/v1/campaigns', { templateId, orgId: w.tree.city.id, name: '往年活动', phases });
    expect(old.status, JSON.stringify(old.body)).toBe(201);
    const m = await w.member(w.tree.bA1a);
    const res = await m.client.put(`/api/v1/pledges/mine/${old.body.id}`, pledge);
    expect([res.status, res.body.code]).toEqual([409, 'CAMPAIGN_NOT_RUNNING']);
    expect((await pledgeTodos(t.ctx.db, actorOf(m.id))).map((x) => x.campaignId)).not.toContain(old.body.id);
  });
});

describe('notice to-dos', () => {
  it('lists a notice to read until the member acknowledges it, due on its deadline', async () => {
    const m = await w.member(w.tree.bA1a, '待办团员');
    const d = await secretary.post('/api/v1/notices', {
      campaignId: w.campaignId,
      orgId: w.tree.bA1a.id,
      title: '学习通知',
      body: '正文',
      dueOn: '2099-12-31',
    });
    await secretary.post(`/api/v1/notices/${d.body.id}/send`);
    const todos = await noticeTodos(t.ctx.db, actorOf(m.id));
    expect(todos.find((x) => x.key === `notice:${d.body.id}`)).toMatchObject({ kind: 'notice_read', dueAt: '2099-12-31', link: `/my/notices/${d.body.id}` });
    await m.client.post(`/api/v1/notices/mine/${d.body.id}/acknowledge`);
    expect((await noticeTodos(t.ctx.db, actorOf(m.id))).find((x) => x.key === `notice:${d.body.id}`)).toBeUndefined();
  });
});

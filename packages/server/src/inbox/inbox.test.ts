import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/setup.ts';
import { createTree, type OrgRef, type Tree } from '../../test/factories.ts';
import type { TestClient } from '../../test/client.ts';
import { createMember, createUser } from '../../test/factories.ts';
import { notify, type OrgNotice } from './service.ts';

let t: TestApp;
let tree: Tree;
/** One signed-in account per organization of the tree (secretaries at branches, admins above). */
const at = new Map<number, TestClient>();
let secretary: TestClient;
/** A plain member of 高一(1)班团支部 (role member): a notice for the branch's cadres is not theirs. */
let plainMember: TestClient;
let plainMemberId: number;

const send = async (org: OrgRef, n: Partial<OrgNotice> = {}) => {
  await notify(t.ctx.db, { org, kind: 'plan_returned', titleZh: `通知 ${org.name}`, titleEn: `Notice ${org.code}`, link: '/plans', ...n } as OrgNotice);
  const row = await t.ctx.db.selectFrom('notification').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
  return row.id;
};
const ids = async (c: TestClient, q = '') => (await c.get(`/api/v1/inbox${q}`)).body.items.map((i: { id: number }) => i.id) as number[];
const unread = async (c: TestClient) => (await c.get('/api/v1/inbox/unread-count')).body.unread as number;
const reads = async () =>
  (await t.ctx.db.selectFrom('notification_read').select(['notification_id', 'user_id']).orderBy('notification_id').orderBy('user_id').execute()).length;

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  for (const org of Object.values(tree)) {
    const role = org.name.endsWith('团支部') ? 'branch_secretary' : 'org_admin';
    at.set(org.id, await t.loginAs(role, org));
  }
  secretary = at.get(tree.bA1a.id)!;
  plainMemberId = (await createMember(t.ctx, tree.bA1a, { name: '钱多多' })).id;
  plainMember = await t.loginAs('member', tree.bA1a, { memberId: plainMemberId });
});
afterAll(() => t?.close());

describe('inbox', () => {
  let toBranch: number;
  let toCommittee: number;
  let broadcast: number;

  it('shows a notice addressed to an organization to its accounts whose role acts on it, newest first', async () => {
    toBranch = await send(tree.bA1a, {
      kind: 'plan_approved',
      titleZh: '实施方案已通过',
      titleEn: 'Plan approved',
      body: '请按方案开展活动',
      link: '/plans/1',
    });
    toCommittee = await send(tree.cA1, { kind: 'plan_submitted' });
    const list = await secretary.get('/api/v1/inbox');
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 1, page: 1, pageSize: 20 });
    expect(list.body.items[0]).toMatchObject({
      id: toBranch,
      kind: 'plan_approved',
      titleZh: '实施方案已通过',
      titleEn: 'Plan approved',
      body: '请按方案开展活动',
      link: '/plans/1',
      readAt: null,
    });
    expect(list.body.items[0].createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    // A plan's approval is the branch cadres' business (plan.write), not a plain member's.
    expect(await ids(plainMember)).toEqual([]);
    // Addressed to 红星中学团委 itself: its own admin sees it, the branches below do not.
    expect(await ids(at.get(tree.cA1.id)!)).toEqual([toCommittee]);
    for (const org of [tree.bA1b, tree.gA1x, tree.dA, tree.city, tree.bB1a, tree.cA2]) {
      expect(await ids(at.get(org.id)!), org.name).toEqual([]);
    }
  });

  it('shows a subtree broadcast to the organization and every account below it, not above or beside', async () => {
    broadcast = await send(tree.cA1, { kind: 'bulletin_published', titleZh: '〔2026〕3号通报', titleEn: 'Bulletin No. 3' });
    for (const org of [tree.cA1, tree.bA1a, tree.bA1b, tree.gA1, tree.gA1x]) {
      expect(await ids(at.get(org.id)!), org.name).toContain(broadcast);
    }
    for (const org of [tree.dA, tree.city, tree.cA2, tree.bA2a, tree.dB, tree.bB1a]) {
      expect(await ids(at.get(org.id)!), org.name).not.toContain(broadcast);
    }
    expect(await ids(secretary)).toEqual([broadcast, toBranch]);
    expect(await ids(plainMember), 'a bulletin is for the cadres below').toEqual([]);
    const cityWide = await send(tree.city, { kind: 'honour_notice_published', titleZh: '优秀团员评选公示', titleEn: 'Honours notice' });
    expect(await ids(at.get(tree.bB1a.id)!)).toEqual([cityWide]);
    expect(await ids(secretary)).toEqual([cityWide, broadcast, toBranch]);
    // A public notice (公示) is every member's business: they may object to it.
    expect(await ids(plainMember)).toEqual([cityWide]);
  });

  it('shows a personal notice only to the sessions of that member or that account', async () => {
    const other = await createMember(t.ctx, tree.bA1a, { name: '孙悟' });
    const forMember = await notify(t.ctx.db, {
      member: { id: plainMemberId, orgId: tree.bA1a.id, orgPath: tree.bA1a.path },
      kind: 'vote_opened',
      titleZh: '请投票',
      titleEn: 'Please vote',
    });
    const forOther = await notify(t.ctx.db, {
      member: { id: other.id, orgId: tree.bA1a.id, orgPath: tree.bA1a.path },
      kind: 'cadre_report_due',
      titleZh: '请提交述职报告',
      titleEn: 'Report due',
    });
    expect(forMember && forOther).toBe(true);
    const mine = (await plainMember.get('/api/v1/inbox')).body.items.map((i: { kind: string }) => i.kind);
    expect(mine).toContain('vote_opened');
    expect(mine).not.toContain('cadre_report_due');
    expect((await secretary.get('/api/v1/inbox')).body.items.map((i: { kind: string }) => i.kind)).not.toContain('vote_opened');
    // A cadre who is also this kind of recipient sees it whichever grant is active; the branch's other secretary does not.
    const cadreMember = await createMember(t.ctx, tree.bA1a, { name: '周支书', position: 'secretary' });
    const cadre = await createUser(
      t.ctx,
      [
        { role: 'branch_secretary', org: tree.bA1a },
        { role: 'member', org: tree.bA1a },
      ],
      { memberId: cadreMember.id },
    );
    await notify(t.ctx.db, {
      member: { id: cadreMember.id, orgId: tree.bA1a.id, orgPath: tree.bA1a.path },
      kind: 'cadre_report_due',
      titleZh: '请提交述职报告',
      titleEn: 'Report due',
    });
    const asCadre = t.client();
    expect((await asCadre.login(cadre.username)).status).toBe(200);
    const kinds = async () => (await asCadre.get('/api/v1/inbox')).body.items.map((i: { kind: string }) => i.kind);
    expect(await kinds()).toContain('cadre_report_due');
    const grants = (await asCadre.get('/api/v1/auth/me')).body.grants as { id: number; role: string }[];
    expect((await asCadre.post('/api/v1/auth/switch', { grantId: grants.find((g) => g.role === 'member')!.id })).status).toBe(200);
    expect(await kinds()).toContain('cadre_report_due');
    expect((await secretary.get('/api/v1/inbox')).body.items.map((i: { kind: string }) => i.kind)).not.toContain('cadre_report_due');
    const objector = await createUser(t.ctx, [{ role: 'member', org: tree.bA2a }]);
    await notify(t.ctx.db, {
      user: { id: objector.id, orgId: tree.bA2a.id, orgPath: tree.bA2a.path },
      kind: 'honour_objection_handled',
      titleZh: '异议已答复',
      titleEn: 'Objection answered',
    });
    const row = await t.ctx.db
      .selectFrom('notification')
      .select(['id', 'audience', 'user_id'])
      .where('kind', '=', 'honour_objection_handled')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ audience: 'user', user_id: objector.id });
    for (const org of [tree.bA2a, tree.cA2, tree.dA]) {
      expect(await ids(at.get(org.id)!), org.name).not.toContain(row.id);
    }
    // Read by nobody else: marking it read is a 404 for the others.
    expect((await at.get(tree.bA2a.id)!.post(`/api/v1/inbox/${row.id}/read`)).status).toBe(404);
    await t.ctx.db.deleteFrom('notification').where('audience', 'in', ['member', 'user']).execute();
  });

  it('counts unread notices per account and marks one read for that account only', async () => {
    expect(await unread(secretary)).toBe(3);
    const res = await secretary.post(`/api/v1/inbox/${toBranch}/read`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });
    expect(await unread(secretary)).toBe(2);
    // Reading twice is harmless.
    expect((await secretary.post(`/api/v1/inbox/${toBranch}/read`)).status).toBe(200);
    expect(await unread(secretary)).toBe(2);
    expect(await unread(plainMember)).toBe(1);
    const list = (await secretary.get('/api/v1/inbox')).body.items;
    expect(list.find((i: { id: number }) => i.id === toBranch).readAt).toMatch(/^\d{4}-/);
    expect(await ids(secretary, '?unreadOnly=1')).not.toContain(toBranch);
    expect((await secretary.get('/api/v1/inbox?unreadOnly=1')).body.total).toBe(2);
  });

  it("answers 404 to a sibling, child, parent or unrelated account marking another organization's notice, and writes nothing", async () => {
    const before = await reads();
    for (const org of [tree.bA1b, tree.gA1x, tree.cA1, tree.dA, tree.city, tree.bB1a]) {
      const res = await at.get(org.id)!.post(`/api/v1/inbox/${toBranch}/read`);
      expect(res.status, org.name).toBe(404);
      expect(res.body.code).toBe('NOT_FOUND');
    }
    // A broadcast to 红星中学团委's subtree is out of reach of the district above it.
    expect((await at.get(tree.dA.id)!.post(`/api/v1/inbox/${broadcast}/read`)).status).toBe(404);
    const missing = await secretary.post('/api/v1/inbox/999999/read');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('NOT_FOUND');
    expect(await reads()).toBe(before);
    expect((await secretary.post('/api/v1/inbox/abc/read')).status).toBe(422);
  });

  it('marks everything read at once, leaving other accounts untouched', async () => {
    const res = await secretary.post('/api/v1/inbox/read-all');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ marked: 2 });
    expect(await unread(secretary)).toBe(0);
    expect(await ids(secretary, '?unreadOnly=1')).toEqual([]);
    expect((await secretary.post('/api/v1/inbox/read-all')).body).toEqual({ marked: 0 });
    expect(await unread(plainMember)).toBe(1);
    expect(await unread(at.get(tree.bA1b.id)!)).toBe(2);
  });

  it('sends a reminder with a dedupe key only once', async () => {
    const first = await notify(t.ctx.db, {
      org: tree.bA2a,
      kind: 'report_deadline',
      titleZh: '书面汇报即将截止',
      titleEn: 'Report due soon',
      dedupeKey: 'report:7:org:9:d-3',
    });
    const again = await notify(t.ctx.db, {
      org: tree.bA2a,
      kind: 'report_deadline',
      titleZh: '书面汇报即将截止',
      titleEn: 'Report due soon',
      dedupeKey: 'report:7:org:9:d-3',
    });
    expect(first).toBe(true);
    expect(again).toBe(false);
    const other = await notify(t.ctx.db, {
      org: tree.bA2a,
      kind: 'report_deadline',
      titleZh: '书面汇报今日截止',
      titleEn: 'Report due today',
      dedupeKey: 'report:7:org:9:d-0',
    });
    expect(other).toBe(true);
    // Notices without a key never collide.
    expect(await notify(t.ctx.db, { org: tree.bA2a, kind: 'rectification_due', titleZh: '整改到期', titleEn: 'Rectification due' })).toBe(true);
    expect(await notify(t.ctx.db, { org: tree.bA2a, kind: 'rectification_due', titleZh: '整改到期', titleEn: 'Rectification due' })).toBe(true);
    expect(await unread(at.get(tree.bA2a.id)!)).toBe(4 + 1); // + the city-wide broadcast
  });

  it('pages the list and rejects bad paging with field errors', async () => {
    const c = at.get(tree.bA2a.id)!;
    const p1 = (await c.get('/api/v1/inbox?pageSize=2')).body;
    const p3 = (await c.get('/api/v1/inbox?pageSize=2&page=3')).body;
    expect(p1.total).toBe(5);
    expect(p1.items).toHaveLength(2);
    expect(p3.items).toHaveLength(1);
    expect(p3.items[0].titleZh).toBe('优秀团员评选公示');
    const bad = await c.get('/api/v1/inbox?pageSize=1000&unreadOnly=yes');
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['pageSize', 'unreadOnly']);
    expect(bad.body.errors[0].messages.zh).toMatch(/[\u4e00-\u9fff]/);
  });

  it('needs a session', async () => {
    const anon = t.client();
    expect((await anon.get('/api/v1/inbox')).status).toBe(401);
    expect((await anon.get('/api/v1/inbox/unread-count')).status).toBe(401);
  });
});

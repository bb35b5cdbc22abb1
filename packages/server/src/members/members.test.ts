import { isoToday } from '@zx/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/setup.ts';
import { createMember, createTree, createUser, testIdCard, type Tree } from '../../test/factories.ts';
import type { TestClient } from '../../test/client.ts';

let t: TestApp;
let tree: Tree;
let secretary: TestClient;
let admin: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  secretary = t.client();
  await secretary.login((await createUser(t.ctx, [{ role: 'branch_secretary', org: tree.bA1a }])).username);
  admin = t.client();
  await admin.login((await createUser(t.ctx, [{ role: 'org_admin', org: tree.dA }])).username);
});
afterAll(() => t?.close());

const counts = async (id: number) =>
  t.ctx.db.selectFrom('organization').select(['direct_member_count', 'subtree_member_count']).where('id', '=', id).executeTakeFirstOrThrow();

describe('roster', () => {
  it('adds a member, derives gender and birth date from the ID, masks ID and phone, updates roll-ups', async () => {
    const idCard = testIdCard('20030415');
    const before = await counts(tree.dA.id);
    const res = await secretary.post('/api/v1/members', {
      orgId: tree.bA1a.id,
      name: ' 王 小明 ',
      idCard: idCard.toLowerCase(),
      phone: '１３８００１３８０００',
      joinedOn: '2017.5.4',
      position: '团支部书记',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: '王小明',
      birthDate: '2003-04-15',
      gender: Number(idCard[16]) % 2 ? 'male' : 'female',
      joinedOn: '2017-05-04',
      position: 'secretary',
      idCardMasked: `*****************${idCard.slice(-1)}`,
      phoneMasked: '138****8000',
      orgName: '高一(1)班团支部',
      transfers: [],
    });
    expect(JSON.stringify(res.body)).not.toContain(idCard.slice(0, 17));
    expect((await counts(tree.dA.id)).subtree_member_count).toBe(before.subtree_member_count + 1);
    expect((await counts(tree.bA1a.id)).direct_member_count).toBeGreaterThanOrEqual(1);
  });

  it('reports every problem of a bad record with bilingual field errors and writes nothing', async () => {
    const before = await t.ctx.db
      .selectFrom('member')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const good = testIdCard('20000101');
    const badChecksum = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const res = await secretary.post('/api/v1/members', { orgId: tree.bA1a.id, name: '李雷', idCard: badChecksum, phone: '12345', joinedOn: '明年' });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const byField = Object.fromEntries(res.body.errors.map((e: { field: string; code: string }) => [e.field, e.code]));
    expect(byField).toMatchObject({ idCard: 'ID_CARD_CHECKSUM', phone: 'PHONE_FORMAT', joinedOn: 'DATE_FORMAT' });
    const idErr = res.body.errors.find((e: { field: string }) => e.field === 'idCard');
    expect(idErr.messages.zh).toContain('校验');
    expect(idErr.messages.en.length).toBeGreaterThan(5);
    const mismatch = await secretary.post('/api/v1/members', { orgId: tree.bA1a.id, name: '韩梅梅', idCard: good, gender: Number(good[16]) % 2 ? '女' : '男' });
    expect(mismatch.body.errors[0].code).toBe('GENDER_MISMATCH_ID_CARD');
    const after = await t.ctx.db
      .selectFrom('member')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it("keeps a cadre's date in post (任职时间): given, unknown, or the day the position changes here", async () => {
    const today = isoToday(); // the server's date (China), not UTC's
    const future = `${Number(today.slice(0, 4)) + 1}-01-01`;
    const bad = await secretary.post('/api/v1/members', {
      orgId: tree.bA1a.id,
      name: '赵委员',
      idCard: testIdCard('20040101'),
      position: 'organization_member',
      positionSince: future,
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0]).toMatchObject({ field: 'positionSince', code: 'MEMBER_POSITION_SINCE_INVALID' });
    const noSuchDay = await secretary.post('/api/v1/members', {
      orgId: tree.bA1a.id,
      name: '赵委员',
      idCard: testIdCard('20040101'),
      position: 'organization_member',
      positionSince: '2025-02-30',
    });
    expect(noSuchDay.body.errors[0]).toMatchObject({ field: 'positionSince', code: 'MEMBER_POSITION_SINCE_INVALID' });
    expect(await t.ctx.db.selectFrom('member').select('id').where('name', '=', '赵委员').execute()).toEqual([]);

    const given = await secretary.post('/api/v1/members', {
      orgId: tree.bA1a.id,
      name: '赵委员',
      idCard: testIdCard('20040101'),
      position: 'organization_member',
      positionSince: '2025-09-01',
    });
    expect(given.body).toMatchObject({ position: 'organization_member', positionSince: '2025-09-01' });
    const unknown = await secretary.post('/api/v1/members', {
      orgId: tree.bA1a.id,
      name: '钱委员',
      idCard: testIdCard('20040202'),
      position: 'publicity_member',
    });
    expect(unknown.body.positionSince).toBeNull(); // unknown: never exempt from 述职评议 by accident
    const promoted = await secretary.patch(`/api/v1/members/${unknown.body.id}`, { position: 'deputy_secretary' });
    expect(promoted.body.positionSince).toBe(today);
    const corrected = await secretary.patch(`/api/v1/members/${unknown.body.id}`, { positionSince: '2024-03-01' });
    expect(corrected.body.positionSince).toBe('2024-03-01');
    const stepDown = await secretary.patch(`/api/v1/members/${unknown.body.id}`, { position: 'none' });
    expect(stepDown.body.positionSince).toBeNull();
  });

  it('refuses a person already on a roster in scope with 409 naming them', async () => {
    const existing = await createMember(t.ctx, tree.bA1a, { name: '吴用' });
    const res = await secretary.post('/api/v1/members', { orgId: tree.bA1a.id, name: '张三', idCard: existing.idCard });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('MEMBER_DUPLICATE_ID_CARD');
    expect(res.body.errors[0].field).toBe('idCard');
    expect(res.body.messages.zh).toContain('吴用（高一(1)班团支部）');
  });

  it('refuses a person registered outside the scope without naming where, audits each answer and caps them per day', async () => {
    const elsewhere = await createMember(t.ctx, tree.bB1a, { name: '林冲' });
    const prober = t.client();
    const user = await createUser(t.ctx, [{ role: 'branch_secretary', org: tree.bA1b }]);
    await prober.login(user.username);
    const res = await prober.post('/api/v1/members', { orgId: tree.bA1b.id, name: '张三', idCard: elsewhere.idCard });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('MEMBER_ID_CARD_ELSEWHERE');
    expect(JSON.stringify(res.body)).not.toMatch(/林冲|临江|护理/);
    const audited = await t.ctx.db
      .selectFrom('audit_log')
      .select(['outcome'])
      .where('user_id', '=', user.id)
      .where('action', '=', 'member.id_card_elsewhere')
      .execute();
    expect(audited).toEqual([{ outcome: 'denied' }]);
    for (let i = 1; i < 20; i++)
      expect((await prober.post('/api/v1/members', { orgId: tree.bA1b.id, name: '张三', idCard: elsewhere.idCard })).status).toBe(409);
    const capped = await prober.post('/api/v1/members', { orgId: tree.bA1b.id, name: '张三', idCard: elsewhere.idCard });
    expect(capped.status).toBe(429);
    expect(capped.body.code).toBe('MEMBER_ID_CHECKS_EXCEEDED');
    expect(await t.ctx.db.selectFrom('member').select('id').where('name', '=', '张三').where('org_id', '=', tree.bA1b.id).execute()).toEqual([]);
  });

  it('refuses members on an organization type that holds none', async () => {
    const res = await admin.post('/api/v1/members', { orgId: tree.dA.id, name: '张三', idCard: testIdCard() });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].code).toBe('ORG_TYPE_HOLDS_NO_MEMBERS');
  });

  it('finds a member by exact ID or mobile through the lookup hash, and by part of the name', async () => {
    const m = await createMember(t.ctx, tree.bA1b, { name: '欧阳娜娜', phone: '13711112222' });
    const byId = await admin.get(`/api/v1/members?orgId=${tree.dA.id}&subtree=1&q=${m.idCard}`);
    expect(byId.body.items.map((x: { id: number }) => x.id)).toEqual([m.id]);
    const byPhone = await admin.get(`/api/v1/members?orgId=${tree.dA.id}&subtree=1&q=13711112222`);
    expect(byPhone.body.items.map((x: { id: number }) => x.id)).toEqual([m.id]);
    const byName = await admin.get(`/api/v1/members?orgId=${tree.dA.id}&subtree=1&q=${encodeURIComponent('欧阳')}`);
    expect(byName.body.items.map((x: { id: number }) => x.id)).toEqual([m.id]);
    const notSubtree = await admin.get(`/api/v1/members?orgId=${tree.dA.id}&q=${encodeURIComponent('欧阳')}`);
    expect(notSubtree.body.total).toBe(0);
  });

  it('pages and sorts the roster and filters cadres', async () => {
    for (const name of ['甲', '乙', '丙']) await createMember(t.ctx, tree.gA1x, { name });
    await createMember(t.ctx, tree.gA1x, { name: '丁', position: 'secretary' });
    const page = await admin.get(`/api/v1/members?orgId=${tree.gA1x.id}&pageSize=3&page=2&sort=name&order=desc`);
    expect(page.body.total).toBe(4);
    expect(page.body.items).toHaveLength(1);
    const cadres = await admin.get(`/api/v1/members?orgId=${tree.gA1x.id}&position=cadre`);
    expect(cadres.body.items.map((x: { name: string }) => x.name)).toEqual(['丁']);
  });

  it('changes status and keeps roll-ups equal to the active members', async () => {
    const m = await createMember(t.ctx, tree.bA1a);
    const before = await counts(tree.cA1.id);
    const res = await secretary.patch(`/api/v1/members/${m.id}`, { status: 'aged_out' });
    expect(res.body.status).toBe('aged_out');
    expect((await counts(tree.cA1.id)).subtree_member_count).toBe(before.subtree_member_count - 1);
    await secretary.patch(`/api/v1/members/${m.id}`, { status: 'active' });
    expect((await counts(tree.cA1.id)).subtree_member_count).toBe(before.subtree_member_count);
  });

  it('transfers a member (组织关系转接) recording both sides and moving the counts', async () => {
    const m = await createMember(t.ctx, tree.bA1a);
    const [fromBefore, toBefore, districtBefore] = [await counts(tree.bA1a.id), await counts(tree.bA2a.id), await counts(tree.dA.id)];
    const res = await admin.post(`/api/v1/members/${m.id}/transfer`, { toOrgId: tree.bA2a.id, reason: '工作调动' });
    expect(res.status).toBe(200);
    expect(res.body.orgId).toBe(tree.bA2a.id);
    expect(res.body.transfers[0]).toMatchObject({
      fromOrgId: tree.bA1a.id,
      fromOrgName: '高一(1)班团支部',
      toOrgId: tree.bA2a.id,
      toOrgName: '青山社区团支部',
      reason: '工作调动',
    });
    expect((await counts(tree.bA1a.id)).direct_member_count).toBe(fromBefore.direct_member_count - 1);
    expect((await counts(tree.bA2a.id)).direct_member_count).toBe(toBefore.direct_member_count + 1);
    // Both branches are in 红星区: the district's total does not change, the committees' do.
    expect((await counts(tree.dA.id)).subtree_member_count).toBe(districtBefore.subtree_member_count);
    // The secretary of the old branch no longer sees the member.
    expect((await secretary.get(`/api/v1/members/${m.id}`)).status).toBe(404);
    const same = await admin.post(`/api/v1/members/${m.id}/transfer`, { toOrgId: tree.bA2a.id, reason: 'x' });
    expect(same.body.errors[0].code).toBe('TRANSFER_SAME_ORG');
  });

  it('lets an inspector read the masked roster but not reveal or change it', async () => {
    const inspector = t.client();
    await inspector.login((await createUser(t.ctx, [{ role: 'inspector', org: tree.dA }])).username);
    const m = await createMember(t.ctx, tree.bA1a);
    const seen = (await inspector.get(`/api/v1/members/${m.id}`)).body;
    // The mask keeps the check digit only, and the age stands in for the birth date (domain id-mask.test.ts).
    expect(seen.idCardMasked).toMatch(/^\*{17}[\dX]$/);
    expect(seen.birthDate).toBeNull();
    expect(seen.age).toBeGreaterThan(10);
    expect(JSON.stringify(seen)).not.toContain(m.idCard.slice(6, 14));
    const list = (await inspector.get(`/api/v1/members?orgId=${tree.bA1a.id}&sort=birthDate`)).body.items;
    expect(list.every((x: { birthDate: string | null }) => x.birthDate === null)).toBe(true);
    // Nor does a search by the full number confirm it (a masked phone would fall in 10,000 searches).
    for (const q of [m.idCard, m.phone!]) {
      const found = await inspector.get(`/api/v1/members?orgId=${tree.bA1a.id}&q=${q}`);
      expect(found.status, q).toBe(422);
      expect(found.body.errors[0]).toMatchObject({ field: 'q', code: 'MEMBER_SEARCH_BY_NUMBER_FORBIDDEN' });
    }
    // Those who may reveal the ID see the birth date too.
    expect((await secretary.get(`/api/v1/members/${m.id}`)).body.birthDate).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect((await inspector.post(`/api/v1/members/${m.id}/reveal`, { field: 'phone' })).status).toBe(403);
    expect((await inspector.patch(`/api/v1/members/${m.id}`, { note: 'x' })).status).toBe(403);
  });

  it('shows a member only their own record', async () => {
    const m = await createMember(t.ctx, tree.bA1a, { name: '团员本人' });
    const me = t.client();
    await me.login((await createUser(t.ctx, [{ role: 'member', org: tree.bA1a }], { memberId: m.id })).username);
    expect((await me.get('/api/v1/me/profile')).body).toMatchObject({ id: m.id, name: '团员本人' });
    expect((await me.get(`/api/v1/members?orgId=${tree.bA1a.id}`)).status).toBe(403);
    expect((await me.get(`/api/v1/members/${m.id}`)).status).toBe(403);
    expect((await me.get(`/api/v1/orgs/${tree.bA1a.id}`)).status).toBe(403);
  });
});

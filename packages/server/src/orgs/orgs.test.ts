import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/setup.ts';
import { createMember, createOrg, createTree, createUser, type Tree } from '../../test/factories.ts';
import type { TestClient } from '../../test/client.ts';
import { pathInSubtree } from '../access/repository/subtree.ts';

let t: TestApp;
let tree: Tree;
let city: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  city = t.client();
  await city.login((await createUser(t.ctx, [{ role: 'org_admin', org: tree.city }])).username);
});
afterAll(() => t?.close());

const org = (id: number) => t.ctx.db.selectFrom('organization').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** Roll-up columns must equal a recount from the member rows, for every organization. */
async function expectCountsMatchRecount() {
  const orgs = await t.ctx.db.selectFrom('organization').select(['id', 'path', 'direct_member_count', 'subtree_member_count']).execute();
  for (const o of orgs) {
    const direct = await t.ctx.db
      .selectFrom('member')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('org_id', '=', o.id)
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    const sub = await t.ctx.db
      .selectFrom('member as m')
      .innerJoin('organization as x', 'x.id', 'm.org_id')
      .select((eb) => eb.fn.countAll().as('n'))
      .where(pathInSubtree('x.path', o.path))
      .where('m.status', '=', 'active')
      .executeTakeFirstOrThrow();
    expect([o.id, o.direct_member_count, o.subtree_member_count]).toEqual([o.id, Number(direct.n), Number(sub.n)]);
  }
}

describe('organization tree', () => {
  it('creates a child with a materialized path, pinyin initials and an audit row', async () => {
    const res = await city.post('/api/v1/orgs', {
      parentId: tree.dA.id,
      name: '红星第二中学团委',
      code: 'HX2Z',
      typeCode: 'basic_committee',
      foundedOn: '2010-09-01',
      responsiblePerson: '周丽',
      contactPhone: '025-83214567',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: '红星第二中学团委', depth: 2, path: `${tree.dA.path}${res.body.id}/`, contactPhoneMasked: '025*****4567' });
    expect(res.body.ancestors.map((a: { name: string }) => a.name)).toEqual(['示范市团市委', '红星区团委']);
    const row = await org(res.body.id);
    expect(row.pinyin_initials).toBe('hxdezxtw');
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'org.create')
      .where('target_id', '=', String(res.body.id))
      .executeTakeFirstOrThrow();
    expect(audit.outcome).toBe('success');
  });

  it('finds organizations by name, pinyin initials and code', async () => {
    const byInitials = await city.get('/api/v1/orgs/search?q=hxq');
    expect(byInitials.body[0]).toMatchObject({ name: '红星区团委', ancestry: '示范市团市委' });
    const byName = await city.get(`/api/v1/orgs/search?q=${encodeURIComponent('临江医院')}`);
    expect(byName.body.map((o: { id: number }) => o.id)).toEqual([tree.cB1.id, tree.bB1a.id]);
    const byCode = await city.get(`/api/v1/orgs/search?q=${tree.cA2.code}`);
    expect(byCode.body.map((o: { id: number }) => o.id)).toContain(tree.cA2.id);
  });

  it('loads the tree lazily, one level at a time', async () => {
    const root = await city.get('/api/v1/orgs/tree');
    expect(root.body).toHaveLength(1);
    expect(root.body[0]).toMatchObject({ id: tree.city.id, hasChildren: true });
    const districts = await city.get(`/api/v1/orgs/tree?parentId=${tree.city.id}`);
    expect(districts.body.map((o: { name: string }) => o.name)).toEqual(expect.arrayContaining(['红星区团委', '临江区团委']));
    const leaf = await city.get(`/api/v1/orgs/tree?parentId=${tree.bA1a.id}`);
    expect(leaf.body).toEqual([]);
  });

  it('refuses a child ranked at or above its parent, a taken code and a bad phone with field errors', async () => {
    const res = await city.post('/api/v1/orgs', { parentId: tree.bA1a.id, name: '错误的区', code: 'BADD', typeCode: 'district' });
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({ field: 'typeCode', code: 'ORG_TYPE_RANK' });
    const taken = await city.post('/api/v1/orgs', {
      parentId: tree.dA.id,
      name: '重复编码团委',
      code: tree.cA1.code,
      typeCode: 'basic_committee',
      contactPhone: '12345',
    });
    expect(taken.status).toBe(422);
    expect(taken.body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`).sort()).toEqual([
      'code:ORG_CODE_TAKEN',
      'contactPhone:CONTACT_PHONE_FORMAT',
    ]);
    expect(taken.body.errors.find((e: { field: string }) => e.field === 'code').messages.en).toBe(`Code "${tree.cA1.code}" is already used`);
    const en = await city.request(
      'POST',
      '/api/v1/orgs',
      { parentId: tree.dA.id, name: '', code: 'OK1', typeCode: 'branch' },
      { 'accept-language': 'en-US,en;q=0.9' },
    );
    expect(en.body.title).toBe('Some fields are invalid');
    expect(en.body.errors[0]).toMatchObject({ field: 'name', message: 'This field must not be empty' });
  });

  it('moves a subtree in one transaction: paths, depths and member roll-ups follow', async () => {
    const c = await createOrg(t.ctx, tree.dB, 'basic_committee', '临江实验学校团委');
    const g = await createOrg(t.ctx, c, 'general_branch', '初中部团总支');
    const b = await createOrg(t.ctx, g, 'branch', '初一(1)班团支部');
    await createMember(t.ctx, b);
    await createMember(t.ctx, b);
    const dBbefore = (await org(tree.dB.id)).subtree_member_count;
    const dAbefore = (await org(tree.dA.id)).subtree_member_count;
    const res = await city.post(`/api/v1/orgs/${c.id}/move`, { newParentId: tree.dA.id });
    expect(res.status).toBe(200);
    expect((await org(b.id)).path).toBe(`${tree.dA.path}${c.id}/${g.id}/${b.id}/`);
    expect((await org(b.id)).depth).toBe(4);
    expect((await org(tree.dB.id)).subtree_member_count).toBe(dBbefore - 2);
    expect((await org(tree.dA.id)).subtree_member_count).toBe(dAbefore + 2);
    const into = await city.post(`/api/v1/orgs/${c.id}/move`, { newParentId: g.id });
    expect(into.status).toBe(422);
    expect(into.body.errors[0].code).toBe('ORG_MOVE_INTO_ITSELF');
    await expectCountsMatchRecount();
  });

  it('deactivates only an empty organization and reactivates it', async () => {
    const b = await createOrg(t.ctx, tree.cA2, 'branch', '待撤销团支部');
    const m = await createMember(t.ctx, b);
    const refused = await city.post(`/api/v1/orgs/${b.id}/deactivate`, { reason: '撤并' });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('ORG_HAS_MEMBERS');
    expect((await city.post(`/api/v1/members/${m.id}/transfer`, { toOrgId: tree.bA2a.id, reason: '撤并转接' })).status).toBe(200);
    const ok = await city.post(`/api/v1/orgs/${b.id}/deactivate`, { reason: '撤并' });
    expect(ok.body.status).toBe('inactive');
    expect((await city.post(`/api/v1/orgs/${tree.dA.id}/deactivate`, { reason: 'x' })).body.code).toBe('ORG_HAS_MEMBERS');
    expect((await city.post(`/api/v1/orgs/${b.id}/reactivate`)).body.status).toBe('active');
  });

  it('merges an organization: members and children move, transfers are recorded, grants at the source end', async () => {
    const src = await createOrg(t.ctx, tree.dB, 'basic_committee', '临江老城街道团委');
    const child = await createOrg(t.ctx, src, 'branch', '老城社区团支部');
    const m1 = await createMember(t.ctx, src);
    await createMember(t.ctx, child);
    const srcAdmin = await createUser(t.ctx, [{ role: 'org_admin', org: src }]);
    const target = await createOrg(t.ctx, tree.dB, 'basic_committee', '临江新城街道团委');
    const res = await city.post(`/api/v1/orgs/${src.id}/merge`, { targetId: target.id, reason: '街道合并' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: target.id, directMemberCount: 1, subtreeMemberCount: 2 });
    expect(await org(src.id)).toMatchObject({ status: 'merged', merged_into_id: target.id, subtree_member_count: 0 });
    expect((await org(child.id)).path).toBe(`${target.path}${child.id}/`);
    const transfer = await t.ctx.db.selectFrom('member_transfer').selectAll().where('member_id', '=', m1.id).executeTakeFirstOrThrow();
    expect(transfer).toMatchObject({ from_org_id: src.id, to_org_id: target.id });
    expect(await t.ctx.db.selectFrom('role_grant').select('id').where('user_id', '=', srcAdmin.id).execute()).toEqual([]);
    await expectCountsMatchRecount();
  });

  it('reveals a contact number in full only on request, and audits it', async () => {
    const created = await city.post('/api/v1/orgs', {
      parentId: tree.cA2.id,
      name: '联系电话测试团支部',
      code: 'TEL1',
      typeCode: 'branch',
      contactPhone: '13800138000',
    });
    expect(created.body.contactPhoneMasked).toBe('138****8000');
    const revealed = await city.post(`/api/v1/orgs/${created.body.id}/reveal-contact`);
    expect(revealed.body.value).toBe('13800138000');
    const rows = await t.ctx.db.selectFrom('audit_log').select('action').where('target_id', '=', String(created.body.id)).execute();
    expect(rows.map((r) => r.action)).toContain('org.reveal_contact');
  });

  it('lists the subtree with paging, filters and sorting', async () => {
    const page1 = await city.get(`/api/v1/orgs?rootId=${tree.dA.id}&typeCode=branch&pageSize=2&sort=name&order=asc`);
    expect(page1.body.pageSize).toBe(2);
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.total).toBeGreaterThanOrEqual(4);
    expect(page1.body.items.every((o: { typeCode: string }) => o.typeCode === 'branch')).toBe(true);
    const names = page1.body.items.map((o: { name: string }) => o.name);
    expect([...names].sort()).toEqual(names);
    const bad = await city.get('/api/v1/orgs?pageSize=1000');
    expect(bad.status).toBe(422);
  });

  it('edits the type list, refusing to remove a type in use', async () => {
    const sys = t.client();
    await sys.login((await createUser(t.ctx, [{ role: 'system_admin', org: tree.city }])).username);
    const types = (await sys.get('/api/v1/orgs/types')).body;
    const withoutBranch = types.filter((x: { code: string }) => x.code !== 'branch');
    const refused = await sys.put('/api/v1/orgs/types', { types: withoutBranch });
    expect(refused.body.code).toBe('ORG_TYPE_IN_USE');
    const added = await sys.put('/api/v1/orgs/types', {
      types: [...types, { code: 'youth_league_group', nameZh: '团小组', nameEn: 'League group', rank: 60, holdsMembers: true }],
    });
    expect(added.body.map((x: { code: string }) => x.code)).toContain('youth_league_group');
    expect((await city.put('/api/v1/orgs/types', { types })).status).toBe(403);
  });
});

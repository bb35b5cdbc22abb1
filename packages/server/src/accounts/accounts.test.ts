import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/setup.ts';
import { createMember, createTree, createUser, type Tree } from '../../test/factories.ts';
import type { TestClient } from '../../test/client.ts';

let t: TestApp;
let tree: Tree;
let admin: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  admin = t.client();
  await admin.login((await createUser(t.ctx, [{ role: 'org_admin', org: tree.dA }])).username);
});
afterAll(() => t?.close());

describe('accounts and grants', () => {
  it('creates an account with a one-time generated password that must be changed at first login', async () => {
    const m = await createMember(t.ctx, tree.bA1a);
    const res = await admin.post('/api/v1/accounts', {
      username: 'gao1.secretary',
      displayName: '高一(1)班书记',
      phone: '13600001111',
      memberId: m.id,
      role: 'branch_secretary',
      orgId: tree.bA1a.id,
    });
    expect(res.status).toBe(201);
    expect(res.body.initialPassword).toMatch(/^.{14}$/);
    const list = await admin.get('/api/v1/accounts?q=gao1');
    expect(list.body.items[0]).toMatchObject({
      username: 'gao1.secretary',
      phoneMasked: '136****1111',
      mustChangePassword: true,
      grants: [{ role: 'branch_secretary', orgId: tree.bA1a.id, orgName: '高一(1)班团支部' }],
    });
    expect(JSON.stringify(list.body)).not.toContain('initialPassword');
    const c = t.client();
    const login = await c.login('13600001111', res.body.initialPassword);
    expect(login.status).toBe(200);
    expect(login.body.user.mustChangePassword).toBe(true);
    const taken = await admin.post('/api/v1/accounts', {
      username: 'gao1.secretary',
      displayName: 'x',
      phone: '13600001111',
      role: 'member',
      orgId: tree.bA1a.id,
    });
    expect(taken.body.errors.map((e: { code: string }) => e.code).sort()).toEqual(['PHONE_TAKEN', 'USERNAME_TAKEN']);
  });

  it('refuses roles the granter may not hand out and bad usernames', async () => {
    const sys = await admin.post('/api/v1/accounts', { username: 'would.be.sys', displayName: 'x', role: 'system_admin', orgId: tree.dA.id });
    expect(sys.status).toBe(422);
    expect(sys.body.errors[0].code).toBe('ROLE_NOT_GRANTABLE');
    const bad = await admin.post('/api/v1/accounts', { username: '1中文', displayName: 'x', role: 'member', orgId: tree.dA.id });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].field).toBe('username');
  });

  it('resets a password (ending sessions), unlocks, disables and re-enables an account', async () => {
    const u = await createUser(t.ctx, [{ role: 'inspector', org: tree.cA2 }]);
    const c = t.client('10.3.0.1');
    await c.login(u.username);
    const reset = await admin.post(`/api/v1/accounts/${u.id}/reset-password`);
    expect(reset.body.initialPassword).toHaveLength(14);
    expect((await c.get('/api/v1/auth/me')).status).toBe(401);
    for (let i = 0; i < 5; i++) await c.login(u.username, 'bad');
    expect((await c.login(u.username, reset.body.initialPassword)).body.code).toBe('LOGIN_THROTTLED');
    await admin.post(`/api/v1/accounts/${u.id}/unlock`);
    expect((await c.login(u.username, reset.body.initialPassword)).status).toBe(200);
    await admin.patch(`/api/v1/accounts/${u.id}`, { status: 'disabled' });
    expect((await c.get('/api/v1/auth/me')).status).toBe(401);
    expect((await c.login(u.username, reset.body.initialPassword)).status).toBe(401);
    await admin.patch(`/api/v1/accounts/${u.id}`, { status: 'active' });
    expect((await c.login(u.username, reset.body.initialPassword)).status).toBe(200);
  });

  it('adds and revokes grants inside the subtree', async () => {
    const u = await createUser(t.ctx, [{ role: 'branch_secretary', org: tree.bA2a }]);
    expect((await admin.post(`/api/v1/accounts/${u.id}/grants`, { role: 'inspector', orgId: tree.cA2.id })).status).toBe(201);
    const dup = await admin.post(`/api/v1/accounts/${u.id}/grants`, { role: 'inspector', orgId: tree.cA2.id });
    expect(dup.body.code).toBe('GRANT_EXISTS');
    const grants = (await admin.get(`/api/v1/accounts?q=${u.username}`)).body.items[0].grants;
    expect(grants).toHaveLength(2);
    const inspector = grants.find((g: { role: string }) => g.role === 'inspector');
    expect((await admin.delete(`/api/v1/accounts/${u.id}/grants/${inspector.id}`)).status).toBe(200);
    expect((await admin.get(`/api/v1/accounts?q=${u.username}`)).body.items[0].grants).toHaveLength(1);
  });

  it('cannot manage an account that also holds a grant outside the subtree, and shows only the grants inside it', async () => {
    const cityish = await createUser(t.ctx, [
      { role: 'branch_secretary', org: tree.bA1a },
      { role: 'org_admin', org: tree.dB },
    ]);
    expect((await admin.post(`/api/v1/accounts/${cityish.id}/reset-password`)).status).toBe(403);
    const list = await admin.get(`/api/v1/accounts?q=${cityish.username}`);
    const item = list.body.items[0];
    expect(item.grants.map((g: { role: string; orgId: number }) => [g.role, g.orgId])).toEqual([['branch_secretary', tree.bA1a.id]]);
    expect(JSON.stringify(item)).not.toContain(tree.dB.name);
    expect(item.canManage).toBe(false);
  });

  it('answers 404 for a list filtered by an organization outside the subtree', async () => {
    for (const org of [tree.city, tree.dB, tree.bB1a]) {
      const res = await admin.get(`/api/v1/accounts?orgId=${org.id}`);
      expect(res.status, org.name).toBe(404);
      expect(res.body.code).toBe('NOT_FOUND');
    }
    expect((await admin.get(`/api/v1/accounts?orgId=${tree.bA1a.id}`)).status).toBe(200);
  });
});

describe('API description', () => {
  it('serves OpenAPI with every route group', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    for (const p of [
      '/api/v1/auth/login',
      '/api/v1/orgs/{id}/move',
      '/api/v1/members/import',
      '/api/v1/jobs/{id}/commit',
      '/api/v1/accounts/{id}/grants',
      '/api/v1/audit/',
      '/api/v1/settings/security',
    ]) {
      expect(paths).toContain(p);
    }
  });

  it('answers unknown API routes with a problem', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('ROUTE_NOT_FOUND');
  });
});

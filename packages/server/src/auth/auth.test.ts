import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/setup.ts';
import { createMember, createTree, createUser, TEST_PASSWORD, type Tree } from '../../test/factories.ts';
import { sessionIdOf } from './service.ts';

let t: TestApp;
let tree: Tree;
beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
});
afterAll(() => t?.close());

describe('login', () => {
  it('logs in by username and by mobile number and sets a rotated HttpOnly session cookie', async () => {
    const u = await createUser(t.ctx, [{ role: 'org_admin', org: tree.dA }], { phone: '13912345678' });
    const c = t.client();
    const first = await c.login(u.username);
    expect(first.status).toBe(200);
    expect(first.body.grant).toMatchObject({ role: 'org_admin', orgId: tree.dA.id, orgName: '红星区团委' });
    const setCookie = String(first.headers['set-cookie']);
    expect(setCookie).toMatch(/zx_session=[^;]+;.*HttpOnly/i);
    expect(setCookie).toMatch(/zx_session=[^;]+;.*SameSite=Lax/i);
    const oldToken = c.cookie('zx_session')!;
    const second = await c.login('139 1234 5678');
    expect(second.status).toBe(200);
    expect(c.cookie('zx_session')).not.toBe(oldToken);
    expect(await t.ctx.db.selectFrom('session').select('id').where('id', '=', sessionIdOf(oldToken)).executeTakeFirst()).toBeUndefined();
  });

  it('refuses a wrong password with a bilingual problem and no session', async () => {
    const u = await createUser(t.ctx, [{ role: 'inspector', org: tree.city }]);
    const c = t.client();
    const res = await c.login(u.username, 'wrong-password');
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ code: 'INVALID_CREDENTIALS', title: '账号或密码错误', messages: { en: 'Wrong account or password' } });
    expect(c.cookie('zx_session')).toBeUndefined();
    const unknown = await t.client().login('nobody-here', 'whatever');
    expect(unknown.body.code).toBe('INVALID_CREDENTIALS');
  });

  it('throttles an (account, address) pair after 5 failures for 15 minutes, even for the right password, then lets it in again', async () => {
    const u = await createUser(t.ctx, [{ role: 'inspector', org: tree.city }]);
    const c = t.client('10.1.0.1');
    for (let i = 0; i < 5; i++) expect((await c.login(u.username, 'bad')).status).toBe(401);
    const throttled = await c.login(u.username);
    expect(throttled.status).toBe(429);
    expect(throttled.body.code).toBe('LOGIN_THROTTLED');
    expect(throttled.body.title).toBe('登录失败次数过多，请 15 分钟后再试');
    expect(throttled.headers['retry-after']).toBe('900');
    const row = await t.ctx.db
      .selectFrom('login_throttle')
      .selectAll()
      .where('subject', '=', `u:${u.id}`)
      .where('client', '=', 'ip:10.1.0.1')
      .executeTakeFirstOrThrow();
    expect(Date.parse(row.throttled_until!) - Date.now()).toBeGreaterThan(14 * 60_000);
    const throttleAudit = await t.ctx.db.selectFrom('audit_log').select('action').where('user_id', '=', u.id).where('action', '=', 'auth.throttle').execute();
    expect(throttleAudit).toHaveLength(1);
    await t.ctx.db
      .updateTable('login_throttle')
      .set({ throttled_until: new Date(Date.now() - 1000).toISOString() })
      .where('subject', '=', `u:${u.id}`)
      .execute();
    expect((await c.login(u.username)).status).toBe(200);
  });

  it('rate-limits login attempts per address', async () => {
    // The limit counts per clock minute: start well inside one so all 32 attempts share it.
    const msLeft = 60_000 - (Date.now() % 60_000);
    if (msLeft < 10_000) await new Promise((r) => setTimeout(r, msLeft + 50));
    const c = t.client('10.9.9.9');
    const statuses: number[] = [];
    const codes: string[] = [];
    // A new name each time: the per-name throttle is not what this test is about.
    for (let i = 0; i < 32; i++) {
      const res = await c.login(`nobody${i}`, 'x');
      statuses.push(res.status);
      codes.push(res.body.code);
    }
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429]);
    expect(codes.slice(30)).toEqual(['TOO_MANY_REQUESTS', 'TOO_MANY_REQUESTS']);
    // Another address is not affected.
    expect((await t.client('10.9.9.10').login('nobody', 'x')).status).toBe(401);
  });

  it('requires the CSRF token on every state-changing request', async () => {
    const raw = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'x', password: 'y' } });
    expect(raw.statusCode).toBe(403);
    expect(raw.json().code).toBe('CSRF_TOKEN_INVALID');
    const u = await createUser(t.ctx, [{ role: 'org_admin', org: tree.dA }]);
    const c = t.client();
    await c.login(u.username);
    const forged = await c.request('PATCH', `/api/v1/orgs/${tree.cA1.id}`, { responsiblePerson: '攻击者' }, { 'x-csrf-token': 'forged' });
    expect(forged.status).toBe(403);
    expect(forged.body.code).toBe('CSRF_TOKEN_INVALID');
    expect((await c.patch(`/api/v1/orgs/${tree.cA1.id}`, { responsiblePerson: '王五' })).status).toBe(200);
  });

  it('sends security headers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/csrf' });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  });
});

describe('sessions', () => {
  it('expires a session idle for more than 30 minutes and one older than 12 hours', async () => {
    const u = await createUser(t.ctx, [{ role: 'inspector', org: tree.city }]);
    const c = t.client();
    await c.login(u.username);
    const id = sessionIdOf(c.cookie('zx_session')!);
    await t.ctx.db
      .updateTable('session')
      .set({ last_seen_at: new Date(Date.now() - 31 * 60_000).toISOString() })
      .where('id', '=', id)
      .execute();
    const idle = await c.get('/api/v1/auth/me');
    expect(idle.status).toBe(401);
    expect(idle.body.code).toBe('SESSION_EXPIRED');

    await c.login(u.username);
    const id2 = sessionIdOf(c.cookie('zx_session')!);
    expect((await c.get('/api/v1/auth/me')).status).toBe(200);
    await t.ctx.db
      .updateTable('session')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', id2)
      .execute();
    expect((await c.get('/api/v1/auth/me')).body.code).toBe('SESSION_EXPIRED');
  });

  it('resolves requests that arrive together each to its own session (sessions are read in batches)', async () => {
    const clients = [];
    for (let i = 0; i < 12; i++) {
      const u = await createUser(t.ctx, [{ role: 'inspector', org: i % 2 ? tree.dA : tree.dB }]);
      const c = t.client(`10.3.0.${i + 1}`); // own addresses: the per-address login limit is not what this test is about
      await c.login(u.username);
      clients.push({ c, username: u.username });
    }
    const idle = clients[5];
    await t.ctx.db
      .updateTable('session')
      .set({ last_seen_at: new Date(Date.now() - 31 * 60_000).toISOString() })
      .where('id', '=', sessionIdOf(idle.c.cookie('zx_session')!))
      .execute();
    const anonymous = t.client();
    const answers = await Promise.all([...clients.map(({ c }) => c.get('/api/v1/auth/me')), anonymous.get('/api/v1/auth/me')]);
    clients.forEach(({ username }, i) => {
      if (i === 5) expect(answers[i].body.code).toBe('SESSION_EXPIRED');
      else expect(answers[i].body.user.username).toBe(username);
    });
    expect(answers[12].status).toBe(401);
  });

  it('applies a changed idle timeout to the very next request', async () => {
    const sec = t.client();
    await sec.login((await createUser(t.ctx, [{ role: 'security_admin', org: tree.city }])).username);
    const current = (await sec.get('/api/v1/settings/security')).body;
    const u = await createUser(t.ctx, [{ role: 'inspector', org: tree.city }]);
    const c = t.client();
    await c.login(u.username);
    await t.ctx.db
      .updateTable('session')
      .set({ last_seen_at: new Date(Date.now() - 6 * 60_000).toISOString() })
      .where('id', '=', sessionIdOf(c.cookie('zx_session')!))
      .execute();
    expect((await c.get('/api/v1/auth/me')).status).toBe(200);
    await t.ctx.db
      .updateTable('session')
      .set({ last_seen_at: new Date(Date.now() - 6 * 60_000).toISOString() })
      .where('id', '=', sessionIdOf(c.cookie('zx_session')!))
      .execute();
    expect((await sec.put('/api/v1/settings/security', { ...current, sessionIdleMinutes: 5 })).status).toBe(200);
    expect((await c.get('/api/v1/auth/me')).body.code).toBe('SESSION_EXPIRED');
    const restored = await sec.put('/api/v1/settings/security', current);
    expect(restored.body).toEqual(current);
  });

  it('logs out everywhere: every other session of the user ends', async () => {
    const u = await createUser(t.ctx, [{ role: 'inspector', org: tree.city }]);
    const phone = t.client();
    const desk = t.client();
    await phone.login(u.username);
    await desk.login(u.username);
    expect((await desk.post('/api/v1/auth/logout-everywhere')).body).toMatchObject({ ok: true, sessions: 2 });
    expect((await phone.get('/api/v1/auth/me')).status).toBe(401);
    expect((await desk.get('/api/v1/auth/me')).status).toBe(401);
  });

  it('switches between grants and the scope follows the active grant', async () => {
    const u = await createUser(t.ctx, [
      { role: 'branch_secretary', org: tree.bA1a },
      { role: 'org_admin', org: tree.dB },
    ]);
    const c = t.client();
    const me = (await c.login(u.username)).body;
    expect(me.grants).toHaveLength(2);
    expect(me.grant.role).toBe('org_admin');
    expect((await c.get(`/api/v1/orgs/${tree.bA1a.id}`)).status).toBe(404);
    const secretaryGrant = me.grants.find((g: { role: string }) => g.role === 'branch_secretary');
    const switched = await c.post('/api/v1/auth/switch', { grantId: secretaryGrant.id });
    expect(switched.body.grant).toMatchObject({ role: 'branch_secretary', orgId: tree.bA1a.id });
    expect(switched.body.permissions).not.toContain('org.structure');
    expect((await c.get(`/api/v1/orgs/${tree.bA1a.id}`)).status).toBe(200);
    expect((await c.get(`/api/v1/orgs/${tree.bB1a.id}`)).status).toBe(404);
    expect((await c.post('/api/v1/auth/switch', { grantId: 999999 })).status).toBe(404);
  });
});

describe('passwords', () => {
  it('enforces the password policy with field errors and ends other sessions on change', async () => {
    const u = await createUser(t.ctx, [{ role: 'inspector', org: tree.city }]);
    const c = t.client();
    const other = t.client();
    await c.login(u.username);
    await other.login(u.username);
    const short = await c.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Ab1!' });
    expect(short.status).toBe(422);
    expect(short.body.errors[0]).toMatchObject({ field: 'newPassword', code: 'PASSWORD_TOO_SHORT' });
    const common = await c.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'P@ssw0rd' });
    expect(common.body.errors.map((e: { code: string }) => e.code)).toContain('PASSWORD_COMMON');
    const wrong = await c.post('/api/v1/auth/password', { currentPassword: 'nope', newPassword: 'Zx-campaign-2026' });
    expect(wrong.body.errors[0]).toMatchObject({ field: 'currentPassword', code: 'PASSWORD_WRONG' });
    expect((await c.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Zx-campaign-2026' })).status).toBe(200);
    expect((await other.get('/api/v1/auth/me')).status).toBe(401);
    expect((await c.get('/api/v1/auth/me')).status).toBe(200);
    expect((await t.client().login(u.username, 'Zx-campaign-2026')).status).toBe(200);
  });

  it('refuses the current password as the new one (an administrator who set a one-time password must not keep knowing it)', async () => {
    const u = await createUser(t.ctx, [{ role: 'inspector', org: tree.city }]);
    const c = t.client();
    await c.login(u.username);
    const same = await c.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD });
    expect(same.status).toBe(422);
    expect(same.body.errors).toEqual([expect.objectContaining({ field: 'newPassword', code: 'PASSWORD_REUSED' })]);
  });

  it('ends the session after 5 wrong current passwords in 15 minutes: guessing goes back through the login throttling', async () => {
    const u = await createUser(t.ctx, [{ role: 'inspector', org: tree.city }]);
    const c = t.client();
    await c.login(u.username);
    for (let i = 0; i < 4; i++)
      expect((await c.post('/api/v1/auth/password', { currentPassword: `guess-${i}`, newPassword: 'Zx-campaign-2027' })).status).toBe(422);
    const fifth = await c.post('/api/v1/auth/password', { currentPassword: 'guess-4', newPassword: 'Zx-campaign-2027' });
    expect(fifth.status).toBe(401);
    expect(fifth.body.code).toBe('SESSION_EXPIRED');
    expect((await c.get('/api/v1/auth/me')).status).toBe(401);
    const failures = await t.ctx.db
      .selectFrom('audit_log')
      .select('outcome')
      .where('user_id', '=', u.id)
      .where('action', '=', 'auth.change_password')
      .execute();
    expect(failures).toHaveLength(5);
    expect(failures.every((f) => f.outcome === 'failure')).toBe(true);
  });
});

describe('a forced password change (mustChangePassword)', () => {
  it('is enforced by the API: every call but me, password, logout and login answers 403 PASSWORD_CHANGE_REQUIRED; then everything works', async () => {
    const m = await createMember(t.ctx, tree.bA1a, { phone: '13655556666' });
    const u = await createUser(t.ctx, [
      { role: 'org_admin', org: tree.cA1 },
      { role: 'branch_secretary', org: tree.bA1a },
    ]);
    await t.ctx.db.updateTable('user_account').set({ must_change_password: 1 }).where('id', '=', u.id).execute();
    const c = t.client('10.4.0.1');
    const login = await c.login(u.username);
    expect(login.status).toBe(200);
    expect(login.body.user.mustChangePassword).toBe(true);
    const before = await t.ctx.db.selectFrom('audit_log').select('id').where('user_id', '=', u.id).execute();

    const refused = [
      await c.get('/api/v1/orgs'),
      await c.get(`/api/v1/orgs/${tree.cA1.id}`),
      await c.post(`/api/v1/members/${m.id}/reveal`, { field: 'idCard' }),
      await c.get(`/api/v1/members?orgId=${tree.bA1a.id}`),
      await c.get('/api/v1/accounts'),
      await c.post('/api/v1/accounts', { username: 'sneaky.one', displayName: 'x', role: 'member', orgId: tree.cA1.id }),
      await c.get('/api/v1/audit'), // a role without the action still learns first that it must change its password
      await c.get('/api/v1/settings/security'),
      await c.post('/api/v1/auth/switch', { grantId: login.body.grants[1].id }),
    ];
    for (const res of refused) {
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({
        code: 'PASSWORD_CHANGE_REQUIRED',
        messages: { zh: '请先修改初始密码，再继续使用系统', en: 'Change your initial password before you continue' },
      });
    }
    expect(await t.ctx.db.selectFrom('user_account').select('id').where('username', '=', 'sneaky.one').executeTakeFirst()).toBeUndefined();
    expect(await t.ctx.db.selectFrom('audit_log').select('id').where('user_id', '=', u.id).execute()).toEqual(before);

    expect((await c.get('/api/v1/auth/me')).status).toBe(200);
    expect((await c.get('/api/v1/auth/csrf')).status).toBe(200);
    const other = t.client('10.4.0.2');
    await other.login(u.username);
    expect((await other.post('/api/v1/auth/logout')).status).toBe(200);

    expect((await c.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Zx-forced-2026' })).status).toBe(200);
    expect((await c.get('/api/v1/auth/me')).body.user.mustChangePassword).toBe(false);
    expect((await c.get('/api/v1/orgs')).status).toBe(200);
    const reveal = await c.post(`/api/v1/members/${m.id}/reveal`, { field: 'phone' });
    expect(reveal.status).toBe(200);
    expect(reveal.body.value).toBe('13655556666');
    expect((await c.post('/api/v1/auth/switch', { grantId: login.body.grants[1].id })).status).toBe(200);
  });
});

// 三员分立: accounts/separation.test.ts and accounts/system.test.ts.

describe('security settings', () => {
  it('lets only the security admin change them, validates every number, and applies them', async () => {
    const sec = t.client();
    await sec.login((await createUser(t.ctx, [{ role: 'security_admin', org: tree.city }])).username);
    const orgAdmin = t.client();
    await orgAdmin.login((await createUser(t.ctx, [{ role: 'org_admin', org: tree.city }])).username);
    const current = (await sec.get('/api/v1/settings/security')).body;
    expect(current).toMatchObject({
      passwordMinLength: 8,
      lockoutThreshold: 5,
      lockoutMinutes: 15,
      sessionIdleMinutes: 30,
      sessionAbsoluteHours: 12,
      auditRetentionDays: 180,
    });
    expect((await orgAdmin.get('/api/v1/settings/security')).status).toBe(403);
    expect((await orgAdmin.put('/api/v1/settings/security', current)).status).toBe(403);
    const bad = await sec.put('/api/v1/settings/security', { ...current, auditRetentionDays: 30, passwordMinLength: 4 });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['auditRetentionDays', 'passwordMinLength']);
    const ok = await sec.put('/api/v1/settings/security', { ...current, lockoutThreshold: 3 });
    expect(ok.body.lockoutThreshold).toBe(3);
    const u = await createUser(t.ctx, [{ role: 'inspector', org: tree.city }]);
    const c = t.client('10.2.0.1');
    for (let i = 0; i < 3; i++) await c.login(u.username, 'bad');
    expect((await c.login(u.username)).body.code).toBe('LOGIN_THROTTLED');
    await sec.put('/api/v1/settings/security', current);
  });
});

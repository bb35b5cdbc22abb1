import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { createTestApp, type TestApp } from '../../test/setup.ts';
import { TestClient } from '../../test/client.ts';
import { createTree, createUser, TEST_PASSWORD, type Tree } from '../../test/factories.ts';

/**
 * Login throttling (decision 0010): per (account, client) and, over untrusted clients, per
 * account; identical answers for unknown names; the owner's trusted device is never locked out.
 */
let t: TestApp;
let tree: Tree;
let secAdmin: TestClient;
const API = '/api/v1';

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  secAdmin = t.client('10.60.0.1');
  expect((await secAdmin.login((await createUser(t.ctx, [{ role: 'security_admin', org: tree.city }])).username)).status).toBe(200);
});
afterAll(() => t?.close());

const auditOf = (userId: number, action: string) =>
  t.ctx.db.selectFrom('audit_log').selectAll().where('user_id', '=', userId).where('action', '=', action).orderBy('id').execute();
const throttleRows = (subject: string) => t.ctx.db.selectFrom('login_throttle').selectAll().where('subject', '=', subject).orderBy('client').execute();
const accountRow = async (username: string) => (await secAdmin.get(`${API}/accounts?q=${username}`)).body.items[0];

/** What an answer shows a caller: status, body and the Retry-After header. */
const seen = (res: { status: number; body: unknown; headers: Record<string, unknown> }) => ({
  status: res.status,
  body: res.body,
  retryAfter: res.headers['retry-after'],
});

describe('unknown and known login names', () => {
  it('answer identically before, at and after the threshold, also by mobile number', async () => {
    const u = await createUser(t.ctx, [{ role: 'inspector', org: tree.dA }], { phone: '13911112222' });
    const known = t.client('10.61.0.1');
    const unknown = t.client('10.61.0.2');
    const knownPhone = t.client('10.61.0.3');
    const unknownPhone = t.client('10.61.0.4');
    for (let i = 0; i < 5; i++) {
      const a = await known.login(u.username, `wrong-${i}`);
      const b = await unknown.login('no.such.user', `wrong-${i}`);
      const c = await knownPhone.login('13911112222', `wrong-${i}`);
      const d = await unknownPhone.login('13999998888', `wrong-${i}`);
      expect(a.status).toBe(401);
      expect(a.body.code).toBe('INVALID_CREDENTIALS');
      expect(seen(b)).toEqual(seen(a));
      expect(seen(c)).toEqual(seen(a));
      expect(seen(d)).toEqual(seen(a));
    }
    // The right password changes nothing once the pair is throttled.
    const a = await known.login(u.username, TEST_PASSWORD);
    const b = await unknown.login('no.such.user', TEST_PASSWORD);
    const c = await knownPhone.login('13911112222', TEST_PASSWORD);
    const d = await unknownPhone.login('13999998888', TEST_PASSWORD);
    expect(a.status).toBe(429);
    expect(a.headers['content-type']).toContain('application/problem+json');
    expect(a.body).toMatchObject({
      code: 'LOGIN_THROTTLED',
      title: '登录失败次数过多，请 15 分钟后再试',
      messages: { zh: '登录失败次数过多，请 15 分钟后再试', en: 'Too many failed logins; try again in 15 minute(s)' },
    });
    expect(a.headers['retry-after']).toBe('900');
    expect(seen(b)).toEqual(seen(a));
    expect(seen(c)).toEqual(seen(a));
    expect(seen(d)).toEqual(seen(a));
    expect(known.cookie('zx_session')).toBeUndefined();

    // The unknown name is counted under a keyed hash, never in clear.
    const rows = await t.ctx.db
      .selectFrom('login_throttle')
      .select(['subject', 'client', 'throttled_until'])
      .where('client', 'in', ['ip:10.61.0.2', 'ip:10.61.0.4'])
      .execute();
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r.subject).toMatch(/^n:[A-Za-z0-9_-]{43}$/);
      expect(Date.parse(r.throttled_until!)).toBeGreaterThan(Date.now() + 14 * 60_000);
    }
    expect(JSON.stringify(rows)).not.toContain('no.such.user');
    expect(JSON.stringify(rows)).not.toContain('13999998888');
  });

  it('write the same audit rows: each failure, the throttle, each refusal while throttled', async () => {
    const u = await createUser(t.ctx, [{ role: 'inspector', org: tree.dB }]);
    const c = t.client('10.62.0.1');
    for (let i = 0; i < 5; i++) await c.login(u.username, 'bad');
    await c.login(u.username, TEST_PASSWORD);
    const logins = await auditOf(u.id, 'auth.login');
    expect(logins.map((r) => [r.outcome, JSON.parse(r.summary!).reason, JSON.parse(r.summary!).failures ?? null, r.ip])).toEqual([
      ...[1, 2, 3, 4, 5].map((n) => ['failure', 'bad_password', n, '10.62.0.1']),
      ['denied', 'throttled', null, '10.62.0.1'],
    ]);
    const [throttle, ...more] = await auditOf(u.id, 'auth.throttle');
    expect(more).toEqual([]);
    expect(throttle).toMatchObject({ username: u.username, role: 'inspector', org_id: tree.dB.id, ip: '10.62.0.1', outcome: 'success' });
    expect(JSON.parse(throttle.summary!)).toMatchObject({ scope: 'client', client: 'address', failures: 5 });

    const unknown = t.client('10.62.0.2');
    for (let i = 0; i < 5; i++) await unknown.login('ghost.account', 'bad');
    await unknown.login('ghost.account', 'bad');
    const rows = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'outcome', 'summary', 'user_id', 'org_id'])
      .where('ip', '=', '10.62.0.2')
      .orderBy('id')
      .execute();
    expect(rows.map((r) => [r.action, r.outcome, JSON.parse(r.summary!).reason ?? JSON.parse(r.summary!).scope, r.user_id, r.org_id])).toEqual([
      ...[1, 2, 3, 4].map(() => ['auth.login', 'failure', 'unknown_account', null, null]),
      ['auth.login', 'failure', 'unknown_account', null, null],
      ['auth.throttle', 'success', 'client', null, null],
      ['auth.login', 'denied', 'throttled', null, null],
    ]);
  });
});

describe('an attacker cannot lock the owner out', () => {
  it("a throttled address stops neither the owner's trusted device (even behind the same address) nor another address", async () => {
    const u = await createUser(t.ctx, [{ role: 'org_admin', org: tree.cA1 }]);
    const laptop = t.client('10.63.0.1');
    expect((await laptop.login(u.username)).status).toBe(200);
    const device = laptop.cookie('zx_device');
    expect(device).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await t.ctx.db.selectFrom('trusted_device').select('user_id').where('user_id', '=', u.id).execute()).toHaveLength(1);
    expect((await laptop.post(`${API}/auth/logout`)).status).toBe(200);

    const attacker = t.client('10.63.0.66');
    for (let i = 0; i < 5; i++) expect((await attacker.login(u.username, `guess-${i}`)).status).toBe(401);
    expect((await attacker.login(u.username, TEST_PASSWORD)).status).toBe(429);

    // The laptop on the attacker's very address (a shared NAT): its device cookie makes it another client.
    const sameNat = new TestClient(t.app, '10.63.0.66');
    await sameNat.get(`${API}/auth/csrf`);
    const withDevice = await sameNat.request(
      'POST',
      `${API}/auth/login`,
      { login: u.username, password: TEST_PASSWORD },
      { cookie: `zx_csrf=${sameNat.cookie('zx_csrf')}; zx_device=${device}` },
    );
    expect(withDevice.status).toBe(200);
    // A phone on another address, never seen before.
    expect((await t.client('10.63.0.2').login(u.username)).status).toBe(200);
    // A forged or stale device cookie is only an address again.
    const forged = new TestClient(t.app, '10.63.0.66');
    await forged.get(`${API}/auth/csrf`);
    const res = await forged.request(
      'POST',
      `${API}/auth/login`,
      { login: u.username, password: TEST_PASSWORD },
      { cookie: `zx_csrf=${forged.cookie('zx_csrf')}; zx_device=${'x'.repeat(43)}` },
    );
    expect(res.status).toBe(429);
    expect((await accountRow(u.username)).locked).toBe(false);
  });

  it('guesses spread over many addresses throttle only untrusted clients of the account; the list shows it locked; unlock clears it', async () => {
    const current = (await secAdmin.get(`${API}/settings/security`)).body;
    expect((await secAdmin.put(`${API}/settings/security`, { ...current, lockoutThreshold: 3 })).status).toBe(200);
    try {
      const u = await createUser(t.ctx, [{ role: 'branch_secretary', org: tree.bA1a }]);
      const desk = t.client('10.64.0.1');
      expect((await desk.login(u.username)).status).toBe(200);
      // 10 × threshold = 30 failures an hour from untrusted clients: 15 addresses, 2 guesses each
      // (each pair stays under its own threshold of 3).
      for (let a = 0; a < 15; a++) {
        const bot = t.client(`10.65.${a}.1`);
        for (let i = 0; i < 2; i++) expect((await bot.login(u.username, `guess-${a}-${i}`)).status).toBe(401);
      }
      const [account] = (await throttleRows(`u:${u.id}`)).filter((r) => r.client === '*');
      expect(account.throttled_until! > new Date(Date.now() + 59 * 60_000).toISOString()).toBe(true);
      // Any untrusted client, the right password included: throttled.
      const fresh = await t.client('10.66.0.1').login(u.username, TEST_PASSWORD);
      expect(fresh.status).toBe(429);
      expect(fresh.body.code).toBe('LOGIN_THROTTLED');
      // The owner's trusted device still logs in.
      expect((await desk.post(`${API}/auth/logout`)).status).toBe(200);
      expect((await desk.login(u.username)).status).toBe(200);

      const [accountThrottle, ...more] = (await auditOf(u.id, 'auth.throttle')).filter((r) => JSON.parse(r.summary!).scope === 'account');
      expect(more).toEqual([]);
      expect(JSON.parse(accountThrottle.summary!)).toMatchObject({ scope: 'account', failures: 30, until: account.throttled_until });

      const listed = await accountRow(u.username);
      expect(listed).toMatchObject({ locked: true, lockedUntil: account.throttled_until });

      expect((await secAdmin.post(`${API}/accounts/${u.id}/unlock`)).status).toBe(200);
      expect(await throttleRows(`u:${u.id}`)).toEqual([]);
      expect((await accountRow(u.username)).locked).toBe(false);
      expect((await t.client('10.66.0.1').login(u.username)).status).toBe(200);
      const [unlock] = await t.ctx.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'account.unlock')
        .where('target_id', '=', String(u.id))
        .execute();
      expect(unlock).toMatchObject({ role: 'security_admin', outcome: 'success' });
      expect(JSON.parse(unlock.summary!).cleared).toBeGreaterThanOrEqual(16);
    } finally {
      expect((await secAdmin.put(`${API}/settings/security`, current)).status).toBe(200);
    }
  });
});

describe('counting', () => {
  it('a successful login resets the pair: four failures, a success, four failures never throttle', async () => {
    const u = await createUser(t.ctx, [{ role: 'inspector', org: tree.cA2 }]);
    const c = t.client('10.67.0.1');
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 4; i++) expect((await c.login(u.username, 'bad')).status).toBe(401);
      expect((await c.login(u.username)).status).toBe(200);
      expect((await throttleRows(`u:${u.id}`)).filter((r) => r.client !== '*')).toEqual([]);
    }
  });

  it('is shared by every app instance over the same database', async () => {
    const u = await createUser(t.ctx, [{ role: 'inspector', org: tree.cB1 }]);
    const { app: second } = await buildApp({ config: t.ctx.config, database: t.testDb.database, logger: false });
    await second.ready();
    try {
      const one = t.client('10.68.0.1');
      const two = new TestClient(second, '10.68.0.1');
      for (let i = 0; i < 3; i++) expect((await one.login(u.username, 'bad')).status).toBe(401);
      for (let i = 0; i < 2; i++) expect((await two.login(u.username, 'bad')).status).toBe(401);
      expect((await one.login(u.username)).status).toBe(429);
      expect((await two.login(u.username)).status).toBe(429);
    } finally {
      await second.close();
    }
  });
});

describe('trusted devices are revoked', () => {
  const devicesOf = async (userId: number) => (await t.ctx.db.selectFrom('trusted_device').select('id').where('user_id', '=', userId).execute()).length;

  it('by logging out everywhere (the cookie too), by a password reset, and by a password change except on the browser that made it', async () => {
    const u = await createUser(t.ctx, [{ role: 'inspector', org: tree.bB1a }]);
    const a = t.client('10.69.0.1');
    const b = t.client('10.69.0.2');
    await a.login(u.username);
    await b.login(u.username);
    expect(await devicesOf(u.id)).toBe(2);
    // Logging in again from a trusted browser adds no device.
    await a.login(u.username);
    expect(await devicesOf(u.id)).toBe(2);

    const aDevice = a.cookie('zx_device')!;
    expect((await a.post(`${API}/auth/password`, { currentPassword: TEST_PASSWORD, newPassword: 'Zx-throttle-2026' })).status).toBe(200);
    const kept = await t.ctx.db.selectFrom('trusted_device').select('id').where('user_id', '=', u.id).execute();
    expect(kept).toHaveLength(1);
    expect(a.cookie('zx_device')).toBe(aDevice);

    const out = await a.post(`${API}/auth/logout-everywhere`);
    expect(out.status).toBe(200);
    expect(String(out.headers['set-cookie'])).toMatch(/zx_device=;/);
    expect(a.cookie('zx_device')).toBeUndefined();
    expect(await devicesOf(u.id)).toBe(0);

    await b.login(u.username, 'Zx-throttle-2026');
    expect(await devicesOf(u.id)).toBe(1);
    const orgAdmin = t.client('10.69.0.3');
    await orgAdmin.login((await createUser(t.ctx, [{ role: 'org_admin', org: tree.dB }])).username);
    expect((await orgAdmin.post(`${API}/accounts/${u.id}/reset-password`)).status).toBe(200);
    expect(await devicesOf(u.id)).toBe(0);
  });

  it('the device cookie is HttpOnly, SameSite=Strict and sent only to /api/v1/auth', async () => {
    const u = await createUser(t.ctx, [{ role: 'inspector', org: tree.bA2a }]);
    const res = await t.client('10.70.0.1').login(u.username);
    const cookie = String(res.headers['set-cookie'])
      .split(/,(?=\s*zx_)/)
      .find((c) => c.trim().startsWith('zx_device='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/api\/v1\/auth/);
    expect(cookie).toMatch(/Max-Age=7776000/);
  });
});

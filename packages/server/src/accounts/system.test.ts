import { execFile } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/setup.ts';
import { createUser, TEST_PASSWORD } from '../../test/factories.ts';
import { installSystemAccounts, operator, type SystemAccount } from './system.ts';
import { runAdminCommand } from './admin-commands.ts';

/**
 * 三员 at install and on the command line: the three system accounts are created on the first
 * start of a database without them (no demo city here), and changed only by `npm run admin`.
 */
let t: TestApp;
let installed: SystemAccount[];
const API = '/api/v1';
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const cli = operator('[cli]');
const osUser = cli.osUser;
let ipSeq = 0;
const nextIp = () => `10.80.0.${++ipSeq}`;

const userNamed = (username: string) => t.ctx.db.selectFrom('user_account').selectAll().where('username', '=', username).executeTakeFirst();
const cliRows = () => t.ctx.db.selectFrom('audit_log').selectAll().where('username', '=', '[cli]').orderBy('id').execute();
const lastCliRow = async () => (await cliRows()).at(-1)!;
const admin = (...argv: string[]) => runAdminCommand(t.ctx, argv, cli);

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

describe('install (first start, ZX_DEMO=0)', () => {
  it('creates a root organization and the three system accounts, passwords shown once, each to be changed at first login', async () => {
    expect(await t.ctx.db.selectFrom('organization').select('id').execute()).toEqual([]);
    installed = (await installSystemAccounts(t.ctx, operator('[install]'), { rootOrgName: '测试市团市委' }))!;
    expect(installed.map((a) => [a.username, a.role, a.roleZh, a.orgName])).toEqual([
      ['sysadmin', 'system_admin', '系统管理员', '测试市团市委'],
      ['secadmin', 'security_admin', '安全管理员', '测试市团市委'],
      ['auditadmin', 'audit_admin', '审计管理员', '测试市团市委'],
    ]);
    expect(new Set(installed.map((a) => a.password)).size).toBe(3);
    for (const a of installed) expect(a.password).toMatch(/^.{14}$/);

    const [root] = await t.ctx.db.selectFrom('organization').selectAll().execute();
    expect(root).toMatchObject({ parent_id: null, path: `/${root.id}/`, depth: 0, type_code: 'city', name: '测试市团市委', status: 'active' });
    for (const a of installed) {
      const user = (await userNamed(a.username))!;
      expect(user).toMatchObject({ status: 'active', must_change_password: 1, display_name: a.roleZh });
      expect(user.password_hash).toMatch(/^\$argon2id\$/);
      expect(await t.ctx.db.selectFrom('role_grant').select(['role', 'org_id']).where('user_id', '=', user.id).execute()).toEqual([
        { role: a.role, org_id: root.id },
      ]);
    }
    const rows = await t.ctx.db.selectFrom('audit_log').selectAll().where('username', '=', '[install]').orderBy('id').execute();
    expect(rows.map((r) => [r.action, r.outcome, r.org_id])).toEqual([
      ['org.create', 'success', root.id],
      ['account.create', 'success', root.id],
      ['account.create', 'success', root.id],
      ['account.create', 'success', root.id],
    ]);
    expect(JSON.parse(rows[1].summary!)).toMatchObject({ via: 'install', osUser, username: 'sysadmin', role: 'system_admin' });
    expect(rows.map((r) => r.summary).join()).not.toContain(installed[0].password);
  });

  it('happens once: a second start installs nothing', async () => {
    const n = (await t.ctx.db.selectFrom('user_account').select('id').execute()).length;
    expect(await installSystemAccounts(t.ctx, operator('[install]'))).toBeNull();
    expect((await t.ctx.db.selectFrom('user_account').select('id').execute()).length).toBe(n);
  });

  it('the installed security admin logs in, must change the password first, then works', async () => {
    const sec = installed.find((a) => a.role === 'security_admin')!;
    const c = t.client(nextIp());
    const me = await c.login(sec.username, sec.password);
    expect(me.status).toBe(200);
    expect(me.body.user.mustChangePassword).toBe(true);
    expect((await c.get(`${API}/accounts`)).body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await c.post(`${API}/auth/password`, { currentPassword: sec.password, newPassword: 'Sec-admin-2026!' })).status).toBe(200);
    sec.password = 'Sec-admin-2026!';
    expect((await c.get(`${API}/accounts`)).status).toBe(200);
  });
});

describe('npm run admin (command functions)', () => {
  it('list: the system accounts with role, status and the forced change', async () => {
    const res = await admin('list');
    expect(res.code).toBe(0);
    expect(res.out).toHaveLength(4);
    expect(res.out[1]).toMatch(/^sysadmin\s+系统管理员 system_admin\s+active\s+yes\s+-\s+-$/);
    expect(res.out[2]).toMatch(/^secadmin\s+安全管理员 security_admin\s+active\s+no\s+-\s+\d{4}-/);
    expect(await lastCliRow()).toMatchObject({ action: 'account.list', outcome: 'success', user_id: null, role: null });
    expect(JSON.parse((await lastCliRow()).summary!)).toMatchObject({ via: 'cli', osUser, host: os.hostname(), command: 'list', count: 3 });
  });

  it('reset-password: a new one-time password, sessions ended, a forced change at next login', async () => {
    const sys = installed.find((a) => a.role === 'system_admin')!;
    const c = t.client(nextIp());
    expect((await c.login(sys.username, sys.password)).status).toBe(200);
    const res = await admin('reset-password', 'sysadmin');
    expect(res.code).toBe(0);
    const password = /for sysadmin: (\S{14})$/.exec(res.out[0])![1];
    expect((await c.get(`${API}/auth/me`)).status).toBe(401);
    expect((await t.client(nextIp()).login('sysadmin', sys.password)).status).toBe(401);
    const again = await t.client(nextIp()).login('sysadmin', password);
    expect(again.body.user.mustChangePassword).toBe(true);
    sys.password = password;
    const row = await lastCliRow();
    expect(row).toMatchObject({
      action: 'account.reset_password',
      target_type: 'user',
      target_id: String((await userNamed('sysadmin'))!.id),
      outcome: 'success',
    });
    expect(row.summary).not.toContain(password);
  });

  it('unlock: clears the login throttles of a system account', async () => {
    const aud = installed.find((a) => a.role === 'audit_admin')!;
    const ip = nextIp();
    for (let i = 0; i < 5; i++) await t.client(ip).login('auditadmin', 'bad');
    expect((await t.client(ip).login('auditadmin', aud.password)).status).toBe(429);
    const res = await admin('unlock', 'auditadmin');
    expect(res.code).toBe(0);
    expect((await t.client(ip).login('auditadmin', aud.password)).status).toBe(200);
    expect(JSON.parse((await lastCliRow()).summary!)).toMatchObject({ command: 'unlock', username: 'auditadmin', cleared: 2 });
  });

  it('disable and enable: a disabled account cannot log in and its sessions end', async () => {
    const aud = installed.find((a) => a.role === 'audit_admin')!;
    const c = t.client(nextIp());
    expect((await c.login('auditadmin', aud.password)).status).toBe(200);
    expect((await admin('disable', 'auditadmin')).code).toBe(0);
    expect((await userNamed('auditadmin'))!.status).toBe('disabled');
    expect((await c.get(`${API}/auth/me`)).status).toBe(401);
    expect((await t.client(nextIp()).login('auditadmin', aud.password)).status).toBe(401);
    expect(JSON.parse((await lastCliRow()).summary!)).toMatchObject({ command: 'disable', before: { status: 'active' }, after: { status: 'disabled' } });
    expect((await admin('enable', 'auditadmin')).code).toBe(0);
    expect((await t.client(nextIp()).login('auditadmin', aud.password)).status).toBe(200);
  });

  it('create: a replacement system account at the root, with a one-time password', async () => {
    const res = await admin('create', 'audit_admin', 'auditor2', '第二', '审计员');
    expect(res.code).toBe(0);
    const password = /One-time password: (\S{14})$/.exec(res.out[1])![1];
    const user = (await userNamed('auditor2'))!;
    expect(user).toMatchObject({ display_name: '第二 审计员', must_change_password: 1, status: 'active' });
    const [root] = await t.ctx.db.selectFrom('organization').select('id').execute();
    expect(await t.ctx.db.selectFrom('role_grant').select(['role', 'org_id']).where('user_id', '=', user.id).execute()).toEqual([
      { role: 'audit_admin', org_id: root.id },
    ]);
    expect((await t.client(nextIp()).login('auditor2', password)).body.user.mustChangePassword).toBe(true);
    expect(await lastCliRow()).toMatchObject({ action: 'account.create', target_id: String(user.id), outcome: 'success' });
  });

  it('refuses business roles and business accounts (managed in the app), unknown accounts and taken names; each refusal is audited', async () => {
    const [root] = await t.ctx.db.selectFrom('organization').select(['id', 'path', 'name', 'code']).execute();
    const business = await createUser(t.ctx, [{ role: 'org_admin', org: root }]);
    const hashBefore = (await userNamed(business.username))!.password_hash;
    const users = (await t.ctx.db.selectFrom('user_account').select('id').execute()).length;

    const cases: Array<[string[], string, string, string]> = [
      [['create', 'org_admin', 'city.boss'], 'account.create', 'denied', 'business_role'],
      [['create', 'member', 'some.member'], 'account.create', 'denied', 'business_role'],
      [['create', 'overlord', 'x.y'], 'account.create', 'failure', 'unknown_role'],
      [['create', 'system_admin', '1bad'], 'account.create', 'failure', 'invalid_username'],
      [['create', 'system_admin', 'secadmin'], 'account.create', 'failure', 'username_taken'],
      [['reset-password', business.username], 'account.reset_password', 'denied', 'business_account'],
      [['unlock', business.username], 'account.unlock', 'denied', 'business_account'],
      [['disable', business.username], 'account.update', 'denied', 'business_account'],
      [['reset-password', 'nobody.here'], 'account.reset_password', 'failure', 'unknown_account'],
    ];
    for (const [argv, action, outcome, reason] of cases) {
      const res = await admin(...argv);
      expect(res.code, argv.join(' ')).toBe(1);
      const row = await lastCliRow();
      expect([row.action, row.outcome, JSON.parse(row.summary!).reason, JSON.parse(row.summary!).command], argv.join(' ')).toEqual([
        action,
        outcome,
        reason,
        argv[0],
      ]);
    }
    expect((await admin('create', 'org_admin', 'city.boss')).out[0]).toContain('business role');
    expect((await t.ctx.db.selectFrom('user_account').select('id').execute()).length).toBe(users);
    expect((await userNamed(business.username))!).toMatchObject({ password_hash: hashBefore, status: 'active' });
    expect((await t.client(nextIp()).login(business.username, TEST_PASSWORD)).status).toBe(200);
  });

  it('answers usage errors with exit code 64 and the usage', async () => {
    const n = (await cliRows()).length;
    for (const argv of [[], ['frobnicate'], ['reset-password'], ['unlock', 'a', 'b'], ['create', 'audit_admin']]) {
      const res = await admin(...argv);
      expect(res.code, argv.join(' ')).toBe(64);
      expect(res.out.join('\n')).toContain('npm run admin -- <command>');
    }
    expect((await cliRows()).length).toBe(n);
  });
});

describe('npm run admin (a child process, as an operator runs it)', () => {
  /** The server's own configuration: the test database through DATABASE_URL or ZX_DATA_DIR, and its field key. */
  const env = () => ({
    ...process.env,
    ZX_FIELD_KEY: t.ctx.config.fieldKey.toString('hex'),
    ...(t.testDb.kind === 'postgres'
      ? { DATABASE_URL: t.testDb.databaseUrl!, ZX_DB_SCHEMA: t.testDb.schema!, ZX_DATA_DIR: t.testDb.dataDir }
      : { DATABASE_URL: '', ZX_DATA_DIR: t.testDb.dataDir }),
  });
  const run = (...argv: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile('npm', ['run', '--silent', 'admin', '--', ...argv], { cwd: REPO, env: env(), timeout: 120_000 }, (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });

  it('lists and resets a password on this database, and the audit log names the OS user', async () => {
    const list = await run('list');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^sysadmin\s+系统管理员 system_admin/m);
    expect(list.stdout).toMatch(/^auditor2\s+审计管理员 audit_admin/m);

    const before = (await userNamed('auditor2'))!.password_hash;
    const reset = await run('reset-password', 'auditor2');
    expect(reset.code).toBe(0);
    const password = /for auditor2: (\S{14})$/m.exec(reset.stdout)![1];
    expect((await userNamed('auditor2'))!.password_hash).not.toBe(before);
    const login = await t.client(nextIp()).login('auditor2', password);
    expect(login.status).toBe(200);
    expect(login.body.user.mustChangePassword).toBe(true);
    const row = await lastCliRow();
    expect(row).toMatchObject({ action: 'account.reset_password', outcome: 'success' });
    expect(JSON.parse(row.summary!)).toMatchObject({ via: 'cli', osUser, command: 'reset-password', username: 'auditor2' });

    const refused = await run('create', 'branch_secretary', 'some.secretary');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('business role');
    expect(await userNamed('some.secretary')).toBeUndefined();
  }, 120_000);
});

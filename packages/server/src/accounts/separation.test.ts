import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@zx/domain';
import { createTestApp, type TestApp } from '../../test/setup.ts';
import type { TestClient } from '../../test/client.ts';
import { createMember, createTree, createUser, yearPhases, type Tree } from '../../test/factories.ts';

/**
 * 三员分立 as 等保 2.0 level 3 means it: the security admin cannot make or touch a system account,
 * the system admin holds no business permission, the audit admin only reads the audit log.
 */
let t: TestApp;
let tree: Tree;
let sec: TestClient;
let sys: TestClient;
let aud: TestClient;
let cityAdmin: TestClient;
const users: Record<'sec' | 'sys' | 'aud' | 'sec2', { id: number; username: string }> = {} as never;
const API = '/api/v1';
let ipSeq = 0;

async function signIn(role: Role, key?: keyof typeof users) {
  const user = await createUser(t.ctx, [{ role, org: tree.city }]);
  if (key) users[key] = user;
  const c = t.client(`10.90.0.${++ipSeq}`);
  expect((await c.login(user.username)).status).toBe(200);
  return c;
}

/** Everything an account change could touch, to prove a refusal changed nothing. */
const accountState = async () =>
  JSON.stringify({
    users: await t.ctx.db.selectFrom('user_account').selectAll().orderBy('id').execute(),
    grants: await t.ctx.db.selectFrom('role_grant').selectAll().orderBy('id').execute(),
    sessions: await t.ctx.db.selectFrom('session').select(['id', 'user_id']).orderBy('id').execute(),
    throttles: await t.ctx.db.selectFrom('login_throttle').selectAll().orderBy('subject').orderBy('client').execute(),
  });
const auditCount = async () => (await t.ctx.db.selectFrom('audit_log').select('id').execute()).length;

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  sec = await signIn('security_admin', 'sec');
  sys = await signIn('system_admin', 'sys');
  aud = await signIn('audit_admin', 'aud');
  await signIn('security_admin', 'sec2');
  cityAdmin = await signIn('org_admin');
});
afterAll(() => t?.close());

describe('the security admin', () => {
  it('cannot create a system_admin, security_admin or audit_admin account (422 ROLE_NOT_GRANTABLE), and nothing changes', async () => {
    const before = await accountState();
    for (const role of ['system_admin', 'security_admin', 'audit_admin'] as const) {
      const res = await sec.post(`${API}/accounts`, { username: `new.${role.replace('_', '.')}`, displayName: '新管理员', role, orgId: tree.city.id });
      expect(res.status, role).toBe(422);
      expect(res.body.errors).toEqual([
        expect.objectContaining({
          field: 'role',
          code: 'ROLE_NOT_GRANTABLE',
          messages: {
            zh: '系统管理员、安全管理员、审计管理员账号只能在服务器命令行中管理（npm run admin）',
            en: 'System, security and audit administrator accounts are managed only from the server command line (npm run admin)',
          },
        }),
      ]);
    }
    expect(await accountState()).toBe(before);
  });

  it('cannot grant a system role to any account (422 ROLE_NOT_GRANTABLE), and nothing changes', async () => {
    const business = await createUser(t.ctx, [{ role: 'org_admin', org: tree.dA }]);
    const before = await accountState();
    for (const role of ['system_admin', 'security_admin', 'audit_admin'] as const) {
      const res = await sec.post(`${API}/accounts/${business.id}/grants`, { role, orgId: tree.city.id });
      expect(res.status, role).toBe(422);
      expect(res.body.errors[0]).toMatchObject({ field: 'role', code: 'ROLE_NOT_GRANTABLE' });
    }
    expect(await accountState()).toBe(before);
  });

  it('cannot reset, unlock, disable, edit or revoke the system admin, the audit admin, another security admin or itself (403), nor can an organization admin, and nothing changes', async () => {
    // A throttle on the audit admin, so that an unlock would have something to clear.
    for (let i = 0; i < 5; i++) await t.client('10.91.0.1').login(users.aud.username, 'bad');
    const targets = [users.sys, users.aud, users.sec2, users.sec];
    const grants = await t.ctx.db
      .selectFrom('role_grant')
      .select(['id', 'user_id'])
      .where(
        'user_id',
        'in',
        targets.map((u) => u.id),
      )
      .execute();
    const before = await accountState();
    const audits = await auditCount();
    for (const u of targets) {
      const grantId = grants.find((g) => g.user_id === u.id)!.id;
      const answers = [
        await sec.post(`${API}/accounts/${u.id}/reset-password`),
        await sec.post(`${API}/accounts/${u.id}/unlock`),
        await sec.patch(`${API}/accounts/${u.id}`, { status: 'disabled' }),
        await sec.patch(`${API}/accounts/${u.id}`, { displayName: '被改名', phone: '13700001111' }),
        await sec.delete(`${API}/accounts/${u.id}/grants/${grantId}`),
        await sec.post(`${API}/accounts/${u.id}/grants`, { role: 'inspector', orgId: tree.dA.id }),
      ];
      for (const res of answers) {
        expect(res.status, u.username).toBe(403);
        expect(res.body.code).toBe('FORBIDDEN');
      }
    }
    // Nor may an organization admin at the top of the tree.
    for (const u of [users.sys, users.aud, users.sec]) {
      expect((await cityAdmin.post(`${API}/accounts/${u.id}/reset-password`)).status, u.username).toBe(403);
      expect((await cityAdmin.patch(`${API}/accounts/${u.id}`, { status: 'disabled' })).status, u.username).toBe(403);
    }
    expect(await accountState()).toBe(before);
    expect(await auditCount()).toBe(audits);
    expect((await sys.get(`${API}/auth/me`)).status).toBe(200);
    expect((await aud.get(`${API}/auth/me`)).status).toBe(200);
    // The list says so too: the system accounts are not the security admin's to manage.
    const list = (await sec.get(`${API}/accounts?pageSize=200`)).body.items as Array<{ id: number; canManage: boolean }>;
    for (const u of targets) expect(list.find((i) => i.id === u.id)?.canManage, u.username).toBe(false);
  });

  it('still manages business accounts', async () => {
    const res = await sec.post(`${API}/accounts`, { username: 'district.b.admin', displayName: '临江区管理员', role: 'org_admin', orgId: tree.dB.id });
    expect(res.status).toBe(201);
    expect((await sec.post(`${API}/accounts/${res.body.id}/reset-password`)).status).toBe(200);
  });

  it('cannot link an account to a member (it would read their profile and cast their ballots), and nothing is created', async () => {
    const victim = await createMember(t.ctx, tree.bB1a, { name: '韩梅' });
    const before = await t.ctx.db
      .selectFrom('user_account')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const res = await sec.post(`${API}/accounts`, { username: 'shadow.one', displayName: '影子', role: 'member', orgId: tree.bB1a.id, memberId: victim.id });
    expect(res.status).toBe(403);
    expect(
      await t.ctx.db
        .selectFrom('user_account')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow(),
    ).toEqual(before);
  });
});

describe('one account per member', () => {
  it('an organization admin links a member once; a second account for the same member is refused on its field', async () => {
    const m = await createMember(t.ctx, tree.bB1a, { name: '李雷' });
    const first = await cityAdmin.post(`${API}/accounts`, { username: 'lilei', displayName: '李雷', role: 'member', orgId: tree.bB1a.id, memberId: m.id });
    expect(first.status).toBe(201);
    const second = await cityAdmin.post(`${API}/accounts`, {
      username: 'lilei.two',
      displayName: '李雷',
      role: 'branch_secretary',
      orgId: tree.bB1a.id,
      memberId: m.id,
    });
    expect(second.status).toBe(422);
    expect(second.body.errors).toEqual([expect.objectContaining({ field: 'memberId', code: 'MEMBER_HAS_ACCOUNT' })]);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'account.create')
      .where('target_id', '=', String(first.body.id))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.summary!)).toMatchObject({ memberId: m.id });
    // The database holds the rule too.
    await expect(t.ctx.db.updateTable('user_account').set({ member_id: m.id }).where('username', '=', 'district.b.admin').execute()).rejects.toThrow();
  });
});

describe('the system admin holds no business permission', () => {
  it('cannot reveal an ID, approve a plan, browse the roster, read the organization tree or its members, accounts or the audit log (403)', async () => {
    const m = await createMember(t.ctx, tree.bA1a);
    const templateId = (await cityAdmin.get(`${API}/templates`)).body[0].id;
    const campaign = await cityAdmin.post(`${API}/campaigns`, {
      templateId,
      orgId: tree.city.id,
      name: '三员测试活动',
      phases: yearPhases(new Date().getUTCFullYear()),
    });
    expect(campaign.status).toBe(201);
    const audits = await auditCount();
    const refused = {
      reveal: await sys.post(`${API}/members/${m.id}/reveal`, { field: 'idCard' }),
      approvePlan: await sys.post(`${API}/campaigns/${campaign.body.id}/plans/${tree.bA1a.id}/review`, { decision: 'approve' }),
      roster: await sys.get(`${API}/members?orgId=${tree.bA1a.id}`),
      member: await sys.get(`${API}/members/${m.id}`),
      rosterExport: await sys.get(`${API}/members/export?orgId=${tree.bA1a.id}`),
      orgList: await sys.get(`${API}/orgs`),
      orgTree: await sys.get(`${API}/orgs/tree`),
      org: await sys.get(`${API}/orgs/${tree.bA1a.id}`),
      orgCreate: await sys.post(`${API}/orgs`, { parentId: tree.city.id, name: '系统管理员建的区', code: 'SYS-D', typeCode: 'district' }),
      accounts: await sys.get(`${API}/accounts`),
      audit: await sys.get(`${API}/audit`),
      settings: await sys.get(`${API}/settings/security`),
    };
    for (const [what, res] of Object.entries(refused)) {
      expect(res.status, what).toBe(403);
      expect(res.body.code, what).toBe('FORBIDDEN');
    }
    expect(await auditCount()).toBe(audits);
    expect(await t.ctx.db.selectFrom('unit_plan').select('id').execute()).toEqual([]);
    expect(await t.ctx.db.selectFrom('organization').select('id').where('code', '=', 'SYS-D').executeTakeFirst()).toBeUndefined();
    // What it does hold: system configuration.
    expect((await sys.get(`${API}/auth/me`)).body.permissions).toEqual(['orgtype.write', 'template.write']);
    expect((await sys.get(`${API}/orgs/types`)).status).toBe(200);
  });
});

describe('the audit admin', () => {
  it('reads and exports the audit log, and nothing of the business nor of the accounts', async () => {
    const m = await createMember(t.ctx, tree.bA1b);
    expect((await aud.get(`${API}/audit`)).status).toBe(200);
    const exported = await aud.get(`${API}/audit/export`);
    expect(exported.status).toBe(200);
    expect(String(exported.headers['content-type'])).toContain('spreadsheetml');
    const audits = await auditCount();
    const before = await accountState();
    const refused = {
      roster: await aud.get(`${API}/members?orgId=${tree.bA1b.id}`),
      reveal: await aud.post(`${API}/members/${m.id}/reveal`, { field: 'phone' }),
      memberEdit: await aud.patch(`${API}/members/${m.id}`, { name: '改名' }),
      orgCreate: await aud.post(`${API}/orgs`, { parentId: tree.city.id, name: '审计员建的区', code: 'AUD-D', typeCode: 'district' }),
      accounts: await aud.get(`${API}/accounts`),
      accountCreate: await aud.post(`${API}/accounts`, { username: 'aud.made', displayName: 'x', role: 'member', orgId: tree.bA1b.id }),
      reset: await aud.post(`${API}/accounts/${users.sys.id}/reset-password`),
      settings: await aud.get(`${API}/settings/security`),
      settingsWrite: await aud.put(`${API}/settings/security`, { auditRetentionDays: 3650 }),
      orgTypes: await aud.put(`${API}/orgs/types`, []),
    };
    for (const [what, res] of Object.entries(refused)) {
      expect(res.status, what).toBe(403);
      expect(res.body.code, what).toBe('FORBIDDEN');
    }
    expect(await accountState()).toBe(before);
    // The export itself is audited; nothing refused wrote a row.
    expect(await auditCount()).toBe(audits);
    expect((await aud.get(`${API}/auth/me`)).body.permissions).toEqual(['org.read', 'audit.read']);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskIdCard, type Role } from '@zx/domain';
import { createTestApp, type TestApp } from '../../test/setup.ts';
import type { TestClient } from '../../test/client.ts';
import { createMember, createTree, createUser, TEST_PASSWORD, type OrgRef, type Tree } from '../../test/factories.ts';
import { readXlsx } from '../../test/xlsx-fixtures.ts';
import { runMaintenance } from '../jobs/maintenance.ts';

let t: TestApp;
let tree: Tree;
const API = '/api/v1';
const DAY = 86_400_000;
const isPostgres = process.env.ZX_TEST_DB === 'postgres';
let ipSeq = 0;

/** A logged-in client on its own IP (the login rate limit counts per IP). */
async function loginAs(role: Role, org: OrgRef, ip = `10.20.0.${++ipSeq}`) {
  const user = await createUser(t.ctx, [{ role, org }]);
  const client = t.client(ip);
  expect((await client.login(user.username)).status).toBe(200);
  return { client, user, ip };
}

const rowsOf = (action: string) => t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();
const auditCount = async () =>
  Number(
    (
      await t.ctx.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function insertAuditRow(at: string, action: string) {
  await t.ctx.db
    .insertInto('audit_log')
    .values({
      at,
      user_id: null,
      username: 'retention-probe',
      role: null,
      org_id: tree.city.id,
      org_path: tree.city.path,
      action,
      target_type: null,
      target_id: null,
      summary: null,
      ip: null,
      outcome: 'success',
    })
    .execute();
}

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
});
afterAll(async () => {
  await t?.close();
});

describe('every write leaves an audit row (who, role, org, action, target, outcome, ip)', () => {
  it('creating an organization', async () => {
    const { client, user, ip } = await loginAs('org_admin', tree.cA1, '10.30.0.1');
    const res = await client.post(`${API}/orgs`, { parentId: tree.cA1.id, name: '审计测试团支部', code: 'AUD-B1', typeCode: 'branch' });
    expect(res.status).toBe(201);
    const [row] = (await rowsOf('org.create')).filter((r) => r.target_id === String(res.body.id));
    expect(row).toMatchObject({
      user_id: user.id,
      username: user.username,
      role: 'org_admin',
      org_id: tree.cA1.id,
      org_path: tree.cA1.path,
      action: 'org.create',
      target_type: 'organization',
      target_id: String(res.body.id),
      outcome: 'success',
      ip,
    });
    expect(Date.now() - Date.parse(row.at)).toBeLessThan(60_000);
    expect(JSON.parse(row.summary!)).toMatchObject({ code: 'AUD-B1', type: 'branch', parentId: tree.cA1.id });
  });

  it('updating a member (before/after, masked)', async () => {
    const m = await createMember(t.ctx, tree.bA1a, { name: '审计甲', phone: '13566667777' });
    const { client, user, ip } = await loginAs('branch_secretary', tree.bA1a, '10.30.0.2');
    const res = await client.patch(`${API}/members/${m.id}`, { name: '审计乙', phone: '13566668888' });
    expect(res.status).toBe(200);
    const [row] = (await rowsOf('member.update')).filter((r) => r.target_id === String(m.id));
    expect(row).toMatchObject({
      user_id: user.id,
      username: user.username,
      role: 'branch_secretary',
      org_id: tree.bA1a.id,
      org_path: tree.bA1a.path,
      target_type: 'member',
      outcome: 'success',
      ip,
    });
    const summary = JSON.parse(row.summary!);
    expect(summary.before).toMatchObject({ name: '审计甲', phone: '135****7777', idCard: maskIdCard(m.idCard) });
    expect(summary.after).toMatchObject({ name: '审计乙', phone: '135****8888' });
    expect(row.summary).not.toContain('13566668888');
    expect(row.summary).not.toContain(m.idCard.slice(0, 17));
  });

  it('a successful login, with the role and organization the session starts in', async () => {
    const { user, ip } = await loginAs('inspector', tree.cA2, '10.30.0.3');
    const rows = (await rowsOf('auth.login')).filter((r) => r.user_id === user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ username: user.username, role: 'inspector', org_id: tree.cA2.id, org_path: tree.cA2.path, outcome: 'success', ip });
  });

  it('a failed login, then a throttle after 5 failures, then a refused login while throttled', async () => {
    const user = await createUser(t.ctx, [{ role: 'branch_secretary', org: tree.bA2a }]);
    const client = t.client('10.30.0.4');
    for (let i = 1; i <= 5; i++) {
      const res = await client.login(user.username, `wrong-${i}`);
      expect(res.status).toBe(401);
    }
    const failures = (await rowsOf('auth.login')).filter((r) => r.user_id === user.id);
    expect(failures.map((r) => [r.outcome, JSON.parse(r.summary!), r.ip, r.username, r.org_id])).toEqual(
      Array.from({ length: 5 }, (_, i) => [
        'failure',
        { reason: 'bad_password', client: 'address', failures: i + 1 },
        '10.30.0.4',
        user.username,
        tree.bA2a.id,
      ]),
    );
    const throttle = (await rowsOf('auth.throttle')).filter((r) => r.user_id === user.id);
    expect(throttle).toHaveLength(1);
    expect(throttle[0]).toMatchObject({ username: user.username, org_id: tree.bA2a.id, org_path: tree.bA2a.path, ip: '10.30.0.4', outcome: 'success' });
    expect(JSON.parse(throttle[0].summary!)).toMatchObject({ scope: 'client', client: 'address', failures: 5 });
    expect(Date.parse(JSON.parse(throttle[0].summary!).until)).toBeGreaterThan(Date.now() + 14 * 60_000);

    const throttled = await client.login(user.username, TEST_PASSWORD);
    expect(throttled.status).toBe(429);
    expect(throttled.body.code).toBe('LOGIN_THROTTLED');
    const last = (await rowsOf('auth.login')).filter((r) => r.user_id === user.id).at(-1)!;
    expect([last.outcome, JSON.parse(last.summary!).reason]).toEqual(['denied', 'throttled']);
  });

  it('a failed login of an unknown account (no user, no organization)', async () => {
    const client = t.client('10.30.0.5');
    expect((await client.login('nobody-here', 'whatever')).status).toBe(401);
    const [row] = (await rowsOf('auth.login')).filter((r) => r.ip === '10.30.0.5');
    expect(row).toMatchObject({ user_id: null, username: 'nobody-here', role: null, org_id: null, org_path: null, outcome: 'failure' });
  });

  it('logging out', async () => {
    const { client, user, ip } = await loginAs('org_admin', tree.cA2, '10.30.0.6');
    expect((await client.post(`${API}/auth/logout`)).status).toBe(200);
    const [row] = (await rowsOf('auth.logout')).filter((r) => r.user_id === user.id);
    expect(row).toMatchObject({
      username: user.username,
      role: 'org_admin',
      org_id: tree.cA2.id,
      org_path: tree.cA2.path,
      target_type: 'user',
      target_id: String(user.id),
      outcome: 'success',
      ip,
    });
    expect((await client.get(`${API}/auth/me`)).status).toBe(401);
  });
});

describe('the audit log is append-only', () => {
  it('refuses a direct UPDATE on both databases', async () => {
    const before = await t.ctx.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
    expect(before.length).toBeGreaterThan(0);
    await expect(t.ctx.db.updateTable('audit_log').set({ action: 'tampered' }).where('id', '=', before[0].id).execute()).rejects.toThrow(/append-only/);
    await expect(t.ctx.db.updateTable('audit_log').set({ outcome: 'success' }).execute()).rejects.toThrow(/append-only/);
    expect(await t.ctx.db.selectFrom('audit_log').selectAll().orderBy('id').execute()).toEqual(before);
  });

  it.runIf(!isPostgres)('refuses a direct DELETE on SQLite of any row younger than 180 days; the retention job still prunes older rows', async () => {
    const now = Date.now();
    await insertAuditRow(new Date(now - 179 * DAY).toISOString(), 'probe.sqlite-young');
    await insertAuditRow(new Date(now - 200 * DAY).toISOString(), 'probe.sqlite-old');
    const before = await t.ctx.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
    await expect(t.ctx.db.deleteFrom('audit_log').execute()).rejects.toThrow(/kept at least 180 days/);
    await expect(t.ctx.db.deleteFrom('audit_log').where('action', '=', 'probe.sqlite-young').execute()).rejects.toThrow(/kept at least 180 days/);
    await expect(t.ctx.db.deleteFrom('audit_log').where('action', '=', 'auth.login').execute()).rejects.toThrow(/kept at least 180 days/);
    expect(await t.ctx.db.selectFrom('audit_log').selectAll().orderBy('id').execute()).toEqual(before);
    expect((await runMaintenance(t.ctx, now)).auditPruned).toBe(1);
    expect(await rowsOf('probe.sqlite-old')).toHaveLength(0);
    expect(await rowsOf('probe.sqlite-young')).toHaveLength(1);
  });

  it.runIf(isPostgres)('refuses a direct DELETE on PostgreSQL outside the retention job, even right after a prune', async () => {
    const n = await auditCount();
    await expect(t.ctx.db.deleteFrom('audit_log').execute()).rejects.toThrow(/retention job/);
    await runMaintenance(t.ctx, Date.now());
    // The retention flag is local to the pruning transaction: the pool's connections do not keep it.
    for (let i = 0; i < 3; i++) await expect(t.ctx.db.deleteFrom('audit_log').where('action', '=', 'auth.login').execute()).rejects.toThrow(/retention job/);
    expect(await auditCount()).toBe(n);
  });
});

describe('retention (runMaintenance)', () => {
  it('prunes rows older than the default 180 days and keeps the newer ones', async () => {
    const now = Date.now();
    await insertAuditRow(new Date(now - 181 * DAY).toISOString(), 'probe.old');
    await insertAuditRow(new Date(now - 179 * DAY).toISOString(), 'probe.recent');
    const before = await auditCount();
    const res = await runMaintenance(t.ctx, now);
    expect(res.auditPruned).toBe(1);
    expect(await rowsOf('probe.old')).toHaveLength(0);
    expect(await rowsOf('probe.recent')).toHaveLength(1);
    expect(await auditCount()).toBe(before - 1);
  });

  it('follows the retention setting, which never goes below 180 days', async () => {
    const { client } = await loginAs('security_admin', tree.city);
    const current = (await client.get(`${API}/settings/security`)).body;
    expect(current.auditRetentionDays).toBe(180);
    const short = await client.put(`${API}/settings/security`, { ...current, auditRetentionDays: 179 });
    expect(short.status).toBe(422);
    expect(short.body.errors).toEqual([expect.objectContaining({ field: 'auditRetentionDays', code: 'FIELD_TOO_SMALL' })]);
    expect((await client.put(`${API}/settings/security`, { ...current, auditRetentionDays: 365 })).status).toBe(200);
    const now = Date.now();
    await insertAuditRow(new Date(now - 200 * DAY).toISOString(), 'probe.kept-by-setting');
    await insertAuditRow(new Date(now - 366 * DAY).toISOString(), 'probe.past-setting');
    expect((await runMaintenance(t.ctx, now)).auditPruned).toBe(1);
    expect(await rowsOf('probe.kept-by-setting')).toHaveLength(1);
    expect(await rowsOf('probe.past-setting')).toHaveLength(0);
    expect(await rowsOf('settings.security')).toHaveLength(1);
  });
});

describe('reading the audit log (三员分立)', () => {
  let auditor: TestClient; // audit admin at the city

  beforeAll(async () => {
    ({ client: auditor } = await loginAs('audit_admin', tree.city));
  });

  it('serves the log to the audit admin, newest first, with filters', async () => {
    const res = await auditor.get(`${API}/audit?pageSize=200`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(await auditCount());
    const ats = res.body.items.map((i: { at: string }) => i.at);
    expect(ats).toEqual([...ats].sort().reverse());
    expect(res.body.items[0]).toEqual(
      expect.objectContaining({ id: expect.any(Number), at: expect.any(String), action: expect.any(String), outcome: expect.any(String) }),
    );
    const creates = await auditor.get(`${API}/audit?action=org.create`);
    expect(creates.body.items.length).toBeGreaterThan(0);
    expect(creates.body.items.every((i: { action: string }) => i.action === 'org.create')).toBe(true);
    const failed = await auditor.get(`${API}/audit?action=auth.login&outcome=failure&pageSize=200`);
    expect(failed.body.items.length).toBeGreaterThanOrEqual(6);
    expect(failed.body.items.every((i: { outcome: string }) => i.outcome === 'failure')).toBe(true);
    const unknown = await auditor.get(`${API}/audit?username=nobody-here`);
    expect(unknown.body.items).toHaveLength(1);
    expect(unknown.body.items[0]).toMatchObject({ userId: null, orgId: null, ip: '10.30.0.5' });
  });

  it('refuses the log to the system admin, the security admin and an org admin (403)', async () => {
    for (const role of ['system_admin', 'security_admin', 'org_admin'] as const) {
      const { client } = await loginAs(role, tree.city);
      const res = await client.get(`${API}/audit`);
      expect(res.status, role).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
      expect((await client.get(`${API}/audit/export`)).status, role).toBe(403);
    }
  });

  it('keeps the audit admin out of business data (no writes, no roster)', async () => {
    const before = await auditCount();
    const org = await auditor.post(`${API}/orgs`, { parentId: tree.cA1.id, name: '审计员建的支部', code: 'AUD-NO', typeCode: 'branch' });
    expect(org.status).toBe(403);
    expect(org.body.code).toBe('FORBIDDEN');
    const m = await createMember(t.ctx, tree.bA1b);
    expect((await auditor.patch(`${API}/members/${m.id}`, { name: '改名' })).status).toBe(403);
    expect((await auditor.get(`${API}/members?orgId=${tree.bA1b.id}`)).status).toBe(403);
    expect((await auditor.post(`${API}/members/${m.id}/reveal`, { field: 'idCard' })).status).toBe(403);
    expect(await t.ctx.db.selectFrom('organization').select('id').where('code', '=', 'AUD-NO').executeTakeFirst()).toBeUndefined();
    expect(await auditCount()).toBe(before);
  });

  it('shows an audit admin granted at a district only the rows of that district', async () => {
    // One write in each district.
    const a = await loginAs('org_admin', tree.cA1);
    const b = await loginAs('org_admin', tree.cB1);
    expect((await a.client.post(`${API}/orgs`, { parentId: tree.cA1.id, name: '甲区新支部', code: 'AUD-DA', typeCode: 'branch' })).status).toBe(201);
    expect((await b.client.post(`${API}/orgs`, { parentId: tree.cB1.id, name: '乙区新支部', code: 'AUD-DB', typeCode: 'branch' })).status).toBe(201);
    const { client: districtAuditor } = await loginAs('audit_admin', tree.dA);

    const res = await districtAuditor.get(`${API}/audit?pageSize=200`);
    expect(res.status).toBe(200);
    const all = await t.ctx.db.selectFrom('audit_log').select(['id', 'org_path']).execute();
    const inDistrict = all
      .filter((r) => r.org_path?.startsWith(tree.dA.path))
      .map((r) => r.id)
      .sort((x, y) => x - y);
    expect(res.body.total).toBe(inDistrict.length);
    expect(res.body.items.map((i: { id: number }) => i.id).sort((x: number, y: number) => x - y)).toEqual(inDistrict);
    const names = res.body.items.map((i: { username: string | null }) => i.username);
    expect(names).toContain(a.user.username);
    expect(names).not.toContain(b.user.username);
    expect(names).not.toContain('nobody-here'); // no organization: only a root-level auditor sees it
    expect(all.some((r) => r.org_path === null)).toBe(true);
    // Filtering cannot widen the scope.
    const other = await districtAuditor.get(`${API}/audit?username=${b.user.username}`);
    expect(other.body).toMatchObject({ items: [], total: 0 });
  });

  it('exports the log as .xlsx (scoped) and records the export as audit.export', async () => {
    const { client: districtAuditor, user } = await loginAs('audit_admin', tree.dA);
    const res = await districtAuditor.get(`${API}/audit/export?action=org.create`);
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toContain('spreadsheetml');
    const rows = await readXlsx(res.raw);
    expect(rows[0]).toEqual(['时间', '用户', '角色', '组织', '操作', '对象', '对象ID', '结果', 'IP', '摘要']);
    const expected = (await rowsOf('org.create')).filter((r) => r.org_path?.startsWith(tree.dA.path));
    expect(rows.slice(1).map((r) => [r[4], r[6]])).toEqual(expected.map((r) => ['org.create', r.target_id]));
    expect(rows.slice(1).some((r) => JSON.stringify(r).includes('AUD-DB'))).toBe(false);
    const [exp] = (await rowsOf('audit.export')).filter((r) => r.user_id === user.id);
    expect(exp).toMatchObject({ role: 'audit_admin', org_id: tree.dA.id, org_path: tree.dA.path, outcome: 'success' });
    expect(JSON.parse(exp.summary!)).toMatchObject({ action: 'org.create' });
  });
});

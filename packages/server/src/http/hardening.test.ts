import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { createTestApp, type TestApp } from '../../test/setup.ts';
import { FormDataBody, type TestClient } from '../../test/client.ts';
import { createMember, createTree, createUser, TEST_PASSWORD, testIdCard, type Tree } from '../../test/factories.ts';
import { cleanInput, stripZeroWidthEdges } from './input-text.ts';
import { isIsoDateTime, sortColumn } from './schemas.ts';

/** Smaller findings of the attacker's walk (issue 11), each with the request that showed it. */
let t: TestApp;
let tree: Tree;
let cityAdmin: TestClient;
let secretary: TestClient;
let auditor: TestClient;
const API = '/api/v1';

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  cityAdmin = await t.loginAs('org_admin', tree.city);
  secretary = await t.loginAs('branch_secretary', tree.bA1a);
  auditor = await t.loginAs('audit_admin', tree.city);
});
afterAll(() => t?.close());

const orgCount = async () => (await t.ctx.db.selectFrom('organization').select('id').execute()).length;

describe('sort keys never reach the prototype', () => {
  it('answers sort=__proto__, constructor, toString … with 422 on the field, not 500', async () => {
    for (const sort of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'o.name;drop', 'a'.repeat(41)]) {
      for (const url of [`${API}/orgs?sort=${encodeURIComponent(sort)}`, `${API}/members?orgId=${tree.bA1a.id}&sort=${encodeURIComponent(sort)}`]) {
        const res = await cityAdmin.get(url);
        expect(res.status, url).toBe(422);
        expect(res.body.code).toBe('VALIDATION_FAILED');
        expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['sort']);
      }
    }
  });

  it('sorts by a known key and falls back to the default order for an unknown one', async () => {
    const byName = await cityAdmin.get(`${API}/orgs?sort=name&pageSize=200`);
    const names = byName.body.items.map((o: { name: string }) => o.name);
    expect(byName.status).toBe(200);
    expect(names).toHaveLength(12);
    const byPath = await cityAdmin.get(`${API}/orgs?pageSize=200`);
    expect((await cityAdmin.get(`${API}/orgs?sort=noSuchField&pageSize=200`)).body.items).toEqual(byPath.body.items);
  });

  it("sortColumn looks only at the map's own keys", () => {
    const map = { name: 'o.name', code: 'o.code' } as const;
    expect(sortColumn(map, 'name', 'o.path')).toBe('o.name');
    for (const key of ['constructor', '__proto__', 'toString', '', undefined, null]) expect(sortColumn(map, key, 'o.path')).toBe('o.path');
  });
});

describe('text that cannot be typed is refused, zero-width edges are stripped', () => {
  const newOrg = (name: string, code: string) => cityAdmin.post(`${API}/orgs`, { parentId: tree.city.id, name, code, typeCode: 'district' });

  it('refuses NUL and other control characters and bidi controls in a name (422 FIELD_INVALID_CHARACTERS, zh + en)', async () => {
    const before = await orgCount();
    const bad = [
      '红星\u0000区团委',
      '\u202Egnp.exe区团委',
      '红星\u2066区\u2069团委',
      '红星区\u200F团委',
      '红星\u061C区团委',
      '红星\u001B区团委',
      '红星\u0085区团委',
      '红星\u007F区团委',
      '红星区\u202A团委',
    ];
    for (const [i, name] of bad.entries()) {
      const res = await newOrg(name, `BAD-${i}`);
      expect(res.status, JSON.stringify(name)).toBe(422);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(res.body.errors).toEqual([
        {
          field: 'name',
          code: 'FIELD_INVALID_CHARACTERS',
          message: '包含不允许的控制字符或文字方向控制符，请删除后重试',
          messages: {
            zh: '包含不允许的控制字符或文字方向控制符，请删除后重试',
            en: 'Contains control or text-direction characters that are not allowed; remove them and try again',
          },
        },
      ]);
    }
    expect(await orgCount()).toBe(before);
  });

  it('a name made only of zero-width characters becomes empty and fails min(1); zero-width edges are stripped, not the inside', async () => {
    const empty = await newOrg('\u200B\u200C\u200D\u2060\uFEFF', 'ZW-EMPTY');
    expect(empty.status).toBe(422);
    expect(empty.body.errors).toEqual([expect.objectContaining({ field: 'name', code: 'FIELD_TOO_SMALL' })]);
    const spaced = await newOrg(' \u200B \u200B', 'ZW-SPACE');
    expect(spaced.status).toBe(422);

    const ok = await newOrg('\u200B\uFEFF 清溪区团委 \u2060', 'ZW-OK');
    expect(ok.status).toBe(201);
    const stored = await t.ctx.db.selectFrom('organization').select('name').where('id', '=', ok.body.id).executeTakeFirstOrThrow();
    expect(stored.name).toBe('清溪区团委');

    const member = await secretary.post(`${API}/members`, {
      orgId: tree.bA1a.id,
      name: '\u200B李\u200D明\u200B',
      idCard: testIdCard(),
      note: '第一行\n第二行\t(附注)\r\n',
    });
    expect(member.status).toBe(201);
    const row = await t.ctx.db.selectFrom('member').select(['name', 'note']).where('id', '=', member.body.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ name: '李\u200D明', note: '第一行\n第二行\t(附注)' });

    const rlo = await secretary.post(`${API}/members`, { orgId: tree.bA1a.id, name: '王\u202E五', idCard: testIdCard() });
    expect(rlo.status).toBe(422);
    expect(rlo.body.errors).toEqual([expect.objectContaining({ field: 'name', code: 'FIELD_INVALID_CHARACTERS' })]);
  });

  it('checks query strings too', async () => {
    const res = await cityAdmin.get(`${API}/orgs?q=${encodeURIComponent('红\u202E星')}`);
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'q', code: 'FIELD_INVALID_CHARACTERS' })]);
  });

  it('gives the path of a nested field, and checks keys', () => {
    const body = { items: [{ title: 'ok' }, { title: '坏\u0007' }], meta: { 'k\u202Ey': 1 }, list: ['\u200Ba\u200B'] };
    expect(
      cleanInput(body)
        .map((e) => e.field)
        .sort(),
    ).toEqual(['items.1.title', 'meta.k\u202Ey']);
    expect(body.list).toEqual(['a']);
    expect(stripZeroWidthEdges('\uFEFF\u200B a\u200Db \u2060')).toBe(' a\u200Db ');
  });

  it('takes passwords as typed (no stripping) but still refuses NUL', async () => {
    const u = await createUser(t.ctx, [{ role: 'inspector', org: tree.dA }]);
    const c = t.client('10.50.0.1');
    await c.login(u.username);
    const password = '\u200BZx-pass\u202E2026\u200B';
    expect((await c.post(`${API}/auth/password`, { currentPassword: TEST_PASSWORD, newPassword: password })).status).toBe(200);
    expect((await t.client('10.50.0.2').login(u.username, password)).status).toBe(200);
    expect((await t.client('10.50.0.3').login(u.username, 'Zx-pass\u202E2026')).status).toBe(401);
    const nul = await t.client('10.50.0.4').login(u.username, 'Zx-pass\u00002026');
    expect(nul.status).toBe(422);
    expect(nul.body.errors).toEqual([expect.objectContaining({ field: 'password', code: 'FIELD_INVALID_CHARACTERS' })]);
  });
});

describe('timestamps in requests are real', () => {
  it('isIsoDateTime: RFC 3339 with a time zone, a real day and time, years 2000–2100', () => {
    for (const ok of [
      '2026-05-04T09:30:00+08:00',
      '2026-05-04T01:30:00Z',
      '2026-05-04t01:30:00.123456z',
      '2028-02-29T23:59:59-05:00',
      '2000-01-01T00:00:00Z',
      '2100-12-31T23:59:59Z',
    ]) {
      expect(isIsoDateTime(ok), ok).toBe(true);
    }
    for (const bad of [
      '+275760-09-13T00:00:00.000Z',
      '9999-01-01T00:00:00Z',
      '1999-12-31T23:59:59Z',
      '2101-01-01T00:00:00Z',
      '2027-02-29T00:00:00Z',
      '2026-04-31T00:00:00Z',
      '2026-05-04T24:00:00Z',
      '2026-05-04T12:60:00Z',
      '2026-05-04T12:00:60Z',
      '2026-05-04T12:00:00',
      '2026-05-04',
      '2026-05-04 12:00:00Z',
      '2026-05-04T12:00:00+24:00',
      'tomorrow',
    ]) {
      expect(isIsoDateTime(bad), bad).toBe(false);
    }
  });

  it('the audit log refuses a filter bound outside reality (422 on the field)', async () => {
    for (const from of ['+275760-09-13T00:00:00.000Z', '9999-01-01T00:00:00Z', '2026-02-30T00:00:00Z']) {
      const res = await auditor.get(`${API}/audit?from=${encodeURIComponent(from)}`);
      expect(res.status, from).toBe(422);
      expect(res.body.errors).toEqual([
        expect.objectContaining({
          field: 'from',
          messages: { zh: '时间无效（须为带时区的 RFC 3339 时间，2000–2100 年间）', en: 'Invalid time (RFC 3339 with a time zone, years 2000–2100)' },
        }),
      ]);
    }
    expect((await auditor.get(`${API}/audit?from=${encodeURIComponent('2026-01-01T00:00:00+08:00')}`)).status).toBe(200);
  });
});

describe('transport headers', () => {
  it('sends neither HSTS nor upgrade-insecure-requests over plain HTTP (ZX_SECURE_COOKIES unset)', async () => {
    const res = await t.app.inject({ method: 'GET', url: `${API}/auth/csrf` });
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(String(res.headers['content-security-policy'])).not.toContain('upgrade-insecure-requests');
    expect(String(res.headers['content-security-policy'])).toContain("default-src 'self'");
  });

  it('sends both behind HTTPS (ZX_SECURE_COOKIES=1)', async () => {
    const { app } = await buildApp({ config: { ...t.ctx.config, secureCookies: true }, database: t.testDb.database, logger: false });
    try {
      const res = await app.inject({ method: 'GET', url: `${API}/auth/csrf` });
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      expect(String(res.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
      expect(String(res.headers['set-cookie'])).toMatch(/zx_csrf=[^;]+;.*Secure/);
    } finally {
      await app.close();
    }
  });

  it('marks every API answer with data no-store; attachment downloads keep their own private cache', async () => {
    const m = await createMember(t.ctx, tree.bA1a, { phone: '13812345678' });
    const answers = {
      reveal: await secretary.post(`${API}/members/${m.id}/reveal`, { field: 'phone' }),
      export: await secretary.get(`${API}/members/export?orgId=${tree.bA1a.id}&full=1`),
      roster: await secretary.get(`${API}/members?orgId=${tree.bA1a.id}`),
      me: await secretary.get(`${API}/auth/me`),
      csrf: await t.client().get(`${API}/auth/csrf`),
      problem: await secretary.get(`${API}/members/999999`),
      auditExport: await auditor.get(`${API}/audit/export`),
    };
    expect(answers.reveal.body.value).toBe('13812345678');
    expect(answers.export.status).toBe(200);
    expect(answers.problem.status).toBe(404);
    for (const [what, res] of Object.entries(answers)) expect(res.headers['cache-control'], what).toBe('no-store');

    const upload = await secretary.request(
      'POST',
      `${API}/attachments`,
      new FormDataBody({ name: '说明.txt', content: Buffer.from('活动说明\n'), type: 'text/plain' }, { orgId: String(tree.bA1a.id), kind: 'file' }),
    );
    expect(upload.status).toBe(201);
    const download = await secretary.get(`${API}/attachments/${upload.body.id}`);
    expect(download.status).toBe(200);
    expect(download.headers['cache-control']).toBe('private, max-age=86400');
  });
});

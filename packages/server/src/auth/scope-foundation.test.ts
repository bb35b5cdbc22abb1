import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/setup.ts';
import type { Tree } from '../../test/factories.ts';
import { FormDataBody, type TestClient } from '../../test/client.ts';
import { describeScopeMatrix, type ScopeProbe } from '../../test/scope-matrix.ts';
import { fingerprint, setUpScopeWorld } from '../../test/auth-scope-fixtures.ts';

/**
 * The scope matrix (test/scope-matrix.ts) for the foundation's endpoints — organizations, members
 * and accounts — and what the same roles may do in their own subtree. The campaign engine's probes
 * are in scope-campaigns.test.ts, those of inspections and written reports in
 * scope-inspections-reports.test.ts; later areas keep theirs beside their code (e.g.
 * src/votes/scope.test.ts) and call the same matrix.
 */
let t: TestApp;
let tree: Tree;
let admin: TestClient;
let secretary: TestClient;
const memberIn = new Map<number, number>();
const userIn = new Map<number, number>();
let ownUser = 0;

beforeAll(async () => {
  ({ t, tree, admin, secretary, ownUser } = await setUpScopeWorld(memberIn, userIn));
});
afterAll(() => t?.close());

const xlsx = () => new FormDataBody({ name: 'x.xlsx', content: Buffer.from('PK\x03\x04not really a workbook') });

/** Endpoints that read or change something at an organization or a member of it. */
const probes: Record<string, ScopeProbe> = {
  'GET /orgs/:id': (c, o) => c.get(`/api/v1/orgs/${o.id}`),
  'GET /orgs/tree?parentId': (c, o) => c.get(`/api/v1/orgs/tree?parentId=${o.id}`),
  'GET /orgs?rootId': (c, o) => c.get(`/api/v1/orgs?rootId=${o.id}`),
  'GET /orgs/export?rootId': (c, o) => c.get(`/api/v1/orgs/export?rootId=${o.id}`),
  'POST /orgs (parentId)': (c, o) =>
    c.post('/api/v1/orgs', { parentId: o.id, name: '新团支部', code: `N${o.id}${Math.random().toString(36).slice(2, 8)}`, typeCode: 'branch' }),
  'PATCH /orgs/:id': (c, o) => c.patch(`/api/v1/orgs/${o.id}`, { responsiblePerson: '王五' }),
  'POST /orgs/:id/move': (c, o) => c.post(`/api/v1/orgs/${o.id}/move`, { newParentId: tree.cA1.id }),
  'POST /orgs/:id/move (newParentId)': (c, o) => c.post(`/api/v1/orgs/${tree.bA1b.id}/move`, { newParentId: o.id }),
  'POST /orgs/:id/deactivate': (c, o) => c.post(`/api/v1/orgs/${o.id}/deactivate`, { reason: '测试' }),
  'POST /orgs/:id/reactivate': (c, o) => c.post(`/api/v1/orgs/${o.id}/reactivate`),
  'POST /orgs/:id/merge': (c, o) => c.post(`/api/v1/orgs/${o.id}/merge`, { targetId: tree.bA1b.id, reason: '测试' }),
  'POST /orgs/:id/merge (targetId)': (c, o) => c.post(`/api/v1/orgs/${tree.bA1b.id}/merge`, { targetId: o.id, reason: '测试' }),
  'POST /orgs/:id/reveal-contact': (c, o) => c.post(`/api/v1/orgs/${o.id}/reveal-contact`),
  'POST /orgs/import?parentId': (c, o) => c.request('POST', `/api/v1/orgs/import?parentId=${o.id}`, xlsx()),
  'GET /members?orgId': (c, o) => c.get(`/api/v1/members?orgId=${o.id}`),
  'GET /members?orgId&subtree': (c, o) => c.get(`/api/v1/members?orgId=${o.id}&subtree=1`),
  'GET /members/export?orgId': (c, o) => c.get(`/api/v1/members/export?orgId=${o.id}`),
  'POST /members/import?orgId': (c, o) => c.request('POST', `/api/v1/members/import?orgId=${o.id}`, xlsx()),
  'POST /members (orgId)': (c, o) => c.post('/api/v1/members', { orgId: o.id, name: '赵六', idCard: '11010519491231002X' }),
  'GET /members/:id': (c, _o, m) => c.get(`/api/v1/members/${m}`),
  'PATCH /members/:id': (c, _o, m) => c.patch(`/api/v1/members/${m}`, { note: '改' }),
  'POST /members/:id/reveal': (c, _o, m) => c.post(`/api/v1/members/${m}/reveal`, { field: 'idCard' }),
  'POST /members/:id/transfer': (c, _o, m) => c.post(`/api/v1/members/${m}/transfer`, { toOrgId: tree.bA1b.id, reason: '测试' }),
  'POST /members/:id/transfer (toOrgId)': (c, o) => c.post(`/api/v1/members/${memberIn.get(tree.bA1a.id)}/transfer`, { toOrgId: o.id, reason: '测试' }),
  'PATCH /accounts/:id': (c, _o, _m, u) => c.patch(`/api/v1/accounts/${u}`, { displayName: '改名' }),
  'POST /accounts/:id/reset-password': (c, _o, _m, u) => c.post(`/api/v1/accounts/${u}/reset-password`),
  'POST /accounts/:id/unlock': (c, _o, _m, u) => c.post(`/api/v1/accounts/${u}/unlock`),
  'POST /accounts/:id/grants': (c, _o, _m, u) => c.post(`/api/v1/accounts/${u}/grants`, { role: 'inspector', orgId: tree.bA1a.id }),
  'POST /accounts/:id/grants (orgId)': (c, o) => c.post(`/api/v1/accounts/${ownUser}/grants`, { role: 'inspector', orgId: o.id }),
  'GET /accounts?orgId': async (c, o) => {
    const res = await c.get(`/api/v1/accounts?orgId=${o.id}`);
    // A list filtered to an outside organization is empty (or refused).
    return res.status === 200 && res.body.total === 0 ? { status: 404 } : res;
  },
  'POST /accounts (orgId)': (c, o) =>
    c.post('/api/v1/accounts', {
      username: `u${o.id}x${Math.random().toString(36).slice(2, 7)}`,
      displayName: '新账号',
      role: 'branch_secretary',
      orgId: o.id,
    }),
};

describeScopeMatrix({ tree: () => tree, admin: () => admin, secretary: () => secretary, probes, fingerprint: () => fingerprint(t), memberIn, userIn });

describe('allowed in the own subtree', () => {
  it('lets the organization admin read and change its subtree', async () => {
    const m = memberIn.get(tree.bA1a.id)!;
    expect((await admin.get(`/api/v1/orgs/${tree.bA1a.id}`)).status).toBe(200);
    expect((await admin.get(`/api/v1/orgs/tree?parentId=${tree.cA1.id}`)).body.map((n: { id: number }) => n.id)).toEqual(
      expect.arrayContaining([tree.bA1a.id, tree.bA1b.id, tree.gA1.id]),
    );
    expect((await admin.get(`/api/v1/members?orgId=${tree.cA1.id}&subtree=1`)).body.total).toBe(4);
    expect((await admin.patch(`/api/v1/orgs/${tree.bA1b.id}`, { responsiblePerson: '王五' })).status).toBe(200);
    expect((await admin.patch(`/api/v1/members/${m}`, { note: '优秀' })).status).toBe(200);
    expect((await admin.post(`/api/v1/members/${m}/reveal`, { field: 'idCard' })).body.value).toMatch(/^\d{17}[\dX]$/);
    const created = await admin.post('/api/v1/orgs', { parentId: tree.cA1.id, name: '高一(3)班团支部', code: 'A1C', typeCode: 'branch' });
    expect(created.status).toBe(201);
    expect(created.body.path).toBe(`${tree.cA1.path}${created.body.id}/`);
  });

  it('lets the branch secretary read and change its own branch only', async () => {
    const m = memberIn.get(tree.bA1a.id)!;
    expect((await secretary.get(`/api/v1/orgs/${tree.bA1a.id}`)).status).toBe(200);
    expect((await secretary.get(`/api/v1/members?orgId=${tree.bA1a.id}`)).body.items.map((x: { id: number }) => x.id)).toEqual([m]);
    expect((await secretary.patch(`/api/v1/members/${m}`, { note: '学习委员' })).status).toBe(200);
    expect((await secretary.patch(`/api/v1/orgs/${tree.bA1a.id}`, { responsiblePerson: '李四' })).status).toBe(200);
    // Structure belongs to the level above.
    expect((await secretary.post('/api/v1/orgs', { parentId: tree.bA1a.id, name: 'x', code: 'XQ1', typeCode: 'branch' })).status).toBe(403);
  });

  it('answers the same 404 for a missing organization and one outside the scope', async () => {
    const missing = await admin.get('/api/v1/orgs/999999');
    const outside = await admin.get(`/api/v1/orgs/${tree.bB1a.id}`);
    expect(missing.status).toBe(404);
    expect(outside.status).toBe(404);
    expect(outside.body.code).toBe(missing.body.code);
    expect(outside.body.title).toBe(missing.body.title);
  });

  it('keeps search and lists inside the subtree', async () => {
    const found = await admin.get(`/api/v1/orgs/search?q=${encodeURIComponent('团支部')}`);
    const ids = found.body.map((o: { id: number }) => o.id);
    expect(ids).toContain(tree.bA1a.id);
    expect(ids).not.toContain(tree.bA2a.id);
    expect(ids).not.toContain(tree.bB1a.id);
    const list = await secretary.get('/api/v1/orgs?pageSize=200');
    expect(list.body.items.map((o: { id: number }) => o.id)).toEqual([tree.bA1a.id]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/setup.ts';
import { createMember, createTree, createUser, type OrgRef, type Tree } from '../../test/factories.ts';
import type { TestClient } from '../../test/client.ts';
import { describeScopeMatrix, type ScopeProbe } from '../../test/scope-matrix.ts';
import type { Actor } from '../auth/actor.ts';
import { closeSession, createSession, openSession } from './engine.ts';

/** The scope matrix (test/scope-matrix.ts) for every endpoint of the votes area. */
let t: TestApp;
let tree: Tree;
let admin: TestClient;
let secretary: TestClient;
/** Per organization: a member, and a draft, an open and a closed weighted session. */
const at = new Map<number, { member: number; draft: number; open: number; closed: number; subject: number }>();

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  const root = await createUser(t.ctx, [{ role: 'org_admin', org: tree.city }]);
  const actor: Actor = {
    userId: root.id,
    username: root.username,
    displayName: 'root',
    memberId: null,
    sessionId: 'x',
    ip: null,
    grant: { id: 0, role: 'org_admin', orgId: tree.city.id, orgPath: tree.city.path, orgName: tree.city.name },
  };
  for (const org of [tree.cA1, tree.bA1a, tree.bA1b, tree.gA1x, tree.cA2, tree.bA2a, tree.dA, tree.bB1a]) {
    const cadre = (await createMember(t.ctx, org, { position: 'secretary' })).id;
    const member = (await createMember(t.ctx, org)).id;
    await t.ctx.db.insertInto('org_representative').values({ org_id: org.id, member_id: member, added_at: new Date().toISOString(), added_by: null }).execute();
    const make = () =>
      t.ctx.db.transaction().execute((trx) =>
        createSession(trx, actor, {
          orgId: org.id,
          kind: 'cadre_rating',
          titleZh: `${org.name}述职评议`,
          scale: 'satisfaction3',
          rollSource: 'representatives',
          subjects: [{ label: '书记', memberId: cadre }],
          settings: { weighting: { memberWeight: 70, upperWeight: 30 } },
        }),
      );
    const draft = (await make()).id;
    const open = (await make()).id;
    const closed = (await make()).id;
    await t.ctx.db.transaction().execute(async (trx) => {
      await openSession(trx, actor, open);
      await openSession(trx, actor, closed);
      await closeSession(trx, actor, closed);
    });
    const subject = (await t.ctx.db.selectFrom('vote_subject').select('id').where('session_id', '=', open).executeTakeFirstOrThrow()).id;
    at.set(org.id, { member, draft, open, closed, subject });
  }
  admin = await t.loginAs('org_admin', tree.cA1);
  secretary = await t.loginAs('branch_secretary', tree.bA1a);
});
afterAll(() => t?.close());

const of = (o: OrgRef) => at.get(o.id)!;

const probes: Record<string, ScopeProbe> = {
  'GET /votes/representatives?orgId': (c, o) => c.get(`/api/v1/votes/representatives?orgId=${o.id}`),
  'PUT /votes/representatives (orgId)': (c, o) => c.put('/api/v1/votes/representatives', { orgId: o.id, memberIds: [] }),
  'GET /votes/cadre-preview?orgId': (c, o) => c.get(`/api/v1/votes/cadre-preview?orgId=${o.id}`),
  'GET /votes/sessions?orgId': (c, o) => c.get(`/api/v1/votes/sessions?orgId=${o.id}`),
  'POST /votes/sessions (orgId)': (c, o) => c.post('/api/v1/votes/sessions', { orgId: o.id }),
  'GET /votes/sessions/:id': (c, o) => c.get(`/api/v1/votes/sessions/${of(o).draft}`),
  'GET /votes/sessions/:id/roll': (c, o) => c.get(`/api/v1/votes/sessions/${of(o).open}/roll`),
  'POST /votes/sessions/:id/open': (c, o) => c.post(`/api/v1/votes/sessions/${of(o).draft}/open`),
  'POST /votes/sessions/:id/close': (c, o) => c.post(`/api/v1/votes/sessions/${of(o).open}/close`),
  'DELETE /votes/sessions/:id': (c, o) => c.delete(`/api/v1/votes/sessions/${of(o).draft}`),
  'GET /votes/sessions/:id/result': (c, o) => c.get(`/api/v1/votes/sessions/${of(o).closed}/result`),
  'PUT /votes/sessions/:id/subjects/:subjectId/upper-score': (c, o) =>
    c.put(`/api/v1/votes/sessions/${of(o).open}/subjects/${of(o).subject}/upper-score`, { score: 50 }),
  'GET /votes/sessions/:id/ballot': (c, o) => c.get(`/api/v1/votes/sessions/${of(o).open}/ballot`),
  'POST /votes/sessions/:id/ballot': (c, o) => c.post(`/api/v1/votes/sessions/${of(o).open}/ballot`, { answers: { [of(o).subject]: 'satisfied' } }),
};

async function fingerprint() {
  return JSON.stringify([
    await t.ctx.db.selectFrom('vote_session').select(['id', 'status', 'updated_at', 'roll_size', 'result']).orderBy('id').execute(),
    await t.ctx.db.selectFrom('vote_subject').select(['id', 'upper_score', 'exempt']).orderBy('id').execute(),
    await t.ctx.db.selectFrom('vote_roll').select(['session_id', 'member_id', 'voted']).orderBy('session_id').orderBy('member_id').execute(),
    (await t.ctx.db.selectFrom('vote_ballot').select('id').execute()).length,
    await t.ctx.db.selectFrom('org_representative').select(['org_id', 'member_id']).orderBy('org_id').orderBy('member_id').execute(),
  ]);
}

describeScopeMatrix({ tree: () => tree, admin: () => admin, secretary: () => secretary, probes, fingerprint });

describe('allowed in the own subtree', () => {
  it('lets the committee admin read and act on sessions of its branches, and enter their upper scores', async () => {
    expect((await admin.get(`/api/v1/votes/sessions/${of(tree.bA1a).draft}`)).status).toBe(200);
    expect((await admin.get(`/api/v1/votes/sessions?orgId=${tree.cA1.id}`)).body.map((s: { orgId: number }) => s.orgId)).toEqual(
      expect.arrayContaining([tree.cA1.id, tree.bA1a.id, tree.gA1x.id]),
    );
    expect((await admin.put(`/api/v1/votes/sessions/${of(tree.bA1a).open}/subjects/${of(tree.bA1a).subject}/upper-score`, { score: 88 })).status).toBe(200);
    expect((await admin.get(`/api/v1/votes/sessions/${of(tree.bA1b).closed}/result`)).status).toBe(200);
  });

  it('lets the branch secretary manage its own branch only', async () => {
    expect((await secretary.get(`/api/v1/votes/representatives?orgId=${tree.bA1a.id}`)).status).toBe(200);
    expect((await secretary.get(`/api/v1/votes/sessions/${of(tree.bA1a).open}/roll`)).body.items).toHaveLength(1);
    expect((await secretary.get(`/api/v1/votes/sessions?orgId=${tree.bA1a.id}`)).body).toHaveLength(3);
  });
});

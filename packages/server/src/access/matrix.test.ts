import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleAllows, type Action, type Role } from '@zx/domain';
import { createTestApp, type TestApp } from '../../test/setup.ts';
import { createMember, createTree, createUser, type OrgRef, type Tree } from '../../test/factories.ts';
import type { TestClient } from '../../test/client.ts';
import { createWorld, FIXTURES, type MatrixWorld } from '../../test/access-fixtures.ts';
import { guardedRoutes, ruleActions, type AccessRule, type GuardedRoute } from './guard.ts';
import type { ResourceKind } from './repository/index.ts';

/**
 * The access matrix, generated from the route rules (access/guard.ts) and the role table
 * (@zx/domain roles.ts): every API operation, called by each of the seven roles.
 * - A role that lacks the route's action is refused with 403.
 * - A role that holds it is refused (403/404) for every id the route takes — in the path, the
 *   query string or the body — that names something of a sibling, a sibling's child, the parent
 *   or an unrelated organization, one id at a time.
 * - A refused request changes nothing (no audit row, no notice).
 * - Every operation of the OpenAPI description has a rule, and every id kind a rule names has a
 *   fixture, so a new endpoint or kind cannot slip past this file.
 */

type Place = 'city' | 'cA1' | 'bA1a';
const ACTORS: Array<{ role: Role; at: Place }> = [
  { role: 'org_admin', at: 'cA1' },
  { role: 'inspector', at: 'cA1' },
  { role: 'branch_secretary', at: 'bA1a' },
  { role: 'member', at: 'bA1a' },
  { role: 'system_admin', at: 'city' },
  { role: 'security_admin', at: 'city' },
  { role: 'audit_admin', at: 'city' },
];

/** Foreign organizations of an actor placed at `at`: sibling, sibling's child, parent, unrelated. */
const foreignOf = (tree: Tree, at: Place): Array<{ relation: string; org: OrgRef }> =>
  at === 'cA1'
    ? [
        { relation: 'sibling', org: tree.cA2 },
        { relation: "sibling's child", org: tree.bA2a },
        { relation: 'parent', org: tree.dA },
        { relation: 'unrelated', org: tree.bB1a },
      ]
    : at === 'bA1a'
      ? [
          { relation: 'sibling', org: tree.bA1b },
          { relation: "sibling's child", org: tree.gA1x },
          { relation: 'parent', org: tree.cA1 },
          { relation: 'unrelated', org: tree.bB1a },
        ]
      : [];

/** Fields named like ids that name no resource of a kind (declared here, with why). */
const NOT_RESOURCE_IDS = new Set<string>([
  // One's own grant: the service looks it up among the actor's own grants (404 otherwise).
  'POST /api/v1/auth/switch body:grantId',
  // A grant of the account in the path, which is in scope and manageable; the service checks it is that account's.
  'DELETE /api/v1/accounts/:id/grants/:grantId params:grantId',
  // A filter on the text column audit_log.target_id, not a row anyone reaches.
  'GET /api/v1/audit query:targetId',
  'GET /api/v1/audit/export query:targetId',
  // A file served through the report: the report (its cadre in scope) must hold it, whoever may read the file itself.
  'GET /api/v1/commitments/cadres/:memberId/:year/report/files/:attachmentId params:attachmentId',
  // A file served through the notice addressed to the member: the notice must hold it, whoever may read the file itself.
  'GET /api/v1/notices/mine/:id/files/:attachmentId params:attachmentId',
]);

/** Paths of id-named fields in a zod schema: 'orgId', 'attachmentIds[]', 'items[].activityIds[]'. */
function idFields(schema: unknown, prefix = ''): string[] {
  const def = (schema as { _zod?: { def?: Record<string, unknown> } } | undefined)?._zod?.def;
  if (!def) return [];
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
    case 'prefault':
      return idFields(def.innerType, prefix);
    case 'pipe':
      return idFields(def.in, prefix);
    case 'union':
      return [...new Set((def.options as unknown[]).flatMap((o) => idFields(o, prefix)))];
    case 'array':
      return idFields(def.element, `${prefix}[]`);
    case 'object': {
      const shape = def.shape as Record<string, unknown>;
      return Object.entries(shape).flatMap(([key, value]) => {
        const here = prefix ? `${prefix}.${key}` : key;
        const inner = idFields(value, here);
        return /^(id|.*Id|.*Ids)$/.test(key) && !inner.length ? [isArray(value) ? `${here}[]` : here] : inner;
      });
    }
    default:
      return [];
  }
}
const isArray = (schema: unknown): boolean => {
  const def = (schema as { _zod?: { def?: Record<string, unknown> } })?._zod?.def;
  if (!def) return false;
  if (def.type === 'array') return true;
  return ['optional', 'nullable', 'default', 'readonly', 'catch', 'prefault'].includes(def.type as string)
    ? isArray(def.innerType)
    : def.type === 'pipe'
      ? isArray(def.in)
      : false;
};

let t: TestApp;
let tree: Tree;
let world: MatrixWorld;
const clients = new Map<Role, TestClient>();
const fixtureIds = new Map<string, number>();

async function fixture(kind: ResourceKind, org: OrgRef): Promise<number> {
  const key = `${kind}@${org.id}`;
  if (!fixtureIds.has(key)) {
    const f = FIXTURES[kind];
    if (!f) throw new Error(`no fixture for resource kind '${kind}' in test/access-fixtures.ts`);
    fixtureIds.set(key, await f.make(world, org));
  }
  return fixtureIds.get(key)!;
}

/** Every id a rule names, as [where, name, kind]. */
const declaredIds = (rule: AccessRule): Array<['params' | 'query' | 'body', string, ResourceKind]> => [
  ...Object.entries(rule.params ?? {}).map(([n, k]) => ['params', n, k] as ['params', string, ResourceKind]),
  ...Object.entries(rule.query ?? {}).map(([n, k]) => ['query', n, k] as ['query', string, ResourceKind]),
  ...Object.entries(rule.body ?? {}).map(([n, k]) => ['body', n, k] as ['body', string, ResourceKind]),
];

/** A body with `id` at a path like 'items[].attachmentIds[]'. */
function bodyWith(body: Record<string, unknown>, path: string, id: number) {
  let node: Record<string, unknown> = body;
  const parts = path.split('.');
  parts.forEach((part, i) => {
    const many = part.endsWith('[]');
    const key = many ? part.slice(0, -2) : part;
    const last = i === parts.length - 1;
    if (last) {
      node[key] = many ? [id] : id;
      return;
    }
    // Several paths may go through the same object (items[].activityIds[], items[].attachmentIds[]): share it.
    const existing = many ? (Array.isArray(node[key]) ? (node[key] as unknown[])[0] : undefined) : node[key];
    const next = (existing && typeof existing === 'object' ? existing : {}) as Record<string, unknown>;
    node[key] = many ? [next] : next;
    node = next;
  });
  return body;
}

/** Path parameters that are not ids get a plausible value (a year, a task key). */
const filler = (name: string) => (name === 'year' ? String(new Date().getUTCFullYear()) : /id$/i.test(name) ? '1' : 'x');

async function request(c: TestClient, route: GuardedRoute, ids: Map<string, number>) {
  const rule = route.rule!;
  const url = route.url.replace(/:([A-Za-z]+)/g, (_, name: string) => String(ids.get(`params:${name}`) ?? filler(name)));
  const query = Object.keys(rule.query ?? {})
    .map((n) => `${n}=${ids.get(`query:${n}`)}`)
    .join('&');
  const body: Record<string, unknown> = {};
  for (const path of Object.keys(rule.body ?? {})) bodyWith(body, path, ids.get(`body:${path}`)!);
  return c.request(route.method as 'GET', query ? `${url}?${query}` : url, route.method === 'GET' || route.method === 'DELETE' ? undefined : body);
}

async function fingerprint() {
  const count = async (table: 'audit_log' | 'notification') =>
    Number(
      (
        await t.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return `${await count('audit_log')}/${await count('notification')}`;
}

beforeAll(async () => {
  t = await createTestApp();
  tree = await createTree(t.ctx);
  world = createWorld(t, tree);
  for (const { role, at } of ACTORS) {
    const memberId = role === 'member' ? (await createMember(t.ctx, tree[at], { name: '赵敏' })).id : undefined;
    const user = await createUser(t.ctx, [{ role, org: tree[at] }], { memberId });
    const c = t.client();
    expect((await c.login(user.username)).status, `login as ${role}`).toBe(200);
    clients.set(role, c);
  }
}, 120_000);
afterAll(() => t?.close());

describe('the access matrix', () => {
  it('has a rule for every API operation of the OpenAPI description, and a fixture for every id kind', async () => {
    const routes = guardedRoutes(t.app);
    expect(routes.length).toBeGreaterThan(150);
    expect(routes.filter((r) => !r.rule).map((r) => `${r.method} ${r.url}`)).toEqual([]);
    const spec = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    // A prefix's '/' route is '/api/v1/orgs' to the router and '/api/v1/orgs/' to the OpenAPI description.
    const op = (method: string, path: string) => `${method.toUpperCase()} ${path.replace(/:([A-Za-z]+)/g, '{$1}').replace(/(.)\/$/, '$1')}`;
    const ruled = new Set(routes.map((r) => op(r.method, r.url)));
    const operations = Object.entries(spec.paths)
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => op(m, p)))
      .filter((o) => !o.includes('/api/docs'));
    expect(operations.length).toBeGreaterThan(150);
    expect(operations.filter((op) => !ruled.has(op))).toEqual([]);
    // …and the description shows each rule.
    const undocumented = Object.entries(spec.paths)
      .flatMap(([p, ops]) =>
        Object.entries(ops as Record<string, Record<string, unknown>>)
          .filter(([, o]) => !o['x-access'])
          .map(([m]) => op(m, p)),
      )
      .filter((o) => !o.includes('/api/docs'));
    expect(undocumented).toEqual([]);
    expect((spec.paths['/api/v1/campaigns/{id}/plans/{orgId}/review'] as Record<string, Record<string, unknown>>).post['x-access']).toEqual({
      action: 'plan.review',
      params: { id: 'campaign', orgId: 'org' },
    });
    const kinds = new Set(routes.flatMap((r) => (r.rule ? declaredIds(r.rule).map(([, , k]) => k) : [])));
    expect([...kinds].filter((k) => !FIXTURES[k])).toEqual([]);
  });

  it('declares every id the request schemas take, in the path, the query string and the body', () => {
    const undeclared: string[] = [];
    for (const route of guardedRoutes(t.app)) {
      if (!route.rule || route.rule.action === 'public') continue;
      const declared = new Set(declaredIds(route.rule).map(([where, name]) => `${where}:${name}`));
      for (const [where, schema] of [
        ['params', route.schema?.params],
        ['query', route.schema?.querystring],
        ['body', route.schema?.body],
      ] as const) {
        for (const path of idFields(schema)) {
          if (!declared.has(`${where}:${path}`) && !NOT_RESOURCE_IDS.has(`${route.method} ${route.url} ${where}:${path}`))
            undeclared.push(`${route.method} ${route.url} ${where}:${path}`);
        }
      }
    }
    expect(undeclared).toEqual([]);
    // The walk itself sees ids nested in arrays of objects.
    const report = guardedRoutes(t.app).find((r) => r.method === 'PUT' && r.url.endsWith('/cadres/:memberId/:year/report'))!;
    expect(idFields(report.schema?.body)).toEqual(expect.arrayContaining(['items[].commitmentId', 'items[].activityIds[]', 'items[].attachmentIds[]']));
  });

  it('reads an id in every spelling the schema coerces (12.0, +12, 0x0c, " 12"), so none slips past the guard', async () => {
    const admin = clients.get('org_admin')!;
    const spell = (id: number) => [`${id}.0`, `+${id}`, `0x${id.toString(16)}`, `%20${id}`, `${id}e0`];
    const siblingCampaign = await fixture('campaign', tree.cA2);
    for (const [org, campaign] of spell(tree.cA2.id).map((o, i) => [o, spell(siblingCampaign)[i]])) {
      for (const url of [
        `/api/v1/orgs?rootId=${org}`,
        `/api/v1/members?orgId=${org}`,
        `/api/v1/orgs/${org}`,
        `/api/v1/bulletins?campaignId=${campaign}`,
        `/api/v1/activities?campaignId=${campaign}`,
      ]) {
        const res = await admin.get(url);
        expect([403, 404, 422], `${url} answered ${res.status}`).toContain(res.status);
        expect(res.status, url).not.toBe(200);
      }
    }
  });

  it('refuses every operation to every role that lacks its action, and every foreign id to the roles that hold it', async () => {
    const failures: string[] = [];
    let probes = 0;
    // Every fixture first: making one writes rows, which would look like a refused request's doing.
    const places = [tree.cA1, tree.bA1a, tree.city, ...foreignOf(tree, 'cA1').map((f) => f.org), ...foreignOf(tree, 'bA1a').map((f) => f.org)];
    for (const route of guardedRoutes(t.app)) {
      for (const [, , kind] of route.rule ? declaredIds(route.rule) : []) for (const org of places) await fixture(kind, org);
    }
    for (const route of guardedRoutes(t.app)) {
      const rule = route.rule;
      if (!rule || rule.action === 'public') continue;
      const actions = ruleActions(rule);
      const before = await fingerprint();
      for (const { role, at } of ACTORS) {
        const c = clients.get(role)!;
        const held = actions ? actions.find((a) => roleAllows(role, a)) : null;
        const op = `${route.method} ${route.url} as ${role}`;
        if (actions && !held) {
          // Ids of the actor's own organization: only the role can be what refuses.
          const own = new Map<string, number>();
          for (const [where, name, kind] of declaredIds(rule)) own.set(`${where}:${name}`, await fixture(kind, tree[at]));
          const res = await request(c, route, own);
          probes++;
          if (res.status !== 403) failures.push(`${op}: a role without ${actions.join('/')} got ${res.status}, not 403`);
          continue;
        }
        for (const [where, name, kind] of declaredIds(rule)) {
          if (FIXTURES[kind]?.deploymentWide) continue;
          for (const { relation, org } of foreignOf(tree, at)) {
            if (relation === 'parent' && FIXTURES[kind]?.visibleFromBelow?.((held ?? null) as Action | null)) continue;
            const ids = new Map<string, number>();
            for (const [w2, n2, k2] of declaredIds(rule)) ids.set(`${w2}:${n2}`, await fixture(k2, w2 === where && n2 === name ? org : tree[at]));
            const res = await request(c, route, ids);
            probes++;
            if (res.status !== 403 && res.status !== 404) failures.push(`${op}: ${where} ${name} (${kind}) of the ${relation} got ${res.status}`);
          }
        }
      }
      const after = await fingerprint();
      if (after !== before) failures.push(`${route.method} ${route.url}: a refused request changed data (${before} → ${after})`);
    }
    expect(probes).toBeGreaterThan(500);
    expect(failures).toEqual([]);
  }, 600_000);
});

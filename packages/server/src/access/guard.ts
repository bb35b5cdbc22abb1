import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Action, FieldError } from '@zx/domain';
import type { AppContext } from '../context.ts';
import { AppError, forbidden } from '../http/errors.ts';
import { requireActor } from '../auth/hooks.ts';
import { accessibleRows, can, notFoundIn, outOfScope, type ResourceKind } from './index.ts';

/**
 * Every API route declares who may call it and which ids it takes, beside its schema:
 *
 *   app.post('/:id/close', { schema, config: { access: { action: 'vote.manage', params: { id: 'voteSession' } } } }, …)
 *
 * The guard enforces the declaration before the body is validated — 401 without a session,
 * 403 without the action, 404 for any declared id outside the actor's scope — so an id in a
 * body is checked exactly like an id in the path, and a route that declares nothing is
 * refused (deny by default). The same declarations generate the access matrix test and the
 * `x-access` note of every operation in the OpenAPI description.
 */
export interface AccessRule {
  /** The action the active role must hold (any one of a list); 'signedIn' = any session; 'public' = no session needed. */
  action: Action | readonly Action[] | 'signedIn' | 'public';
  /** Ids in the path, the query string and the JSON body, and the kind of resource each names. */
  params?: Record<string, ResourceKind>;
  query?: Record<string, ResourceKind>;
  /** Body paths: 'orgId', 'attachmentIds[]', 'items[].attachmentIds[]'. */
  body?: Record<string, ResourceKind>;
  /**
   * The service's own scoped query is the check for these ids (only for the ballot box, whose
   * cast path reads the roll in batches): the guard checks the role, the matrix still probes them.
   */
  checkedInService?: boolean;
  /** Reachable while the account must change its password (me, change password, log out). */
  duringPasswordChange?: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessRule;
  }
}

const passwordChangeRequired = () =>
  new AppError(403, 'PASSWORD_CHANGE_REQUIRED', { zh: '请先修改初始密码，再继续使用系统', en: 'Change your initial password before you continue' });

const missingRule = () =>
  new AppError(403, 'ROUTE_NOT_GUARDED', { zh: '该接口未声明访问规则，已拒绝', en: 'This endpoint declares no access rule and is refused' });

/** The actions of a rule, or null for 'signedIn' / 'public'. */
export function ruleActions(rule: AccessRule): readonly Action[] | null {
  if (rule.action === 'signedIn' || rule.action === 'public') return null;
  return typeof rule.action === 'string' ? [rule.action as Action] : rule.action;
}

/** Positive integer ids found at a body path like 'items[].attachmentIds[]', with the field each came from. */
export function idsAt(body: unknown, path: string): Array<{ field: string; id: number }> {
  const out: Array<{ field: string; id: number }> = [];
  const walk = (value: unknown, parts: string[], field: string) => {
    if (value === null || value === undefined) return;
    if (!parts.length) {
      const id = asId(value);
      if (id !== null) out.push({ field, id });
      return;
    }
    const [head, ...rest] = parts;
    const many = head.endsWith('[]');
    const key = many ? head.slice(0, -2) : head;
    if (typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, key)) return;
    const next = (value as Record<string, unknown>)[key];
    const name = field ? `${field}.${key}` : key;
    if (!many) return walk(next, rest, name);
    if (Array.isArray(next)) for (const [i, v] of next.slice(0, 5000).entries()) walk(v, rest, `${name}.${i}`);
  };
  walk(body, path.split('.'), '');
  return out;
}

/**
 * An id as the route's schema will read it: `z.coerce.number()` takes '12', ' 12', '12.0', '+12'
 * and '0x0c' alike, so the guard reads them the same way (Number) — whatever the schema turns
 * into a positive integer is checked, and nothing slips past in a spelling the guard skips.
 */
function asId(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

const rawId = (value: unknown): number | null => asId(Array.isArray(value) ? value[0] : value);

async function checkIds(ctx: AppContext, req: FastifyRequest, rule: AccessRule, action: Action | null) {
  const wanted = new Map<ResourceKind, Array<{ field: string; id: number; inPath: boolean }>>();
  const add = (kind: ResourceKind, field: string, id: number, inPath: boolean) => {
    const list = wanted.get(kind) ?? [];
    list.push({ field, id, inPath });
    wanted.set(kind, list);
  };
  const params = (req.params ?? {}) as Record<string, unknown>;
  const query = (req.query ?? {}) as Record<string, unknown>;
  for (const [name, kind] of Object.entries(rule.params ?? {})) {
    const id = rawId(params[name]);
    if (id !== null) add(kind, name, id, true);
  }
  for (const [name, kind] of Object.entries(rule.query ?? {})) {
    const id = rawId(query[name]);
    if (id !== null) add(kind, name, id, true);
  }
  for (const [path, kind] of Object.entries(rule.body ?? {})) {
    for (const { field, id } of idsAt(req.body, path)) add(kind, field, id, false);
  }
  const actor = requireActor(req);
  for (const [kind, refs] of wanted) {
    const found = new Set(
      (
        await accessibleRows(
          ctx.db,
          actor,
          action,
          kind,
          refs.map((r) => r.id),
        )
      ).map((r) => (r as { id: number }).id),
    );
    const refused = refs.filter((r) => !found.has(r.id));
    if (!refused.length) continue;
    // An id in the path or query names the thing itself: a plain 404. Ids in a body say which field.
    const errors: FieldError[] = refused.filter((r) => !r.inPath).map((r) => outOfScope(r.field, kind));
    throw errors.length ? notFoundIn(kind, errors) : notFoundIn(kind, []);
  }
}

/** An API route and its declared rule, as registered (the access matrix and the OpenAPI note read these). */
export interface GuardedRoute {
  method: string;
  url: string;
  rule: AccessRule | undefined;
  /** The route's request schemas (zod), for the test that every id field is declared. */
  schema: { params?: unknown; querystring?: unknown; body?: unknown } | undefined;
}
const routesOf = new WeakMap<FastifyInstance, GuardedRoute[]>();
export const guardedRoutes = (app: FastifyInstance): readonly GuardedRoute[] => routesOf.get(app) ?? [];

const isApi = (url: string) => url.startsWith('/api/') && !url.startsWith('/api/docs');

export function registerAccessGuard(app: FastifyInstance, ctx: AppContext) {
  const routes: GuardedRoute[] = [];
  routesOf.set(app, routes);
  app.addHook('onRoute', (r) => {
    if (!isApi(r.url)) return;
    for (const method of [r.method].flat()) {
      if (method !== 'HEAD') routes.push({ method, url: r.url, rule: r.config?.access, schema: r.schema as GuardedRoute['schema'] });
    }
  });
  app.addHook('preValidation', async (req) => {
    if (!isApi(req.url) || req.is404) return;
    const rule = req.routeOptions.config.access;
    if (!rule) {
      req.log.error({ route: req.routeOptions.url, method: req.method }, 'route without an access rule refused');
      throw missingRule();
    }
    if (rule.action === 'public') return;
    const actor = requireActor(req);
    if (req.session.kind === 'active' && req.session.mustChangePassword && !rule.duringPasswordChange) throw passwordChangeRequired();
    const actions = ruleActions(rule);
    const action = actions ? actions.find((a) => can(actor, a)) : undefined;
    if (actions && !action) throw forbidden();
    if (rule.checkedInService) return;
    await checkIds(ctx, req, rule, action ?? null);
  });
}

/** A route's `config`: `config: access('plan.review', { params: { id: 'campaign', orgId: 'org' } })`. */
export const access = (action: AccessRule['action'], rest: Omit<AccessRule, 'action'> = {}): { access: AccessRule } => ({ access: { action, ...rest } });

/** The rule as the OpenAPI description shows it (`x-access` on every operation). */
export function describeRule(rule: AccessRule) {
  return {
    action: rule.action,
    ...(rule.params ? { params: rule.params } : {}),
    ...(rule.query ? { query: rule.query } : {}),
    ...(rule.body ? { body: rule.body } : {}),
    ...(rule.checkedInService ? { checkedInService: true } : {}),
    ...(rule.duringPasswordChange ? { duringPasswordChange: true } : {}),
  };
}

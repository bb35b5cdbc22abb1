import { sql } from 'kysely';
import type { Dialect, Executor } from '../db/database.ts';
import type { NewOrganization, Organization, OrganizationUpdate } from '../db/schema.ts';
import { pathInSubtree } from '../access/repository/subtree.ts';

const nodeColumns = [
  'o.id',
  'o.parent_id',
  'o.path',
  'o.depth',
  'o.type_code',
  'o.name',
  'o.code',
  'o.status',
  'o.founded_on',
  'o.responsible_person',
  'o.contact_phone_masked',
  'o.direct_member_count',
  'o.subtree_member_count',
  'o.created_at',
  'o.updated_at',
] as const;

export type OrgNodeRow = Pick<
  Organization,
  | 'id'
  | 'parent_id'
  | 'path'
  | 'depth'
  | 'type_code'
  | 'name'
  | 'code'
  | 'status'
  | 'founded_on'
  | 'responsible_person'
  | 'contact_phone_masked'
  | 'direct_member_count'
  | 'subtree_member_count'
  | 'created_at'
  | 'updated_at'
> & { has_children: number | boolean };

export interface OrgListFilter {
  rootPath: string;
  typeCode?: string;
  status?: string;
  q?: string;
}

/** A name or code matches case-insensitively on PostgreSQL too (SQLite's `like` already is, for ASCII). */
const likeOf = (dialect: Dialect) => (dialect === 'postgres' ? 'ilike' : 'like') as 'like' | 'ilike';

/** Every query takes the caller's scope path; none reads outside it. */
export const orgRepository = {
  findByCodeInScope: (ex: Executor, scopePath: string, code: string) =>
    ex.selectFrom('organization').selectAll().where('code', '=', code).where(pathInSubtree('path', scopePath)).executeTakeFirst(),

  codeExists: async (ex: Executor, code: string, exceptId?: number) => {
    let q = ex.selectFrom('organization').select('id').where('code', '=', code);
    if (exceptId) q = q.where('id', '!=', exceptId);
    return !!(await q.executeTakeFirst());
  },

  node(ex: Executor) {
    return ex
      .selectFrom('organization as o')
      .select(nodeColumns)
      .select((eb) => eb.exists(eb.selectFrom('organization as c').select('c.id').whereRef('c.parent_id', '=', 'o.id')).as('has_children'));
  },

  children: (ex: Executor, scopePath: string, parentId: number) =>
    orgRepository
      .node(ex)
      .where('o.parent_id', '=', parentId)
      .where(pathInSubtree('o.path', scopePath))
      .orderBy('o.status')
      .orderBy('o.code')
      .execute() as Promise<OrgNodeRow[]>,

  nodeById: (ex: Executor, scopePath: string, id: number) =>
    orgRepository.node(ex).where('o.id', '=', id).where(pathInSubtree('o.path', scopePath)).executeTakeFirst() as Promise<OrgNodeRow | undefined>,

  search: (ex: Executor, dialect: Dialect, scopePath: string, q: string, limit: number) => {
    const like = likeOf(dialect);
    const term = `%${q.replace(/[%_\\]/g, '')}%`;
    const prefix = `${q.toLowerCase().replace(/[%_\\]/g, '')}%`;
    return orgRepository
      .node(ex)
      .where(pathInSubtree('o.path', scopePath))
      .where((eb) => eb.or([eb('o.name', like, term), eb('o.pinyin_initials', 'like', prefix), eb('o.pinyin_full', 'like', prefix), eb('o.code', like, term)]))
      .orderBy('o.depth')
      .orderBy('o.code')
      .limit(limit)
      .execute() as Promise<OrgNodeRow[]>;
  },

  list(ex: Executor, f: OrgListFilter, like: 'like' | 'ilike') {
    let q = ex.selectFrom('organization as o').where(pathInSubtree('o.path', f.rootPath));
    if (f.typeCode) q = q.where('o.type_code', '=', f.typeCode);
    if (f.status) q = q.where('o.status', '=', f.status as 'active');
    if (f.q) {
      const term = `%${f.q.replace(/[%_\\]/g, '')}%`;
      q = q.where((eb) => eb.or([eb('o.name', like, term), eb('o.pinyin_initials', 'like', `${f.q!.toLowerCase()}%`), eb('o.code', like, term)]));
    }
    return q;
  },

  namesByIds: (ex: Executor, ids: number[]) =>
    ids.length ? ex.selectFrom('organization').select(['id', 'name']).where('id', 'in', ids).execute() : Promise.resolve([]),

  countChildren: async (ex: Executor, id: number, activeOnly = false) => {
    let q = ex
      .selectFrom('organization')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('parent_id', '=', id);
    if (activeOnly) q = q.where('status', '=', 'active');
    return Number((await q.executeTakeFirstOrThrow()).n);
  },

  insert: (ex: Executor, row: NewOrganization) => ex.insertInto('organization').values(row).returning('id').executeTakeFirstOrThrow(),

  setPath: (ex: Executor, id: number, path: string) => ex.updateTable('organization').set({ path }).where('id', '=', id).execute(),

  update: (ex: Executor, id: number, patch: OrganizationUpdate) => ex.updateTable('organization').set(patch).where('id', '=', id).execute(),

  /** Rewrites the paths and depths of a whole subtree in one statement. */
  rewriteSubtree: (ex: Executor, oldPath: string, newPath: string, depthDelta: number) =>
    ex
      .updateTable('organization')
      .set({
        path: sql`${newPath} || substr(path, ${oldPath.length + 1})`,
        depth: sql`depth + ${depthDelta}`,
      })
      .where(pathInSubtree('path', oldPath))
      .execute(),

  /** Adds `delta` to the subtree member count of the organizations with these ids (ancestors). */
  addToSubtreeCounts: (ex: Executor, ids: number[], delta: number) =>
    ids.length && delta
      ? ex
          .updateTable('organization')
          .set((eb) => ({ subtree_member_count: eb('subtree_member_count', '+', delta) }))
          .where('id', 'in', ids)
          .execute()
      : Promise.resolve(),

  addToDirectCount: (ex: Executor, id: number, delta: number) =>
    delta
      ? ex
          .updateTable('organization')
          .set((eb) => ({ direct_member_count: eb('direct_member_count', '+', delta) }))
          .where('id', '=', id)
          .execute()
      : Promise.resolve(),

  /** One page of the subtree list and how many organizations match. */
  async page(
    ex: Executor,
    dialect: Dialect,
    f: OrgListFilter,
    p: {
      sortColumn: 'o.name' | 'o.code' | 'o.subtree_member_count' | 'o.depth' | 'o.created_at' | 'o.path';
      order: 'asc' | 'desc';
      limit: number;
      offset: number;
    },
  ) {
    const base = orgRepository.list(ex, f, likeOf(dialect));
    const [items, total] = await Promise.all([
      base
        .select(nodeColumns)
        .select((eb) => eb.exists(eb.selectFrom('organization as c').select('c.id').whereRef('c.parent_id', '=', 'o.id')).as('has_children'))
        .orderBy(p.sortColumn, p.order)
        .orderBy('o.id')
        .limit(p.limit)
        .offset(p.offset)
        .execute() as Promise<OrgNodeRow[]>,
      base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(total.n) };
  },

  /** A page of the subtree export: the organizations after `afterPath` in path order, with the parent's code. */
  exportPage: (ex: Executor, rootPath: string, afterPath: string, limit: number) =>
    ex
      .selectFrom('organization as o')
      .leftJoin('organization as p', 'p.id', 'o.parent_id')
      .select([
        'o.path',
        'o.name',
        'o.type_code',
        'o.code',
        'p.code as parent_code',
        'o.founded_on',
        'o.responsible_person',
        'o.contact_phone_masked',
        'o.status',
        'o.depth',
        'o.subtree_member_count',
      ])
      .where(pathInSubtree('o.path', rootPath))
      .where('o.path', '>', afterPath)
      .orderBy('o.path')
      .limit(limit)
      .execute(),

  typeCodesInUse: async (ex: Executor) => (await ex.selectFrom('organization').select('type_code').distinct().execute()).map((u) => u.type_code),

  /** Inserts or updates the types given and deletes every other. */
  async replaceTypes(ex: Executor, types: { code: string; name_zh: string; name_en: string; rank: number; holds_members: number }[]) {
    for (const { code, ...row } of types) {
      await ex
        .insertInto('org_type')
        .values({ code, ...row })
        .onConflict((oc) => oc.column('code').doUpdateSet(row))
        .execute();
    }
    await ex
      .deleteFrom('org_type')
      .where(
        'code',
        'not in',
        types.map((t) => t.code),
      )
      .execute();
  },

  byId: (ex: Executor, id: number) => ex.selectFrom('organization').selectAll().where('id', '=', id).executeTakeFirst(),

  childTypeCodes: async (ex: Executor, parentId: number) =>
    (await ex.selectFrom('organization').select('type_code').distinct().where('parent_id', '=', parentId).execute()).map((c) => c.type_code),

  directChildren: (ex: Executor, parentId: number) =>
    ex.selectFrom('organization').select(['id', 'path', 'depth', 'type_code']).where('parent_id', '=', parentId).execute(),

  /**
   * Merging: the source's members join the target, each with a transfer record (in batches of
   * 500), and the grants at the source end (returned for the audit). Returns the moved member count.
   */
  async moveMembers(ex: Executor, fromOrgId: number, toOrgId: number, reason: string, at: string, actorUserId: number) {
    const members = await ex.selectFrom('member').select('id').where('org_id', '=', fromOrgId).execute();
    if (!members.length) return 0;
    await ex.updateTable('member').set({ org_id: toOrgId, updated_at: at }).where('org_id', '=', fromOrgId).execute();
    for (let i = 0; i < members.length; i += 500) {
      await ex
        .insertInto('member_transfer')
        .values(
          members.slice(i, i + 500).map((m) => ({
            member_id: m.id,
            from_org_id: fromOrgId,
            to_org_id: toOrgId,
            reason,
            transferred_at: at,
            actor_user_id: actorUserId,
          })),
        )
        .execute();
    }
    return members.length;
  },

  /** Deletes the grants held at an organization and returns them. */
  async revokeGrantsAt(ex: Executor, orgId: number) {
    const grants = await ex.selectFrom('role_grant').select(['id', 'user_id', 'role']).where('org_id', '=', orgId).execute();
    await ex.deleteFrom('role_grant').where('org_id', '=', orgId).execute();
    return grants;
  },

  types: (ex: Executor) => ex.selectFrom('org_type').selectAll().orderBy('rank').orderBy('code').execute(),

  typeByCode: (ex: Executor, code: string) => ex.selectFrom('org_type').selectAll().where('code', '=', code).executeTakeFirst(),
};

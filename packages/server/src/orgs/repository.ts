import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { NewOrganization, Organization, OrganizationUpdate } from '../db/schema.ts';
import { pathInSubtree } from '../access/paths.ts';

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

  search: (ex: Executor, scopePath: string, q: string, like: 'like' | 'ilike', limit: number) => {
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

  types: (ex: Executor) => ex.selectFrom('org_type').selectAll().orderBy('rank').orderBy('code').execute(),

  typeByCode: (ex: Executor, code: string) => ex.selectFrom('org_type').selectAll().where('code', '=', code).executeTakeFirst(),
};

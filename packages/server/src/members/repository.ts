import type { Dialect, Executor } from '../db/database.ts';
import type { NewMember } from '../db/schema.ts';
import { pathInSubtree } from '../access/repository/subtree.ts';

export interface MemberFilter {
  orgId: number;
  orgPath: string;
  subtree: boolean;
  name?: string;
  idCardHash?: string;
  phoneHash?: string;
  status?: string;
  position?: string;
  gender?: string;
}

const listColumns = [
  'm.id',
  'm.org_id',
  'o.name as org_name',
  'm.name',
  'm.gender',
  'm.birth_date',
  'm.id_card_masked',
  'm.phone_masked',
  'm.joined_on',
  'm.position',
  'm.position_since',
  'm.status',
  'm.note',
  'm.created_at',
  'm.updated_at',
] as const;

export type MemberSortColumn = 'm.name' | 'm.birth_date' | 'm.joined_on' | 'm.position' | 'o.path' | 'm.created_at' | 'm.id';

/** Roster query: the organization (or its subtree) is always part of the predicate. */
function roster(ex: Executor, f: MemberFilter, like: 'like' | 'ilike') {
  let q = ex.selectFrom('member as m').innerJoin('organization as o', 'o.id', 'm.org_id');
  q = f.subtree ? q.where(pathInSubtree('o.path', f.orgPath)) : q.where('m.org_id', '=', f.orgId);
  if (f.name) q = q.where('m.name', like, `%${f.name.replace(/[%_\\]/g, '')}%`);
  if (f.idCardHash) q = q.where('m.id_card_hash', '=', f.idCardHash);
  if (f.phoneHash) q = q.where('m.phone_hash', '=', f.phoneHash);
  if (f.status) q = q.where('m.status', '=', f.status);
  if (f.position) q = f.position === 'cadre' ? q.where('m.position', '!=', 'none') : q.where('m.position', '=', f.position);
  if (f.gender) q = q.where('m.gender', '=', f.gender as 'male');
  return q;
}

export const memberRepository = {
  /** One page of the roster and how many members match (a name matches case-insensitively on PostgreSQL too). */
  async page(ex: Executor, dialect: Dialect, f: MemberFilter, p: { sortColumn: MemberSortColumn; order: 'asc' | 'desc'; limit: number; offset: number }) {
    const base = roster(ex, f, dialect === 'postgres' ? 'ilike' : 'like');
    const [rows, total] = await Promise.all([
      base.select(listColumns).orderBy(p.sortColumn, p.order).orderBy('m.id').limit(p.limit).offset(p.offset).execute(),
      base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(total.n) };
  },

  /** A page of the export: the members after `afterId` in id order, with the full numbers (encrypted) and the organization's code. */
  exportPage: (ex: Executor, f: Pick<MemberFilter, 'orgId' | 'orgPath' | 'subtree'>, afterId: number, limit: number) =>
    roster(ex, f, 'like')
      .select([...listColumns, 'm.id_card_enc', 'm.phone_enc', 'o.code as org_code'])
      .orderBy('m.id')
      .where('m.id', '>', afterId)
      .limit(limit)
      .execute(),

  findById: (ex: Executor, id: number) =>
    ex
      .selectFrom('member as m')
      .innerJoin('organization as o', 'o.id', 'm.org_id')
      .selectAll('m')
      .select(['o.name as org_name', 'o.path as org_path'])
      .where('m.id', '=', id)
      .executeTakeFirst(),

  /** The member holding this ID hash, if any (other than `exceptId`). */
  idCardOwner: (ex: Executor, hash: string, exceptId?: number) => {
    let q = ex.selectFrom('member').select('id').where('id_card_hash', '=', hash);
    if (exceptId) q = q.where('id', '!=', exceptId);
    return q.executeTakeFirst();
  },

  /** How many "held elsewhere" answers the account had since `sinceIso` (from the audit log). */
  idCardElsewhereAnswers: async (ex: Executor, userId: number, sinceIso: string) =>
    Number(
      (
        await ex
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('user_id', '=', userId)
          .where('at', '>=', sinceIso)
          .where('action', '=', 'member.id_card_elsewhere')
          .executeTakeFirstOrThrow()
      ).n,
    ),

  insert: (ex: Executor, row: NewMember) => ex.insertInto('member').values(row).returning('id').executeTakeFirstOrThrow(),

  update: (ex: Executor, id: number, patch: Partial<NewMember>) => ex.updateTable('member').set(patch).where('id', '=', id).execute(),

  transfers: (ex: Executor, memberId: number) =>
    ex
      .selectFrom('member_transfer as t')
      .innerJoin('organization as f', 'f.id', 't.from_org_id')
      .innerJoin('organization as to', 'to.id', 't.to_org_id')
      .leftJoin('user_account as u', 'u.id', 't.actor_user_id')
      .select([
        't.id',
        't.from_org_id',
        'f.name as from_org_name',
        't.to_org_id',
        'to.name as to_org_name',
        't.reason',
        't.transferred_at',
        'u.display_name as actor_name',
      ])
      .where('t.member_id', '=', memberId)
      .orderBy('t.transferred_at', 'desc')
      .execute(),

  insertTransfer: (
    ex: Executor,
    row: { member_id: number; from_org_id: number; to_org_id: number; reason: string; transferred_at: string; actor_user_id: number | null },
  ) => ex.insertInto('member_transfer').values(row).execute(),
};

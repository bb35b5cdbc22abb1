import type { Insertable } from 'kysely';
import { bulkInsert, type Dialect, type Executor } from '../db/database.ts';
import type { MemberImportRowTable } from '../db/schema.ts';

/** The roster columns a commit copies from the staged rows. */
const copiedColumns = [
  'org_id',
  'name',
  'gender',
  'birth_date',
  'id_card_enc',
  'id_card_hash',
  'id_card_masked',
  'phone_enc',
  'phone_hash',
  'phone_masked',
  'joined_on',
  'position',
] as const;

/** The staging of a member import (member_import_row, its issues) and its move onto the roster. */
export const memberImportRepository = {
  /** Removes what a preview staged: its rows and its issues. */
  async clearStaged(ex: Executor, jobId: number) {
    await ex.deleteFrom('member_import_row').where('job_id', '=', jobId).execute();
    await ex.deleteFrom('import_issue').where('job_id', '=', jobId).execute();
  },

  /** Which of these ID hashes are on a roster already (any organization). */
  idCardHashesOnRoster: async (ex: Executor, hashes: string[]) =>
    new Set((await ex.selectFrom('member').select('id_card_hash').where('id_card_hash', 'in', hashes).execute()).map((r) => r.id_card_hash)),

  /**
   * Stages rows of a preview, 200 per statement. Each statement's rows are built (encrypted) just
   * before it, so the event loop turns between batches rather than after all of them.
   */
  async stageRows<T>(ex: Executor, items: T[], toRow: (item: T) => Insertable<MemberImportRowTable>) {
    for (let i = 0; i < items.length; i += 200) {
      await ex
        .insertInto('member_import_row')
        .values(items.slice(i, i + 200).map(toRow))
        .execute();
    }
  },

  /** The lowest and highest staged row numbers of a job (null when nothing is staged). */
  async stagedSpan(ex: Executor, jobId: number) {
    const span = await ex
      .selectFrom('member_import_row')
      .select((eb) => [eb.fn.min('row_number').as('lo'), eb.fn.max('row_number').as('hi')])
      .where('job_id', '=', jobId)
      .executeTakeFirstOrThrow();
    return span.lo !== null && span.hi !== null ? { lo: Number(span.lo), hi: Number(span.hi) } : null;
  },

  /** How many staged rows of a range of row numbers go to each organization. */
  stagedCountsPerOrg: async (ex: Executor, jobId: number, from: number, to: number) =>
    (
      await ex
        .selectFrom('member_import_row')
        .select(['org_id', (eb) => eb.fn.countAll().as('n')])
        .where('job_id', '=', jobId)
        .where('row_number', '>=', from)
        .where('row_number', '<=', to)
        .groupBy('org_id')
        .execute()
    ).map((c) => ({ orgId: c.org_id, n: Number(c.n) })),

  /** How many staged rows of a range of row numbers hold an ID that is on a roster now. */
  stagedAlreadyOnRoster: async (ex: Executor, jobId: number, from: number, to: number) =>
    Number(
      (
        await ex
          .selectFrom('member_import_row as r')
          .innerJoin('member as m', 'm.id_card_hash', 'r.id_card_hash')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('r.job_id', '=', jobId)
          .where('r.row_number', '>=', from)
          .where('r.row_number', '<=', to)
          .executeTakeFirstOrThrow()
      ).n,
    ),

  /** The paths of the organizations with these ids that exist (500 ids per statement). */
  async orgPaths(ex: Executor, ids: number[]) {
    const out: { id: number; path: string }[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      out.push(
        ...(await ex
          .selectFrom('organization')
          .select(['id', 'path'])
          .where('id', 'in', ids.slice(i, i + 500))
          .execute()),
      );
    }
    return out;
  },

  /**
   * Moves the staged rows of a range of row numbers onto the roster as active members: one
   * INSERT … SELECT (a bulk insert: see db/database.ts) and one DELETE from staging.
   */
  async moveOntoRoster(ex: Executor, dialect: Dialect, jobId: number, from: number, to: number, at: string) {
    await bulkInsert(dialect, ex.insertInto('member'))
      .columns([...copiedColumns, 'status', 'note', 'created_at', 'updated_at'])
      .expression((eb) =>
        eb
          .selectFrom('member_import_row')
          .select(copiedColumns)
          .select((e) => [e.val('active').as('status'), 'note', e.val(at).as('created_at'), e.val(at).as('updated_at')])
          .where('job_id', '=', jobId)
          .where('row_number', '>=', from)
          .where('row_number', '<=', to)
          .orderBy('row_number'),
      )
      .execute();
    await ex.deleteFrom('member_import_row').where('job_id', '=', jobId).where('row_number', '>=', from).where('row_number', '<=', to).execute();
  },
};

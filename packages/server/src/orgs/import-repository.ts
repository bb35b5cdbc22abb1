import type { Insertable } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { OrgImportRowTable, Organization } from '../db/schema.ts';
import { pathInSubtree } from '../access/repository/subtree.ts';

/** The staging of an organization import (org_import_row) and the organizations it checks against. */
export const orgImportRepository = {
  /** The active organizations of the import root's subtree with these codes (500 codes per statement). */
  async activeByCodeInScope(ex: Executor, rootPath: string, codes: string[]) {
    const out: Pick<Organization, 'id' | 'code' | 'path' | 'depth' | 'type_code' | 'status'>[] = [];
    for (let i = 0; i < codes.length; i += 500) {
      out.push(
        ...(await ex
          .selectFrom('organization')
          .select(['id', 'code', 'path', 'depth', 'type_code', 'status'])
          .where('code', 'in', codes.slice(i, i + 500))
          .where(pathInSubtree('path', rootPath))
          .where('status', '=', 'active')
          .execute()),
      );
    }
    return out;
  },

  /** Which of these codes an organization holds already, anywhere (one statement: the caller bounds the list). */
  codesTaken: async (ex: Executor, codes: string[]) =>
    (await ex.selectFrom('organization').select('code').where('code', 'in', codes).execute()).map((x) => x.code),

  /** Stages the valid rows of a preview, 200 per statement, each statement's rows built (encrypted) just before it. */
  async stageRows<T>(ex: Executor, items: T[], toRow: (item: T) => Insertable<OrgImportRowTable>) {
    for (let i = 0; i < items.length; i += 200) {
      await ex
        .insertInto('org_import_row')
        .values(items.slice(i, i + 200).map(toRow))
        .execute();
    }
  },

  /** A job's staged rows in row order. */
  stagedRows: (ex: Executor, jobId: number) => ex.selectFrom('org_import_row').selectAll().where('job_id', '=', jobId).orderBy('row_number').execute(),

  clearStaged: (ex: Executor, jobId: number) => ex.deleteFrom('org_import_row').where('job_id', '=', jobId).execute(),
};

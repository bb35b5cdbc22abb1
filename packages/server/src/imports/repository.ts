import type { FieldError } from '@zx/domain';
import type { Executor } from '../db/database.ts';

/** The imports' own rows: uploaded files, the problems found in a sheet, and staged rows' upkeep. */
export const importRepository = {
  /** Writes the problems of one import row (every field error, with its row number), 500 rows a statement. */
  async insertIssues(ex: Executor, jobId: number, issues: { rowNumber: number; error: FieldError }[]) {
    for (let i = 0; i < issues.length; i += 500) {
      await ex
        .insertInto('import_issue')
        .values(
          issues.slice(i, i + 500).map(({ rowNumber, error }) => ({
            job_id: jobId,
            row_number: rowNumber,
            field: error.field,
            code: error.code,
            message_zh: error.message.zh,
            message_en: error.message.en,
          })),
        )
        .execute();
    }
  },

  /** The row of a stored upload; files are kept by content hash, so the same bytes again add nothing. */
  recordUpload: (ex: Executor, file: { hash: string; size: number; mime: string; at: string }) =>
    ex
      .insertInto('stored_file')
      .values({ hash: file.hash, size: file.size, mime: file.mime, created_at: file.at })
      .onConflict((oc) => oc.column('hash').doNothing())
      .execute(),

  /** Hashes of the files stored before `cutoffIso`. */
  uploadsBefore: async (ex: Executor, cutoffIso: string) =>
    (await ex.selectFrom('stored_file').select('hash').where('created_at', '<', cutoffIso).execute()).map((f) => f.hash),

  removeUpload: (ex: Executor, hash: string) => ex.deleteFrom('stored_file').where('hash', '=', hash).execute(),

  /** The staged roster and organization rows of jobs created before `cutoffIso`. */
  async deleteStagedRowsOfJobsBefore(ex: Executor, cutoffIso: string) {
    const oldJobs = ex.selectFrom('job').select('id').where('created_at', '<', cutoffIso);
    await ex.deleteFrom('member_import_row').where('job_id', 'in', oldJobs).execute();
    await ex.deleteFrom('org_import_row').where('job_id', 'in', oldJobs).execute();
  },
};

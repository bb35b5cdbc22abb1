import type { AppContext } from '../context.ts';
import type { Actor } from '../auth/actor.ts';
import { conflict } from '../http/errors.ts';
import { requireAccess } from '../access/index.ts';
import { buildWorkbook } from '../imports/xlsx.ts';
import { audit } from '../audit/service.ts';
import { jobRepository } from './repository.ts';
import { presentJob } from './presenter.ts';

/** Jobs are private to the account that started them. */
const ownJob = (ctx: AppContext, actor: Actor, id: number) => requireAccess(ctx.db, actor, null, 'job', id);

export const jobService = {
  get: async (ctx: AppContext, actor: Actor, id: number) => presentJob(await ownJob(ctx, actor, id)),

  /** One page of an import's issues, each message in the reader's language and in both. */
  async issues(ctx: AppContext, actor: Actor, id: number, page: { page: number; pageSize: number }, en: boolean) {
    const job = await ownJob(ctx, actor, id);
    const { rows, total } = await jobRepository.issues(ctx.db, job.id, { limit: page.pageSize, offset: (page.page - 1) * page.pageSize });
    return {
      items: rows.map((r) => ({
        rowNumber: r.row_number,
        field: r.field,
        code: r.code,
        message: en ? r.message_en : r.message_zh,
        messages: { zh: r.message_zh, en: r.message_en },
      })),
      total,
      page: page.page,
      pageSize: page.pageSize,
    };
  },

  /** The error report (.xlsx): every issue row, both languages. */
  async issuesWorkbook(ctx: AppContext, actor: Actor, id: number) {
    const job = await ownJob(ctx, actor, id);
    const rows = await jobRepository.issuesForReport(ctx.db, job.id, 100_000);
    const workbook = await buildWorkbook([
      {
        name: '问题行',
        widths: [10, 16, 28, 70, 70],
        rows: [['行号', '列', '错误代码', '问题说明', 'Problem'], ...rows.map((r) => [r.row_number, r.field, r.code, r.message_zh, r.message_en])],
      },
    ]);
    return { filename: `导入问题清单-${job.id}.xlsx`, workbook };
  },

  /**
   * Commits a finished preview: all rows (only when none has a problem) or only the valid ones.
   * The job is queued again in its commit phase; a second commit finds it no longer a preview.
   */
  async commit(ctx: AppContext, actor: Actor, id: number, mode: 'all' | 'valid_only') {
    const job = await ownJob(ctx, actor, id);
    const { params, result } = job;
    if (job.status !== 'succeeded' || params.phase !== 'preview' || result?.phase !== 'preview') {
      throw conflict('IMPORT_NOT_PREVIEWED', '该导入尚未完成预检或已经导入', 'This import is not a finished preview');
    }
    if (mode === 'all' && result.invalidRows > 0) {
      throw conflict(
        'IMPORT_HAS_ERRORS',
        `有 ${result.invalidRows} 行存在问题，请修正后重新上传，或选择“仅导入无误的行”`,
        `${result.invalidRows} row(s) have problems: fix and upload again, or import only the valid rows`,
      );
    }
    if (result.validRows === 0) throw conflict('IMPORT_NOTHING_VALID', '没有可导入的行', 'There are no valid rows to import');
    await ctx.db.transaction().execute(async (trx) => {
      const res = await jobRepository.requeue(trx, job.id, { ...params, phase: 'commit', mode, preview: result });
      if (Number(res.numUpdatedRows) !== 1) throw conflict('IMPORT_NOT_PREVIEWED', '该导入已在进行中', 'This import is already running');
      await audit(trx, actor, {
        action: `${job.kind}.commit`,
        targetType: 'job',
        targetId: job.id,
        summary: { mode, validRows: result.validRows, invalidRows: result.invalidRows },
      });
    });
    return presentJob((await jobRepository.get(ctx.db, job.id))!);
  },
};
